// Package example is protolite's example: a small user service
// (proto/user/v1) whose requests are validated by protolite's interceptors
// and whose read and update masks are handled by the methods
// protoc-gen-fieldmask generates. Its packages are gen/user/v1 (the generated
// code, checked in), server (the service), demo (the client that shows what
// happens) and cmd/userdemo (both over a loopback port).
//
// It is a Go module of its own, so that buf and protoc-gen-go-grpc, its Go
// tool dependencies, stay out of protolite's requirements. This package holds
// only the end-to-end tests, and the commands that regenerate gen/:
//
//	go generate    # in example/: builds the plugins into ../bin, runs buf generate
//
//go:generate go build -o ../bin/ github.com/protolite/protolite/cmd/protoc-gen-validate-lite github.com/protolite/protolite/cmd/protoc-gen-fieldmask
//go:generate go tool buf generate
package example
