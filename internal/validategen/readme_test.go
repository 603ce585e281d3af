package validategen_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReadmeExcerpt checks that the generated code README.md shows under
// "A worked example" is what the plugin writes for the proto shown above
// it: the proto block is compiled and generated, and each run of lines of
// the Go excerpt between "..." lines must appear, in order, in the output.
// When the generator changes, this test names the README lines to update.
func TestReadmeExcerpt(t *testing.T) {
	root := repoRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	section := string(readme)
	start := strings.Index(section, "## A worked example")
	require.GreaterOrEqual(t, start, 0, "README.md has no section \"A worked example\"")
	section = section[start:]
	protoSource := fencedBlock(t, section, "```proto\n")
	excerpt := fencedBlock(t, section, "```go\n")

	resp := generateSource(t, protoSource, "")
	require.Empty(t, resp.GetError())
	require.Len(t, resp.GetFile(), 1)
	generated := resp.GetFile()[0].GetContent()

	rest := generated
	for _, run := range strings.Split(excerpt, "\t...\n") {
		run = strings.TrimPrefix(run, "...\n")
		i := strings.Index(rest, run)
		if i < 0 {
			t.Fatalf("README.md's generated-code excerpt is stale: this part is not in the plugin's output, in order:\n%s\n\nThe output is:\n%s", run, generated)
		}
		rest = rest[i+len(run):]
	}
}

// fencedBlock returns the body of the first code block of text that opens
// with fence.
func fencedBlock(t *testing.T, text, fence string) string {
	t.Helper()
	start := strings.Index(text, fence)
	require.GreaterOrEqual(t, start, 0, "no %q block", fence)
	body := text[start+len(fence):]
	end := strings.Index(body, "```\n")
	require.GreaterOrEqual(t, end, 0, "unterminated %q block", fence)
	return body[:end]
}

func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	return filepath.Join(dir, "..", "..")
}
