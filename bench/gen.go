// Package bench compares protolite's generated validators and field-mask
// methods with their peers (protoc-gen-validate, protovalidate,
// fieldmask-utils, aip-go) and with hand-written Go. The benchmarks are in
// the _test.go files of this package; README.md says how to run them.
package bench

//go:generate go run ./internal/gen
