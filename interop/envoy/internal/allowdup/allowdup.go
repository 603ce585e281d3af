// Package allowdup lets go-control-plane's Envoy types and protolite's
// copy of them live in one test binary.
//
// Both sets of generated packages register the same .proto files and full
// names (envoy.config.core.v3.Address, ...) in protobuf's global registry,
// which by default panics on the second registration. Importing this
// package sets GOLANG_PROTOBUF_REGISTRATION_CONFLICT=ignore before any
// generated package registers anything: Go initialises, at each step, the
// package first in import-path order among those whose imports are done
// (the Go spec, "Package initialization"); this one imports nothing but os,
// so it is ready when google.golang.org/protobuf/reflect/protoregistry
// (which imports os too) is, and sorts before it; every generated package
// is initialised after protoregistry. The first registration of a
// name wins: go-control-plane's for Envoy's, cncf/xds's and PGV's files
// (their import paths sort first); the tests never look a type up in the
// global registry without checking whose it is.
package allowdup

import "os"

func init() {
	if os.Getenv("GOLANG_PROTOBUF_REGISTRATION_CONFLICT") == "" {
		os.Setenv("GOLANG_PROTOBUF_REGISTRATION_CONFLICT", "ignore")
	}
}
