// Package plugintest runs protoc plugins in-process for tests: it compiles
// .proto files with protocompile into the CodeGeneratorRequest protoc would
// send, runs a protogen generator over it, and compares the generated files
// with checked-in golden copies.
//
// Every test package of the module imports this package (at least for its
// side effect), because it defines the -update flag: `go test ./... -update`
// passes the flag to every test binary, and a binary that does not know it
// fails.
package plugintest

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/linker"
	"google.golang.org/protobuf/cmd/protoc-gen-go/internal_gengo"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/internal/pluginrun"
)

// Update, set by `go test -update`, makes golden comparisons rewrite the
// golden files instead of failing.
var Update = flag.Bool("update", false, "rewrite golden files instead of comparing with them")

// ModulePath is the Go module path of this repository; passing
// "module="+ModulePath to a plugin makes its output paths relative to the
// repository root.
const ModulePath = "github.com/protolite/protolite"

// RepoRoot returns the absolute path of the repository root (the directory
// holding go.mod), found by walking up from the working directory.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if data, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil &&
			bytes.HasPrefix(data, []byte("module "+ModulePath+"\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("plugintest: no go.mod of module %s above the working directory", ModulePath)
		}
		dir = parent
	}
}

// Compile compiles files (paths relative to one of importPaths) and returns
// the CodeGeneratorRequest that protoc would send a plugin given parameter:
// the files to generate, and every file they import, dependencies first,
// with source info so comments reach the generator. The request has been
// through proto.Marshal and proto.Unmarshal, as protoc's would, so custom
// options decode into their generated Go types.
func Compile(importPaths []string, parameter string, files ...string) (*pluginpb.CodeGeneratorRequest, error) {
	compiler := protocompile.Compiler{
		Resolver: protocompile.WithStandardImports(&protocompile.SourceResolver{
			ImportPaths: importPaths,
		}),
		SourceInfoMode: protocompile.SourceInfoStandard,
	}
	compiled, err := compiler.Compile(context.Background(), files...)
	if err != nil {
		return nil, err
	}
	req := &pluginpb.CodeGeneratorRequest{FileToGenerate: files}
	if parameter != "" {
		req.Parameter = proto.String(parameter)
	}
	seen := map[string]bool{}
	var add func(fd protoreflect.FileDescriptor)
	add = func(fd protoreflect.FileDescriptor) {
		if seen[fd.Path()] {
			return
		}
		seen[fd.Path()] = true
		imports := fd.Imports()
		for i := 0; i < imports.Len(); i++ {
			add(imports.Get(i).FileDescriptor)
		}
		var fdp *descriptorpb.FileDescriptorProto
		if res, ok := fd.(linker.Result); ok {
			fdp = res.FileDescriptorProto()
		} else {
			fdp = protodesc.ToFileDescriptorProto(fd)
		}
		req.ProtoFile = append(req.ProtoFile, fdp)
	}
	for _, f := range compiled {
		add(f)
	}
	wire, err := proto.Marshal(req)
	if err != nil {
		return nil, err
	}
	roundTripped := &pluginpb.CodeGeneratorRequest{}
	if err := proto.Unmarshal(wire, roundTripped); err != nil {
		return nil, err
	}
	return roundTripped, nil
}

// Run runs a generator over req the way protogen.Options.Run would over
// protoc's request, and returns the response. A generator error is reported
// in the response's Error field, as protoc would see it.
func Run(req *pluginpb.CodeGeneratorRequest, opts protogen.Options, generate func(*protogen.Plugin) error) *pluginpb.CodeGeneratorResponse {
	plugin, err := opts.New(req)
	if err != nil {
		return &pluginpb.CodeGeneratorResponse{Error: proto.String(err.Error())}
	}
	if err := generate(plugin); err != nil {
		plugin.Error(err)
	}
	return pluginrun.Response(plugin)
}

// RunGo runs protoc-gen-go over req, for the .pb.go files that generated
// helpers are compiled with.
func RunGo(req *pluginpb.CodeGeneratorRequest) *pluginpb.CodeGeneratorResponse {
	return Run(req, protogen.Options{}, func(gen *protogen.Plugin) error {
		for _, f := range gen.Files {
			if f.Generate {
				internal_gengo.GenerateFile(gen, f)
			}
		}
		gen.SupportedFeatures = internal_gengo.SupportedFeatures
		gen.SupportedEditionsMinimum = internal_gengo.SupportedEditionsMinimum
		gen.SupportedEditionsMaximum = internal_gengo.SupportedEditionsMaximum
		return nil
	})
}

// CheckGolden compares each generated file with the file of the same name
// under root, or rewrites it when -update is set. Names are as the plugin
// reported them, so run plugins with "module="+ModulePath to keep them
// relative to the repository root.
func CheckGolden(t testing.TB, root string, resp *pluginpb.CodeGeneratorResponse) {
	t.Helper()
	if resp.GetError() != "" {
		t.Fatalf("generation failed: %s", resp.GetError())
	}
	for _, f := range resp.GetFile() {
		path := filepath.Join(root, filepath.FromSlash(f.GetName()))
		if *Update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(f.GetContent()), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("%s: golden file missing (run go test ./... -update): %v", f.GetName(), err)
			continue
		}
		if string(want) != f.GetContent() {
			t.Errorf("%s differs from its golden copy (run go test ./... -update and review the diff):\n%s",
				f.GetName(), firstDifference(string(want), f.GetContent()))
		}
	}
}

// firstDifference describes the first line where got departs from want.
func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  golden:    %q\n  generated: %q", i+1, w, g)
		}
	}
	return "(no line differs)"
}

// PGVModule is the protoc-gen-validate release whose validate/validate.proto
// the tests compile PGV-annotated schemas against.
const PGVModule = "github.com/envoyproxy/protoc-gen-validate@v1.3.3"

// PGVIncludeDir returns the directory of PGV's module in the Go module cache
// (downloading it through the module proxy the first time), the include
// root of "validate/validate.proto". The file is not copied into this
// repository: it is third-party material, and users have it from PGV.
func PGVIncludeDir() (string, error) {
	out, err := exec.Command("go", "mod", "download", "-json", PGVModule).Output()
	if err != nil {
		return "", fmt.Errorf("plugintest: go mod download %s: %v", PGVModule, err)
	}
	var mod struct{ Dir, Error string }
	if err := json.Unmarshal(out, &mod); err != nil {
		return "", fmt.Errorf("plugintest: go mod download %s: %v", PGVModule, err)
	}
	if mod.Error != "" || mod.Dir == "" {
		return "", fmt.Errorf("plugintest: go mod download %s: %s", PGVModule, mod.Error)
	}
	return mod.Dir, nil
}
