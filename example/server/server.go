// Package server is the example user service: an in-memory store of
// accounts behind protolite's validating interceptors.
//
// Requests reach the handlers already validated (the interceptors call the
// ValidateAll methods protoc-gen-validate-lite generated, and answer
// InvalidArgument with a google.rpc.BadRequest on their own); the handlers
// use the methods protoc-gen-fieldmask generated for read masks (FilterMask)
// and update masks (ValidateMask, ValidatePartial, and ApplyMask, which
// honours OUTPUT_ONLY and IMMUTABLE).
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	userv1 "github.com/protolite/protolite/example/gen/user/v1"
	"github.com/protolite/protolite/runtime"
	"github.com/protolite/protolite/runtime/grpcvalidate"
)

// Service implements userv1.UserServiceServer over an in-memory store. Its
// zero value is not usable: call New.
type Service struct {
	userv1.UnimplementedUserServiceServer

	// Now is the clock used for create_time and update_time.
	Now func() time.Time

	mu         sync.Mutex
	users      map[string]*userv1.User // by id
	order      []string                // ids in creation order
	byUsername map[string]string       // username to id
	byRequest  map[string]string       // request_id to id, for idempotent retries
	seq        int
}

// New returns an empty service.
func New() *Service {
	return &Service{
		Now:        time.Now,
		users:      map[string]*userv1.User{},
		byUsername: map[string]string{},
		byRequest:  map[string]string{},
	}
}

// NewServer returns a gRPC server with svc registered behind protolite's
// validating interceptors, which reject an invalid request with
// codes.InvalidArgument and its BadRequest field violations before a handler
// sees it. opts are added after the interceptors.
func NewServer(svc *Service, opts ...grpc.ServerOption) *grpc.Server {
	opts = append([]grpc.ServerOption{
		grpc.ChainUnaryInterceptor(grpcvalidate.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(grpcvalidate.StreamServerInterceptor()),
	}, opts...)
	s := grpc.NewServer(opts...)
	userv1.RegisterUserServiceServer(s, svc)
	return s
}

// CreateUser stores a new account. The server sets the OUTPUT_ONLY fields
// (id, create_time, update_time), ignoring what the client sent in them, as
// AIP-203 asks.
func (s *Service) CreateUser(_ context.Context, req *userv1.CreateUserRequest) (*userv1.User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.byRequest[req.GetRequestId()]; ok && req.GetRequestId() != "" {
		return clone(s.users[id]), nil
	}
	u, err := s.create(req.GetUser())
	if err != nil {
		return nil, err
	}
	if req.GetRequestId() != "" {
		s.byRequest[req.GetRequestId()] = u.GetId()
	}
	return clone(u), nil
}

// create stores a copy of u with its OUTPUT_ONLY fields set; s.mu is held.
func (s *Service) create(in *userv1.User) (*userv1.User, error) {
	if _, taken := s.byUsername[in.GetUsername()]; taken {
		return nil, status.Errorf(codes.AlreadyExists, "username %q is taken", in.GetUsername())
	}
	u := clone(in)
	s.seq++
	u.Id = fmt.Sprintf("00000000-0000-4000-8000-%012x", s.seq)
	now := timestamppb.New(s.Now())
	u.CreateTime, u.UpdateTime = now, now
	if u.GetRole() == userv1.Role_ROLE_UNSPECIFIED {
		u.Role = userv1.Role_ROLE_VIEWER
	}
	s.users[u.Id] = u
	s.order = append(s.order, u.Id)
	s.byUsername[u.GetUsername()] = u.Id
	return u, nil
}

// GetUser returns an account, keeping only the fields of read_mask when it
// is set (AIP-157). A read_mask path that names no field of User fails with
// InvalidArgument and a violation on read_mask.paths[i].
func (s *Service) GetUser(_ context.Context, req *userv1.GetUserRequest) (*userv1.User, error) {
	s.mu.Lock()
	u, ok := s.users[req.GetId()]
	u = clone(u)
	s.mu.Unlock()
	if !ok {
		return nil, status.Errorf(codes.NotFound, "no user with id %q", req.GetId())
	}
	if err := u.FilterMask(req.GetReadMask()); err != nil {
		return nil, runtime.PrefixFields(err, "read_mask")
	}
	return u, nil
}

// UpdateUser changes the fields of update_mask as AIP-134 describes: the
// fields the mask names are copied from the request's user (a named field
// left unset there is cleared), an empty mask means every field populated in
// the request, OUTPUT_ONLY fields are never changed, and changing the
// IMMUTABLE username is an error. The named fields are validated with
// ValidatePartial, and the result must be valid as a whole.
func (s *Service) UpdateUser(_ context.Context, req *userv1.UpdateUserRequest) (*userv1.User, error) {
	patch, mask := req.GetUser(), req.GetUpdateMask()
	// Every path must name a field of User: violations on update_mask.paths[i].
	if err := patch.ValidateMask(mask); err != nil {
		return nil, runtime.PrefixFields(err, "update_mask")
	}

	// The values of the fields the mask names must be valid; AIP-134 asks to
	// ignore the others (the request's user is partial: its rules that
	// concern other fields, such as the required contact, do not apply).
	// With an empty mask, the populated fields are checked on the result.
	if len(mask.GetPaths()) > 0 {
		if err := patch.ValidatePartial(mask); err != nil {
			return nil, runtime.PrefixFields(err, "user")
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.users[patch.GetId()]
	if !ok {
		return nil, status.Errorf(codes.NotFound, "no user with id %q", patch.GetId())
	}
	next := clone(cur)
	if err := next.ApplyMask(patch, mask); err != nil {
		return nil, applyError(err)
	}
	// The stored user was valid, so only the changed fields can break a rule
	// here; validating the result also catches a change that empties the
	// required contact oneof.
	if err := next.ValidateAll(); err != nil {
		return nil, runtime.PrefixFields(err, "user")
	}
	next.UpdateTime = timestamppb.New(s.Now())
	s.users[next.Id] = next
	return clone(next), nil
}

// applyError reports ApplyMask's violations under the request field they
// belong to: a bad path under update_mask, a field (FIELD_IMMUTABLE) under
// user.
func applyError(err error) error {
	var verr *runtime.ValidationError
	if !errors.As(err, &verr) {
		return err
	}
	out := make([]runtime.FieldViolation, 0, len(verr.Violations()))
	for _, v := range verr.Violations() {
		if v.Reason == "FIELD_MASK_INVALID_PATH" {
			v.Field = "update_mask." + v.Field
		} else {
			v.Field = "user." + v.Field
		}
		out = append(out, v)
	}
	return runtime.NewValidationError(out...)
}

// ListUsers streams the accounts in creation order, only those with the
// request's role when it is set, each filtered by read_mask.
func (s *Service) ListUsers(req *userv1.ListUsersRequest, stream grpc.ServerStreamingServer[userv1.User]) error {
	if err := (&userv1.User{}).ValidateMask(req.GetReadMask()); err != nil {
		return runtime.PrefixFields(err, "read_mask")
	}
	s.mu.Lock()
	var users []*userv1.User
	for _, id := range s.order {
		if u := s.users[id]; req.GetRole() == userv1.Role_ROLE_UNSPECIFIED || u.GetRole() == req.GetRole() {
			users = append(users, clone(u))
		}
	}
	s.mu.Unlock()
	for _, u := range users {
		if err := u.FilterMask(req.GetReadMask()); err != nil {
			return runtime.PrefixFields(err, "read_mask")
		}
		if err := stream.Send(u); err != nil {
			return err
		}
	}
	return nil
}

// ImportUsers creates one account per message received. The stream
// interceptor validates each message as it arrives: an invalid one ends the
// call with its violations (the accounts received before it stay created).
func (s *Service) ImportUsers(stream grpc.ClientStreamingServer[userv1.ImportUsersRequest, userv1.ImportUsersResponse]) error {
	resp := &userv1.ImportUsersResponse{}
	for {
		req, err := stream.Recv()
		if err == io.EOF {
			return stream.SendAndClose(resp)
		}
		if err != nil {
			return err // a validation error keeps its BadRequest
		}
		s.mu.Lock()
		u, err := s.create(req.GetUser())
		s.mu.Unlock()
		if err != nil {
			return err
		}
		resp.Ids = append(resp.Ids, u.GetId())
	}
}

func clone(u *userv1.User) *userv1.User {
	if u == nil {
		return nil
	}
	return proto.Clone(u).(*userv1.User)
}
