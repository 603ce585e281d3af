package options_test

import (
	"path/filepath"
	"testing"

	"github.com/protolite/protolite/internal/plugintest"
)

// TestGeneratedOptionsUpToDate regenerates options/*.pb.go from
// options/protolite/*.proto with protoc-gen-go and compares them with the
// checked-in files. `go test ./options -update` rewrites them.
func TestGeneratedOptionsUpToDate(t *testing.T) {
	root, err := plugintest.RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	req, err := plugintest.Compile(
		[]string{filepath.Join(root, "options")},
		"module="+plugintest.ModulePath,
		"protolite/validate.proto", "protolite/fieldmask.proto",
	)
	if err != nil {
		t.Fatal(err)
	}
	plugintest.CheckGolden(t, root, plugintest.RunGo(req))
}
