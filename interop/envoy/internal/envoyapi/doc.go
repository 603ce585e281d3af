// Package envoyapi links go-control-plane's generated Envoy packages, so
// that their .proto files' descriptors are in protoregistry.GlobalFiles and
// their message types (with PGV's Validate methods) in
// protoregistry.GlobalTypes. Without build tags it links the subset CI
// runs (ci.go); with -tags envoyfull the whole API (full.go).
package envoyapi
