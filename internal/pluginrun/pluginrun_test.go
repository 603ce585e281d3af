package pluginrun_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/internal/maskgen"
	"github.com/protolite/protolite/internal/pluginrun"
	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/internal/validategen"
)

// TestResponseIsProtogens checks that Response, which formats the files
// concurrently, answers exactly what protogen's sequential
// Plugin.Response does, for both generators, under protogen's parameters,
// and with the same error when a file falls outside module=.
func TestResponseIsProtogens(t *testing.T) {
	root, err := plugintest.RepoRoot()
	require.NoError(t, err)
	files := []string{
		"validate/basic/basic.proto", "validate/other/other.proto",
		"fieldmask/library/library.proto", "fieldmask/library/genre.proto", "fieldmask/editions/edition.proto",
	}
	generators := map[string]func(*protogen.Plugin) error{
		"fieldmask":     maskgen.Generate,
		"validate-lite": func(gen *protogen.Plugin) error { return validategen.Generate(gen, nil) },
	}
	for _, parameter := range []string{
		"",
		"paths=source_relative",
		"module=" + plugintest.ModulePath,
		"module=example.com/elsewhere", // an error
		"annotate_code",                // protogen's own path
	} {
		req, err := plugintest.Compile([]string{filepath.Join(root, "testdata"), filepath.Join(root, "options")}, parameter, files...)
		require.NoError(t, err)
		for name, generate := range generators {
			sequential := run(t, req, generate, (*protogen.Plugin).Response)
			concurrent := run(t, req, generate, pluginrun.Response)
			assert.True(t, proto.Equal(sequential, concurrent), "%s, parameter %q: responses differ", name, parameter)
			if parameter == "module=example.com/elsewhere" {
				assert.Contains(t, concurrent.GetError(), "does not match prefix")
			} else {
				assert.Empty(t, concurrent.GetError())
				assert.NotEmpty(t, concurrent.GetFile())
			}
		}
	}
}

func run(t *testing.T, req *pluginpb.CodeGeneratorRequest, generate func(*protogen.Plugin) error,
	respond func(*protogen.Plugin) *pluginpb.CodeGeneratorResponse) *pluginpb.CodeGeneratorResponse {
	t.Helper()
	gen, err := protogen.Options{}.New(req)
	require.NoError(t, err)
	if err := generate(gen); err != nil {
		gen.Error(err)
	}
	return respond(gen)
}
