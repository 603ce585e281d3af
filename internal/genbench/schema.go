// Package genbench measures how long protoc-gen-validate-lite and
// protoc-gen-fieldmask take to generate code for a large schema, against
// protoc-gen-go on the same CodeGeneratorRequest:
//
//	go test ./internal/genbench -run '^$' -bench . -benchmem
//
// It lives in the root module because the generators are internal packages;
// the side-by-side benchmarks of generated code are in bench/ (its own
// module), whose run.sh also runs these.
package genbench

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteSchema writes files .proto files of perFile messages each under dir
// (as bench/gen%02d.proto) and returns their paths relative to dir. Every
// message has ten fields with protolite rules: strings with lengths and a
// format, numbers with ranges, an enum, a repeated string with item rules,
// a map, a required nested message (the previous message of the file) and a
// repeated message field, so that both plugins have work on every message.
func WriteSchema(dir string, files, perFile int) ([]string, error) {
	if err := os.MkdirAll(filepath.Join(dir, "bench"), 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for f := 0; f < files; f++ {
		var b strings.Builder
		fmt.Fprintf(&b, `syntax = "proto3";

package protolite.genbench.f%02d;

import "protolite/validate.proto";

option go_package = "example.com/genbench/f%02d;f%02d";

enum Kind {
  KIND_UNSPECIFIED = 0;
  KIND_A = 1;
  KIND_B = 2;
}
`, f, f, f)
		for m := 0; m < perFile; m++ {
			prev := m - 1
			if prev < 0 {
				prev = perFile - 1
			}
			fmt.Fprintf(&b, `
// M%04d is message %d of the file.
message M%04d {
  string name = 1 [(protolite.rules).string = {min_len: 1, max_len: 64}];
  string email = 2 [(protolite.rules).string.email = true];
  int32 count = 3 [(protolite.rules).int32 = {gte: 0, lte: 1000}];
  int64 size = 4 [(protolite.rules).int64.gt = 0];
  double ratio = 5 [(protolite.rules).double = {gte: 0, lte: 1}];
  Kind kind = 6 [(protolite.rules).enum.defined_only = true];
  repeated string tags = 7 [(protolite.rules).repeated = {max_items: 10, items: {string: {min_len: 1}}}];
  map<string, string> labels = 8 [(protolite.rules).map = {max_pairs: 8, keys: {string: {min_len: 1}}}];
  M%04d parent = 9 [(protolite.rules).message.required = true];
  repeated M%04d children = 10 [(protolite.rules).repeated.max_items = 100];
  optional string note = 11 [(protolite.rules).string.max_len = 256];
}
`, m, m, m, prev, prev)
		}
		path := fmt.Sprintf("bench/gen%02d.proto", f)
		if err := os.WriteFile(filepath.Join(dir, path), []byte(b.String()), 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
