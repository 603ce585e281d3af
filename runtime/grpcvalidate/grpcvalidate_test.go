package grpcvalidate_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"

	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/grpc/test/bufconn"
	"google.golang.org/protobuf/types/known/wrapperspb"

	// Defines the -update flag that `go test ./... -update` passes to every
	// test binary of the module.
	_ "github.com/protolite/protolite/internal/plugintest"

	"github.com/protolite/protolite/runtime"
	"github.com/protolite/protolite/runtime/grpcvalidate"
	"github.com/protolite/protolite/runtime/protoimpl"
)

// No generated code exists yet, so the test requests are wrappers around a
// well-known message with hand-written validators. The embedded pointer
// gives them the proto.Message methods the gRPC codec needs; a receiver
// allocates it before unmarshaling (see newReq).

// validatedReq has the generated API: Validate and ValidateAll. Its value
// must be at least 3 bytes long and lowercase; "X" breaks both rules.
type validatedReq struct{ *wrapperspb.StringValue }

func newReq(v string) *validatedReq { return &validatedReq{wrapperspb.String(v)} }

func (r *validatedReq) collect(v *protoimpl.Violations) {
	if r == nil || r.StringValue == nil {
		return
	}
	s := r.GetValue()
	if len(s) < 3 && v.Add("value", "STRING_MIN_LEN", "value length must be at least 3 bytes") {
		return
	}
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			v.Add("value", "STRING_LOWERCASE", "value must be lowercase")
			return
		}
	}
}

func (r *validatedReq) Validate() error {
	v := protoimpl.FirstOnly()
	r.collect(&v)
	return v.Err()
}

func (r *validatedReq) ValidateAll() error {
	v := protoimpl.CollectAll()
	r.collect(&v)
	return v.Err()
}

var (
	violMinLen = runtime.FieldViolation{Field: "value", Reason: "STRING_MIN_LEN", Description: "value length must be at least 3 bytes"}
	violLower  = runtime.FieldViolation{Field: "value", Reason: "STRING_LOWERCASE", Description: "value must be lowercase"}
)

// foreignReq has a validator from another library: Validate only, returning
// a plain error.
type foreignReq struct{ *wrapperspb.StringValue }

func (r *foreignReq) Validate() error {
	if r != nil && r.GetValue() == "" {
		return errors.New("invalid foreignReq.Value: value is required")
	}
	return nil
}

// The test service: every method echoes the request values it receives and
// records them, so a test can tell what reached the handler.

const serviceName = "protolite.runtime.test.Echo"

type echoServer struct {
	mu       sync.Mutex
	received []string   // every request value a handler saw, in order
	ended    chan error // what each stream handler returned
}

func (s *echoServer) record(v string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.received = append(s.received, v)
}

func (s *echoServer) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.received...)
}

// valueGetter is what the handlers know of a request.
type valueGetter interface{ GetValue() string }

func unaryHandler(method string, newIn func() any) grpc.MethodHandler {
	return func(srv any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor) (any, error) {
		in := newIn()
		if err := dec(in); err != nil {
			return nil, err
		}
		s := srv.(*echoServer)
		h := func(_ context.Context, req any) (any, error) {
			v := req.(valueGetter).GetValue()
			s.record(v)
			return wrapperspb.String(v), nil
		}
		if interceptor == nil {
			return h(ctx, in)
		}
		return interceptor(ctx, in, &grpc.UnaryServerInfo{Server: srv, FullMethod: "/" + serviceName + "/" + method}, h)
	}
}

// streamHandler serves every stream kind: it receives requests until the
// client closes its side (only one for a server-streaming call), answering
// each with an echo (bidi), three echoes (server-streaming) or, at the end,
// all values joined (client-streaming).
func streamHandler(clientStreams, serverStreams bool, newIn func() any) grpc.StreamHandler {
	return func(srv any, stream grpc.ServerStream) (err error) {
		s := srv.(*echoServer)
		defer func() { s.ended <- err }()
		var all []string
		for {
			in := newIn()
			if err := stream.RecvMsg(in); err == io.EOF {
				break
			} else if err != nil {
				return err
			}
			v := in.(valueGetter).GetValue()
			s.record(v)
			all = append(all, v)
			switch {
			case clientStreams && serverStreams:
				if err := stream.SendMsg(wrapperspb.String(v)); err != nil {
					return err
				}
			case serverStreams:
				for range 3 {
					if err := stream.SendMsg(wrapperspb.String(v)); err != nil {
						return err
					}
				}
				return nil
			}
		}
		if !serverStreams {
			return stream.SendMsg(wrapperspb.String(strings.Join(all, ",")))
		}
		return nil
	}
}

func newValidated() any { return &validatedReq{new(wrapperspb.StringValue)} }
func newForeign() any   { return &foreignReq{new(wrapperspb.StringValue)} }
func newPlain() any     { return new(wrapperspb.StringValue) }

var (
	descServerStream = &grpc.StreamDesc{StreamName: "ServerStream", ServerStreams: true}
	descClientStream = &grpc.StreamDesc{StreamName: "ClientStream", ClientStreams: true}
	descBidi         = &grpc.StreamDesc{StreamName: "Bidi", ClientStreams: true, ServerStreams: true}
	descBidiPlain    = &grpc.StreamDesc{StreamName: "BidiPlain", ClientStreams: true, ServerStreams: true}
)

var echoServiceDesc = grpc.ServiceDesc{
	ServiceName: serviceName,
	HandlerType: (*any)(nil),
	Methods: []grpc.MethodDesc{
		{MethodName: "Echo", Handler: unaryHandler("Echo", newValidated)},
		{MethodName: "EchoPlain", Handler: unaryHandler("EchoPlain", newPlain)},
		{MethodName: "EchoForeign", Handler: unaryHandler("EchoForeign", newForeign)},
	},
	Streams: []grpc.StreamDesc{
		{StreamName: "ServerStream", ServerStreams: true, Handler: streamHandler(false, true, newValidated)},
		{StreamName: "ClientStream", ClientStreams: true, Handler: streamHandler(true, false, newValidated)},
		{StreamName: "Bidi", ClientStreams: true, ServerStreams: true, Handler: streamHandler(true, true, newValidated)},
		{StreamName: "BidiPlain", ClientStreams: true, ServerStreams: true, Handler: streamHandler(true, true, newPlain)},
	},
}

func echoMethod(name string) string { return "/" + serviceName + "/" + name }

// echoEnv is a real gRPC server on an in-memory listener.
type echoEnv struct {
	srv *echoServer
	lis *bufconn.Listener
}

// startEchoServer serves the echo service; with validate, through the two
// validating server interceptors configured by opts.
func startEchoServer(t *testing.T, validate bool, opts ...grpcvalidate.Option) *echoEnv {
	t.Helper()
	lis := bufconn.Listen(1 << 20)
	var sopts []grpc.ServerOption
	if validate {
		sopts = append(sopts,
			grpc.ChainUnaryInterceptor(grpcvalidate.UnaryServerInterceptor(opts...)),
			grpc.ChainStreamInterceptor(grpcvalidate.StreamServerInterceptor(opts...)))
	}
	gs := grpc.NewServer(sopts...)
	srv := &echoServer{ended: make(chan error, 64)}
	gs.RegisterService(&echoServiceDesc, srv)
	go func() { _ = gs.Serve(lis) }()
	t.Cleanup(gs.Stop)
	return &echoEnv{srv: srv, lis: lis}
}

// dial connects to the server; with validate, through the two validating
// client interceptors configured by opts.
func (e *echoEnv) dial(t *testing.T, validate bool, opts ...grpcvalidate.Option) *grpc.ClientConn {
	t.Helper()
	dopts := []grpc.DialOption{
		grpc.WithContextDialer(func(ctx context.Context, _ string) (net.Conn, error) { return e.lis.DialContext(ctx) }),
		grpc.WithTransportCredentials(insecure.NewCredentials()),
	}
	if validate {
		dopts = append(dopts,
			grpc.WithChainUnaryInterceptor(grpcvalidate.UnaryClientInterceptor(opts...)),
			grpc.WithChainStreamInterceptor(grpcvalidate.StreamClientInterceptor(opts...)))
	}
	cc, err := grpc.NewClient("passthrough:///bufnet", dopts...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = cc.Close() })
	return cc
}

// nextEnded returns what the next stream handler to finish returned.
func (e *echoEnv) nextEnded(t *testing.T) error {
	t.Helper()
	select {
	case err := <-e.srv.ended:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("no stream handler finished")
		return nil
	}
}

func echoContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func callEcho(ctx context.Context, cc *grpc.ClientConn, name string, req any) (string, error) {
	reply := new(wrapperspb.StringValue)
	err := cc.Invoke(ctx, echoMethod(name), req, reply)
	return reply.GetValue(), err
}

// badRequestOf checks that err converts to an InvalidArgument status carrying
// exactly one BadRequest among its details, and returns that BadRequest.
func badRequestOf(t *testing.T, err error) (*status.Status, *errdetails.BadRequest) {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want an InvalidArgument status with a BadRequest")
	}
	st, ok := status.FromError(err)
	if !ok || st.Code() != codes.InvalidArgument {
		t.Fatalf("status.FromError(%v) = %v, %v; want InvalidArgument, true", err, st, ok)
	}
	var found []*errdetails.BadRequest
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			found = append(found, br)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d BadRequest details among %v, want 1", len(found), st.Details())
	}
	return st, found[0]
}

// fieldViolations flattens a BadRequest for comparisons.
func fieldViolations(br *errdetails.BadRequest) []runtime.FieldViolation {
	var out []runtime.FieldViolation
	for _, fv := range br.GetFieldViolations() {
		out = append(out, runtime.FieldViolation{Field: fv.GetField(), Reason: fv.GetReason(), Description: fv.GetDescription()})
	}
	return out
}

// wantViolations checks err is InvalidArgument with one BadRequest holding
// exactly want.
func wantViolations(t *testing.T, err error, want ...runtime.FieldViolation) {
	t.Helper()
	_, br := badRequestOf(t, err)
	assert.Equal(t, want, fieldViolations(br), "field violations")
}

// rejectedByClient reports whether err was made by the client's interceptor (a
// *runtime.ValidationError) rather than received from the server (a status
// error).
func rejectedByClient(err error) bool {
	var verr *runtime.ValidationError
	return errors.As(err, &verr)
}

func TestUnaryServerInterceptor(t *testing.T) {
	env := startEchoServer(t, true)
	raw := env.dial(t, false) // no client-side validation: the server must reject
	ctx := echoContext(t)

	t.Run("valid request passes", func(t *testing.T) {
		got, err := callEcho(ctx, raw, "Echo", newReq("hello"))
		require.NoError(t, err)
		assert.Equal(t, "hello", got)
	})
	t.Run("invalid request gets InvalidArgument with BadRequest", func(t *testing.T) {
		before := len(env.srv.seen())
		_, err := callEcho(ctx, raw, "Echo", newReq("X"))
		wantViolations(t, err, violMinLen, violLower)
		assert.True(t, !rejectedByClient(err), "the error comes from the server")
		assert.Equal(t, before, len(env.srv.seen()), "the handler must not run")
		st, _ := status.FromError(err)
		assert.True(t, strings.Contains(st.Message(), "value length must be at least 3 bytes"), "message %q", st.Message())
	})
	t.Run("message without validator passes through", func(t *testing.T) {
		got, err := callEcho(ctx, raw, "EchoPlain", wrapperspb.String(""))
		require.NoError(t, err)
		assert.Equal(t, "", got)
	})
	t.Run("foreign validator error becomes InvalidArgument", func(t *testing.T) {
		_, err := callEcho(ctx, raw, "EchoForeign", wrapperspb.String(""))
		st, _ := status.FromError(err)
		assert.Equal(t, codes.InvalidArgument, st.Code())
		assert.Equal(t, "invalid foreignReq.Value: value is required", st.Message())
		assert.Equal(t, 0, len(st.Details()))

		got, err := callEcho(ctx, raw, "EchoForeign", wrapperspb.String("ok"))
		require.NoError(t, err)
		assert.Equal(t, "ok", got)
	})
}

func TestUnaryServerInterceptor_Options(t *testing.T) {
	ctx := echoContext(t)
	t.Run("first violation", func(t *testing.T) {
		env := startEchoServer(t, true, grpcvalidate.WithFirstViolation())
		_, err := callEcho(ctx, env.dial(t, false), "Echo", newReq("X"))
		wantViolations(t, err, violMinLen)
	})
	t.Run("path prefix", func(t *testing.T) {
		env := startEchoServer(t, true, grpcvalidate.WithPathPrefix("body"))
		_, err := callEcho(ctx, env.dial(t, false), "Echo", newReq("X"))
		wantViolations(t, err,
			runtime.FieldViolation{Field: "body.value", Reason: violMinLen.Reason, Description: violMinLen.Description},
			runtime.FieldViolation{Field: "body.value", Reason: violLower.Reason, Description: violLower.Description})
	})
}

func TestStreamServerInterceptor(t *testing.T) {
	env := startEchoServer(t, true)
	raw := env.dial(t, false)
	ctx := echoContext(t)

	t.Run("server streaming", func(t *testing.T) {
		for _, tc := range []struct {
			value   string
			wantErr bool
		}{{"hello", false}, {"", true}} {
			cs, err := raw.NewStream(ctx, descServerStream, echoMethod("ServerStream"))
			require.NoError(t, err)
			require.NoError(t, cs.SendMsg(newReq(tc.value)))
			require.NoError(t, cs.CloseSend())
			var got []string
			for {
				reply := new(wrapperspb.StringValue)
				if err = cs.RecvMsg(reply); err != nil {
					break
				}
				got = append(got, reply.GetValue())
			}
			if tc.wantErr {
				wantViolations(t, err, violMinLen)
				assert.Equal(t, 0, len(got))
				wantViolations(t, env.nextEnded(t), violMinLen)
			} else {
				assert.Equal(t, io.EOF, err)
				assert.Equal(t, []string{"hello", "hello", "hello"}, got)
				assert.NoError(t, env.nextEnded(t))
			}
		}
	})
	t.Run("client streaming validates each message", func(t *testing.T) {
		before := len(env.srv.seen())
		cs, err := raw.NewStream(ctx, descClientStream, echoMethod("ClientStream"))
		require.NoError(t, err)
		require.NoError(t, cs.SendMsg(newReq("one")))
		require.NoError(t, cs.SendMsg(newReq("two")))
		_ = cs.SendMsg(newReq("X")) // may already see io.EOF if the server answered
		_ = cs.CloseSend()
		err = cs.RecvMsg(new(wrapperspb.StringValue))
		wantViolations(t, err, violMinLen, violLower)
		assert.Equal(t, []string{"one", "two"}, env.srv.seen()[before:], "values the handler saw")
		wantViolations(t, env.nextEnded(t), violMinLen, violLower)

		// And a valid stream passes.
		cs, err = raw.NewStream(ctx, descClientStream, echoMethod("ClientStream"))
		require.NoError(t, err)
		require.NoError(t, cs.SendMsg(newReq("one")))
		require.NoError(t, cs.SendMsg(newReq("two")))
		require.NoError(t, cs.CloseSend())
		reply := new(wrapperspb.StringValue)
		require.NoError(t, cs.RecvMsg(reply))
		assert.Equal(t, "one,two", reply.GetValue())
		assert.NoError(t, env.nextEnded(t))
	})
	t.Run("bidi validates each message", func(t *testing.T) {
		cs, err := raw.NewStream(ctx, descBidi, echoMethod("Bidi"))
		require.NoError(t, err)
		for _, v := range []string{"abc", "def"} {
			require.NoError(t, cs.SendMsg(newReq(v)))
			reply := new(wrapperspb.StringValue)
			require.NoError(t, cs.RecvMsg(reply))
			assert.Equal(t, v, reply.GetValue())
		}
		require.NoError(t, cs.SendMsg(newReq("")))
		err = cs.RecvMsg(new(wrapperspb.StringValue))
		wantViolations(t, err, violMinLen)
		wantViolations(t, env.nextEnded(t), violMinLen)
	})
	t.Run("messages without validator pass through", func(t *testing.T) {
		cs, err := raw.NewStream(ctx, descBidiPlain, echoMethod("BidiPlain"))
		require.NoError(t, err)
		for _, v := range []string{"", "X"} {
			require.NoError(t, cs.SendMsg(wrapperspb.String(v)))
			reply := new(wrapperspb.StringValue)
			require.NoError(t, cs.RecvMsg(reply))
			assert.Equal(t, v, reply.GetValue())
		}
		require.NoError(t, cs.CloseSend())
		assert.Equal(t, io.EOF, cs.RecvMsg(new(wrapperspb.StringValue)))
		assert.NoError(t, env.nextEnded(t))
	})
	t.Run("first violation", func(t *testing.T) {
		env := startEchoServer(t, true, grpcvalidate.WithFirstViolation())
		cs, err := env.dial(t, false).NewStream(ctx, descBidi, echoMethod("Bidi"))
		require.NoError(t, err)
		require.NoError(t, cs.SendMsg(newReq("X")))
		wantViolations(t, cs.RecvMsg(new(wrapperspb.StringValue)), violMinLen)
	})
}

func TestUnaryClientInterceptor(t *testing.T) {
	env := startEchoServer(t, false) // the server does not validate: what the client sends arrives
	cc := env.dial(t, true)
	ctx := echoContext(t)

	t.Run("invalid request is not sent", func(t *testing.T) {
		before := len(env.srv.seen())
		_, err := callEcho(ctx, cc, "Echo", newReq("X"))
		wantViolations(t, err, violMinLen, violLower)
		assert.Equal(t, codes.InvalidArgument, status.Code(err))
		assert.True(t, rejectedByClient(err), "errors.As finds the *runtime.ValidationError on the client")
		assert.Equal(t, before, len(env.srv.seen()), "nothing must reach the server")
	})
	t.Run("valid request passes", func(t *testing.T) {
		got, err := callEcho(ctx, cc, "Echo", newReq("hello"))
		require.NoError(t, err)
		assert.Equal(t, "hello", got)
		assert.Equal(t, "hello", env.srv.seen()[len(env.srv.seen())-1])
	})
	t.Run("message without validator passes through", func(t *testing.T) {
		got, err := callEcho(ctx, cc, "EchoPlain", wrapperspb.String("X"))
		require.NoError(t, err)
		assert.Equal(t, "X", got)
	})
	t.Run("foreign validator error", func(t *testing.T) {
		_, err := callEcho(ctx, cc, "EchoForeign", &foreignReq{wrapperspb.String("")})
		st, ok := status.FromError(err)
		assert.True(t, ok, "a status error")
		assert.Equal(t, codes.InvalidArgument, st.Code())
		assert.Equal(t, "invalid foreignReq.Value: value is required", st.Message())
	})
	t.Run("first violation", func(t *testing.T) {
		_, err := callEcho(ctx, env.dial(t, true, grpcvalidate.WithFirstViolation()), "Echo", newReq("X"))
		wantViolations(t, err, violMinLen)
	})
}

func TestStreamClientInterceptor(t *testing.T) {
	ctx := echoContext(t)
	// Each case has its own server, which does not validate: what the client
	// sends arrives. A canceled stream's handler cannot leak into the next.
	setup := func(t *testing.T) (*echoEnv, *grpc.ClientConn) {
		env := startEchoServer(t, false)
		return env, env.dial(t, true)
	}

	t.Run("client streaming: invalid message not sent, stream canceled", func(t *testing.T) {
		env, cc := setup(t)
		before := len(env.srv.seen())
		cs, err := cc.NewStream(ctx, descClientStream, echoMethod("ClientStream"))
		require.NoError(t, err)
		require.NoError(t, cs.SendMsg(newReq("one")))
		err = cs.SendMsg(newReq("X"))
		wantViolations(t, err, violMinLen, violLower)
		assert.True(t, rejectedByClient(err), "the client rejected it")

		// The server never takes the partial stream for a complete one: its
		// handler sees the call canceled, never a clean end of stream.
		assert.Equal(t, codes.Canceled, status.Code(env.nextEnded(t)), "server handler's end")
		// It may or may not have read "one" before the cancellation, but
		// never "X".
		if got := env.srv.seen()[before:]; len(got) > 1 || len(got) == 1 && got[0] != "one" {
			t.Errorf("values the handler saw: %q, want [one] or none", got)
		}

		// The stream reports the validation error from then on.
		wantViolations(t, cs.CloseSend(), violMinLen, violLower)
		wantViolations(t, cs.RecvMsg(new(wrapperspb.StringValue)), violMinLen, violLower)
		_, herr := cs.Header()
		if herr != nil {
			wantViolations(t, herr, violMinLen, violLower)
		}
	})
	t.Run("client streaming: valid stream passes", func(t *testing.T) {
		env, cc := setup(t)
		cs, err := cc.NewStream(ctx, descClientStream, echoMethod("ClientStream"))
		require.NoError(t, err)
		for _, v := range []string{"one", "two", "three"} {
			require.NoError(t, cs.SendMsg(newReq(v)))
		}
		require.NoError(t, cs.CloseSend())
		reply := new(wrapperspb.StringValue)
		require.NoError(t, cs.RecvMsg(reply))
		assert.Equal(t, "one,two,three", reply.GetValue())
		assert.Equal(t, io.EOF, cs.RecvMsg(reply))
		assert.NoError(t, env.nextEnded(t))
	})
	t.Run("server streaming: invalid request not sent", func(t *testing.T) {
		env, cc := setup(t)
		before := len(env.srv.seen())
		cs, err := cc.NewStream(ctx, descServerStream, echoMethod("ServerStream"))
		require.NoError(t, err)
		err = cs.SendMsg(newReq(""))
		wantViolations(t, err, violMinLen)
		wantViolations(t, cs.RecvMsg(new(wrapperspb.StringValue)), violMinLen)
		assert.Equal(t, before, len(env.srv.seen()), "nothing must reach the server")
	})
	t.Run("server streaming: valid request passes", func(t *testing.T) {
		env, cc := setup(t)
		cs, err := cc.NewStream(ctx, descServerStream, echoMethod("ServerStream"))
		require.NoError(t, err)
		require.NoError(t, cs.SendMsg(newReq("abc")))
		require.NoError(t, cs.CloseSend())
		n := 0
		for {
			reply := new(wrapperspb.StringValue)
			if err = cs.RecvMsg(reply); err != nil {
				break
			}
			assert.Equal(t, "abc", reply.GetValue())
			n++
		}
		assert.Equal(t, io.EOF, err)
		assert.Equal(t, 3, n)
		assert.NoError(t, env.nextEnded(t))
	})
	t.Run("bidi: receiver sees the validation error", func(t *testing.T) {
		env, cc := setup(t)
		cs, err := cc.NewStream(ctx, descBidi, echoMethod("Bidi"))
		require.NoError(t, err)
		replies := make(chan string, 8)
		recvErr := make(chan error, 1)
		go func() { // receive concurrently with sending, as bidi clients do
			for {
				reply := new(wrapperspb.StringValue)
				if err := cs.RecvMsg(reply); err != nil {
					recvErr <- err
					close(replies)
					return
				}
				replies <- reply.GetValue()
			}
		}()
		require.NoError(t, cs.SendMsg(newReq("abc")))
		assert.Equal(t, "abc", <-replies)
		wantViolations(t, cs.SendMsg(newReq("AB")), violMinLen, violLower)
		select {
		case err := <-recvErr:
			wantViolations(t, err, violMinLen, violLower)
		case <-time.After(10 * time.Second):
			t.Fatal("the receiver did not stop")
		}
		assert.Equal(t, codes.Canceled, status.Code(env.nextEnded(t)))
	})
	t.Run("messages without validator pass through", func(t *testing.T) {
		env, cc := setup(t)
		cs, err := cc.NewStream(ctx, descBidiPlain, echoMethod("BidiPlain"))
		require.NoError(t, err)
		require.NoError(t, cs.SendMsg(wrapperspb.String("")))
		reply := new(wrapperspb.StringValue)
		require.NoError(t, cs.RecvMsg(reply))
		assert.Equal(t, "", reply.GetValue())
		require.NoError(t, cs.CloseSend())
		assert.Equal(t, io.EOF, cs.RecvMsg(reply))
		assert.NoError(t, env.nextEnded(t))
	})
}

// All four interceptors together: valid traffic flows, and the client
// rejects invalid requests before the server would.
func TestInterceptorsEndToEnd(t *testing.T) {
	env := startEchoServer(t, true)
	cc := env.dial(t, true)
	ctx := echoContext(t)

	got, err := callEcho(ctx, cc, "Echo", newReq("hello"))
	require.NoError(t, err)
	assert.Equal(t, "hello", got)

	_, err = callEcho(ctx, cc, "Echo", newReq("X"))
	wantViolations(t, err, violMinLen, violLower)

	cs, err := cc.NewStream(ctx, descBidi, echoMethod("Bidi"))
	require.NoError(t, err)
	require.NoError(t, cs.SendMsg(newReq("abc")))
	reply := new(wrapperspb.StringValue)
	require.NoError(t, cs.RecvMsg(reply))
	assert.Equal(t, "abc", reply.GetValue())
	require.NoError(t, cs.CloseSend())
	assert.Equal(t, io.EOF, cs.RecvMsg(reply))
	assert.NoError(t, env.nextEnded(t))

	cs, err = cc.NewStream(ctx, descClientStream, echoMethod("ClientStream"))
	require.NoError(t, err)
	require.NoError(t, cs.SendMsg(newReq("abc")))
	wantViolations(t, cs.SendMsg(newReq("")), violMinLen)
	wantViolations(t, cs.RecvMsg(reply), violMinLen)
}

// Unit tests of which validator runs and what error comes out, calling the
// interceptors directly.

type onlyValidateAll struct{ calls *[]string }

func (m onlyValidateAll) ValidateAll() error {
	*m.calls = append(*m.calls, "ValidateAll")
	return runtime.NewValidationError(violMinLen, violLower)
}

type onlyValidate struct{ calls *[]string }

func (m onlyValidate) Validate() error {
	*m.calls = append(*m.calls, "Validate")
	return runtime.NewValidationError(violMinLen)
}

type bothValidators struct{ calls *[]string }

func (m bothValidators) Validate() error {
	*m.calls = append(*m.calls, "Validate")
	return runtime.NewValidationError(violMinLen)
}

func (m bothValidators) ValidateAll() error {
	*m.calls = append(*m.calls, "ValidateAll")
	return runtime.NewValidationError(violMinLen, violLower)
}

type errValidator struct{ err error }

func (m errValidator) Validate() error { return m.err }

// callAll runs req through all four interceptors and returns their errors.
func callAll(t *testing.T, req any, opts ...grpcvalidate.Option) map[string]error {
	t.Helper()
	ctx := context.Background()
	errs := map[string]error{}

	_, errs["unary server"] = grpcvalidate.UnaryServerInterceptor(opts...)(ctx, req, &grpc.UnaryServerInfo{},
		func(context.Context, any) (any, error) { return nil, nil })

	errs["stream server"] = grpcvalidate.StreamServerInterceptor(opts...)(nil, fakeServerStream{}, &grpc.StreamServerInfo{},
		func(_ any, ss grpc.ServerStream) error { return ss.RecvMsg(req) })

	errs["unary client"] = grpcvalidate.UnaryClientInterceptor(opts...)(ctx, "/s/M", req, nil, nil,
		func(context.Context, string, any, any, *grpc.ClientConn, ...grpc.CallOption) error { return nil })

	cs, err := grpcvalidate.StreamClientInterceptor(opts...)(ctx, &grpc.StreamDesc{}, nil, "/s/M",
		func(context.Context, *grpc.StreamDesc, *grpc.ClientConn, string, ...grpc.CallOption) (grpc.ClientStream, error) {
			return fakeClientStream{}, nil
		})
	require.NoError(t, err)
	errs["stream client"] = cs.SendMsg(req)
	return errs
}

func TestInterceptorValidatorChoice(t *testing.T) {
	tests := []struct {
		name      string
		first     bool
		msg       func(*[]string) any
		wantCalls []string
		want      []runtime.FieldViolation
	}{
		{"default prefers ValidateAll", false, func(c *[]string) any { return bothValidators{c} }, []string{"ValidateAll"}, []runtime.FieldViolation{violMinLen, violLower}},
		{"default falls back to Validate", false, func(c *[]string) any { return onlyValidate{c} }, []string{"Validate"}, []runtime.FieldViolation{violMinLen}},
		{"default with ValidateAll only", false, func(c *[]string) any { return onlyValidateAll{c} }, []string{"ValidateAll"}, []runtime.FieldViolation{violMinLen, violLower}},
		{"first violation prefers Validate", true, func(c *[]string) any { return bothValidators{c} }, []string{"Validate"}, []runtime.FieldViolation{violMinLen}},
		{"first violation falls back to ValidateAll", true, func(c *[]string) any { return onlyValidateAll{c} }, []string{"ValidateAll"}, []runtime.FieldViolation{violMinLen, violLower}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []grpcvalidate.Option
			if tt.first {
				opts = append(opts, grpcvalidate.WithFirstViolation())
			}
			var calls []string
			for name, err := range callAll(t, tt.msg(&calls), opts...) {
				t.Run(name, func(t *testing.T) { wantViolations(t, err, tt.want...) })
			}
			assert.Equal(t, 4, len(calls))
			for _, c := range calls {
				assert.Equal(t, tt.wantCalls[0], c)
			}
		})
	}
	t.Run("no validator", func(t *testing.T) {
		for name, err := range callAll(t, wrapperspb.String("")) {
			assert.NoError(t, err, name)
		}
		for name, err := range callAll(t, nil, grpcvalidate.WithFirstViolation()) {
			assert.NoError(t, err, name)
		}
	})
}

func TestInterceptorErrors(t *testing.T) {
	verr := runtime.NewValidationError(violMinLen)
	wrapped := fmt.Errorf("check request: %w", verr)
	tests := []struct {
		name     string
		err      error
		opts     []grpcvalidate.Option
		wantCode codes.Code
		wantMsg  string
		wantSame bool // the validator's error itself
		wantViol []runtime.FieldViolation
	}{
		{name: "validation error", err: verr, wantCode: codes.InvalidArgument, wantMsg: verr.Error(), wantSame: true, wantViol: []runtime.FieldViolation{violMinLen}},
		{name: "wrapped validation error", err: wrapped, wantCode: codes.InvalidArgument, wantMsg: wrapped.Error(), wantSame: true, wantViol: []runtime.FieldViolation{violMinLen}},
		{
			name: "prefixed", err: wrapped, opts: []grpcvalidate.Option{grpcvalidate.WithPathPrefix("req")}, wantCode: codes.InvalidArgument,
			wantMsg:  "validation failed: req.value: value length must be at least 3 bytes [STRING_MIN_LEN]",
			wantViol: []runtime.FieldViolation{{Field: "req.value", Reason: violMinLen.Reason, Description: violMinLen.Description}},
		},
		{name: "plain error", err: errors.New("name: too short"), wantCode: codes.InvalidArgument, wantMsg: "name: too short"},
		{name: "status error kept", err: status.Error(codes.FailedPrecondition, "not now"), wantCode: codes.FailedPrecondition, wantMsg: "not now", wantSame: true},
		{name: "unknown status becomes InvalidArgument", err: status.Error(codes.Unknown, "odd"), wantCode: codes.InvalidArgument, wantMsg: "odd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, err := range callAll(t, errValidator{tt.err}, tt.opts...) {
				st, ok := status.FromError(err)
				assert.True(t, ok, "%s: status.FromError(%v) not ok", name, err)
				assert.Equal(t, tt.wantCode, st.Code(), name)
				assert.Equal(t, tt.wantMsg, st.Message(), name)
				if tt.wantSame {
					assert.True(t, err == tt.err, "%s: got %v, want the validator's error itself", name, err)
				}
				if tt.wantViol != nil {
					wantViolations(t, err, tt.wantViol...)
				}
			}
		})
	}
}

// On the valid path the interceptors allocate nothing: not per unary call,
// and not per stream message.
func TestInterceptorsNoAllocationWhenValid(t *testing.T) {
	ctx := context.Background()
	req := newReq("valid")
	noValidator := wrapperspb.String("")
	for _, opts := range [][]grpcvalidate.Option{nil, {grpcvalidate.WithFirstViolation()}, {grpcvalidate.WithPathPrefix("p")}} {
		usi := grpcvalidate.UnaryServerInterceptor(opts...)
		info := &grpc.UnaryServerInfo{}
		handler := func(_ context.Context, req any) (any, error) { return req, nil }
		uci := grpcvalidate.UnaryClientInterceptor(opts...)
		invoker := func(context.Context, string, any, any, *grpc.ClientConn, ...grpc.CallOption) error { return nil }

		var ss grpc.ServerStream
		_ = grpcvalidate.StreamServerInterceptor(opts...)(nil, fakeServerStream{}, &grpc.StreamServerInfo{},
			func(_ any, s grpc.ServerStream) error { ss = s; return nil })
		cs, err := grpcvalidate.StreamClientInterceptor(opts...)(ctx, &grpc.StreamDesc{}, nil, "/s/M",
			func(context.Context, *grpc.StreamDesc, *grpc.ClientConn, string, ...grpc.CallOption) (grpc.ClientStream, error) {
				return fakeClientStream{}, nil
			})
		require.NoError(t, err)

		for _, m := range []any{req, noValidator} {
			allocs := testing.AllocsPerRun(100, func() {
				if _, err := usi(ctx, m, info, handler); err != nil {
					panic(err)
				}
				if err := uci(ctx, "/s/M", m, nil, nil, invoker); err != nil {
					panic(err)
				}
				if err := ss.RecvMsg(m); err != nil {
					panic(err)
				}
				if err := cs.SendMsg(m); err != nil {
					panic(err)
				}
				if err := cs.RecvMsg(m); err != nil {
					panic(err)
				}
			})
			assert.Zero(t, allocs, "allocations per call with %T", m)
		}
	}
}

// fakeServerStream and fakeClientStream succeed at everything.
type fakeServerStream struct{ grpc.ServerStream }

func (fakeServerStream) RecvMsg(any) error        { return nil }
func (fakeServerStream) Context() context.Context { return context.Background() }

type fakeClientStream struct{ grpc.ClientStream }

func (fakeClientStream) SendMsg(any) error            { return nil }
func (fakeClientStream) RecvMsg(any) error            { return nil }
func (fakeClientStream) CloseSend() error             { return nil }
func (fakeClientStream) Header() (metadata.MD, error) { return nil, nil }
func (fakeClientStream) Context() context.Context     { return context.Background() }
