package example

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/protolite/protolite/example/demo"
	userv1 "github.com/protolite/protolite/example/gen/user/v1"
	"github.com/protolite/protolite/example/server"
	"github.com/protolite/protolite/runtime"
	"github.com/protolite/protolite/runtime/grpcvalidate"
)

// serve starts the example server with opts on a loopback port and returns a
// client connected to it with dialOpts; both stop when the test ends.
func serve(t *testing.T, srv *grpc.Server, dialOpts ...grpc.DialOption) userv1.UserServiceClient {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(lis) //nolint:errcheck // ends with Stop
	t.Cleanup(srv.Stop)
	conn, err := grpc.NewClient(lis.Addr().String(),
		append([]grpc.DialOption{grpc.WithTransportCredentials(insecure.NewCredentials())}, dialOpts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return userv1.NewUserServiceClient(conn)
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

func ada() *userv1.User {
	return &userv1.User{
		Username:    "ada",
		DisplayName: "Ada Lovelace",
		Contact:     &userv1.User_Email{Email: "ada@example.com"},
		Role:        userv1.Role_ROLE_ADMIN,
		Tags:        []string{"math"},
		Labels:      map[string]string{"team": "analytical", "floor": "2"},
		Address:     &userv1.Address{CountryCode: "GB", City: "London"},
	}
}

// violation is a BadRequest field violation without its description.
type violation struct{ field, reason string }

// violations returns the code of err and the field violations of its one
// BadRequest detail, failing when there is not exactly one.
func violations(t *testing.T, err error) (codes.Code, []violation) {
	t.Helper()
	st, ok := status.FromError(err)
	if !ok {
		t.Fatalf("not a status error: %v", err)
	}
	n := 0
	for _, d := range st.Details() {
		if _, ok := d.(*errdetails.BadRequest); ok {
			n++
		}
	}
	if st.Code() == codes.InvalidArgument && n != 1 {
		t.Errorf("%d BadRequest details, want exactly 1", n)
	}
	var out []violation
	for _, fv := range demo.FieldViolations(st) {
		if fv.GetDescription() == "" {
			t.Errorf("violation %s/%s has no description", fv.GetField(), fv.GetReason())
		}
		out = append(out, violation{fv.GetField(), fv.GetReason()})
	}
	return st.Code(), out
}

func wantViolations(t *testing.T, err error, want ...violation) {
	t.Helper()
	if err == nil {
		t.Fatal("call succeeded, want InvalidArgument")
	}
	code, got := violations(t, err)
	if code != codes.InvalidArgument {
		t.Fatalf("code %v (%v), want InvalidArgument", code, err)
	}
	if len(got) != len(want) {
		t.Fatalf("violations:\n got %v\nwant %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("violation %d: got %v, want %v", i, got[i], want[i])
		}
	}
}

func TestRoundTrip(t *testing.T) {
	svc := server.New()
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	svc.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	client := serve(t, server.NewServer(svc))
	c := ctx(t)

	// A valid create: the server sets the OUTPUT_ONLY fields, ignoring the
	// client's values.
	in := ada()
	in.Id = "chosen-by-client"
	in.CreateTime = timestamppb.New(time.Unix(0, 0))
	created, err := client.CreateUser(c, &userv1.CreateUserRequest{User: in, RequestId: "6ba7b810-9dad-41d1-80b4-00c04fd430c8"})
	if err != nil {
		t.Fatalf("CreateUser: %v", err)
	}
	if created.GetId() == "chosen-by-client" || !runtime.IsUUID(created.GetId()) {
		t.Errorf("id %q, want a UUID set by the server", created.GetId())
	}
	if got := created.GetCreateTime().AsTime(); !got.Equal(time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC)) {
		t.Errorf("create_time %v, want the server's clock", got)
	}
	// A retry with the same request_id gives the same user.
	again, err := client.CreateUser(c, &userv1.CreateUserRequest{User: ada(), RequestId: "6ba7b810-9dad-41d1-80b4-00c04fd430c8"})
	if err != nil || again.GetId() != created.GetId() {
		t.Errorf("retry: %v, id %q, want %q", err, again.GetId(), created.GetId())
	}

	t.Run("invalid create", func(t *testing.T) {
		_, err := client.CreateUser(c, &userv1.CreateUserRequest{
			User: &userv1.User{
				Username: "Bob!",
				Role:     userv1.Role(42),
				Tags:     []string{"ops", "ops", ""},
				Labels:   map[string]string{"Team": "x", "b": strings.Repeat("v", 65)},
				Address:  &userv1.Address{CountryCode: "France", City: "Paris"},
			},
			RequestId: "retry-1",
		})
		wantViolations(t, err,
			violation{"user.username", "STRING_PATTERN"},
			violation{"user.display_name", "STRING_MIN_LEN"},
			violation{"user.contact", "ONEOF_REQUIRED"},
			violation{"user.role", "ENUM_DEFINED_ONLY"},
			violation{"user.tags[1]", "REPEATED_UNIQUE"},
			violation{"user.tags[2]", "STRING_MIN_LEN"},
			violation{`user.labels["Team"]`, "STRING_PATTERN"},
			violation{`user.labels["b"]`, "STRING_MAX_LEN"},
			violation{"user.address.country_code", "STRING_LEN"},
			violation{"user.address.country_code", "STRING_PATTERN"},
			violation{"request_id", "STRING_UUID"},
		)
		_, err = client.CreateUser(c, &userv1.CreateUserRequest{})
		wantViolations(t, err, violation{"user", "REQUIRED"})
		u := ada()
		u.Contact = &userv1.User_Phone{Phone: "0123"}
		u.Tags = []string{"a", "b", "c", "d", "e", "f"}
		_, err = client.CreateUser(c, &userv1.CreateUserRequest{User: u})
		wantViolations(t, err,
			violation{"user.phone", "STRING_PATTERN"},
			violation{"user.tags", "REPEATED_MAX_ITEMS"},
		)
		_, err = client.CreateUser(c, &userv1.CreateUserRequest{User: ada()})
		if status.Code(err) != codes.AlreadyExists {
			t.Errorf("duplicate username: %v, want AlreadyExists", err)
		}
	})

	t.Run("read mask", func(t *testing.T) {
		got, err := client.GetUser(c, &userv1.GetUserRequest{
			Id:       created.GetId(),
			ReadMask: userv1.NewUserMask(userv1.UserPaths().DisplayName(), userv1.UserPaths().Address().City(), userv1.UserPaths().LabelsKey("team")),
		})
		if err != nil {
			t.Fatal(err)
		}
		want := &userv1.User{DisplayName: "Ada Lovelace", Address: &userv1.Address{City: "London"}, Labels: map[string]string{"team": "analytical"}}
		if !proto.Equal(got, want) {
			t.Errorf("GetUser with a read mask:\n got %v\nwant %v", got, want)
		}
		full, err := client.GetUser(c, &userv1.GetUserRequest{Id: created.GetId()})
		if err != nil || !proto.Equal(full, created) {
			t.Errorf("GetUser without a mask: %v, %v, want %v", err, full, created)
		}
		_, err = client.GetUser(c, &userv1.GetUserRequest{Id: created.GetId(), ReadMask: &fieldmaskpb.FieldMask{Paths: []string{"email", "address.street", "tags.0"}}})
		wantViolations(t, err,
			violation{"read_mask.paths[1]", "FIELD_MASK_INVALID_PATH"},
			violation{"read_mask.paths[2]", "FIELD_MASK_INVALID_PATH"},
		)
		_, err = client.GetUser(c, &userv1.GetUserRequest{Id: "nope"})
		wantViolations(t, err, violation{"id", "STRING_UUID"})
		_, err = client.GetUser(c, &userv1.GetUserRequest{Id: "6ba7b810-9dad-41d1-80b4-00c04fd430c8"})
		if status.Code(err) != codes.NotFound {
			t.Errorf("unknown id: %v, want NotFound", err)
		}
	})

	t.Run("update mask", func(t *testing.T) {
		before := created
		got, err := client.UpdateUser(c, &userv1.UpdateUserRequest{
			User: &userv1.User{
				Id:          created.GetId(),
				Username:    "ignored",
				DisplayName: "Augusta Ada King",
				Tags:        []string{"ignored"},
				Labels:      map[string]string{"team": "engines"},
				CreateTime:  timestamppb.New(time.Unix(0, 0)),
			},
			UpdateMask: userv1.NewUserMask(
				userv1.UserPaths().DisplayName(),
				userv1.UserPaths().LabelsKey("team"),
				userv1.UserPaths().Address(), // unset in the request: cleared
				userv1.UserPaths().CreateTime(),
			),
		})
		if err != nil {
			t.Fatal(err)
		}
		want := proto.Clone(before).(*userv1.User)
		want.DisplayName = "Augusta Ada King"
		want.Labels["team"] = "engines"
		want.Address = nil
		want.UpdateTime = got.GetUpdateTime()
		if !proto.Equal(got, want) {
			t.Errorf("UpdateUser:\n got %v\nwant %v", got, want)
		}
		if !got.GetUpdateTime().AsTime().After(before.GetUpdateTime().AsTime()) {
			t.Errorf("update_time %v not after %v", got.GetUpdateTime().AsTime(), before.GetUpdateTime().AsTime())
		}
		stored, err := client.GetUser(c, &userv1.GetUserRequest{Id: created.GetId()})
		if err != nil || !proto.Equal(stored, got) {
			t.Errorf("stored %v (%v), want %v", stored, err, got)
		}

		// Only the named fields are validated: the request's user is partial
		// (no contact, an invalid username it does not ask to change).
		got, err = client.UpdateUser(c, &userv1.UpdateUserRequest{
			User:       &userv1.User{Id: created.GetId(), Username: "X!", DisplayName: "Ada King", Tags: []string{"poetry"}},
			UpdateMask: userv1.NewUserMask(userv1.UserPaths().DisplayName(), userv1.UserPaths().Tags()),
		})
		if err != nil {
			t.Fatalf("partial update: %v", err)
		}
		if got.GetDisplayName() != "Ada King" || got.GetUsername() != "ada" || strings.Join(got.GetTags(), ",") != "poetry" {
			t.Errorf("partial update: %v", got)
		}

		// An empty mask updates the fields populated in the request (AIP-134).
		got, err = client.UpdateUser(c, &userv1.UpdateUserRequest{
			User: &userv1.User{Id: created.GetId(), Contact: &userv1.User_Phone{Phone: "+33123456789"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.GetPhone() != "+33123456789" || got.GetEmail() != "" || got.GetDisplayName() != "Ada King" {
			t.Errorf("UpdateUser without a mask: %v", got)
		}

		for _, tc := range []struct {
			name string
			req  *userv1.UpdateUserRequest
			want []violation
		}{
			{"immutable", &userv1.UpdateUserRequest{
				User:       &userv1.User{Id: created.GetId(), Username: "countess"},
				UpdateMask: userv1.NewUserMask(userv1.UserPaths().Username()),
			}, []violation{{"user.username", "FIELD_IMMUTABLE"}}},
			{"bad path", &userv1.UpdateUserRequest{
				User:       &userv1.User{Id: created.GetId()},
				UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"display_name", "nickname"}},
			}, []violation{{"update_mask.paths[1]", "FIELD_MASK_INVALID_PATH"}}},
			{"wildcard below a list", &userv1.UpdateUserRequest{
				User:       &userv1.User{Id: created.GetId()},
				UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"labels.*"}},
			}, []violation{{"update_mask.paths[0]", "FIELD_MASK_INVALID_PATH"}}},
			{"invalid value", &userv1.UpdateUserRequest{
				User:       &userv1.User{Id: created.GetId(), DisplayName: strings.Repeat("x", 65)},
				UpdateMask: userv1.NewUserMask(userv1.UserPaths().DisplayName()),
			}, []violation{{"user.display_name", "STRING_MAX_LEN"}}},
			{"emptied oneof", &userv1.UpdateUserRequest{
				User:       &userv1.User{Id: created.GetId()},
				UpdateMask: userv1.NewUserMask(userv1.UserPaths().Phone()),
			}, []violation{{"user.contact", "ONEOF_REQUIRED"}}},
			{"invalid result", &userv1.UpdateUserRequest{
				// The address was cleared above: setting only its city
				// leaves an address without a country code.
				User:       &userv1.User{Id: created.GetId(), Address: &userv1.Address{City: "Ockham"}},
				UpdateMask: userv1.NewUserMask(userv1.UserPaths().Address().City()),
			}, []violation{{"user.address.country_code", "STRING_LEN"}, {"user.address.country_code", "STRING_PATTERN"}}},
			{"no user", &userv1.UpdateUserRequest{}, []violation{{"user", "REQUIRED"}}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := client.UpdateUser(c, tc.req)
				wantViolations(t, err, tc.want...)
			})
		}
		unchanged, err := client.GetUser(c, &userv1.GetUserRequest{Id: created.GetId()})
		if err != nil || unchanged.GetUsername() != "ada" || unchanged.GetPhone() != "+33123456789" {
			t.Errorf("a rejected update changed the user: %v (%v)", unchanged, err)
		}
	})

	t.Run("streams", func(t *testing.T) {
		stream, err := client.ImportUsers(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"grace", "alan"} {
			u := &userv1.User{Username: name, DisplayName: name, Contact: &userv1.User_Email{Email: name + "@example.com"}, Role: userv1.Role_ROLE_EDITOR}
			if err := stream.Send(&userv1.ImportUsersRequest{User: u}); err != nil {
				t.Fatal(err)
			}
		}
		resp, err := stream.CloseAndRecv()
		if err != nil || len(resp.GetIds()) != 2 {
			t.Fatalf("ImportUsers: %v, %v", resp, err)
		}

		// An invalid message ends the stream with its violations.
		stream, err = client.ImportUsers(c)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []*userv1.User{
			{Username: "edsger", DisplayName: "E", Contact: &userv1.User_Email{Email: "edsger@example.com"}},
			{Username: "barbara", DisplayName: "B", Contact: &userv1.User_Email{Email: "barbara@@example.com"}},
		} {
			if err := stream.Send(&userv1.ImportUsersRequest{User: u}); err != nil {
				break
			}
		}
		_, err = stream.CloseAndRecv()
		wantViolations(t, err, violation{"user.email", "STRING_EMAIL"})

		list, err := client.ListUsers(c, &userv1.ListUsersRequest{
			Role:     userv1.Role_ROLE_EDITOR,
			ReadMask: userv1.NewUserMask(userv1.UserPaths().Username()),
		})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for {
			u, err := list.Recv()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if !proto.Equal(u, &userv1.User{Username: u.GetUsername()}) {
				t.Errorf("ListUsers with read_mask [username] sent %v", u)
			}
			names = append(names, u.GetUsername())
		}
		if strings.Join(names, " ") != "grace alan" {
			t.Errorf("ListUsers(role=EDITOR) = %v, want [grace alan]", names)
		}

		// The server stream's request is validated too.
		list, err = client.ListUsers(c, &userv1.ListUsersRequest{Role: userv1.Role(9)})
		if err == nil {
			_, err = list.Recv()
		}
		wantViolations(t, err, violation{"role", "ENUM_DEFINED_ONLY"})
		list, err = client.ListUsers(c, &userv1.ListUsersRequest{ReadMask: &fieldmaskpb.FieldMask{Paths: []string{"nope"}}})
		if err == nil {
			_, err = list.Recv()
		}
		wantViolations(t, err, violation{"read_mask.paths[0]", "FIELD_MASK_INVALID_PATH"})
	})
}

// TestClientInterceptors checks that protolite's client interceptors reject
// an invalid request before it is sent, with the same BadRequest.
func TestClientInterceptors(t *testing.T) {
	var calls atomic.Int32
	count := func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
		calls.Add(1)
		return handler(ctx, req)
	}
	countStream := func(srv any, ss grpc.ServerStream, _ *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
		calls.Add(1)
		return handler(srv, ss)
	}
	client := serve(t,
		server.NewServer(server.New(), grpc.ChainUnaryInterceptor(count), grpc.ChainStreamInterceptor(countStream)),
		grpc.WithChainUnaryInterceptor(grpcvalidate.UnaryClientInterceptor()),
		grpc.WithChainStreamInterceptor(grpcvalidate.StreamClientInterceptor()),
	)
	c := ctx(t)
	_, err := client.CreateUser(c, &userv1.CreateUserRequest{User: &userv1.User{Username: "x"}})
	wantViolations(t, err,
		violation{"user.username", "STRING_MIN_LEN"},
		violation{"user.display_name", "STRING_MIN_LEN"},
		violation{"user.contact", "ONEOF_REQUIRED"},
	)
	var verr *runtime.ValidationError
	if !errors.As(err, &verr) || len(verr.Violations()) != 3 {
		t.Errorf("errors.As(*runtime.ValidationError): %v", err)
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("the server saw %d calls, want none", n)
	}

	stream, err := client.ImportUsers(c)
	if err != nil {
		t.Fatal(err)
	}
	err = stream.Send(&userv1.ImportUsersRequest{})
	wantViolations(t, err, violation{"user", "REQUIRED"})
	_, err = stream.CloseAndRecv()
	wantViolations(t, err, violation{"user", "REQUIRED"})

	if _, err := client.CreateUser(c, &userv1.CreateUserRequest{User: ada()}); err != nil {
		t.Fatalf("valid request: %v", err)
	}
}

// TestDemo runs the example's client (what cmd/userdemo and
// scripts/demo.sh print) over a loopback connection.
func TestDemo(t *testing.T) {
	client := serve(t, server.NewServer(server.New()))
	var out strings.Builder
	if err := demo.Run(ctx(t), client, &out); err != nil {
		t.Fatalf("demo.Run: %v\n%s", err, out.String())
	}
	for _, want := range []string{
		"rejected: InvalidArgument, 11 field violation(s)",
		"user.contact               ONEOF_REQUIRED",
		`got {username: "ada" display_name: "Ada Lovelace" email: "ada@example.com"}`,
		`display_name: "Augusta Ada King"`,
		"user.username  FIELD_IMMUTABLE",
		"update_mask.paths[1]  FIELD_MASK_INVALID_PATH",
		"user.email  STRING_EMAIL",
		`- {username: "alan" role: ROLE_VIEWER}`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo output lacks %q:\n%s", want, out.String())
		}
	}
}
