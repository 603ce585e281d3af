package validategen

import (
	"strconv"
	"strings"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// code is Go source held back until every rule of a file has been checked:
// each line is what protogen.GeneratedFile.P would be given, GoIdents
// included, so imports are resolved when the file is finally written.
type code struct {
	lines [][]any
}

// P adds a line, as protogen.GeneratedFile.P does.
func (c *code) P(v ...any) {
	c.lines = append(c.lines, v)
}

// writeTo replays the lines into gf.
func (c *code) writeTo(gf *protogen.GeneratedFile) {
	for _, line := range c.lines {
		gf.P(line...)
	}
}

// empty reports whether no line was added.
func (c *code) empty() bool {
	return len(c.lines) == 0
}

// target is one value that rules are checked against: a field's value, a
// list item, a map key or value, or a wrapper's value.
type target struct {
	// field is the field the rules were written on.
	field *protogen.Field
	// kind is the protobuf kind of the value.
	kind protoreflect.Kind
	// enum is the value's enum type, when kind is EnumKind.
	enum *protogen.Enum
	// expr is the Go expression of the value.
	expr string
	// path is the Go expression of the value's violation path.
	path []any
	// dynamicPath is set when path is computed (an index or a key) rather
	// than a string constant, so that it is built only after a failure.
	dynamicPath bool
	// name is a Go identifier fragment unique to this value within its
	// package, for package-level helpers such as compiled patterns.
	name string
}

// check is one rule: either a condition that is true when the rule is
// broken, or a membership test written as a switch statement.
type check struct {
	reason      string
	description string
	// cond is a Go boolean expression, true on violation.
	cond []any
	// cases, when set, makes the check a switch on the value: with in, a
	// value outside cases is a violation; otherwise a value inside is.
	cases [][]any
	in    bool
	// subject is what the switch is on, when not the value itself.
	subject []any
}

// staticViolation marks, in a line of code, a violation whose path is a
// constant: writeFile declares a package-level protoimpl.StaticViolation for
// it and writes that variable's name in its place, so that Validate reports
// it without allocating.
type staticViolation struct {
	// base starts the variable's name: the target's helper name, which is
	// unique within the Go package.
	base                      string
	path, reason, description string
}

// staticViolationOf returns the marker of c's violation on t when t's path
// is a constant, else nil.
func staticViolationOf(t *target, c check) *staticViolation {
	if t.dynamicPath || t.name == "" || len(t.path) != 1 {
		return nil
	}
	path, ok := t.path[0].(string)
	if !ok || !strings.HasPrefix(path, `"`) {
		return nil
	}
	return &staticViolation{base: t.name, path: path, reason: c.reason, description: c.description}
}

// addViolation writes the statement that records a violation of c on t and
// returns when the collector says to stop.
func addViolation(out *code, t *target, c check, indent string) {
	if sv := staticViolationOf(t, c); sv != nil {
		out.P(indent, "if v.AddStatic(", sv, ") {")
		out.P(indent, "\treturn")
		out.P(indent, "}")
		return
	}
	line := append([]any{indent, "if v.Add("}, t.path...)
	line = append(line, ", ", strconv.Quote(c.reason), ", ", strconv.Quote(c.description), ") {")
	out.P(line...)
	out.P(indent, "\treturn")
	out.P(indent, "}")
}

// emitChecks writes the statements for checks against t. With ignoreEmpty,
// the checks are skipped when the value is its zero value.
func emitChecks(out *code, t *target, checks []check, ignoreEmpty bool) {
	if len(checks) == 0 {
		return
	}
	indent := ""
	if ignoreEmpty {
		out.P("if ", nonZero(t), " {")
		indent = "\t"
	}
	for _, c := range checks {
		if c.cases != nil {
			subject := c.subject
			if subject == nil {
				subject = []any{t.expr}
			}
			out.P(cat(indent, "switch ", subject, " {")...)
			out.P(append(append([]any{indent, "case "}, joinCases(c.cases)...), ":")...)
			if c.in {
				out.P(indent, "default:")
			}
			addViolation(out, t, c, indent+"\t")
			out.P(indent, "}")
			continue
		}
		out.P(append(append([]any{indent, "if "}, c.cond...), " {")...)
		addViolation(out, t, c, indent+"\t")
		out.P(indent, "}")
	}
	if ignoreEmpty {
		out.P("}")
	}
}

// nonZero returns the Go condition that t's value is not its zero value.
func nonZero(t *target) string {
	switch t.kind {
	case protoreflect.StringKind:
		return t.expr + ` != ""`
	case protoreflect.BytesKind:
		return "len(" + t.expr + ") != 0"
	case protoreflect.BoolKind:
		return t.expr
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return t.expr + " != nil"
	default:
		return t.expr + " != 0"
	}
}

// quotePath returns the Go expression of a constant path.
func quotePath(path string) []any {
	return []any{strconv.Quote(path)}
}

// cat flattens its arguments into one line: an []any argument is spliced in.
func cat(parts ...any) []any {
	var out []any
	for _, p := range parts {
		if list, ok := p.([]any); ok {
			out = append(out, list...)
		} else {
			out = append(out, p)
		}
	}
	return out
}

// joinCases joins switch cases with ", ".
func joinCases(cases [][]any) []any {
	var out []any
	for i, c := range cases {
		if i > 0 {
			out = append(out, ", ")
		}
		out = append(out, c...)
	}
	return out
}
