package genbench

import (
	"flag"
	"fmt"
	"path/filepath"
	"testing"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/internal/maskgen"
	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/internal/validategen"
)

// The schema: 2,000 messages in 100 files of 20 (-genbench.messages
// changes the count, for a quick run: bench/ci.sh passes 100).
const schemaFiles = 100

var schemaMessages = flag.Int("genbench.messages", 2000, "messages in the benchmark schema (a multiple of 100)")

// request compiles a schema of files files of perFile messages into the
// CodeGeneratorRequest protoc would send, marshalled.
func request(tb testing.TB, files, perFile int) []byte {
	tb.Helper()
	root, err := plugintest.RepoRoot()
	if err != nil {
		tb.Fatal(err)
	}
	dir := tb.TempDir()
	paths, err := WriteSchema(dir, files, perFile)
	if err != nil {
		tb.Fatal(err)
	}
	req, err := plugintest.Compile([]string{dir, filepath.Join(root, "options")}, "", paths...)
	if err != nil {
		tb.Fatal(err)
	}
	wire, err := proto.Marshal(req)
	if err != nil {
		tb.Fatal(err)
	}
	return wire
}

// plugins are the three generators, each run as its main would: options
// parsed from the request's parameter, then the generator.
var plugins = []struct {
	name string
	run  func(*pluginpb.CodeGeneratorRequest) *pluginpb.CodeGeneratorResponse
}{
	{"protoc-gen-go", plugintest.RunGo},
	{"validate-lite", func(req *pluginpb.CodeGeneratorRequest) *pluginpb.CodeGeneratorResponse {
		params, opts := validategen.NewOptions()
		return plugintest.Run(req, opts, func(gen *protogen.Plugin) error { return validategen.Generate(gen, params) })
	}},
	{"fieldmask", func(req *pluginpb.CodeGeneratorRequest) *pluginpb.CodeGeneratorResponse {
		return plugintest.Run(req, protogen.Options{}, maskgen.Generate)
	}},
}

// runPlugin does what a plugin process does between reading its stdin and
// writing its stdout: unmarshal the request, generate, marshal the
// response.
func runPlugin(tb testing.TB, wire []byte, run func(*pluginpb.CodeGeneratorRequest) *pluginpb.CodeGeneratorResponse) int {
	req := &pluginpb.CodeGeneratorRequest{}
	if err := proto.Unmarshal(wire, req); err != nil {
		tb.Fatal(err)
	}
	resp := run(req)
	if resp.GetError() != "" {
		tb.Fatal(resp.GetError())
	}
	out, err := proto.Marshal(resp)
	if err != nil {
		tb.Fatal(err)
	}
	return len(out)
}

// TestPluginsGenerateTheSchema checks, on a smaller schema of the same
// shape (to keep `go test ./...` fast), that every plugin accepts it.
func TestPluginsGenerateTheSchema(t *testing.T) {
	const files = 2
	wire := request(t, files, 20)
	for _, p := range plugins {
		req := &pluginpb.CodeGeneratorRequest{}
		if err := proto.Unmarshal(wire, req); err != nil {
			t.Fatal(err)
		}
		resp := p.run(req)
		if resp.GetError() != "" {
			t.Fatalf("%s: %s", p.name, resp.GetError())
		}
		if len(resp.GetFile()) != files {
			t.Errorf("%s: %d files, want %d", p.name, len(resp.GetFile()), files)
		}
	}
}

// BenchmarkGenerate times each plugin on the 2,000-message request, from
// the request's bytes to the response's (process start-up excluded).
func BenchmarkGenerate(b *testing.B) {
	perFile := max(*schemaMessages/schemaFiles, 1)
	wire := request(b, schemaFiles, perFile)
	for _, p := range plugins {
		b.Run(fmt.Sprintf("schema=%dmsgs/plugin=%s", schemaFiles*perFile, p.name), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			start := plugintest.CPUTime()
			for b.Loop() {
				size = runPlugin(b, wire, p.run)
			}
			if cpu := plugintest.CPUTime() - start; cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			}
			b.ReportMetric(float64(size), "out-bytes")
		})
	}
}
