package validategen

import (
	"fmt"
	"io"
	"slices"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/protolite/protolite/options"
)

// A vocabulary is one set of options that validation rules are written in.
// Each front-end reads its own options into the one rule representation the
// planner works on (options.FieldRules, whose messages carry the field
// numbers protolite and protoc-gen-validate share); the vocabulary then says
// how its rules are named in messages and how strict the plugin is with
// them.
type vocabulary struct {
	// rules is the field option as users write it, "(protolite.rules)".
	rules string
	// prefix is the option package, "protolite" in (protolite.required).
	prefix string
	// lenient is set for a vocabulary whose own generator accepts rules
	// that cannot act on decoded messages: those are warnings, not errors.
	lenient bool
	// everyMessage is set when every message of a file that uses the
	// vocabulary gets the generated methods, whether or not it has rules.
	everyMessage bool
}

var (
	// protoliteRules is protolite's own (protolite.rules).
	protoliteRules = &vocabulary{rules: "(protolite.rules)", prefix: "protolite"}
	// pgvRules is protoc-gen-validate's (validate.rules), read by number so
	// that the plugin needs no PGV package: FieldOptions 1071 for the
	// rules, MessageOptions 1071 and 1072 for disabled and ignored,
	// OneofOptions 1071 for required.
	pgvRules = &vocabulary{rules: "(validate.rules)", prefix: "validate", lenient: true, everyMessage: true}
)

// pgvImport is the path PGV users import its options from.
const pgvImport = "validate/validate.proto"

// PGV's extension numbers, on FieldOptions, MessageOptions and OneofOptions.
const (
	pgvRulesNumber    protowire.Number = 1071
	pgvDisabledNumber protowire.Number = 1071
	pgvIgnoredNumber  protowire.Number = 1072
	pgvRequiredNumber protowire.Number = 1071
)

// fieldAnnotation is a field's rules and the vocabulary they came in.
type fieldAnnotation struct {
	rules *options.FieldRules
	vocab *vocabulary
}

// annotations holds every validation option of a request, read once by the
// front-ends before planning.
type annotations struct {
	fields   map[protoreflect.FieldDescriptor]fieldAnnotation
	disabled map[protoreflect.MessageDescriptor]bool
	ignored  map[protoreflect.MessageDescriptor]bool
	required map[protoreflect.OneofDescriptor]bool
	// pgvFiles are the files that import PGV's options.
	pgvFiles map[protoreflect.FileDescriptor]bool
	// pgvRun is set when a file to generate imports PGV's options: the
	// run then gives every message of every file to generate the methods,
	// as a PGV run over the same files does.
	pgvRun bool
}

// readAnnotations runs the front-ends over every file of the request. A
// rules message with a field the plugin does not know, a PGV option that
// does not decode, or a field annotated in two vocabularies is a problem.
func readAnnotations(files []*protogen.File) (*annotations, []error) {
	a := &annotations{
		fields:   map[protoreflect.FieldDescriptor]fieldAnnotation{},
		disabled: map[protoreflect.MessageDescriptor]bool{},
		ignored:  map[protoreflect.MessageDescriptor]bool{},
		required: map[protoreflect.OneofDescriptor]bool{},
		pgvFiles: map[protoreflect.FileDescriptor]bool{},
	}
	var problems []error
	// report is set while reading a file to generate: the rules of the
	// files it imports are read for what they imply (whether a message
	// has rules) but judged where those files are generated.
	report := false
	var walk func(ms []*protogen.Message)
	walk = func(ms []*protogen.Message) {
		for _, m := range ms {
			opts := m.Desc.Options()
			a.disabled[m.Desc] = boolOption(opts, options.E_Disabled, pgvDisabledNumber)
			a.ignored[m.Desc] = boolOption(opts, options.E_Ignored, pgvIgnoredNumber)
			for _, o := range m.Oneofs {
				a.required[o.Desc] = boolOption(o.Desc.Options(), options.E_Required, pgvRequiredNumber)
			}
			for _, f := range m.Fields {
				ann, err := readFieldRules(f)
				if err != nil {
					if report {
						problems = append(problems, err)
					}
					continue
				}
				if ann.rules != nil {
					a.fields[f.Desc] = ann
				}
			}
			walk(m.Messages)
		}
	}
	for _, f := range files {
		for i := 0; i < f.Desc.Imports().Len(); i++ {
			if f.Desc.Imports().Get(i).Path() == pgvImport {
				a.pgvFiles[f.Desc] = true
				a.pgvRun = a.pgvRun || f.Generate
			}
		}
		report = f.Generate
		walk(f.Messages)
	}
	return a, problems
}

// readFieldRules reads a field's rules from whichever vocabulary annotates
// it, and checks that the plugin knows every rule field.
func readFieldRules(f *protogen.Field) (fieldAnnotation, error) {
	opts := f.Desc.Options()
	own, _ := proto.GetExtension(opts, options.E_Rules).(*options.FieldRules)
	raw, hasPGV := optionField(opts, pgvRulesNumber, protowire.BytesType)
	var ann fieldAnnotation
	switch {
	case own != nil && hasPGV:
		return ann, fieldProblem(f, "the field has both (protolite.rules) and (validate.rules); keep one of them")
	case own != nil:
		ann = fieldAnnotation{rules: own, vocab: protoliteRules}
	case hasPGV:
		rules := new(options.FieldRules)
		if err := proto.Unmarshal(raw, rules); err != nil {
			return ann, fieldProblem(f, "(validate.rules) does not decode as protoc-gen-validate's FieldRules: %v", err)
		}
		ann = fieldAnnotation{rules: rules, vocab: pgvRules}
	default:
		return ann, nil
	}
	if unknown := unknownRuleFields(ann.vocab.rules, ann.rules.ProtoReflect()); len(unknown) > 0 {
		return ann, fieldProblem(f, "%s: this plugin does not know %s; upgrade protoc-gen-validate-lite, or remove the rule",
			ann.vocab.rules, joinNames(unknown))
	}
	return ann, nil
}

// unknownRuleFields lists the fields of m and the messages below it
// (Duration and Timestamp bounds included) that the plugin's rule messages
// do not declare, as "(validate.rules).string field 30".
func unknownRuleFields(name string, m protoreflect.Message) []string {
	var out []string
	b := m.GetUnknown()
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			break
		}
		b = b[n:]
		out = append(out, fmt.Sprintf("%s field %d", name, num))
		if n = protowire.ConsumeFieldValue(num, typ, b); n < 0 {
			break
		}
		b = b[n:]
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Message() == nil {
			return true
		}
		sub := name + "." + string(fd.Name())
		if fd.IsList() {
			for i := 0; i < v.List().Len(); i++ {
				out = append(out, unknownRuleFields(sub, v.List().Get(i).Message())...)
			}
			return true
		}
		out = append(out, unknownRuleFields(sub, v.Message())...)
		return true
	})
	return slices.Compact(out)
}

// boolOption reads a bool option set in either vocabulary: protolite's
// extension, or PGV's by number.
func boolOption(opts proto.Message, own protoreflect.ExtensionType, pgv protowire.Number) bool {
	if v, _ := proto.GetExtension(opts, own).(bool); v {
		return true
	}
	raw, ok := optionField(opts, pgv, protowire.VarintType)
	if !ok {
		return false
	}
	v, n := protowire.ConsumeVarint(raw)
	return n > 0 && v != 0
}

// optionField returns the value of field num of an options message as it
// is on the wire: a length-delimited value's bytes (occurrences
// concatenated, which merges them as protobuf does), or the last varint's
// encoding. It reads the marshalled options, so it finds an extension
// whether the plugin links its Go type (the value is then a known field) or
// not (protoc's bytes stay unknown fields), and it never needs that type.
func optionField(opts proto.Message, num protowire.Number, want protowire.Type) ([]byte, bool) {
	if opts == nil || !opts.ProtoReflect().IsValid() {
		return nil, false
	}
	b, err := proto.MarshalOptions{Deterministic: true}.Marshal(opts)
	if err != nil {
		return nil, false
	}
	var out []byte
	found := false
	for len(b) > 0 {
		n, typ, tagLen := protowire.ConsumeTag(b)
		if tagLen < 0 {
			return nil, false
		}
		valLen := protowire.ConsumeFieldValue(n, typ, b[tagLen:])
		if valLen < 0 {
			return nil, false
		}
		if n == num && typ == want {
			value := b[tagLen : tagLen+valLen]
			switch typ {
			case protowire.BytesType:
				v, _ := protowire.ConsumeBytes(value)
				out = append(out, v...)
			default:
				out = value
			}
			found = true
		}
		b = b[tagLen+valLen:]
	}
	return out, found
}

// warnings collects the plugin's warnings (a rule that a lenient
// vocabulary accepts but that has no effect), each once, in the order first
// met, and writes them to w at the end of a run.
type warnings struct {
	lines []string
	seen  map[string]bool
}

// add records a warning about field f.
func (w *warnings) add(f *protogen.Field, format string, args ...any) {
	line := fieldProblem(f, "warning: "+format, args...).Error()
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	if !w.seen[line] {
		w.seen[line] = true
		w.lines = append(w.lines, line)
	}
}

// writeTo writes the warnings, one a line.
func (w *warnings) writeTo(out io.Writer) {
	for _, line := range w.lines {
		fmt.Fprintln(out, line)
	}
}
