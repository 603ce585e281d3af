// Command gen regenerates the checked-in Go code of the benchmark schema in
// its three annotated forms (run from bench/: `go generate ./...` or
// `go run ./internal/gen`):
//
//   - proto/lite/bench.proto → gen/litepb: protoc-gen-go, protoc-gen-validate-lite
//     and protoc-gen-fieldmask;
//   - proto/pgv/bench.proto → gen/pgvpb: protoc-gen-go and protoc-gen-validate
//     (lang=go), with validate/validate.proto from the PGV module in the
//     module cache;
//   - proto/pv/bench.proto → gen/pvpb: protoc-gen-go only (protovalidate
//     validates by reflection at run time). buf/validate/validate.proto is not
//     read from disk: its descriptor comes from the generated Go package
//     buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate.
//
// The .proto files are compiled in-process with protocompile into the
// CodeGeneratorRequest protoc would send. protoc-gen-go runs in-process (the
// version in bench/go.mod); the other plugins are built from the versions in
// bench/go.mod (they are `tool` dependencies) and fed the marshalled request
// on stdin, exactly as protoc would.
//
// With -check it writes nothing and fails when a checked-in file differs
// from what it would write (ci.sh runs it so).
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"buf.build/gen/go/bufbuild/protovalidate/protocolbuffers/go/buf/validate"
	"github.com/bufbuild/protocompile"
	"github.com/bufbuild/protocompile/linker"
	"google.golang.org/protobuf/cmd/protoc-gen-go/internal_gengo"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"
)

const module = "github.com/protolite/protolite/bench"

var check = flag.Bool("check", false, "compare with the checked-in files instead of writing them")

// stale counts the files -check found out of date.
var stale int

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	flag.Parse()
	if err := run(); err != nil {
		log.Fatal(err)
	}
	if stale > 0 {
		log.Fatalf("%d generated files are out of date: run go generate in bench/", stale)
	}
}

func run() error {
	benchDir, err := findBenchDir()
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "protolite-bench-gen")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	// Build the plugins from the versions bench/go.mod pins.
	plugins := map[string]string{
		"validate-lite": "github.com/protolite/protolite/cmd/protoc-gen-validate-lite",
		"fieldmask":     "github.com/protolite/protolite/cmd/protoc-gen-fieldmask",
		"validate":      "github.com/envoyproxy/protoc-gen-validate",
	}
	bins := map[string]string{}
	for name, pkg := range plugins {
		bin := filepath.Join(tmp, "protoc-gen-"+name)
		cmd := exec.Command("go", "build", "-o", bin, pkg)
		cmd.Dir = benchDir
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s: %w", pkg, err)
		}
		bins[name] = bin
	}
	pgvDir, err := goOutput(benchDir, "list", "-m", "-f", "{{.Dir}}", "github.com/envoyproxy/protoc-gen-validate")
	if err != nil {
		return err
	}
	importPaths := []string{
		filepath.Join(benchDir, "proto"),
		filepath.Join(benchDir, "..", "options"),
		pgvDir,
	}

	// Start from a clean gen/ so that a removed output does not linger.
	genDir := filepath.Join(benchDir, "gen")
	for _, sub := range []string{"litepb", "pgvpb", "pvpb"} {
		if *check {
			break
		}
		if err := removeGenerated(filepath.Join(genDir, sub)); err != nil {
			return err
		}
	}

	jobs := []struct {
		file    string
		plugins []string // besides protoc-gen-go
		param   map[string]string
	}{
		{"lite/bench.proto", []string{"validate-lite", "fieldmask"}, nil},
		{"pgv/bench.proto", []string{"validate"}, map[string]string{"validate": "lang=go,"}},
		{"pv/bench.proto", nil, nil},
	}
	for _, job := range jobs {
		req, err := compile(importPaths, job.file)
		if err != nil {
			return err
		}
		req.Parameter = proto.String("module=" + module)
		if err := write(benchDir, runGo(req)); err != nil {
			return fmt.Errorf("protoc-gen-go on %s: %w", job.file, err)
		}
		for _, p := range job.plugins {
			r := proto.CloneOf(req)
			r.Parameter = proto.String(job.param[p] + "module=" + module)
			resp, err := runBinary(bins[p], r)
			if err != nil {
				return fmt.Errorf("protoc-gen-%s on %s: %w", p, job.file, err)
			}
			if err := write(benchDir, resp); err != nil {
				return fmt.Errorf("protoc-gen-%s on %s: %w", p, job.file, err)
			}
		}
	}
	return nil
}

// findBenchDir walks up from the working directory to bench/go.mod.
func findBenchDir() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(data, []byte("module "+module+"\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod of module %s above the working directory", module)
		}
		dir = parent
	}
}

func goOutput(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out)), nil
}

// removeGenerated deletes the *.pb.go files of dir (hand-written files stay).
func removeGenerated(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".pb.go") {
			return os.Remove(path)
		}
		return nil
	})
}

// validateProto serves buf/validate/validate.proto from the descriptor
// compiled into protovalidate's generated Go package.
func validateProto(path string) (protocompile.SearchResult, error) {
	if path == validate.File_buf_validate_validate_proto.Path() {
		return protocompile.SearchResult{Desc: validate.File_buf_validate_validate_proto}, nil
	}
	return protocompile.SearchResult{}, fs.ErrNotExist
}

// compile returns the CodeGeneratorRequest protoc would send for file.
func compile(importPaths []string, file string) (*pluginpb.CodeGeneratorRequest, error) {
	compiler := protocompile.Compiler{
		Resolver: protocompile.WithStandardImports(protocompile.CompositeResolver{
			protocompile.ResolverFunc(validateProto),
			&protocompile.SourceResolver{ImportPaths: importPaths},
		}),
		SourceInfoMode: protocompile.SourceInfoStandard,
	}
	compiled, err := compiler.Compile(context.Background(), file)
	if err != nil {
		return nil, err
	}
	req := &pluginpb.CodeGeneratorRequest{FileToGenerate: []string{file}}
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
	// Round-trip through the wire format, as protoc's request would be.
	wire, err := proto.Marshal(req)
	if err != nil {
		return nil, err
	}
	out := &pluginpb.CodeGeneratorRequest{}
	return out, proto.Unmarshal(wire, out)
}

// runGo runs protoc-gen-go in-process.
func runGo(req *pluginpb.CodeGeneratorRequest) *pluginpb.CodeGeneratorResponse {
	gen, err := protogen.Options{}.New(req)
	if err != nil {
		return &pluginpb.CodeGeneratorResponse{Error: proto.String(err.Error())}
	}
	for _, f := range gen.Files {
		if f.Generate {
			internal_gengo.GenerateFile(gen, f)
		}
	}
	return gen.Response()
}

// runBinary runs a plugin binary with req on stdin.
func runBinary(bin string, req *pluginpb.CodeGeneratorRequest) (*pluginpb.CodeGeneratorResponse, error) {
	in, err := proto.Marshal(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin)
	cmd.Stdin = bytes.NewReader(in)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	resp := &pluginpb.CodeGeneratorResponse{}
	return resp, proto.Unmarshal(out, resp)
}

func write(root string, resp *pluginpb.CodeGeneratorResponse) error {
	if resp.GetError() != "" {
		return fmt.Errorf("%s", resp.GetError())
	}
	for _, f := range resp.GetFile() {
		path := filepath.Join(root, filepath.FromSlash(f.GetName()))
		if *check {
			if old, err := os.ReadFile(path); err != nil || string(old) != f.GetContent() {
				fmt.Println("out of date:", filepath.ToSlash(f.GetName()))
				stale++
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(f.GetContent()), 0o644); err != nil {
			return err
		}
		fmt.Println("wrote", filepath.ToSlash(f.GetName()))
	}
	return nil
}
