// Command userdemo runs the example user service and its client.
//
// With no flags it starts the gRPC server on a loopback port (127.0.0.1:0)
// behind protolite's validating interceptors, runs the client against it and
// prints what each call did. -listen runs only the server, -connect only the
// client, for two processes:
//
//	go run ./cmd/userdemo -listen 127.0.0.1:50051 &
//	go run ./cmd/userdemo -connect 127.0.0.1:50051
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/protolite/protolite/example/demo"
	userv1 "github.com/protolite/protolite/example/gen/user/v1"
	"github.com/protolite/protolite/example/server"
)

func main() {
	listen := flag.String("listen", "", "only serve, on this address (e.g. 127.0.0.1:50051)")
	connect := flag.String("connect", "", "only run the client, against the server at this address")
	flag.Parse()
	log.SetFlags(0)

	switch {
	case *listen != "" && *connect != "":
		log.Fatal("userdemo: give -listen or -connect, not both")
	case *listen != "":
		lis, err := net.Listen("tcp", *listen)
		if err != nil {
			log.Fatal(err)
		}
		srv := server.NewServer(server.New())
		go func() {
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
			defer stop()
			<-ctx.Done()
			srv.GracefulStop()
		}()
		log.Printf("userdemo: serving on %s", lis.Addr())
		if err := srv.Serve(lis); err != nil {
			log.Fatal(err)
		}
	case *connect != "":
		if err := runClient(*connect); err != nil {
			log.Fatal(err)
		}
	default:
		lis, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			log.Fatal(err)
		}
		srv := server.NewServer(server.New())
		go srv.Serve(lis) //nolint:errcheck // ends with Stop below
		defer srv.Stop()
		fmt.Printf("server listening on %s (protolite's unary and stream interceptors)\n\n", lis.Addr())
		if err := runClient(lis.Addr().String()); err != nil {
			srv.Stop()
			log.Fatal(err)
		}
	}
}

func runClient(target string) error {
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return demo.Run(ctx, userv1.NewUserServiceClient(conn), os.Stdout)
}
