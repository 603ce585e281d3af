package validategen_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/compiler/protogen"

	"github.com/protolite/protolite/internal/maskgen"
	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/internal/validategen"
)

// scaleSchema writes a file of n messages, each with rules of several kinds
// and a reference to the next; a chain of depth messages, each holding the
// next in a field; and messages declared one inside the other 31 levels
// deep (protoc and protocompile allow no more than 31).
func scaleSchema(n, depth int) string {
	var b strings.Builder
	b.WriteString(`syntax = "proto3";
package scale;
import "protolite/validate.proto";
option go_package = "example.com/scale;scale";
`)
	for i := range n {
		fmt.Fprintf(&b, `message M%d {
  string name = 1 [(protolite.rules).string = {min_len: 1, max_len: 64, pattern: "^[a-z]+$"}];
  int64 size = 2 [(protolite.rules).int64 = {gte: 0, lt: 1000}];
  repeated string tags = 3 [(protolite.rules).repeated = {max_items: 5, unique: true}];
  map<string, M%d> next = 4 [(protolite.rules).map.keys.string.min_len = 1];
  oneof kind { option (protolite.required) = true; string a = 5; int32 b = 6 [(protolite.rules).int32.gt = 0]; }
}
`, i, (i+1)%n)
	}
	for level := range depth {
		fmt.Fprintf(&b, "message C%d { C%d next = 1; string v = 2 [(protolite.rules).string.min_len = 1]; }\n", level, level+1)
	}
	fmt.Fprintf(&b, "message C%d { string leaf = 1 [(protolite.rules).string.min_len = 1]; }\n", depth)
	const nesting = 31
	for level := range nesting {
		fmt.Fprintf(&b, "%smessage L%d {\n%s  string v%d = 1 [(protolite.rules).string.min_len = 1];\n", strings.Repeat("  ", level), level, strings.Repeat("  ", level), level)
	}
	for level := nesting - 1; level >= 0; level-- {
		fmt.Fprintf(&b, "%s}\n", strings.Repeat("  ", level))
	}
	return b.String()
}

// TestScale generates validators and mask methods for 2,000 mutually
// referring messages, a chain of 50 nested message fields and 31 levels of
// nested declarations, and type-checks the output with protoc-gen-go's.
func TestScale(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and type-checks a large schema")
	}
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "scale.proto"), []byte(scaleSchema(2000, 50)), 0o644))
	root, err := plugintest.RepoRoot()
	require.NoError(t, err)

	start := time.Now()
	req, err := plugintest.Compile([]string{dir, filepath.Join(root, "options")}, "", "scale.proto")
	require.NoError(t, err)
	compiled := time.Since(start)

	start = time.Now()
	params, opts := validategen.NewOptions()
	resp := plugintest.Run(req, opts, func(gen *protogen.Plugin) error { return validategen.Generate(gen, params) })
	generated := time.Since(start)
	require.Empty(t, resp.GetError())
	require.Len(t, resp.GetFile(), 1)

	start = time.Now()
	maskResp := plugintest.Run(req, protogen.Options{}, maskgen.Generate)
	generatedMask := time.Since(start)
	require.Empty(t, maskResp.GetError())

	start = time.Now()
	goResp := plugintest.RunGo(req)
	generatedGo := time.Since(start)

	start = time.Now()
	typeCheck(t, goResp, resp, maskResp)
	t.Logf("2,000 messages, 50-field chain, 31 nested declarations: compile %v; protoc-gen-go %v; "+
		"protoc-gen-validate-lite %v (%d bytes); protoc-gen-fieldmask %v (%d bytes); type-check of all three %v",
		compiled, generatedGo, generated, len(resp.GetFile()[0].GetContent()),
		generatedMask, len(maskResp.GetFile()[0].GetContent()), time.Since(start))
}
