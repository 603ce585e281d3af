package maskgen_test

import (
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/internal/maskgen"
	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/options"
)

// FuzzFieldMaskOptions changes what protoc-gen-fieldmask reads in the
// CodeGeneratorRequest of a fixture with a field of every shape
// (testdata/fieldmask/fuzz: four files of one Go package and one of
// another) and runs the plugin. It must never panic, and it must either
// return an error naming a .proto file to generate and a message of it
// (and, when it names a field, a field of that message), writing nothing,
// or write code that type-checks with protoc-gen-go's output (go/types:
// unused variables and imports are errors too), where every message of the
// generated files has the mask methods unless it is disabled, and no
// disabled message has them. Options (field behaviors, disabled messages)
// and JSON names never make generation fail: only a renamed field or
// message may clash with a generated name.
//
// The inputs are integers, which Go's fuzzer does not minimize (at some
// 100 ms an execution, minimizing every new input would take most of the
// run). A zero changes nothing; for n > 0, c = n-1:
//   - off1, off2 set (protolite.fieldmask_disabled) on message c/2 (map
//     entries aside, in declaration order over fuzzFiles) to c%2 == 1, so
//     false is set explicitly;
//   - behavior1 to behavior3 append google.api.field_behavior values to
//     field 37*(c/16) (of the messages above, in order), as
//     behaviorEncodings[c%16] says: every value, packed, repeated, unknown,
//     negative;
//   - fieldName renames field `field` to fieldNames()[c] and gives it its
//     default JSON name (and renames its map entry), jsonName gives it the
//     JSON name jsonNames()[c];
//   - messageName renames message `message` to fieldNames()[c], and every
//     reference to it;
//   - files: bit i puts fuzzFiles[i] in the files to generate, beside the
//     files the changes touch; with none, every file is generated.
//
// Indexes wrap around. Names come from a list of names that clash with
// something generated (the start of fieldNames is fixed, the rest is read
// from the plugin's output for the fixture, so it follows the generator),
// Go keywords and the fixture's own names. A change protoc would refuse
// (an invalid name, two fields with the same name or JSON name) skips the
// input.
//
//	go test ./internal/maskgen -run '^$' -fuzz '^FuzzFieldMaskOptions$' -fuzztime 5m
func FuzzFieldMaskOptions(f *testing.F) {
	fx, err := newFuzzFixture()
	if err != nil {
		f.Fatal(err)
	}
	field, message := fx.fieldIndex(f), fx.messageIndex(f)
	name := func(list []string, s string) uint16 {
		i := slices.Index(list, s)
		if i < 0 {
			f.Fatalf("%q is not in the list", s)
		}
		return uint16(i + 1)
	}
	names, jsons := fieldNames(), jsonNames()
	off := func(msg string, disabled bool) uint16 {
		c := 2 * message(msg)
		if disabled {
			c++
		}
		return c + 1
	}
	behavior := func(fld string, kind int) uint16 {
		for n := uint16(1); n < 1<<15; n++ {
			if int(n-1)%16 == kind && behaviorField(n)%len(fx.fields) == int(field(fld)) {
				return n
			}
		}
		f.Fatalf("no behavior input for field %s", fld)
		return 0
	}
	for _, seed := range []struct {
		files                           uint8
		off1, off2                      uint16
		behavior1, behavior2, behavior3 uint16
		field, fieldName, jsonName      uint16
		message, messageName            uint16
	}{
		{}, // every file, as it is
		{files: 1 << 2, off1: off("Target", true), off2: off("Off", false)},
		{off1: off("Target.Nested", true), off2: off("Maps", true)},
		{behavior1: behavior("Scalars.text", 3), behavior2: behavior("Scalars.text", 5), behavior3: behavior("Maps.labels", 11)},
		{behavior1: behavior("Target.children", 12), behavior2: behavior("Scalars.self", 9), behavior3: behavior("Legacy.grouped", 10)},
		{behavior1: behavior("other.Remote.part", 14), behavior2: behavior("Legacy.kinds", 13), behavior3: behavior("Scalars.name", 15)},
		{field: field("Scalars.text"), fieldName: name(names, "filter_mask")},
		{field: field("Node.tag"), fieldName: name(names, "named_key")},
		{field: field("Maps.by_u32"), fieldName: name(names, "mask_path")},
		{field: field("Scalars.count"), fieldName: name(names, "apply_mask")},
		{field: field("Target.name"), fieldName: name(names, "children_each")},
		{field: field("Scalars.text"), fieldName: name(names, "type"), jsonName: name(jsons, "x\"`\\y")},
		{field: field("Maps.labels"), jsonName: name(jsons, "\xff\xfe")},
		{message: message("Off"), messageName: name(names, "ScalarsPath")},
		{message: message("Empty"), messageName: name(names, "Target_NestedPath")},
		{files: 1<<1 | 1<<3, message: message("Node"), messageName: name(names, "NewScalarsMask")},
	} {
		f.Add(seed.files, seed.off1, seed.off2, seed.behavior1, seed.behavior2, seed.behavior3,
			seed.field, seed.fieldName, seed.jsonName, seed.message, seed.messageName)
	}
	f.Fuzz(func(t *testing.T, files uint8, off1, off2, behavior1, behavior2, behavior3, field, fieldName, jsonName, message, messageName uint16) {
		fx, err := newFuzzFixture()
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []uint16{off1, off2} {
			if n > 0 {
				fx.disable(int(n-1)/2, (n-1)%2 == 1)
			}
		}
		for _, n := range []uint16{behavior1, behavior2, behavior3} {
			if n > 0 {
				fx.addBehavior(behaviorField(n), behaviorEncodings[(n-1)%16])
			}
		}
		renamed := false
		if fieldName > 0 || jsonName > 0 {
			var name, json string
			if fieldName > 0 {
				name, renamed = fieldNames()[int(fieldName-1)%len(fieldNames())], true
			}
			if jsonName > 0 {
				json = jsonNames()[int(jsonName-1)%len(jsonNames())]
			}
			if !fx.renameField(int(field), name, jsonName > 0, json) {
				t.Skip("protoc refuses the field's name")
			}
		}
		if messageName > 0 {
			if !fx.renameMessage(int(message), fieldNames()[int(messageName-1)%len(fieldNames())]) {
				t.Skip("protoc refuses the message's name")
			}
			renamed = true
		}
		fx.chooseFiles(files)
		t.Logf("changes: %s; generating %s", strings.Join(fx.changes, "; "), strings.Join(fx.req.FileToGenerate, ", "))
		// Through the wire, as protoc sends it: the options decode into
		// their Go types.
		wire, err := proto.Marshal(fx.req)
		if err != nil {
			t.Fatal(err)
		}
		req := &pluginpb.CodeGeneratorRequest{}
		if err := proto.Unmarshal(wire, req); err != nil {
			t.Fatal(err)
		}
		if err := protocRefuses(req); err != nil {
			t.Skipf("protoc refuses the schema: %v", err)
		}
		// An input that makes the same request as an earlier one has passed
		// already.
		key, err := proto.MarshalOptions{Deterministic: true}.Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(key)
		if _, seen := fuzzPassed.Load(sum); seen {
			return
		}

		resp := plugintest.Run(req, protogen.Options{}, maskgen.Generate)
		if msg := resp.GetError(); msg != "" {
			if !renamed {
				t.Fatalf("generation failed with no name changed: %s", msg)
			}
			checkErrorNames(t, req, msg)
			if len(resp.GetFile()) != 0 {
				t.Fatal("files written despite an error")
			}
			fuzzPassed.Store(sum, true)
			return
		}
		// Most changes leave the output as an earlier input's: if protoc-gen-go's
		// output is the fixture's too, the type-check would be the same.
		var checked [sha256.Size]byte
		if !renamed {
			h := sha256.New()
			for _, name := range disabledMessages(req) {
				fmt.Fprintf(h, "disabled %s\n", name)
			}
			for _, gen := range resp.GetFile() {
				fmt.Fprintf(h, "%s %d\n%s", gen.GetName(), len(gen.GetContent()), gen.GetContent())
			}
			h.Sum(checked[:0])
			if _, seen := fuzzChecked.Load(checked); seen {
				fuzzPassed.Store(sum, true)
				return
			}
		}
		imp, err := fuzzImporter()
		if err != nil {
			t.Fatal(err)
		}
		goResp := fuzzGoOutput()
		if renamed {
			goResp = runGo(req, fx.renamedMessage)
		}
		if goResp.GetError() != "" {
			t.Skipf("protoc-gen-go fails: %s", goResp.GetError())
		}
		pkgs, err := plugintest.TypeCheckPackages(imp, goResp, resp)
		if err != nil {
			if _, goErr := plugintest.TypeCheckPackages(imp, goResp); goErr != nil {
				t.Skip("protoc-gen-go's output does not compile alone") // Go names that clash in protoc-gen-go's output
			}
			t.Fatalf("%v\n(protoc-gen-go's output alone compiles: a clash with a generated name must be a generation error)", err)
		}
		checkMethods(t, req, pkgs)
		fuzzPassed.Store(sum, true)
		if !renamed {
			fuzzChecked.Store(checked, true)
		}
	})
}

// behaviorField returns the index of the field that a behavior input n > 0
// changes (modulo the number of fields): a step of the fuzzer's mutations,
// which add or subtract up to 100, moves it far through the fixture.
func behaviorField(n uint16) int {
	return int(n-1) / 16 * 37
}

// fuzzFiles are the fixture of FuzzFieldMaskOptions: other.proto is a Go
// package of its own, which the others import.
var fuzzFiles = []string{
	"fieldmask/fuzz/other.proto",
	"fieldmask/fuzz/scalars.proto",
	"fieldmask/fuzz/messages.proto",
	"fieldmask/fuzz/maps.proto",
	"fieldmask/fuzz/legacy.proto",
}

// fuzzRequest is the request for every file of fuzzFiles, compiled once.
var fuzzRequest = sync.OnceValues(func() (*pluginpb.CodeGeneratorRequest, error) {
	root, err := plugintest.RepoRoot()
	if err != nil {
		return nil, err
	}
	req, err := plugintest.Compile(
		[]string{filepath.Join(root, "testdata"), filepath.Join(root, "options")}, "", fuzzFiles...)
	if err != nil {
		return nil, err
	}
	if err := protocRefuses(req); err != nil {
		return nil, fmt.Errorf("the fixture itself: %w", err)
	}
	return req, nil
})

// fuzzGoOutput is protoc-gen-go's output for every file of the fixture,
// which options and JSON names change only in raw descriptors and struct
// tags: the same Go declarations.
var fuzzGoOutput = sync.OnceValue(func() *pluginpb.CodeGeneratorResponse {
	req, err := fuzzRequest()
	if err != nil {
		return &pluginpb.CodeGeneratorResponse{Error: proto.String(err.Error())}
	}
	return plugintest.RunGo(req)
})

// runGo returns protoc-gen-go's output for every file of the fixture (the
// generated code of some files needs the types of the others): run again
// for every file if a message was renamed, else only for the files to
// generate, whose field names may have changed, beside the fixture's
// output for the others.
func runGo(req *pluginpb.CodeGeneratorRequest, messageRenamed bool) *pluginpb.CodeGeneratorResponse {
	if messageRenamed {
		goReq := proto.Clone(req).(*pluginpb.CodeGeneratorRequest)
		goReq.FileToGenerate = fuzzFiles
		return plugintest.RunGo(goReq)
	}
	resp := plugintest.RunGo(req)
	if resp.GetError() != "" {
		return resp
	}
	regenerated := map[string]bool{}
	for _, f := range resp.GetFile() {
		regenerated[f.GetName()] = true
	}
	for _, f := range fuzzGoOutput().GetFile() {
		if !regenerated[f.GetName()] {
			resp.File = append(resp.File, f)
		}
	}
	return resp
}

// fuzzImporter reads the export data of what the generated code of the
// fixture may import: protoc-gen-go's imports, the runtime, and standard
// packages that mask code might use.
var fuzzImporter = sync.OnceValues(func() (types.Importer, error) {
	return plugintest.ExportImporter(
		"github.com/protolite/protolite/options",
		"github.com/protolite/protolite/runtime",
		"github.com/protolite/protolite/runtime/protoimpl",
		"google.golang.org/genproto/googleapis/api/annotations",
		"google.golang.org/protobuf/proto",
		"google.golang.org/protobuf/reflect/protoreflect",
		"google.golang.org/protobuf/runtime/protoimpl",
		"google.golang.org/protobuf/types/known/anypb",
		"google.golang.org/protobuf/types/known/durationpb",
		"google.golang.org/protobuf/types/known/fieldmaskpb",
		"google.golang.org/protobuf/types/known/structpb",
		"google.golang.org/protobuf/types/known/timestamppb",
		"google.golang.org/protobuf/types/known/wrapperspb",
		"bytes", "cmp", "errors", "fmt", "iter", "maps", "math", "math/bits", "reflect", "slices", "sort",
		"strconv", "strings", "sync", "sync/atomic", "unicode/utf8", "unsafe",
	)
})

// fuzzPassed holds the SHA-256 of the requests that passed in this
// process, and fuzzChecked that of the outputs that type-checked (with the
// fixture's protoc-gen-go output) and the disabled messages they had.
var fuzzPassed, fuzzChecked sync.Map

// behaviorEncodings are the google.api.field_behavior values an input
// appends to a field, and whether they are written packed (the extension
// is declared unpacked; parsers take both).
var behaviorEncodings = [16]behaviorEncoding{
	{values: []int64{0}}, // FIELD_BEHAVIOR_UNSPECIFIED
	{values: []int64{1}}, // OPTIONAL
	{values: []int64{2}}, // REQUIRED
	{values: []int64{3}}, // OUTPUT_ONLY
	{values: []int64{4}}, // INPUT_ONLY
	{values: []int64{5}}, // IMMUTABLE
	{values: []int64{6}}, // UNORDERED_LIST
	{values: []int64{7}}, // NON_EMPTY_DEFAULT
	{values: []int64{8}}, // IDENTIFIER
	{values: []int64{3}, packed: true},
	{values: []int64{5}, packed: true},
	{values: []int64{3, 5}, packed: true},
	{values: []int64{5, 5}},
	{values: []int64{99}}, // unknown
	{values: []int64{-1}}, // negative: a ten-byte varint
	{values: []int64{1<<31 - 1, 3}, packed: true},
}

type behaviorEncoding struct {
	values []int64
	packed bool
}

// fixedFieldNames are the start of fieldNames, whose indexes the seeds and
// the checked-in corpus use.
var fixedFieldNames = []string{
	// Generated methods, and builder methods of other fields.
	"filter_mask", "prune_mask", "apply_mask", "validate_mask",
	"filter_parsed_mask", "prune_parsed_mask", "apply_parsed_mask", "mask_path",
	"labels_key", "children_each", "named_key", "named_each", "kids_each", "by_i64_key", "by_i64_each",
	// Package-level names generated for other messages.
	"ScalarsPath", "ScalarsPaths", "NewScalarsMask", "ParseScalarsMask", "TargetPath",
	"Target_NestedPath", "Target_Nested_DeeperPath", "NodePaths", "MapsPath", "Legacy_GroupedPath",
	// Go keywords, predeclared and imported names, names of locals.
	"type", "func", "go", "map", "range", "x", "src", "dst", "mask", "n", "p", "v", "err", "ok",
	"runtime", "proto", "protoreflect", "fieldmaskpb", "bytes", "slices", "maps", "math",
	"string", "len", "nil", "true", "iota", "_", "_x", "x_",
	// Names protoc-gen-go declares.
	"reset", "descriptor", "proto_reflect", "get_name", "state", "size_cache", "unknown_fields",
}

// fieldNames are the names an input gives a field or a message:
// fixedFieldNames, then every name the plugin declares for the fixture,
// then the fixture's own names.
var fieldNames = sync.OnceValue(func() []string {
	names := slices.Clone(fixedFieldNames)
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
	}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	req, err := fuzzRequest()
	if err != nil {
		return names
	}
	var declared []string
	fset := token.NewFileSet()
	for _, gen := range plugintest.Run(req, protogen.Options{}, maskgen.Generate).GetFile() {
		f, err := parser.ParseFile(fset, gen.GetName(), gen.GetContent(), parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				declared = append(declared, d.Name.Name)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						declared = append(declared, s.Name.Name)
					case *ast.ValueSpec:
						for _, id := range s.Names {
							declared = append(declared, id.Name)
						}
					}
				}
			}
		}
	}
	slices.Sort(declared)
	for _, n := range declared {
		add(n)
	}
	fx := &fuzzFixture{req: req}
	fx.index()
	for _, fm := range fx.messages {
		add(fm.msg.GetName())
	}
	for _, ff := range fx.fields {
		add(ff.field.GetName())
	}
	return names
})

// fixedJSONNames are the start of jsonNames.
var fixedJSONNames = []string{
	"", `"`, `\`, "`", "x\"`\\y", "\x00", "\xff\xfe", "ключ", "名前", "a b", "a.b", "*", "paths",
	"text", "Text", "labelsKey", "[x", "x]", "\u2028\u2029", "$", "%s", "\n", "\t", "/*", "*/", "//",
	"opt_text", "by_i32", // proto names of fields whose JSON names differ
}

// jsonNames are the JSON names an input gives a field: fixedJSONNames, the
// fixture's JSON names, and fieldNames.
var jsonNames = sync.OnceValue(func() []string {
	names := slices.Clone(fixedJSONNames)
	if req, err := fuzzRequest(); err == nil {
		fx := &fuzzFixture{req: req}
		fx.index()
		for _, ff := range fx.fields {
			names = append(names, ff.field.GetJsonName())
		}
	}
	return append(names, fieldNames()...)
})

// fuzzFixture is a copy of the request of the fixture that an input
// changes, with its messages and fields indexed in declaration order.
type fuzzFixture struct {
	req      *pluginpb.CodeGeneratorRequest
	messages []fixtureMessage // map entries aside
	fields   []fixtureField   // of messages
	touched  map[string]bool  // files changed
	// renamedMessage is set when a message was renamed.
	renamedMessage bool
	changes        []string // what the input changed, for failure messages
}

type fixtureMessage struct {
	file     *descriptorpb.FileDescriptorProto
	msg      *descriptorpb.DescriptorProto
	fullName string // with a leading dot, as in type_name
}

type fixtureField struct {
	msg   fixtureMessage
	field *descriptorpb.FieldDescriptorProto
}

func newFuzzFixture() (*fuzzFixture, error) {
	base, err := fuzzRequest()
	if err != nil {
		return nil, err
	}
	fx := &fuzzFixture{req: proto.Clone(base).(*pluginpb.CodeGeneratorRequest), touched: map[string]bool{}}
	fx.index()
	return fx, nil
}

func (fx *fuzzFixture) index() {
	var walk func(file *descriptorpb.FileDescriptorProto, prefix string, msgs []*descriptorpb.DescriptorProto)
	walk = func(file *descriptorpb.FileDescriptorProto, prefix string, msgs []*descriptorpb.DescriptorProto) {
		for _, m := range msgs {
			if m.GetOptions().GetMapEntry() {
				continue
			}
			fm := fixtureMessage{file: file, msg: m, fullName: prefix + "." + m.GetName()}
			fx.messages = append(fx.messages, fm)
			for _, fd := range m.Field {
				fx.fields = append(fx.fields, fixtureField{msg: fm, field: fd})
			}
			walk(file, fm.fullName, m.NestedType)
		}
	}
	for _, name := range fuzzFiles {
		for _, file := range fx.req.ProtoFile {
			if file.GetName() == name {
				walk(file, "."+file.GetPackage(), file.MessageType)
			}
		}
	}
}

// fixturePackage is the proto package of the fixture's main Go package.
const fixturePackage = ".protolite.test.fmfuzz."

// fieldIndex returns a function that returns the index of a field of the
// fixture, by its full name less fixturePackage.
func (fx *fuzzFixture) fieldIndex(f *testing.F) func(name string) uint16 {
	return func(name string) uint16 {
		for i, ff := range fx.fields {
			if ff.msg.fullName+"."+ff.field.GetName() == fixturePackage+name {
				return uint16(i)
			}
		}
		f.Fatalf("no field %s in the fixture", name)
		return 0
	}
}

// messageIndex returns a function that returns the index of a message of
// the fixture, by its full name less fixturePackage.
func (fx *fuzzFixture) messageIndex(f *testing.F) func(name string) uint16 {
	return func(name string) uint16 {
		for i, fm := range fx.messages {
			if fm.fullName == fixturePackage+name {
				return uint16(i)
			}
		}
		f.Fatalf("no message %s in the fixture", name)
		return 0
	}
}

func (fx *fuzzFixture) disable(i int, disabled bool) {
	fm := fx.messages[i%len(fx.messages)]
	if fm.msg.Options == nil {
		fm.msg.Options = &descriptorpb.MessageOptions{}
	}
	proto.SetExtension(fm.msg.Options, options.E_FieldmaskDisabled, disabled)
	fx.touched[fm.file.GetName()] = true
	fx.changes = append(fx.changes, fmt.Sprintf("%s: fieldmask_disabled = %v", fm.fullName[1:], disabled))
}

// fieldBehaviorNumber is the field number of google.api.field_behavior.
const fieldBehaviorNumber = 1052

func (fx *fuzzFixture) addBehavior(i int, enc behaviorEncoding) {
	ff := fx.fields[i%len(fx.fields)]
	var raw []byte
	if enc.packed {
		var values []byte
		for _, v := range enc.values {
			values = protowire.AppendVarint(values, uint64(v))
		}
		raw = protowire.AppendTag(raw, fieldBehaviorNumber, protowire.BytesType)
		raw = protowire.AppendBytes(raw, values)
	} else {
		for _, v := range enc.values {
			raw = protowire.AppendTag(raw, fieldBehaviorNumber, protowire.VarintType)
			raw = protowire.AppendVarint(raw, uint64(v))
		}
	}
	if ff.field.Options == nil {
		ff.field.Options = &descriptorpb.FieldOptions{}
	}
	m := ff.field.Options.ProtoReflect()
	m.SetUnknown(append(m.GetUnknown(), raw...))
	fx.touched[ff.msg.file.GetName()] = true
	fx.changes = append(fx.changes, fmt.Sprintf("%s.%s: field_behavior += %v (packed: %v)", ff.msg.fullName[1:], ff.field.GetName(), enc.values, enc.packed))
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// renameField renames a field (when name is not empty; its map entry too)
// and sets its JSON name (when setJSON), and reports whether protoc would
// take the result so far.
func (fx *fuzzFixture) renameField(i int, name string, setJSON bool, json string) bool {
	ff := fx.fields[i%len(fx.fields)]
	fd := ff.field
	fx.touched[ff.msg.file.GetName()] = true
	fx.changes = append(fx.changes, fmt.Sprintf("%s.%s: renamed %q, json_name %q (set: %v)", ff.msg.fullName[1:], fd.GetName(), name, json, setJSON))
	if name != "" {
		if !identifier.MatchString(name) || fd.GetType() == descriptorpb.FieldDescriptorProto_TYPE_GROUP {
			return false // a group field is named after its message
		}
		if entry := mapEntry(ff); entry != nil {
			entry.Name = proto.String(mapEntryName(name))
			fd.TypeName = proto.String(ff.msg.fullName + "." + entry.GetName())
		}
		fd.Name = proto.String(name)
		fd.JsonName = proto.String(jsonCamelCase(name))
	}
	if setJSON {
		if strings.HasPrefix(json, "[") && strings.HasSuffix(json, "]") {
			return false // reserved for extensions
		}
		fd.JsonName = proto.String(json)
	}
	return true
}

// mapEntry returns the map entry of a map field, or nil.
func mapEntry(ff fixtureField) *descriptorpb.DescriptorProto {
	if ff.field.GetLabel() != descriptorpb.FieldDescriptorProto_LABEL_REPEATED {
		return nil
	}
	for _, nested := range ff.msg.msg.NestedType {
		if nested.GetOptions().GetMapEntry() && ff.field.GetTypeName() == ff.msg.fullName+"."+nested.GetName() {
			return nested
		}
	}
	return nil
}

// renameMessage renames a message and every reference to it (and to the
// types nested in it), and reports whether protoc would take the result so
// far.
func (fx *fuzzFixture) renameMessage(i int, name string) bool {
	fm := fx.messages[i%len(fx.messages)]
	fx.touched[fm.file.GetName()] = true
	fx.changes = append(fx.changes, fmt.Sprintf("%s: renamed %q", fm.fullName[1:], name))
	if !identifier.MatchString(name) {
		return false
	}
	old := fm.fullName
	renamed := old[:strings.LastIndexByte(old, '.')+1] + name
	for _, ff := range fx.fields {
		if ff.field.GetType() == descriptorpb.FieldDescriptorProto_TYPE_GROUP && ff.field.GetTypeName() == old {
			return false // a group's message is named after its field
		}
	}
	fm.msg.Name = proto.String(name)
	fx.renamedMessage = true
	fix := func(fields []*descriptorpb.FieldDescriptorProto) {
		for _, fd := range fields {
			for _, ref := range []*string{fd.TypeName, fd.Extendee} {
				if ref == nil {
					continue
				}
				if *ref == old {
					*ref = renamed
				} else if rest, ok := strings.CutPrefix(*ref, old+"."); ok {
					*ref = renamed + "." + rest
				}
			}
		}
	}
	var walk func(msgs []*descriptorpb.DescriptorProto)
	walk = func(msgs []*descriptorpb.DescriptorProto) {
		for _, m := range msgs {
			fix(m.Field)
			fix(m.Extension)
			walk(m.NestedType)
		}
	}
	for _, file := range fx.req.ProtoFile {
		fix(file.Extension)
		walk(file.MessageType)
	}
	return true
}

// chooseFiles sets the files to generate: those the changes touched and
// those whose bits are set in files, or every file when there are none.
func (fx *fuzzFixture) chooseFiles(files uint8) {
	var generate []string
	for i, name := range fuzzFiles {
		if fx.touched[name] || files&(1<<i) != 0 {
			generate = append(generate, name)
		}
	}
	if len(generate) == 0 {
		generate = fuzzFiles
	}
	fx.req.FileToGenerate = generate
}

// protocRefuses returns why protoc would refuse the files of req, or nil:
// they do not build (names, references), or the JSON names of two fields
// of a message clash, as protoc checks them.
func protocRefuses(req *pluginpb.CodeGeneratorRequest) error {
	if _, err := protodesc.NewFiles(&descriptorpb.FileDescriptorSet{File: req.ProtoFile}); err != nil {
		return err
	}
	for _, file := range req.ProtoFile {
		if !slices.Contains(fuzzFiles, file.GetName()) {
			continue
		}
		// proto2 makes no JSON promises; proto3 does, and so does the
		// editions file (json_format ALLOW, the 2023 default).
		proto2 := file.GetSyntax() == "proto2" || file.GetSyntax() == ""
		var walk func(msgs []*descriptorpb.DescriptorProto) error
		walk = func(msgs []*descriptorpb.DescriptorProto) error {
			for _, m := range msgs {
				if err := jsonNamesClash(m, proto2); err != nil {
					return fmt.Errorf("%s: message %s: %w", file.GetName(), m.GetName(), err)
				}
				if err := walk(m.NestedType); err != nil {
					return err
				}
			}
			return nil
		}
		if err := walk(file.MessageType); err != nil {
			return err
		}
	}
	return nil
}

// jsonNamesClash checks the JSON names of a message's fields as protoc
// does: no two default JSON names may be the same (only a warning in
// proto2), and no custom JSON name may be another field's JSON name.
func jsonNamesClash(m *descriptorpb.DescriptorProto, proto2 bool) error {
	defaults := map[string]string{}
	for _, fd := range m.Field {
		name := jsonCamelCase(fd.GetName())
		if other, ok := defaults[name]; ok && !proto2 {
			return fmt.Errorf("fields %s and %s have the default JSON name %q", other, fd.GetName(), name)
		}
		defaults[name] = fd.GetName()
	}
	type use struct {
		field  string
		custom bool
	}
	names := map[string]use{}
	for _, fd := range m.Field {
		name := jsonCamelCase(fd.GetName())
		custom := fd.JsonName != nil && fd.GetJsonName() != name
		if custom {
			name = fd.GetJsonName()
		}
		if u, ok := names[name]; ok && (custom || u.custom) {
			return fmt.Errorf("fields %s and %s have the JSON name %q", u.field, fd.GetName(), name)
		}
		if _, ok := names[name]; !ok {
			names[name] = use{fd.GetName(), custom}
		}
	}
	return nil
}

// jsonCamelCase is protoc's default JSON name of a field.
func jsonCamelCase(s string) string { return camelCase(s, false) }

// mapEntryName is protoc's name of the map entry message of a map field.
func mapEntryName(s string) string { return camelCase(s, true) + "Entry" }

// camelCase drops the underscores of s and upper-cases the letter after
// each (and the first, with upperFirst), as protoc does.
func camelCase(s string, upperFirst bool) string {
	var b strings.Builder
	upper := upperFirst
	for _, r := range s {
		switch {
		case r == '_':
			upper = true
		case upper:
			upper = false
			b.WriteString(strings.ToUpper(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// messageMention finds the messages a generation error names.
var messageMention = regexp.MustCompile(`message ([\w.]+)(, field (\w+))?`)

// checkErrorNames checks that every line of a generation error starts with
// the name of a file to generate and names a message declared in it (and,
// when it names a field, a field of that message).
func checkErrorNames(t *testing.T, req *pluginpb.CodeGeneratorRequest, msg string) {
	t.Helper()
	declared := map[string]map[string]*descriptorpb.DescriptorProto{} // by file, by full name
	for _, file := range req.ProtoFile {
		if !slices.Contains(req.GetFileToGenerate(), file.GetName()) {
			continue
		}
		msgs := map[string]*descriptorpb.DescriptorProto{}
		var walk func(prefix string, ms []*descriptorpb.DescriptorProto)
		walk = func(prefix string, ms []*descriptorpb.DescriptorProto) {
			for _, m := range ms {
				msgs[prefix+m.GetName()] = m
				walk(prefix+m.GetName()+".", m.NestedType)
			}
		}
		walk(file.GetPackage()+".", file.MessageType)
		declared[file.GetName()] = msgs
	}
	for _, line := range strings.Split(strings.TrimSpace(msg), "\n") {
		var msgs map[string]*descriptorpb.DescriptorProto
		for name, m := range declared {
			if strings.HasPrefix(line, name+":") {
				msgs = m
			}
		}
		if msgs == nil {
			t.Fatalf("generation error does not start with the name of a file to generate: %q", line)
		}
		found := false
		for _, match := range messageMention.FindAllStringSubmatch(line, -1) {
			m, ok := msgs[match[1]]
			if !ok {
				continue
			}
			found = true
			if field := match[3]; field != "" && !slices.ContainsFunc(m.Field, func(fd *descriptorpb.FieldDescriptorProto) bool {
				return fd.GetName() == field
			}) {
				t.Fatalf("generation error names field %q, which message %s does not have: %q", field, match[1], line)
			}
			break
		}
		if !found {
			t.Fatalf("generation error does not name a message of its file: %q", line)
		}
	}
}

// maskMethods are the methods every message that is not disabled gets on
// its pointer type (docs/fieldmask.md).
var maskMethods = []string{"FilterMask", "PruneMask", "ApplyMask", "ValidateMask"}

// disabledMessages returns the full names of the disabled messages of the
// files to generate.
func disabledMessages(req *pluginpb.CodeGeneratorRequest) []string {
	var names []string
	var walk func(prefix string, ms []*descriptorpb.DescriptorProto)
	walk = func(prefix string, ms []*descriptorpb.DescriptorProto) {
		for _, m := range ms {
			if opts := m.GetOptions(); opts != nil && proto.GetExtension(opts, options.E_FieldmaskDisabled).(bool) {
				names = append(names, prefix+m.GetName())
			}
			walk(prefix+m.GetName()+".", m.NestedType)
		}
	}
	for _, file := range req.ProtoFile {
		if slices.Contains(req.GetFileToGenerate(), file.GetName()) {
			walk(file.GetPackage()+".", file.MessageType)
		}
	}
	return names
}

// checkMethods checks that the messages of the files generated have the
// mask methods unless they are disabled, and that disabled ones have none.
func checkMethods(t *testing.T, req *pluginpb.CodeGeneratorRequest, pkgs map[string]*types.Package) {
	t.Helper()
	gen, err := protogen.Options{}.New(req)
	if err != nil {
		t.Fatal(err)
	}
	var visit func(ms []*protogen.Message)
	visit = func(ms []*protogen.Message) {
		for _, m := range ms {
			visit(m.Messages)
			if m.Desc.IsMapEntry() {
				continue
			}
			pkg := pkgs[string(m.GoIdent.GoImportPath)]
			if pkg == nil {
				t.Fatalf("no Go package %s for message %s", m.GoIdent.GoImportPath, m.Desc.FullName())
			}
			obj := pkg.Scope().Lookup(m.GoIdent.GoName)
			if obj == nil {
				t.Fatalf("no type %s for message %s", m.GoIdent.GoName, m.Desc.FullName())
			}
			opts := m.Desc.Options()
			off := opts != nil && proto.GetExtension(opts, options.E_FieldmaskDisabled).(bool)
			methods := types.NewMethodSet(types.NewPointer(obj.Type()))
			for _, name := range maskMethods {
				switch has := methods.Lookup(pkg, name) != nil; {
				case off && has:
					t.Fatalf("message %s is disabled, but has a generated method %s", m.Desc.FullName(), name)
				case !off && !has:
					t.Fatalf("message %s has no generated method %s", m.Desc.FullName(), name)
				}
			}
		}
	}
	for _, f := range gen.Files {
		if f.Generate {
			visit(f.Messages)
		}
	}
}
