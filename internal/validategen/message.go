package validategen

import (
	"strconv"
	"strings"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/gofeaturespb"

	"github.com/protolite/protolite/options"
)

// filePlan is the code planned for one .proto file: package-level
// declarations and each message's methods, all checked before any is
// written.
type filePlan struct {
	g        *generator
	file     *protogen.File
	decls    code
	names    map[string]bool
	messages []*messagePlan
	problems []error
}

// messagePlan is the code of one message's validation methods.
type messagePlan struct {
	msg *protogen.Message
	// noRules is set when validating the message can never fail: its
	// methods then just return nil.
	noRules bool
	// disabled is set by (protolite.disabled).
	disabled bool
	// recursive is set when the message can contain itself.
	recursive bool
	// quick holds every rule when all of them are plain comparisons of
	// fields without presence (quickOK): the message then gets a validQuick
	// predicate, which callers validating many messages (list items, map
	// values) try first.
	quick   []quickCheck
	quickOK bool
	// firstViolation is the body of Validate for a message with a
	// validQuick predicate whose rules all have static violations: each
	// condition in turn, returning the violation's prebuilt error.
	firstViolation code
	// body is the body of validateInto; helpers holds further methods
	// (map entry validators).
	body    code
	helpers code
}

// planFile plans the code of every message of f.
func (g *generator) planFile(f *protogen.File) (*filePlan, []error) {
	p := &filePlan{g: g, file: f, names: map[string]bool{}}
	var walk func(ms []*protogen.Message)
	walk = func(ms []*protogen.Message) {
		for _, m := range ms {
			if !m.Desc.IsMapEntry() {
				p.planMessage(m)
			}
			walk(m.Messages)
		}
	}
	walk(f.Messages)
	return p, p.problems
}

// fieldRules returns a field's rules, in whichever vocabulary, or nil.
func (g *generator) fieldRules(f *protogen.Field) *options.FieldRules {
	return g.ann.fields[f.Desc].rules
}

// vocabularyOf returns the vocabulary of a field's rules: the one they are
// written in, or else the one of its file.
func (g *generator) vocabularyOf(f *protogen.Field) *vocabulary {
	if ann, ok := g.ann.fields[f.Desc]; ok {
		return ann.vocab
	}
	if g.ann.pgvFiles[f.Desc.ParentFile()] {
		return pgvRules
	}
	return protoliteRules
}

// planMessage plans m's methods, recording problems in p.
func (p *filePlan) planMessage(m *protogen.Message) {
	if p.g.ann.ignored[m.Desc] {
		return
	}
	if m.APILevel == gofeaturespb.GoFeatures_API_OPAQUE {
		p.problems = append(p.problems, messageProblem(m, "the Go opaque API (features.(pb.go).api_level = API_OPAQUE) is not supported yet; use API_OPEN or API_HYBRID, or set option (protolite.ignored) = true"))
		return
	}
	if err := methodClash(m); err != nil {
		p.problems = append(p.problems, err)
		return
	}
	mp := &messagePlan{msg: m, disabled: p.g.ann.disabled[m.Desc], quickOK: true}
	p.messages = append(p.messages, mp)
	if mp.disabled {
		mp.noRules = true
		return
	}
	mp.recursive = p.g.recursive[m]
	if !p.g.needs[m] {
		mp.noRules = true
		// Still check the rules (a skip-only or unusable rule must be
		// reported even if it generates nothing).
	}
	for _, field := range m.Fields {
		if field.Oneof != nil && !field.Oneof.Desc.IsSynthetic() {
			if field == field.Oneof.Fields[0] {
				p.planOneof(mp, field.Oneof)
			}
			continue
		}
		p.planField(mp, field)
	}
	if mp.noRules {
		mp.body = code{}
		mp.helpers = code{}
	}
}

// generatedMethods are the methods this plugin adds to every message.
var generatedMethods = []string{"Validate", "ValidateAll", "ValidatePartial"}

// methodClash reports a field or oneof whose Go name is one of the
// generated methods' (a field called validate or validate_all): Go allows
// no field and method of one name, so the code would not compile.
func methodClash(m *protogen.Message) error {
	for _, method := range generatedMethods {
		for _, f := range m.Fields {
			if f.GoName == method {
				return fieldProblem(f, "the Go field %s clashes with the generated %s method; rename the field, or set option (protolite.ignored) = true on the message", f.GoName, method)
			}
		}
		for _, o := range m.Oneofs {
			if o.GoName == method && !o.Desc.IsSynthetic() {
				return oneofProblem(o, "the Go field %s clashes with the generated %s method; rename the oneof, or set option (protolite.ignored) = true on the message", o.GoName, method)
			}
		}
	}
	return nil
}

// pathName returns the name of a field in violation paths.
func (p *filePlan) pathName(f *protogen.Field) string {
	if p.g.jsonNames {
		return f.Desc.JSONName()
	}
	return string(f.Desc.Name())
}

// planField plans the checks of one field outside a oneof.
func (p *filePlan) planField(mp *messagePlan, field *protogen.Field) {
	rules := p.g.fieldRules(field)
	if field == p.g.updateResource(field.Parent) {
		out := &code{}
		p.resourceChecks(out, field)
		mp.quickOK = false
		mp.body.P("// ", field.Desc.Name(), ": checked on the paths of ", updateMaskField(field.Parent).Desc.Name(), " (an AIP-134 update request)")
		mp.body.P("if sel.Has(", strconv.Quote(string(field.Desc.Name())), ") {")
		mp.body.lines = append(mp.body.lines, out.lines...)
		mp.body.P("}")
		return
	}
	out := &code{}
	quickBefore := len(mp.quick)
	if err := p.fieldChecks(mp, out, field, rules, "x."+field.GoName, field.Desc.HasPresence()); err != nil {
		p.fieldError(field, err)
		return
	}
	if out.empty() {
		return
	}
	if len(mp.quick) == quickBefore {
		mp.quickOK = false // checks that the quick predicate cannot express
	}
	mp.body.P("// ", field.Desc.Name(), ": ", describeRules(field, rules))
	mp.body.P("if sel.Has(", strconv.Quote(string(field.Desc.Name())), ") {")
	mp.body.lines = append(mp.body.lines, out.lines...)
	mp.body.P("}")
}

// fieldError records a problem with field's rules. The planner words its
// hints in protolite's vocabulary; a field annotated in another gets them in
// its own option's name.
func (p *filePlan) fieldError(field *protogen.Field, err error) {
	if vocab := p.g.vocabularyOf(field); vocab != protoliteRules {
		if pr, ok := err.(*problem); ok {
			err = &problem{where: pr.where, what: strings.ReplaceAll(pr.what, protoliteRules.rules, vocab.rules)}
		}
	}
	p.problems = append(p.problems, err)
}

// planOneof plans a oneof: the required check and each member's rules, in
// one type switch.
func (p *filePlan) planOneof(mp *messagePlan, o *protogen.Oneof) {
	out := &code{}
	required := p.g.ann.required[o.Desc]
	name := string(o.Desc.Name())
	if p.g.jsonNames {
		name = jsonName(name)
	}
	var cases []*code
	var members []string
	for _, field := range o.Fields {
		members = append(members, p.pathName(field))
		rules := p.g.fieldRules(field)
		if rules.GetMessage().GetRequired() {
			vocab := p.g.vocabularyOf(field)
			if !vocab.lenient {
				p.problems = append(p.problems, fieldProblem(field,
					"message.required does not apply to a oneof member, which is set only when chosen; remove it, or set (%s.required) = true on oneof %s if one of its members must always be set",
					vocab.prefix, o.Desc.Name()))
				continue
			}
			// PGV's check fires only for a member set to a typed nil,
			// which decoding never produces: it does nothing.
			p.g.warn.add(field, "message.required has no effect on a oneof member (protoc-gen-validate checks it only for a member set to a nil message, which decoding never produces); no check is generated")
			rules = proto.CloneOf(rules)
			rules.Message.Required = nil
		}
		body := &code{}
		if err := p.fieldChecks(mp, body, field, rules, "o."+field.GoName, false); err != nil {
			p.fieldError(field, err)
			continue
		}
		if body.empty() {
			continue
		}
		c := &code{}
		c.P("case *", field.GoIdent, ":")
		c.P("if sel.Has(", strconv.Quote(string(field.Desc.Name())), ") {")
		c.lines = append(c.lines, body.lines...)
		c.P("}")
		cases = append(cases, c)
	}
	description := "must have one of " + joinNames(members) + " set"
	if len(members) == 1 {
		description = "must have " + members[0] + " set"
	}
	// The oneof is required of a partial validation when the mask names
	// any of its members.
	var selected []string
	for _, field := range o.Fields {
		selected = append(selected, "sel.Has("+strconv.Quote(string(field.Desc.Name()))+")")
	}
	anySelected := strings.Join(selected, " || ")
	// The oneof's own violation has a constant path: a static one.
	oneofTarget := &target{path: quotePath(name), name: "_" + o.Parent.GoIdent.GoName + "_" + o.GoName}
	switch {
	case len(cases) == 0 && !required:
		return
	case len(cases) == 0:
		out.P("if x.", o.GoName, " == nil && (", anySelected, ") {")
		addViolation(out, oneofTarget, check{reason: "ONEOF_REQUIRED", description: description}, "\t")
		out.P("}")
	default:
		out.P("switch o := x.", o.GoName, ".(type) {")
		if required {
			out.P("case nil:")
			out.P("if ", anySelected, " {")
			addViolation(out, oneofTarget, check{reason: "ONEOF_REQUIRED", description: description}, "\t")
			out.P("}")
		}
		for _, c := range cases {
			out.lines = append(out.lines, c.lines...)
		}
		out.P("}")
	}
	mp.quickOK = false
	comment := "oneof " + string(o.Desc.Name())
	if required {
		comment += ": required"
	}
	mp.body.P("// ", comment)
	mp.body.lines = append(mp.body.lines, out.lines...)
}

// fieldChecks writes into out the checks of one field whose value is the Go
// expression expr (a struct field, or a oneof member's wrapper field).
// hasPresence is set when expr can be unset (nil), so that the rules apply
// only when it is set.
func (p *filePlan) fieldChecks(mp *messagePlan, out *code, field *protogen.Field, rules *options.FieldRules, expr string, hasPresence bool) error {
	path := quotePath(p.pathName(field))
	switch {
	case field.Desc.IsMap():
		return p.mapChecks(mp, out, field, rules, expr, path)
	case field.Desc.IsList():
		return p.listChecks(out, field, rules, expr, path)
	case field.Message != nil:
		return p.messageChecks(out, &target{
			field: field, kind: field.Desc.Kind(), expr: expr, path: path,
			name: p.helperName(field, ""),
		}, field.Message, rules)
	}
	if rules.GetMessage() != nil {
		return fieldProblem(field, "message rules apply only to message fields, and %s is %s", field.Desc.Name(), kindName(field.Desc.Kind()))
	}
	valueExpr := expr
	pointer := hasPresence && field.Desc.Kind() != protoreflect.BytesKind
	if pointer {
		valueExpr = "*" + expr
	}
	t := &target{
		field: field, kind: field.Desc.Kind(), enum: field.Enum,
		expr: valueExpr, path: path, name: p.helperName(field, ""),
	}
	checks, ignoreEmpty, err := p.scalarChecks(t, rules)
	if err != nil || len(checks) == 0 {
		return err
	}
	if hasPresence {
		out.P("if ", expr, " != nil {")
		inner := &code{}
		emitChecks(inner, t, checks, ignoreEmpty)
		indent(out, inner)
		out.P("}")
		mp.quickOK = false
		return nil
	}
	emitChecks(out, t, checks, ignoreEmpty)
	p.noteQuickChecks(mp, t, checks, ignoreEmpty)
	return nil
}

// quickCheck is one rule of a validQuick predicate.
type quickCheck struct {
	// cond is true when the rule is broken.
	cond []any
	// violation is the rule's static violation, nil when its path is not
	// constant.
	violation *staticViolation
}

// maxQuickChecks bounds the size of a validQuick predicate, which must stay
// small enough for the Go compiler to inline.
const maxQuickChecks = 6

// noteQuickChecks records the conditions of checks for the message's
// validQuick predicate, or rules the predicate out when a check is a
// switch or ignore_empty applies.
func (p *filePlan) noteQuickChecks(mp *messagePlan, t *target, checks []check, ignoreEmpty bool) {
	if ignoreEmpty {
		mp.quickOK = false
		return
	}
	for _, c := range checks {
		if c.cases != nil || strings.HasSuffix(c.reason, "_PATTERN") {
			mp.quickOK = false
			return
		}
		mp.quick = append(mp.quick, quickCheck{cond: c.cond, violation: staticViolationOf(t, c)})
	}
}

// planFirstViolation fills mp.firstViolation when every rule of a message
// with a validQuick predicate has a static violation: Validate then checks
// the rules in validateInto's order and returns the first broken one's
// prebuilt error, with no collector.
func (mp *messagePlan) planFirstViolation() {
	mp.firstViolation = code{}
	if !mp.hasQuick() {
		return
	}
	for _, q := range mp.quick {
		if q.violation == nil {
			return
		}
	}
	mp.firstViolation.P("if x == nil {")
	mp.firstViolation.P("return nil")
	mp.firstViolation.P("}")
	for _, q := range mp.quick {
		mp.firstViolation.P(cat("if ", q.cond, " {")...)
		mp.firstViolation.P("return ", q.violation, ".Err()")
		mp.firstViolation.P("}")
	}
	mp.firstViolation.P("return nil")
}

// writeQuickReturn writes the fast path of Validate and ValidateAll for a
// message with a validQuick predicate: a valid message returns at once.
func (mp *messagePlan) writeQuickReturn(gf *protogen.GeneratedFile) {
	if mp.hasQuick() {
		gf.P("if x == nil || x.validQuick() {")
		gf.P("return nil")
		gf.P("}")
	}
}

// hasQuick reports whether m's plan can have a validQuick predicate.
func (mp *messagePlan) hasQuick() bool {
	return !mp.noRules && mp.quickOK && !mp.recursive && len(mp.quick) > 0 && len(mp.quick) <= maxQuickChecks
}

// negate returns the Go condition that cond is false, without a double
// negation: cond is "!call(...)", "!(...)" or a plain comparison.
func negate(cond []any) []any {
	switch first, _ := cond[0].(string); first {
	case "!":
		return cond[1:]
	case "!(":
		return cat("(", cond[1:])
	}
	return cat("!(", cond, ")")
}

// helperName returns a package-unique identifier fragment for helpers of a
// field (or of its items, keys or values, given as part).
func (p *filePlan) helperName(field *protogen.Field, part string) string {
	name := "_" + field.Parent.GoIdent.GoName + "_" + field.GoName
	if part != "" {
		name += "_" + part
	}
	return name
}

// declarePattern declares a package-level compiled regexp and returns its
// name.
func (p *filePlan) declarePattern(base, pattern string) string {
	name := base + "_pattern"
	for i := 2; p.names[name]; i++ {
		name = base + "_pattern" + strconv.Itoa(i)
	}
	p.names[name] = true
	p.decls.P("var ", name, " = ", regexpPackage.Ident("MustCompile"), "(", strconv.Quote(pattern), ")")
	return name
}

// declareStaticViolations declares a protoimpl.StaticViolation for each
// staticViolation marker in the file's code and puts the variable's name in
// the marker's place.
func (p *filePlan) declareStaticViolations() {
	names := map[staticViolation]string{}
	var decls code
	replace := func(c *code) {
		for _, line := range c.lines {
			for i, part := range line {
				sv, ok := part.(*staticViolation)
				if !ok {
					continue
				}
				name, ok := names[*sv]
				if !ok {
					base := sv.base + "_" + sv.reason
					name = base
					for n := 2; p.names[name]; n++ {
						name = base + strconv.Itoa(n)
					}
					p.names[name] = true
					names[*sv] = name
					decls.P(name, " = ", protoimplPackage.Ident("NewStaticViolation"), "(", sv.path, ", ",
						strconv.Quote(sv.reason), ", ", strconv.Quote(sv.description), ")")
				}
				line[i] = name
			}
		}
	}
	for _, mp := range p.messages {
		mp.planFirstViolation()
		replace(&mp.body)
		replace(&mp.helpers)
		replace(&mp.firstViolation)
	}
	if decls.empty() {
		return
	}
	if !p.decls.empty() {
		p.decls.P()
	}
	p.decls.P("// The violations of rules on fields of the messages validated, built once:")
	p.decls.P("// Validate returns them without allocating.")
	p.decls.P("var (")
	p.decls.lines = append(p.decls.lines, decls.lines...)
	p.decls.P(")")
}

// indent appends inner's lines to out, one tab deeper.
func indent(out, inner *code) {
	for _, line := range inner.lines {
		out.P(append([]any{"\t"}, line...)...)
	}
}

// nestedCall writes the call that validates the nested message in expr
// (of type msg) and places its violations under path: a direct call within
// the package, passing on selection (which fields ValidatePartial checks),
// and the runtime's interface check across packages, which validates the
// whole message.
func (p *filePlan) nestedCall(out *code, msg *protogen.Message, expr string, path []any, dynamicPath bool, selection []any) {
	direct := p.g.hasDirectValidator(msg, p.file)
	quick := direct && dynamicPath && p.g.quick[msg]
	if quick {
		out.P("if !", expr, ".validQuick() {")
	}
	out.P("start := v.Len()")
	if direct {
		out.P(cat(expr, ".validateInto(v, ", selection, ")")...)
	} else {
		out.P("v.Include(", expr, ")")
	}
	if dynamicPath {
		out.P(cat("if v.Len() > start && v.Nest(start, ", path, ") {")...)
	} else {
		out.P(cat("if v.Nest(start, ", path, ") {")...)
	}
	out.P("\treturn")
	out.P("}")
	if quick {
		out.P("}")
	}
}

// write emits the message's methods.
func (mp *messagePlan) write(gf *protogen.GeneratedFile, g *generator) {
	m := mp.msg
	name := m.GoIdent.GoName
	if mp.noRules {
		why := "has no validation rules"
		if mp.disabled {
			why = "has validation disabled by (protolite.disabled)"
		}
		gf.P("// Validate always returns nil: ", m.Desc.Name(), " ", why, ".")
		gf.P("func (x *", name, ") Validate() error {")
		gf.P("return nil")
		gf.P("}")
		gf.P()
		gf.P("// ValidateAll always returns nil: ", m.Desc.Name(), " ", why, ".")
		gf.P("func (x *", name, ") ValidateAll() error {")
		gf.P("return nil")
		gf.P("}")
		gf.P()
		gf.P("// ValidatePartial returns nil unless a path of mask names no field of")
		gf.P("// ", m.Desc.Name(), ": ", m.Desc.Name(), " ", why, ".")
		gf.P("func (x *", name, ") ValidatePartial(mask *", fieldmaskPkg.Ident("FieldMask"), ") error {")
		gf.P("_, err := ", protoimplPackage.Ident("SelectMask"), "(x.ProtoReflect().Descriptor(), mask)")
		gf.P("return err")
		gf.P("}")
		gf.P()
		return
	}
	violations := protoimplPackage.Ident("Violations")
	gf.P("// Validate checks x against the rules of ", m.Desc.Name(), " and returns the")
	gf.P("// first violation as a *runtime.ValidationError, or nil when x is valid.")
	gf.P("// A nil x is valid.")
	gf.P("func (x *", name, ") Validate() error {")
	if !mp.firstViolation.empty() {
		mp.firstViolation.writeTo(gf)
	} else {
		mp.writeQuickReturn(gf)
		gf.P("v := ", protoimplPackage.Ident("FirstOnly"), "()")
		gf.P("x.validateInto(&v, ", protoimplPackage.Ident("AllFields"), "())")
		gf.P("return v.Err()")
	}
	gf.P("}")
	gf.P()
	gf.P("// ValidateAll checks x against the rules of ", m.Desc.Name(), " and returns")
	gf.P("// every violation in one *runtime.ValidationError, or nil when x is valid.")
	gf.P("// A nil x is valid.")
	gf.P("func (x *", name, ") ValidateAll() error {")
	mp.writeQuickReturn(gf)
	gf.P("v := ", protoimplPackage.Ident("CollectAll"), "()")
	gf.P("x.validateInto(&v, ", protoimplPackage.Ident("AllFields"), "())")
	gf.P("return v.Err()")
	gf.P("}")
	gf.P()
	gf.P("// ValidatePartial checks x like ValidateAll, but only the fields that mask")
	gf.P("// names (and their sub-fields), as an update request wants: fields the mask")
	gf.P("// leaves out are not checked, required ones included. A nil or empty mask")
	gf.P("// checks every field; a path that names no field is an error.")
	gf.P("func (x *", name, ") ValidatePartial(mask *", fieldmaskPkg.Ident("FieldMask"), ") error {")
	gf.P("sel, err := ", protoimplPackage.Ident("SelectMask"), "(x.ProtoReflect().Descriptor(), mask)")
	gf.P("if err != nil {")
	gf.P("return err")
	gf.P("}")
	gf.P("v := ", protoimplPackage.Ident("CollectAll"), "()")
	gf.P("x.validateInto(&v, sel)")
	gf.P("return v.Err()")
	gf.P("}")
	gf.P()
	gf.P("// validateInto adds the violations of the fields of x that sel selects to v,")
	gf.P("// stopping when v says so.")
	gf.P("func (x *", name, ") validateInto(v *", violations, ", sel *", protoimplPackage.Ident("Selection"), ") {")
	gf.P("if x == nil {")
	gf.P("return")
	gf.P("}")
	if mp.recursive {
		gf.P("// ", m.Desc.Name(), " can contain itself: stop at runtime.MaxDepth levels.")
		gf.P("if !v.Enter() {")
		gf.P("return")
		gf.P("}")
		gf.P("defer v.Leave()")
	}
	mp.body.writeTo(gf)
	gf.P("}")
	gf.P()
	if mp.hasQuick() {
		gf.P("// validQuick reports whether x breaks none of the rules of ", m.Desc.Name(), ". It is")
		gf.P("// small enough to inline, so that a valid one (the message itself, list")
		gf.P("// items, map values) costs no call and no collector.")
		gf.P("func (x *", name, ") validQuick() bool {")
		line := []any{"return "}
		for i, q := range mp.quick {
			if i > 0 {
				line = append(line, " &&\n\t\t")
			}
			line = append(line, negate(q.cond)...)
		}
		gf.P(line...)
		gf.P("}")
		gf.P()
	}
	mp.helpers.writeTo(gf)
}
