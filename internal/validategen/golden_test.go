package validategen_test

import (
	"path/filepath"
	"testing"

	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/internal/validategen"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/types/pluginpb"
)

// goldenSets are the testdata protos whose generated code is checked in
// under golden/validate, one Go package each, with the plugin parameter
// each is generated with.
var goldenSets = []struct {
	file      string
	parameter string
}{
	{"validate/other/other.proto", ""},
	{"validate/basic/basic.proto", ""},
	{"validate/presence/presence.proto", ""},
	{"validate/editions/editions.proto", ""},
	{"validate/jsonnames/jsonnames.proto", "field_names=json"},
	{"validate/pgv/pgv.proto", ""},
	{"validate/update/update.proto", ""},
	{"torture/b/names.proto", ""},
	{"torture/a/names.proto", ""},
}

// includePaths are the include roots of the testdata protos: testdata/,
// protolite's options, and PGV's module for validate/validate.proto.
func includePaths(t *testing.T, root string) []string {
	t.Helper()
	pgv, err := plugintest.PGVIncludeDir()
	if err != nil {
		t.Fatal(err)
	}
	return []string{filepath.Join(root, "testdata"), filepath.Join(root, "options"), pgv}
}

// generate compiles files from testdata and runs the plugin with parameter.
func generate(t *testing.T, parameter string, files ...string) *pluginpb.CodeGeneratorResponse {
	t.Helper()
	root, err := plugintest.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	req, err := plugintest.Compile(includePaths(t, root), parameter, files...)
	if err != nil {
		t.Fatal(err)
	}
	params, opts := validategen.NewOptions()
	return plugintest.Run(req, opts, func(gen *protogen.Plugin) error {
		return validategen.Generate(gen, params)
	})
}

// TestGolden compares the generated code (protoc-gen-go's and ours) for each
// golden set with the files under golden/. `go test ./... -update` rewrites
// them.
func TestGolden(t *testing.T) {
	root, err := plugintest.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range goldenSets {
		t.Run(set.file, func(t *testing.T) {
			req, err := plugintest.Compile(includePaths(t, root), "module="+plugintest.ModulePath, set.file)
			if err != nil {
				t.Fatal(err)
			}
			plugintest.CheckGolden(t, root, plugintest.RunGo(req))
			parameter := "module=" + plugintest.ModulePath
			if set.parameter != "" {
				parameter += "," + set.parameter
			}
			plugintest.CheckGolden(t, root, generate(t, parameter, set.file))
		})
	}
}
