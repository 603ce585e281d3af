// Package grpcvalidate holds gRPC interceptors that validate requests with
// the methods protoc-gen-validate-lite generates: [UnaryServerInterceptor],
// [StreamServerInterceptor], [UnaryClientInterceptor] and
// [StreamClientInterceptor].
//
// They validate a server's incoming request messages and a client's outgoing
// ones. A message is validated by its ValidateAll() error method when it has
// one, else by its Validate() error method (with [WithFirstViolation],
// Validate is preferred); a message with neither passes through untouched.
//
// Unlike go-grpc-middleware's validator interceptor, which rebuilds the
// error from its text, they keep the google.rpc.BadRequest detail: a
// rejected call fails with codes.InvalidArgument and one BadRequest carrying
// a FieldViolation per violation, and client code reads it with
// status.FromError(err) and st.Details().
//
// The error they return is:
//   - the validator's *runtime.ValidationError (or the error wrapping one)
//     itself, whose GRPCStatus method gives that status; on the client side
//     errors.As(err, &verr) works too;
//   - the validator's error unchanged when it already carries a gRPC status
//     with a code other than Unknown (a foreign validator that chose its own
//     status);
//   - otherwise (a plain error from a foreign validator) a status error with
//     codes.InvalidArgument and the error's text (a status with code Unknown
//     keeps its message and details, with code InvalidArgument).
//
// On the valid path the unary interceptors allocate nothing, and the stream
// interceptors allocate only a small wrapper per stream (the client one also
// a cancelable context, see [StreamClientInterceptor]), nothing per message.
//
// The interceptors were in package runtime up to protolite v0.1.0
// (runtime.UnaryServerInterceptor and the others); they live here so that
// runtime, and the programs that use only it, do not depend on gRPC.
package grpcvalidate

import (
	"context"
	"errors"
	"sync"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/protolite/protolite/runtime"
)

// Option configures the interceptors.
type Option func(*interceptorConfig)

type interceptorConfig struct {
	firstOnly bool
	prefix    string
}

// WithFirstViolation makes the interceptors call a message's Validate method
// (first-violation mode, cheaper on invalid input) in preference to
// ValidateAll, so a rejected call reports one violation. A message with only
// ValidateAll is still validated by it.
func WithFirstViolation() Option {
	return func(c *interceptorConfig) { c.firstOnly = true }
}

// WithPathPrefix places every field path of a rejected request under prefix,
// as [runtime.ValidationError.WithPrefix] does: WithPathPrefix("body") reports
// "body.name" for "name". Paths are relative to the request message without
// it, as google.rpc.BadRequest asks; use it only when clients expect another
// root. It applies to *runtime.ValidationError violations only.
func WithPathPrefix(prefix string) Option {
	return func(c *interceptorConfig) { c.prefix = prefix }
}

func newInterceptorConfig(opts []Option) *interceptorConfig {
	c := &interceptorConfig{}
	for _, opt := range opts {
		if opt != nil {
			opt(c)
		}
	}
	return c
}

type validatorAll interface{ ValidateAll() error }

type validatorFirst interface{ Validate() error }

// validate runs m's validator, if any, and returns the error the
// interceptors report, or nil.
func (c *interceptorConfig) validate(m any) error {
	var err error
	if c.firstOnly {
		if v, ok := m.(validatorFirst); ok {
			err = v.Validate()
		} else if v, ok := m.(validatorAll); ok {
			err = v.ValidateAll()
		}
	} else {
		if v, ok := m.(validatorAll); ok {
			err = v.ValidateAll()
		} else if v, ok := m.(validatorFirst); ok {
			err = v.Validate()
		}
	}
	if err == nil {
		return nil
	}
	return c.toStatusError(err)
}

// toStatusError turns a validator's error into the error the interceptors
// return (see the package documentation).
func (c *interceptorConfig) toStatusError(err error) error {
	var verr *runtime.ValidationError
	if errors.As(err, &verr) {
		if c.prefix != "" {
			return verr.WithPrefix(c.prefix)
		}
		return err
	}
	if st, ok := status.FromError(err); ok {
		if st.Code() != codes.Unknown && st.Code() != codes.OK {
			return err
		}
		// A status without a real code: keep its message and details.
		p := st.Proto()
		p.Code = int32(codes.InvalidArgument)
		return status.FromProto(p).Err()
	}
	return status.Error(codes.InvalidArgument, err.Error())
}

// UnaryServerInterceptor returns a server interceptor that validates each
// request before the handler sees it. An invalid request fails with
// codes.InvalidArgument and its google.rpc.BadRequest detail, and the handler
// is not called.
//
//	grpc.NewServer(grpc.ChainUnaryInterceptor(grpcvalidate.UnaryServerInterceptor()))
func UnaryServerInterceptor(opts ...Option) grpc.UnaryServerInterceptor {
	c := newInterceptorConfig(opts)
	return func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		if err := c.validate(req); err != nil {
			return nil, err
		}
		return handler(ctx, req)
	}
}

// StreamServerInterceptor returns a server interceptor that validates every
// message the handler receives on a stream (client-streaming, server-streaming
// and bidirectional alike): the stream's RecvMsg returns the validation error
// for an invalid message, and a handler that returns it ends the call with
// codes.InvalidArgument and the BadRequest detail.
//
//	grpc.NewServer(grpc.ChainStreamInterceptor(grpcvalidate.StreamServerInterceptor()))
func StreamServerInterceptor(opts ...Option) grpc.StreamServerInterceptor {
	c := newInterceptorConfig(opts)
	return func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		return handler(srv, &validatingServerStream{ServerStream: ss, c: c})
	}
}

type validatingServerStream struct {
	grpc.ServerStream
	c *interceptorConfig
}

func (s *validatingServerStream) RecvMsg(m any) error {
	if err := s.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	return s.c.validate(m)
}

// UnaryClientInterceptor returns a client interceptor that validates each
// request before sending it. An invalid request is not sent: the call returns
// the validation error at once (codes.InvalidArgument with the BadRequest
// detail, as the server would have).
//
//	grpc.NewClient(target, grpc.WithChainUnaryInterceptor(grpcvalidate.UnaryClientInterceptor()), ...)
func UnaryClientInterceptor(opts ...Option) grpc.UnaryClientInterceptor {
	c := newInterceptorConfig(opts)
	return func(ctx context.Context, method string, req, reply any, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, callOpts ...grpc.CallOption) error {
		if err := c.validate(req); err != nil {
			return err
		}
		return invoker(ctx, method, req, reply, cc, callOpts...)
	}
}

// StreamClientInterceptor returns a client interceptor that validates every
// message sent on a stream. An invalid message is not sent: SendMsg returns
// the validation error and the stream is canceled (a non-nil SendMsg error
// ends a gRPC client stream and releases its resources), so the server never
// takes a partial stream for a complete one. Later RecvMsg, Header and
// CloseSend calls on the stream return the same validation error.
//
// To cancel the stream it derives a cancelable context per stream, released
// when the stream ends as gRPC documents (RecvMsg or Header returning an
// error, or the caller canceling the context).
//
//	grpc.NewClient(target, grpc.WithChainStreamInterceptor(grpcvalidate.StreamClientInterceptor()), ...)
func StreamClientInterceptor(opts ...Option) grpc.StreamClientInterceptor {
	c := newInterceptorConfig(opts)
	return func(ctx context.Context, desc *grpc.StreamDesc, cc *grpc.ClientConn, method string, streamer grpc.Streamer, callOpts ...grpc.CallOption) (grpc.ClientStream, error) {
		ctx, cancel := context.WithCancel(ctx)
		cs, err := streamer(ctx, desc, cc, method, callOpts...)
		if err != nil {
			cancel()
			return nil, err
		}
		return &validatingClientStream{ClientStream: cs, c: c, cancel: cancel}, nil
	}
}

type validatingClientStream struct {
	grpc.ClientStream
	c      *interceptorConfig
	cancel context.CancelFunc

	mu     sync.Mutex // guards failed; SendMsg and RecvMsg may run concurrently
	failed error
}

func (s *validatingClientStream) SendMsg(m any) error {
	if err := s.c.validate(m); err != nil {
		s.mu.Lock()
		if s.failed == nil {
			s.failed = err
		}
		s.mu.Unlock()
		s.cancel()
		return err
	}
	return s.ClientStream.SendMsg(m)
}

// failure returns the validation error that ended the stream, if any.
func (s *validatingClientStream) failure() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.failed
}

func (s *validatingClientStream) RecvMsg(m any) error {
	err := s.ClientStream.RecvMsg(m)
	if err != nil {
		s.cancel()
		if f := s.failure(); f != nil {
			return f
		}
	}
	return err
}

func (s *validatingClientStream) Header() (md metadata.MD, err error) {
	md, err = s.ClientStream.Header()
	if err != nil {
		s.cancel()
		if f := s.failure(); f != nil {
			return md, f
		}
	}
	return md, err
}

func (s *validatingClientStream) CloseSend() error {
	if f := s.failure(); f != nil {
		return f
	}
	return s.ClientStream.CloseSend()
}
