package main_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protolite/protolite/internal/plugintest"
)

// TestProtoc builds the plugin and runs it from protoc, as users do, and
// checks that the output is the golden file (but for the protoc version
// line, which the in-process golden test leaves unknown).
func TestProtoc(t *testing.T) {
	protoc, err := exec.LookPath("protoc")
	if err != nil {
		t.Skip("protoc is not installed (scripts/test.sh installs it)")
	}
	root, err := plugintest.RepoRoot()
	require.NoError(t, err)
	dir := t.TempDir()
	plugin := filepath.Join(dir, "protoc-gen-fieldmask")
	build := exec.Command("go", "build", "-o", plugin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	version, err := exec.Command(plugin, "--version").Output()
	require.NoError(t, err)
	// Built in a clone: the release version and how it was built
	// (internal/version.String); a tagged install prints the tag alone.
	assert.Regexp(t, `^protoc-gen-fieldmask v\d+\.\d+\.\d+ \(development build[^)]*\)\n$`, string(version))

	outDir := filepath.Join(dir, "out")
	require.NoError(t, os.Mkdir(outDir, 0o755))
	cmd := exec.Command(protoc,
		"-I", filepath.Join(root, "testdata"), "-I", filepath.Join(root, "options"),
		"--plugin=protoc-gen-fieldmask="+plugin,
		"--fieldmask_out="+outDir, "--fieldmask_opt=module="+plugintest.ModulePath,
		"fieldmask/library/genre.proto", "fieldmask/library/library.proto")
	out, err = cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)

	got, err := os.ReadFile(filepath.Join(outDir, "golden/fieldmask/library/library_fieldmask.pb.go"))
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(root, "golden/fieldmask/library/library_fieldmask.pb.go"))
	require.NoError(t, err)
	protocLine := regexp.MustCompile(`(?m)^// \tprotoc +.*$`)
	assert.Equal(t, string(protocLine.ReplaceAll(want, nil)), string(protocLine.ReplaceAll(got, nil)))
	assert.Regexp(t, `(?m)^// \tprotoc +v\d+\.\d+\.\d+`, string(got))
	// genre.proto has no messages: no file.
	_, err = os.Stat(filepath.Join(outDir, "golden/fieldmask/library/genre_fieldmask.pb.go"))
	assert.True(t, os.IsNotExist(err))
}
