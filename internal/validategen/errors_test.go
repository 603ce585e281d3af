package validategen_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/internal/validategen"
)

// badRuleProto wraps one field declaration (or more) in a file that
// imports the options and the well-known types.
func badRuleProto(body string) string {
	return `syntax = "proto3";
package bad;
import "protolite/validate.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
option go_package = "example.com/bad;bad";
message Item { string name = 1; }
message M {
` + body + `
}
`
}

// TestRulesThatCannotApply checks that every rule that cannot apply to its
// field stops generation with an error naming the file, line, message and
// field, and that no file is written.
func TestRulesThatCannotApply(t *testing.T) {
	cases := []struct {
		name string
		body string
		want string // a part of the error message
	}{
		{"string rules on int32", `int32 f = 1 [(protolite.rules).string.min_len = 1];`, "string rules do not apply to an int32 value; use (protolite.rules).int32"},
		{"int32 rules on string", `string f = 1 [(protolite.rules).int32.gt = 1];`, "int32 rules do not apply to a string value; use (protolite.rules).string"},
		{"uint64 rules on int64", `int64 f = 1 [(protolite.rules).uint64.gt = 1];`, "use (protolite.rules).int64"},
		{"min_len above max_len", `string f = 1 [(protolite.rules).string = {min_len: 5, max_len: 2}];`, "string.min_len (5) is greater than string.max_len (2)"},
		{"len with min_len", `string f = 1 [(protolite.rules).string = {len: 3, min_len: 2}];`, "keep len alone"},
		{"min_bytes above max_bytes", `string f = 1 [(protolite.rules).string = {min_bytes: 5, max_bytes: 2}];`, "string.min_bytes (5) is greater than string.max_bytes (2)"},
		{"bytes min_len above max_len", `bytes f = 1 [(protolite.rules).bytes = {min_len: 5, max_len: 2}];`, "bytes.min_len (5) is greater than bytes.max_len (2)"},
		{"invalid string pattern", `string f = 1 [(protolite.rules).string.pattern = "a(b"];`, `pattern "a(b" is not a valid RE2 expression`},
		{"invalid bytes pattern", `bytes f = 1 [(protolite.rules).bytes.pattern = "[z-a]"];`, `pattern "[z-a]" is not a valid RE2 expression`},
		{"backreference is not RE2", `string f = 1 [(protolite.rules).string.pattern = "(a)\\1"];`, "not a valid RE2 expression"},
		{"int32 in and not_in overlap", `int32 f = 1 [(protolite.rules).int32 = {in: [1, 2], not_in: [2]}];`, "int32.in and int32.not_in both list 2"},
		{"string in and not_in overlap", `string f = 1 [(protolite.rules).string = {in: ["a"], not_in: ["a"]}];`, `string.in and string.not_in both list "a"`},
		{"enum in and not_in overlap", `Kind f = 1 [(protolite.rules).enum = {in: [1], not_in: [1]}];
			enum Kind { KIND_UNSPECIFIED = 0; KIND_A = 1; }`, "enum.in and enum.not_in both list 1"},
		{"lt and lte", `int32 f = 1 [(protolite.rules).int32 = {lt: 5, lte: 6}];`, "int32.lt and int32.lte are both set"},
		{"gt and gte", `double f = 1 [(protolite.rules).double = {gt: 5, gte: 6}];`, "double.gt and double.gte are both set"},
		{"gt at the type maximum", `int32 f = 1 [(protolite.rules).int32.gt = 2147483647];`, "int32.gt is 2147483647, the largest value of the type"},
		{"lt at the type minimum", `sint64 f = 1 [(protolite.rules).sint64.lt = -9223372036854775808];`, "the smallest value of the type"},
		{"lt zero on unsigned", `uint32 f = 1 [(protolite.rules).uint32.lt = 0];`, "uint32.lt is 0, the smallest value of the type"},
		{"NaN bound", `float f = 1 [(protolite.rules).float.gt = nan];`, "float.gt is NaN"},
		{"min_items above max_items", `repeated string f = 1 [(protolite.rules).repeated = {min_items: 3, max_items: 1}];`, "repeated.min_items (3) is greater than repeated.max_items (1)"},
		{"unique on messages", `repeated Item f = 1 [(protolite.rules).repeated.unique = true];`, "repeated.unique applies to scalar, string, bytes and enum items, not messages"},
		{"repeated rules on a singular field", `string f = 1 [(protolite.rules).repeated.min_items = 1];`, "repeated rules do not apply to a string value"},
		{"scalar rules on a repeated field", `repeated string f = 1 [(protolite.rules).string.min_len = 1];`, "string rules do not apply to a repeated field; use (protolite.rules).repeated"},
		{"message rules on a repeated field", `repeated Item f = 1 [(protolite.rules).message.required = true];`, "use (protolite.rules).repeated.items.message"},
		{"repeated rules on a map", `map<string, string> f = 1 [(protolite.rules).repeated.min_items = 1];`, "repeated rules do not apply to a map field"},
		{"min_pairs above max_pairs", `map<string, string> f = 1 [(protolite.rules).map = {min_pairs: 2, max_pairs: 1}];`, "map.min_pairs (2) is greater than map.max_pairs (1)"},
		{"no_sparse on scalar values", `map<string, string> f = 1 [(protolite.rules).map.no_sparse = true];`, "map.no_sparse applies to maps of messages"},
		{"message rules on map keys", `map<string, Item> f = 1 [(protolite.rules).map.keys.message.required = true];`, "map.keys takes the rules of the key type"},
		{"wrong key rules", `map<string, string> f = 1 [(protolite.rules).map.keys.int32.gt = 1];`, "int32 rules do not apply to a string value"},
		{"message rules on a scalar", `string f = 1 [(protolite.rules).message.required = true];`, "message rules apply only to message fields"},
		{"required on a oneof member", `oneof o { Item a = 1 [(protolite.rules).message.required = true]; }`, "remove it, or set (protolite.required) = true on oneof o if one of its members must always be set"},
		{"well_known_regex UNKNOWN", `string f = 1 [(protolite.rules).string.well_known_regex = UNKNOWN];`, "string.well_known_regex = UNKNOWN checks nothing; use HTTP_HEADER_NAME or HTTP_HEADER_VALUE"},
		{"strict without well_known_regex", `string f = 1 [(protolite.rules).string = {min_len: 1, strict: false}];`, "string.strict applies only with string.well_known_regex"},
		{"duration rules on a timestamp", `google.protobuf.Timestamp f = 1 [(protolite.rules).duration.required = true];`, "duration rules do not apply to a value of message type google.protobuf.Timestamp"},
		{"string rules on a message", `Item f = 1 [(protolite.rules).string.min_len = 1];`, "string rules do not apply to a value of message type bad.Item"},
		{"wrapper with the wrong rules", `google.protobuf.Int32Value f = 1 [(protolite.rules).string.min_len = 1];`, "string rules do not apply to an int32 value"},
		{"lt_now with gt_now", `google.protobuf.Timestamp f = 1 [(protolite.rules).timestamp = {lt_now: true, gt_now: true}];`, "admit no value"},
		{"lt_now with a fixed bound", `google.protobuf.Timestamp f = 1 [(protolite.rules).timestamp = {lt_now: true, gt: {seconds: 5}}];`, "cannot be combined with fixed bounds"},
		{"within not positive", `google.protobuf.Timestamp f = 1 [(protolite.rules).timestamp.within = {seconds: -5}];`, "timestamp.within must be a positive duration"},
		{"invalid duration bound", `google.protobuf.Duration f = 1 [(protolite.rules).duration.lt = {seconds: 1, nanos: -5}];`, "in the rules is invalid"},
		{"field named validate", `string validate = 1; string name = 2 [(protolite.rules).string.min_len = 1];`, "the Go field Validate clashes with the generated Validate method"},
		{"field named validate_all", `string name = 1 [(protolite.rules).string.min_len = 1]; int32 validate_all = 2;`, "the Go field ValidateAll clashes with the generated ValidateAll method"},
		{"oneof named validate", `oneof validate { string a = 1 [(protolite.rules).string.min_len = 1]; }`, "rename the oneof"},
		{"duration lt and lte", `google.protobuf.Duration f = 1 [(protolite.rules).duration = {lt: {seconds: 1}, lte: {seconds: 2}}];`, "both an exclusive and an inclusive bound"},
	}
	var catalogue strings.Builder
	catalogue.WriteString(catalogueHeader)
	ran := 0
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ran++
			resp := generateSource(t, badRuleProto(tc.body), "")
			require.NotEmpty(t, resp.GetError(), "generation should fail")
			assert.Contains(t, resp.GetError(), tc.want)
			assert.Regexp(t, `^bad\.proto:\d+:\d+: message bad\.M, (field|oneof) \w+: `, resp.GetError(),
				"the error must name file, line, column, message and field")
			assert.Empty(t, resp.GetFile(), "no file may be written when a rule cannot apply")
			fmt.Fprintf(&catalogue, "\n### %s\n\n```proto\n%s\n```\n\n```\n%s\n```\n",
				tc.name, strings.Join(strings.Fields(strings.ReplaceAll(tc.body, "\n", " ")), " "), resp.GetError())
		})
	}
	if ran == len(cases) { // not when -run picked some cases
		checkCatalogue(t, catalogue.String())
	}
}

// catalogueHeader opens docs/generation-errors.md, which
// TestRulesThatCannotApply writes from its cases with -update and checks
// otherwise, so that every message it lists is the exact one the plugin
// prints.
const catalogueHeader = `# Generation errors of protoc-gen-validate-lite

Every rule that cannot apply stops generation: the plugin writes no file and prints one line per
problem, ` + "`file:line:col: message M, field f: what is wrong; what to do`" + `. Each entry below
is a case of ` + "`TestRulesThatCannotApply`" + ` (internal/validategen/errors_test.go), which
writes this page with ` + "`go test ./internal/validategen -update`" + ` and fails when it is stale:
the field is declared in a message ` + "`M`" + ` of a file ` + "`bad.proto`" + ` (package ` + "`bad`" + `),
which also declares ` + "`message Item { string name = 1; }`" + `. The errors of
protoc-gen-fieldmask are in [fieldmask-generation-errors.md](fieldmask-generation-errors.md).
`

// checkCatalogue compares docs/generation-errors.md with got, or rewrites
// it with -update.
func checkCatalogue(t *testing.T, got string) {
	t.Helper()
	root, err := plugintest.RepoRoot()
	require.NoError(t, err)
	path := filepath.Join(root, "docs", "generation-errors.md")
	if *plugintest.Update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./internal/validategen -update")
	assert.Equal(t, string(want), got, "docs/generation-errors.md is stale: run go test ./internal/validategen -update")
}

// TestOpaqueAPIIsRefused checks the clear error for the Go opaque API,
// whose struct fields generated code cannot reach.
func TestOpaqueAPIIsRefused(t *testing.T) {
	resp := generateSource(t, `edition = "2023";
package bad;
import "protolite/validate.proto";
import "google/protobuf/go_features.proto";
option go_package = "example.com/bad;bad";
option features.(pb.go).api_level = API_OPAQUE;
message M { string name = 1 [(protolite.rules).string.min_len = 1]; }
`, "")
	assert.Regexp(t, `^bad\.proto:\d+:\d+: message bad\.M: the Go opaque API`, resp.GetError())
	assert.Empty(t, resp.GetFile())
}

// TestEveryProblemIsReported checks that all problems of a request are
// reported together, one per line.
func TestEveryProblemIsReported(t *testing.T) {
	resp := generateSource(t, badRuleProto(`
		int32 a = 1 [(protolite.rules).string.min_len = 1];
		string b = 2 [(protolite.rules).string.pattern = "("];
	`), "")
	lines := strings.Split(resp.GetError(), "\n")
	require.Len(t, lines, 2, resp.GetError())
	assert.Contains(t, lines[0], "field a:")
	assert.Contains(t, lines[1], "field b:")
}

// TestBadParameter checks that an unknown field_names value is refused.
func TestBadParameter(t *testing.T) {
	resp := generateSource(t, badRuleProto(`string f = 1 [(protolite.rules).string.min_len = 1];`), "field_names=camel")
	assert.Contains(t, resp.GetError(), `field_names must be "proto" or "json", not "camel"`)
	assert.Empty(t, resp.GetFile())
}

// TestNoRulesNoFile checks that a file without rules gets no output file.
func TestNoRulesNoFile(t *testing.T) {
	resp := generateSource(t, badRuleProto(`string f = 1;`), "")
	assert.Empty(t, resp.GetError())
	assert.Empty(t, resp.GetFile())
}

// generateSource writes source as bad.proto in a temporary directory and
// runs the plugin over it.
func generateSource(t *testing.T, source, parameter string) *pluginpb.CodeGeneratorResponse {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.proto"), []byte(source), 0o644))
	root, err := plugintest.RepoRoot()
	require.NoError(t, err)
	req, err := plugintest.Compile([]string{dir, filepath.Join(root, "options")}, parameter, "bad.proto")
	require.NoError(t, err)
	params, opts := validategen.NewOptions()
	return plugintest.Run(req, opts, func(gen *protogen.Plugin) error {
		return validategen.Generate(gen, params)
	})
}
