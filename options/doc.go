// Package options holds the Go types of protolite's custom options, generated
// by protoc-gen-go from options/protolite/validate.proto and
// options/protolite/fieldmask.proto. The plugins read these options from
// descriptors; user code rarely needs this package.
//
// Regenerate the .pb.go files with `go test ./options -update`.
package options
