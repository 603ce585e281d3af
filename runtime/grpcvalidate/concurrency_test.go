package grpcvalidate_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/protolite/protolite/runtime/grpcvalidate"
)

// TestInterceptorsUnderConcurrentStreams runs 64 bidirectional streams at
// once over a real TCP listener on loopback, through the validating server
// interceptors: every valid message is echoed, every invalid one ends its
// stream with InvalidArgument and its BadRequest detail. Run with -race.
func TestInterceptorsUnderConcurrentStreams(t *testing.T) {
	const streams, messages = 64, 20

	lis, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	gs := grpc.NewServer(
		grpc.ChainUnaryInterceptor(grpcvalidate.UnaryServerInterceptor()),
		grpc.ChainStreamInterceptor(grpcvalidate.StreamServerInterceptor()))
	srv := &echoServer{ended: make(chan error, 2*streams)}
	gs.RegisterService(&echoServiceDesc, srv)
	go func() { _ = gs.Serve(lis) }()
	t.Cleanup(gs.Stop)

	cc, err := grpc.NewClient(lis.Addr().String(), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = cc.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	var wg sync.WaitGroup
	errs := make(chan error, streams)
	for s := range streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- runStream(ctx, cc, s, messages)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}

	// Unary calls interleaved from as many goroutines.
	for s := range streams {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := callEcho(ctx, cc, "Echo", newReq(fmt.Sprintf("user%d", s)))
			assert.NoError(t, err)
			_, err = callEcho(ctx, cc, "Echo", newReq(""))
			assert.Equal(t, codes.InvalidArgument, status.Code(err))
		}()
	}
	wg.Wait()
}

// runStream sends messages valid requests on one bidi stream, checking each
// echo, then an invalid one, which must end the stream with the details.
func runStream(ctx context.Context, cc *grpc.ClientConn, id, messages int) error {
	stream, err := cc.NewStream(ctx, descBidi, echoMethod("Bidi"))
	if err != nil {
		return err
	}
	for i := range messages {
		want := fmt.Sprintf("s%d-m%d", id, i)
		if err := stream.SendMsg(newReq(want)); err != nil {
			return err
		}
		got := new(wrapperspb.StringValue)
		if err := stream.RecvMsg(got); err != nil {
			return err
		}
		if got.GetValue() != want {
			return fmt.Errorf("stream %d: echo %q, want %q", id, got.GetValue(), want)
		}
	}
	if err := stream.SendMsg(newReq("")); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	err = stream.RecvMsg(new(wrapperspb.StringValue))
	st, ok := status.FromError(err)
	if !ok || st.Code() != codes.InvalidArgument || len(st.Details()) != 1 {
		return fmt.Errorf("stream %d: invalid message ended with %v, want InvalidArgument with one detail", id, err)
	}
	return nil
}
