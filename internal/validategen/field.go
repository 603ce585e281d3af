package validategen

import (
	"fmt"
	"strconv"
	"strings"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/protolite/protolite/options"
)

// ruleKindNames maps a scalar kind to the FieldRules member that applies to
// it.
var ruleKindNames = map[protoreflect.Kind]string{
	protoreflect.FloatKind:    "float",
	protoreflect.DoubleKind:   "double",
	protoreflect.Int32Kind:    "int32",
	protoreflect.Int64Kind:    "int64",
	protoreflect.Uint32Kind:   "uint32",
	protoreflect.Uint64Kind:   "uint64",
	protoreflect.Sint32Kind:   "sint32",
	protoreflect.Sint64Kind:   "sint64",
	protoreflect.Fixed32Kind:  "fixed32",
	protoreflect.Fixed64Kind:  "fixed64",
	protoreflect.Sfixed32Kind: "sfixed32",
	protoreflect.Sfixed64Kind: "sfixed64",
	protoreflect.BoolKind:     "bool",
	protoreflect.StringKind:   "string",
	protoreflect.BytesKind:    "bytes",
	protoreflect.EnumKind:     "enum",
}

// kindName names a kind as a .proto file spells it.
func kindName(k protoreflect.Kind) string {
	if k == protoreflect.GroupKind {
		return "group"
	}
	if k == protoreflect.MessageKind {
		return "a message"
	}
	return k.String()
}

// article prefixes a kind name with "a" or "an".
func article(kind string) string {
	if strings.HasPrefix(kind, "a ") {
		return kind
	}
	if strings.IndexByte("aeiou", kind[0]) >= 0 || strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "uint") {
		return "an " + kind
	}
	return "a " + kind
}

// ruleKind returns the name of the rule set in rules ("int32", "string",
// "repeated", …), or "" when none is.
func ruleKind(rules *options.FieldRules) string {
	if rules == nil {
		return ""
	}
	m := rules.ProtoReflect()
	fd := m.WhichOneof(m.Descriptor().Oneofs().ByName("type"))
	if fd == nil {
		return ""
	}
	return string(fd.Name())
}

// scalarChecks returns the checks of rules on t, a scalar or enum value, and
// whether ignore_empty is set. A rule set of another type is an error.
func (p *filePlan) scalarChecks(t *target, rules *options.FieldRules) ([]check, bool, error) {
	got := ruleKind(rules)
	if got == "" {
		return nil, false, nil
	}
	want := ruleKindNames[t.kind]
	if got != want {
		return nil, false, fieldProblem(t.field, "%s rules do not apply to %s value; use (protolite.rules).%s", got, article(kindName(t.kind)), want)
	}
	switch r := rules.Type.(type) {
	case *options.FieldRules_String_:
		checks, err := p.stringRules(t, r.String_)
		return checks, r.String_.GetIgnoreEmpty(), err
	case *options.FieldRules_Bytes:
		checks, err := p.bytesRules(t, r.Bytes)
		return checks, r.Bytes.GetIgnoreEmpty(), err
	case *options.FieldRules_Enum:
		checks, err := enumRules(t, r.Enum)
		return checks, false, err
	case *options.FieldRules_Bool:
		return boolRules(t, r.Bool), false, nil
	}
	m := rules.ProtoReflect()
	typed := m.Get(m.Descriptor().Fields().ByName(protoreflect.Name(got))).Message()
	return numericRules(t, got, typed)
}

// computeNeeds decides, for every message of the request, whether its
// validation can report anything: it has rules of its own, or reaches a
// message that does through fields it recurses into. Recursive types settle
// by iterating to a fixed point.
func (g *generator) computeNeeds() {
	var all []*protogen.Message
	var walk func(ms []*protogen.Message)
	walk = func(ms []*protogen.Message) {
		for _, m := range ms {
			all = append(all, m)
			walk(m.Messages)
		}
	}
	for _, f := range g.plugin.Files {
		walk(f.Messages)
	}
	usable := func(m *protogen.Message) bool {
		return !g.ann.disabled[m.Desc] && !g.ann.ignored[m.Desc]
	}
	for _, m := range all {
		if usable(m) && g.hasOwnRules(m) {
			g.needs[m] = true
		}
	}
	defer g.computeRecursive(all)
	for changed := true; changed; {
		changed = false
		for _, m := range all {
			if g.needs[m] || !usable(m) {
				continue
			}
			for _, f := range m.Fields {
				if nested := g.recursedMessage(f); nested != nil && g.needs[nested] && usable(nested) {
					g.needs[m] = true
					changed = true
					break
				}
			}
		}
	}
}

// computeRecursive finds the messages whose validation can lead back to
// themselves through the fields it descends into (so their validators must
// guard their depth): the members of a strongly connected component of more
// than one message, or with an edge to itself. Tarjan's algorithm, once
// over the whole request.
func (g *generator) computeRecursive(all []*protogen.Message) {
	edges := func(m *protogen.Message) []*protogen.Message {
		var out []*protogen.Message
		for _, f := range m.Fields {
			if next := g.recursedMessage(f); next != nil && g.needs[next] {
				out = append(out, next)
			}
		}
		return out
	}
	index := map[*protogen.Message]int{}
	low := map[*protogen.Message]int{}
	onStack := map[*protogen.Message]bool{}
	var stack []*protogen.Message
	var visit func(m *protogen.Message)
	visit = func(m *protogen.Message) {
		index[m] = len(index)
		low[m] = index[m]
		stack = append(stack, m)
		onStack[m] = true
		selfLoop := false
		for _, next := range edges(m) {
			if next == m {
				selfLoop = true
			}
			if _, seen := index[next]; !seen {
				visit(next)
				low[m] = min(low[m], low[next])
			} else if onStack[next] {
				low[m] = min(low[m], index[next])
			}
		}
		if low[m] != index[m] {
			return
		}
		var component []*protogen.Message
		for {
			top := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			onStack[top] = false
			component = append(component, top)
			if top == m {
				break
			}
		}
		if len(component) > 1 || selfLoop {
			for _, c := range component {
				g.recursive[c] = true
			}
		}
	}
	for _, m := range all {
		if _, seen := index[m]; !seen && g.needs[m] {
			visit(m)
		}
	}
}

// hasOwnRules reports whether any field or oneof of m carries a rule.
func (g *generator) hasOwnRules(m *protogen.Message) bool {
	for _, o := range m.Oneofs {
		if g.ann.required[o.Desc] {
			return true
		}
	}
	for _, f := range m.Fields {
		r := g.fieldRules(f)
		if r.GetMessage().GetRequired() || ruleKind(r) != "" {
			return true
		}
	}
	return false
}

// recursedMessage returns the message type that validating f descends into
// (the field's own, its items' or its map values'), or nil when f is not
// message-typed or its rules say skip.
func (g *generator) recursedMessage(f *protogen.Field) *protogen.Message {
	r := g.fieldRules(f)
	switch {
	case f.Desc.IsMap():
		value := f.Message.Fields[1]
		if value.Message == nil || r.GetMap().GetValues().GetMessage().GetSkip() {
			return nil
		}
		return value.Message
	case f.Desc.IsList():
		if f.Message == nil || r.GetRepeated().GetItems().GetMessage().GetSkip() {
			return nil
		}
		return f.Message
	case f.Message != nil && !r.GetMessage().GetSkip():
		return f.Message
	}
	return nil
}

// hasDirectValidator reports whether code in file can call msg's unexported
// validateInto: msg gets generated methods in this run, in the same Go
// package.
func (g *generator) hasDirectValidator(msg *protogen.Message, file *protogen.File) bool {
	target := g.plugin.FilesByPath[msg.Desc.ParentFile().Path()]
	return target != nil && target.Generate && target.GoImportPath == file.GoImportPath && g.needs[msg]
}

// describeRules summarises a field's rules for the comment above its checks,
// e.g. "string.min_len = 1, string.max_len = 64".
func describeRules(field *protogen.Field, rules *options.FieldRules) string {
	if rules == nil {
		return "validated through its message type"
	}
	parts := summarize("", rules.ProtoReflect())
	if len(parts) == 0 {
		return "validated through its message type"
	}
	return strings.Join(parts, ", ")
}

// summarize lists the set fields of m as "prefix.name = value", in
// declaration order so the comment is stable.
func summarize(prefix string, m protoreflect.Message) []string {
	var out []string
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if !m.Has(fd) {
			continue
		}
		name := prefix + string(fd.Name())
		v := m.Get(fd)
		switch {
		case fd.IsList():
			l := v.List()
			items := make([]string, l.Len())
			for j := range items {
				items[j] = formatOptionValue(fd, l.Get(j))
			}
			out = append(out, name+" = ["+strings.Join(items, ", ")+"]")
		case fd.Message() != nil && !isTimeOption(fd):
			out = append(out, summarize(name+".", v.Message())...)
		default:
			out = append(out, name+" = "+formatOptionValue(fd, v))
		}
	}
	return out
}

// isTimeOption reports whether fd holds a Duration or Timestamp value.
func isTimeOption(fd protoreflect.FieldDescriptor) bool {
	if fd.Message() == nil {
		return false
	}
	name := fd.Message().FullName()
	return name == "google.protobuf.Duration" || name == "google.protobuf.Timestamp"
}

// formatOptionValue formats one option value for a comment.
func formatOptionValue(fd protoreflect.FieldDescriptor, v protoreflect.Value) string {
	switch fd.Kind() {
	case protoreflect.StringKind:
		return strconv.Quote(v.String())
	case protoreflect.BytesKind:
		return strconv.Quote(string(v.Bytes()))
	case protoreflect.FloatKind:
		return strconv.FormatFloat(v.Float(), 'g', -1, 32)
	case protoreflect.DoubleKind:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64)
	case protoreflect.EnumKind:
		if ev := fd.Enum().Values().ByNumber(v.Enum()); ev != nil {
			return string(ev.Name())
		}
	case protoreflect.MessageKind:
		switch m := v.Message().Interface().(type) {
		case *durationpb.Duration:
			return formatDuration(m)
		case *timestamppb.Timestamp:
			return formatTimestamp(m)
		}
	}
	return fmt.Sprint(v.Interface())
}

// jsonName converts a snake_case proto name to lowerCamelCase as protoc
// does for JSON names.
func jsonName(name string) string {
	var b strings.Builder
	upper := false
	for _, r := range name {
		if r == '_' {
			upper = true
			continue
		}
		if upper && 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		upper = false
		b.WriteRune(r)
	}
	return b.String()
}
