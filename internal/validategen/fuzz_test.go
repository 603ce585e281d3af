package validategen_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/internal/validategen"
	"github.com/protolite/protolite/options"
)

// fuzzFixture is the request for testdata/validate/fuzz/fuzz.proto,
// compiled once.
var fuzzFixture = sync.OnceValues(func() (*pluginpb.CodeGeneratorRequest, error) {
	root, err := plugintest.RepoRoot()
	if err != nil {
		return nil, err
	}
	return plugintest.Compile(
		[]string{filepath.Join(root, "testdata"), filepath.Join(root, "options")},
		"", "validate/fuzz/fuzz.proto")
})

// generatedImports are the packages that generated code (protoc-gen-go's,
// and both plugins') imports.
var generatedImports = []string{
	"github.com/protolite/protolite/options",
	"github.com/protolite/protolite/runtime",
	"github.com/protolite/protolite/runtime/protoimpl",
	"google.golang.org/protobuf/proto",
	"google.golang.org/protobuf/reflect/protoreflect",
	"google.golang.org/protobuf/runtime/protoimpl",
	"google.golang.org/protobuf/types/known/anypb",
	"google.golang.org/protobuf/types/known/fieldmaskpb",
	"google.golang.org/protobuf/types/known/durationpb",
	"google.golang.org/protobuf/types/known/timestamppb",
	"google.golang.org/protobuf/types/known/wrapperspb",
	"bytes", "cmp", "maps", "math", "reflect", "regexp", "slices", "strings", "sync", "unicode/utf8", "unsafe",
}

// typeChecker returns an importer that reads the compiler's export data of
// generatedImports and their dependencies (see plugintest.ExportImporter).
var typeChecker = sync.OnceValues(func() (types.Importer, error) {
	return plugintest.ExportImporter(generatedImports...)
})

// FuzzArbitraryRules puts arbitrary (protolite.rules) bytes on one field of
// the fixture and runs the plugin: it must return an error naming the file,
// message and field, or code that type-checks; never panic.
//
//	go test ./internal/validategen -run '^$' -fuzz FuzzArbitraryRules -fuzztime 5m
func FuzzArbitraryRules(f *testing.F) {
	for _, seed := range []struct {
		field uint8
		rules *options.FieldRules
	}{
		{13, &options.FieldRules{Type: &options.FieldRules_String_{String_: &options.StringRules{MinLen: proto.Uint64(1), Pattern: proto.String(`^\w+$`)}}}},
		{2, &options.FieldRules{Type: &options.FieldRules_Int32{Int32: &options.Int32Rules{In: []int32{1, 2}, Gt: proto.Int32(5), Lt: proto.Int32(1)}}}},
		{0, &options.FieldRules{Type: &options.FieldRules_Float{Float: &options.FloatRules{NotIn: []float32{0, -0}, Finite: proto.Bool(true)}}}},
		{17, &options.FieldRules{Type: &options.FieldRules_Repeated{Repeated: &options.RepeatedRules{Unique: proto.Bool(true), Items: &options.FieldRules{Type: &options.FieldRules_String_{String_: &options.StringRules{WellKnown: &options.StringRules_Email{Email: true}}}}}}}},
		{20, &options.FieldRules{Type: &options.FieldRules_Map{Map: &options.MapRules{NoSparse: proto.Bool(true), Keys: &options.FieldRules{Type: &options.FieldRules_Int64{Int64: &options.Int64Rules{Gte: proto.Int64(0)}}}}}}},
		{22, &options.FieldRules{Type: &options.FieldRules_Duration{Duration: &options.DurationRules{Gt: durationpb.New(1), In: []*durationpb.Duration{durationpb.New(5)}}}}},
		{14, &options.FieldRules{Type: &options.FieldRules_Bytes{Bytes: &options.BytesRules{Prefix: []byte{0, 255}, In: [][]byte{{1}}}}}},
		{16, &options.FieldRules{Message: &options.MessageRules{Required: proto.Bool(true)}}},
		{28, &options.FieldRules{Type: &options.FieldRules_String_{String_: &options.StringRules{NotIn: []string{"\"`"}}}}},
	} {
		raw, err := proto.Marshal(seed.rules)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(seed.field, raw)
	}
	f.Fuzz(func(t *testing.T, field uint8, rules []byte) {
		base, err := fuzzFixture()
		if err != nil {
			t.Fatal(err)
		}
		req := proto.Clone(base).(*pluginpb.CodeGeneratorRequest)
		file := req.ProtoFile[len(req.ProtoFile)-1]
		target := file.MessageType[0]
		fd := target.Field[int(field)%len(target.Field)]
		fd.Options = &descriptorpb.FieldOptions{}
		raw := protowire.AppendTag(nil, 51071, protowire.BytesType)
		fd.Options.ProtoReflect().SetUnknown(protowire.AppendBytes(raw, rules))
		wire, err := proto.Marshal(req)
		if err != nil {
			t.Skip()
		}
		req = &pluginpb.CodeGeneratorRequest{}
		if err := proto.Unmarshal(wire, req); err != nil {
			t.Skip() // not a FieldRules message: protoc would not send it
		}

		params, opts := validategen.NewOptions()
		resp := plugintest.Run(req, opts, func(gen *protogen.Plugin) error { return validategen.Generate(gen, params) })
		if msg := resp.GetError(); msg != "" {
			for _, line := range strings.Split(msg, "\n") {
				if !strings.HasPrefix(line, "validate/fuzz/fuzz.proto") || !strings.Contains(line, "message protolite.test.fuzz.Target") {
					t.Fatalf("generation error does not name the file and message: %q", line)
				}
			}
			if len(resp.GetFile()) != 0 {
				t.Fatal("files written despite an error")
			}
			return
		}
		typeCheck(t, plugintest.RunGo(req), resp)
	})
}

// typeCheck type-checks the Go files of the responses as one package.
func typeCheck(t *testing.T, responses ...*pluginpb.CodeGeneratorResponse) {
	t.Helper()
	fset := token.NewFileSet()
	var files []*ast.File
	var sources []string
	for _, resp := range responses {
		if resp.GetError() != "" {
			t.Fatal(resp.GetError())
		}
		for _, gen := range resp.GetFile() {
			f, err := parser.ParseFile(fset, gen.GetName(), gen.GetContent(), 0)
			if err != nil {
				t.Fatalf("generated code does not parse: %v", err)
			}
			files = append(files, f)
			sources = append(sources, gen.GetContent())
		}
	}
	imp, err := typeChecker()
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: imp}
	if _, err := conf.Check("fuzz", fset, files, nil); err != nil {
		t.Fatalf("generated code does not compile: %v\n%s", err, sources[len(sources)-1])
	}
}
