package validategen_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/internal/validategen"
)

// compilePGV writes source as pgv.proto in a temporary directory and
// compiles it with protolite's and PGV's options on the include path.
func compilePGV(t *testing.T, source string) *pluginpb.CodeGeneratorRequest {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pgv.proto"), []byte(source), 0o644))
	root, err := plugintest.RepoRoot()
	require.NoError(t, err)
	pgv, err := plugintest.PGVIncludeDir()
	require.NoError(t, err)
	req, err := plugintest.Compile([]string{dir, filepath.Join(root, "options"), pgv}, "", "pgv.proto")
	require.NoError(t, err)
	return req
}

// runPlugin runs the plugin over req and returns its response and the
// warnings it wrote.
func runPlugin(req *pluginpb.CodeGeneratorRequest) (*pluginpb.CodeGeneratorResponse, string) {
	var warnings bytes.Buffer
	params, opts := validategen.NewOptions()
	params.Warnings = &warnings
	resp := plugintest.Run(req, opts, func(gen *protogen.Plugin) error {
		return validategen.Generate(gen, params)
	})
	return resp, warnings.String()
}

// pgvProto wraps message bodies in a file that imports PGV's options.
func pgvProto(body string) string {
	return `syntax = "proto3";
package bad;
import "validate/validate.proto";
import "protolite/validate.proto";
option go_package = "example.com/bad;bad";
message Item { string name = 1; }
` + body
}

// TestPGVErrorsNameTheirVocabulary checks that a PGV rule that cannot apply
// is an error worded in PGV's option name, with file, line, message and
// field, and that nothing is written.
func TestPGVErrorsNameTheirVocabulary(t *testing.T) {
	cases := []struct{ body, want string }{
		{`message M { string f = 1 [(validate.rules).int32.gt = 1]; }`,
			"pgv.proto:7:13: message bad.M, field f: int32 rules do not apply to a string value; use (validate.rules).string"},
		{`message M { string f = 1 [(validate.rules).string = {min_len: 5, max_len: 2}]; }`,
			"message bad.M, field f: string.min_len (5) is greater than string.max_len (2)"},
		{`message M { string f = 1 [(validate.rules).string.min_len = 1, (protolite.rules).string.min_len = 1]; }`,
			"message bad.M, field f: the field has both (protolite.rules) and (validate.rules); keep one of them"},
	}
	for _, c := range cases {
		resp, _ := runPlugin(compilePGV(t, pgvProto(c.body)))
		assert.Contains(t, resp.GetError(), c.want)
		assert.Empty(t, resp.GetFile())
	}
}

// TestPGVWarnings checks that the rules PGV accepts but that cannot act on
// decoded messages are warnings under PGV, one each, naming file, line,
// message and field, while the same rules stay errors under protolite's
// own options.
func TestPGVWarnings(t *testing.T) {
	resp, warnings := runPlugin(compilePGV(t, pgvProto(`
message M {
  oneof o { Item a = 1 [(validate.rules).message.required = true]; }
  Item b = 2 [(validate.rules).any.required = true];
  string c = 3 [(validate.rules).string.strict = false];
}`)))
	require.Empty(t, resp.GetError())
	lines := strings.Split(strings.TrimSpace(warnings), "\n")
	require.Len(t, lines, 3, warnings)
	assert.Contains(t, lines[0], "pgv.proto:9:13: message bad.M, field a: warning: message.required has no effect on a oneof member")
	assert.Contains(t, lines[1], "pgv.proto:10:3: message bad.M, field b: warning: any rules apply to google.protobuf.Any, not bad.Item")
	assert.Contains(t, lines[2], "pgv.proto:11:3: message bad.M, field c: warning: string.strict applies only with string.well_known_regex")

	resp, warnings = runPlugin(compilePGV(t, pgvProto(`
message M { Item b = 2 [(protolite.rules).any.required = true]; }`)))
	assert.Contains(t, resp.GetError(), "any rules do not apply to a value of message type bad.Item")
	assert.Empty(t, warnings)
}

// TestEveryMessageUnderPGV checks that a file importing PGV's options gets
// an output file, and methods on each message, even without any rule.
func TestEveryMessageUnderPGV(t *testing.T) {
	resp, _ := runPlugin(compilePGV(t, pgvProto(`message M { string f = 1; }`)))
	require.Empty(t, resp.GetError())
	require.Len(t, resp.GetFile(), 1)
	for _, method := range []string{"func (x *Item) Validate() error", "func (x *M) ValidateAll() error"} {
		assert.Contains(t, resp.GetFile()[0].GetContent(), method)
	}
}

// TestUnknownRuleFields checks that a rule field the plugin does not know,
// in either vocabulary, stops generation with an error naming the message,
// the field and the unknown number. The bytes are what protoc sends for
// an options file newer than the plugin: FieldRules{string: {30: 1}}.
func TestUnknownRuleFields(t *testing.T) {
	stringRules := protowire.AppendTag(nil, 30, protowire.VarintType)
	stringRules = protowire.AppendVarint(stringRules, 1)
	fieldRules := protowire.AppendTag(nil, 14, protowire.BytesType)
	fieldRules = protowire.AppendBytes(fieldRules, stringRules)
	for _, c := range []struct {
		number protowire.Number
		want   string
	}{
		{1071, "(validate.rules): this plugin does not know (validate.rules).string field 30"},
		{51071, "(protolite.rules): this plugin does not know (protolite.rules).string field 30"},
	} {
		req := withRawRules(t, compilePGV(t, pgvProto(`message M { string f = 1; }`)), c.number, fieldRules)
		resp, _ := runPlugin(req)
		assert.Contains(t, resp.GetError(), "message bad.M, field f: "+c.want)
		assert.Empty(t, resp.GetFile())
	}
}

// A field a Duration or Timestamp bound does not declare is refused too: the
// walk goes through every set message of the rules.
func TestUnknownFieldInsideABound(t *testing.T) {
	lt := protowire.AppendTag(nil, 1, protowire.VarintType) // seconds: 1
	lt = protowire.AppendVarint(lt, 1)
	lt = protowire.AppendTag(lt, 3, protowire.VarintType) // not in Duration
	lt = protowire.AppendVarint(lt, 1)
	durationRules := protowire.AppendTag(nil, 3, protowire.BytesType) // lt
	durationRules = protowire.AppendBytes(durationRules, lt)
	fieldRules := protowire.AppendTag(nil, 21, protowire.BytesType) // duration
	fieldRules = protowire.AppendBytes(fieldRules, durationRules)

	req := compilePGV(t, pgvProto(`
import "google/protobuf/duration.proto";
message M { google.protobuf.Duration f = 1; }`))
	req = withRawRules(t, req, 1071, fieldRules)
	resp, _ := runPlugin(req)
	assert.Contains(t, resp.GetError(), "message bad.M, field f: (validate.rules): this plugin does not know (validate.rules).duration.lt field 3")
	assert.Empty(t, resp.GetFile())
}

// withRawRules sets the options of the first field of message M in
// pgv.proto to the raw bytes of field rules under extension number, and
// returns req as a plugin that links protolite's options but not PGV's
// decodes protoc's request.
func withRawRules(t *testing.T, req *pluginpb.CodeGeneratorRequest, number protowire.Number, fieldRules []byte) *pluginpb.CodeGeneratorRequest {
	t.Helper()
	var file *descriptorpb.FileDescriptorProto
	for _, f := range req.GetProtoFile() {
		if f.GetName() == "pgv.proto" {
			file = f
		}
	}
	require.NotNil(t, file)
	field := file.GetMessageType()[1].GetField()[0]
	field.Options = &descriptorpb.FieldOptions{}
	raw := protowire.AppendTag(nil, number, protowire.BytesType)
	raw = protowire.AppendBytes(raw, fieldRules)
	field.Options.ProtoReflect().SetUnknown(raw)
	wire, err := proto.Marshal(req)
	require.NoError(t, err)
	decoded := &pluginpb.CodeGeneratorRequest{}
	require.NoError(t, proto.Unmarshal(wire, decoded))
	return decoded
}
