package example

import (
	"strings"
	"testing"

	"github.com/grpc-ecosystem/go-grpc-middleware/v2/interceptors/validator"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	userv1 "github.com/protolite/protolite/example/gen/user/v1"
	"github.com/protolite/protolite/example/server"
)

// TestGoGRPCMiddlewareInterop plugs the same generated types into
// go-grpc-middleware's validator interceptors: they work (the generated
// Validate and ValidateAll methods satisfy its interfaces, and the request is
// rejected with InvalidArgument), but the status carries only the error's
// text, no google.rpc.BadRequest, while protolite's interceptors keep one
// FieldViolation per broken rule.
func TestGoGRPCMiddlewareInterop(t *testing.T) {
	// The service behind go-grpc-middleware's interceptors alone.
	middlewareOnly := grpc.NewServer(
		grpc.ChainUnaryInterceptor(validator.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(validator.StreamServerInterceptor()),
	)
	userv1.RegisterUserServiceServer(middlewareOnly, server.New())
	theirs := serve(t, middlewareOnly)
	// The service behind protolite's interceptors (server.NewServer).
	ours := serve(t, server.NewServer(server.New()))
	// Both: server.NewServer puts protolite's first, then the options given.
	both := serve(t, server.NewServer(server.New(),
		grpc.ChainUnaryInterceptor(validator.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(validator.StreamServerInterceptor()),
	))

	invalid := &userv1.CreateUserRequest{User: &userv1.User{Username: "Bob!", Contact: &userv1.User_Email{Email: "bob@"}}}
	want := []violation{
		{"user.username", "STRING_PATTERN"},
		{"user.display_name", "STRING_MIN_LEN"},
		{"user.email", "STRING_EMAIL"},
	}
	c := ctx(t)

	// Unary.
	_, err := theirs.CreateUser(c, invalid)
	st := status.Convert(err)
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("go-grpc-middleware: %v, want InvalidArgument", err)
	}
	if len(st.Details()) != 0 {
		t.Errorf("go-grpc-middleware kept %d details; this test documents that it drops them", len(st.Details()))
	}
	for _, v := range want {
		// Only the text is left: clients would have to parse it.
		if !strings.Contains(st.Message(), v.field) {
			t.Errorf("go-grpc-middleware's message %q does not mention %s", st.Message(), v.field)
		}
	}
	_, err = ours.CreateUser(c, invalid)
	wantViolations(t, err, want...)

	// Client stream: the same difference.
	streamErr := func(client userv1.UserServiceClient) error {
		stream, err := client.ImportUsers(c)
		if err != nil {
			return err
		}
		if err := stream.Send(&userv1.ImportUsersRequest{User: invalid.GetUser()}); err != nil {
			t.Logf("Send: %v", err)
		}
		_, err = stream.CloseAndRecv()
		return err
	}
	err = streamErr(theirs)
	if st := status.Convert(err); st.Code() != codes.InvalidArgument || len(st.Details()) != 0 {
		t.Errorf("go-grpc-middleware on a client stream: %v with %d details, want InvalidArgument with none", err, len(st.Details()))
	}
	wantViolations(t, streamErr(ours), want...)

	// Both chained (protolite's first, as server.NewServer does): protolite
	// rejects the request before go-grpc-middleware sees it, so the details
	// survive; a valid request passes both.
	_, err = both.CreateUser(c, invalid)
	wantViolations(t, err, want...)
	if _, err := both.CreateUser(c, &userv1.CreateUserRequest{User: ada()}); err != nil {
		t.Errorf("valid request through both: %v", err)
	}
	if _, err := theirs.CreateUser(c, &userv1.CreateUserRequest{User: ada()}); err != nil {
		t.Errorf("valid request through go-grpc-middleware: %v", err)
	}
}
