package validategen

import (
	"strconv"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/protolite/protolite/options"
)

// mapChecks writes the checks of a map field: its size as a whole, then
// each entry (key rules, value rules, no_sparse, nested validation) in a
// helper method. Entries are visited in Go's map order, which costs nothing
// when all are valid; when one fails, its violations are dropped and the
// entries visited again in sorted key order, so violations come out sorted.
func (p *filePlan) mapChecks(mp *messagePlan, out *code, field *protogen.Field, rules *options.FieldRules, expr string, path []any) error {
	kind := ruleKind(rules)
	if kind != "" && kind != "map" {
		return fieldProblem(field, "%s rules do not apply to a map field; use (protolite.rules).map (with map.keys and map.values)", kind)
	}
	if rules.GetMessage() != nil {
		return fieldProblem(field, "message rules do not apply to a map field; use (protolite.rules).map.values.message")
	}
	r := rules.GetMap()
	if r == nil {
		r = &options.MapRules{}
	}
	checks, err := countChecks(field, expr, "map", "pairs", "entry", r.MinPairs, r.MaxPairs)
	if err != nil {
		return err
	}
	keyField, valueField := field.Message.Fields[0], field.Message.Fields[1]
	if r.GetNoSparse() && valueField.Message == nil {
		return fieldProblem(field, "map.no_sparse applies to maps of messages, and these values are %s", kindName(valueField.Desc.Kind()))
	}
	name := p.pathName(field)

	whole := &code{}
	emitChecks(whole, &target{field: field, expr: expr, path: path, name: p.helperName(field, "")}, checks, false)

	entryPath := keyPath(keyField, name)
	entry := &code{}
	key := &target{
		field: field, kind: keyField.Desc.Kind(), expr: "key", path: entryPath, dynamicPath: true,
		name: p.helperName(field, "key"),
	}
	if r.GetKeys().GetMessage() != nil {
		return fieldProblem(field, "map.keys takes the rules of the key type, %s, not message rules", kindName(keyField.Desc.Kind()))
	}
	keyChecks, keyIgnoreEmpty, err := p.scalarChecks(key, r.GetKeys())
	if err != nil {
		return err
	}
	emitChecks(entry, key, keyChecks, keyIgnoreEmpty)
	value := &target{
		field: field, kind: valueField.Desc.Kind(), enum: valueField.Enum, expr: "value", path: entryPath, dynamicPath: true,
		name: p.helperName(field, "value"),
	}
	if r.GetNoSparse() {
		entry.P("if value == nil {")
		addViolation(entry, value, check{reason: "MAP_NO_SPARSE", description: "must not be null: sparse entries are not allowed"}, "\t")
		entry.P("}")
	}
	if err := p.valueChecks(entry, value, valueField.Message, r.GetValues()); err != nil {
		return err
	}

	if !entry.empty() {
		method := "validate" + field.GoName + "Entry"
		mp.helpers.P("// ", method, " adds the violations of one entry of ", field.Desc.Name(), " to v.")
		mp.helpers.P(cat("func (x *", mp.msg.GoIdent.GoName, ") ", method, "(v *", protoimplPackage.Ident("Violations"),
			", key ", goValueType(keyField), ", value ", goValueType(valueField), ") {")...)
		mp.helpers.lines = append(mp.helpers.lines, entry.lines...)
		mp.helpers.P("}")
		mp.helpers.P()

		// The entry validator is called directly, not through a function
		// value, so that v stays on the caller's stack.
		sorted := protoimplPackage.Ident("SortedKeys")
		if keyField.Desc.Kind() == protoreflect.BoolKind {
			sorted = protoimplPackage.Ident("SortedBoolKeys")
		}
		whole.P("if len(", expr, ") != 0 {")
		whole.P("start := v.Len()")
		whole.P("for key, value := range ", expr, " {")
		whole.P("if x.", method, "(v, key, value); v.Stopped() {")
		whole.P("break")
		whole.P("}")
		whole.P("}")
		whole.P("if v.Len() > start { // an entry failed: report the entries in key order")
		whole.P("v.Rewind(start)")
		whole.P("for _, key := range ", sorted, "(", expr, ") {")
		whole.P("if x.", method, "(v, key, ", expr, "[key]); v.Stopped() {")
		whole.P("return")
		whole.P("}")
		whole.P("}")
		whole.P("}")
		whole.P("}")
	}
	if whole.empty() {
		return nil
	}
	if r.GetIgnoreEmpty() {
		out.P("if len(", expr, ") != 0 {")
		indent(out, whole)
		out.P("}")
		return nil
	}
	out.lines = append(out.lines, whole.lines...)
	return nil
}

// keyPath returns the Go expression of a map entry's path, e.g.
// protoimpl.StringKeyPath("labels", key).
func keyPath(keyField *protogen.Field, name string) []any {
	quoted := strconv.Quote(name)
	switch keyField.Desc.Kind() {
	case protoreflect.StringKind:
		return cat(protoimplPackage.Ident("StringKeyPath"), "(", quoted, ", key)")
	case protoreflect.BoolKind:
		return cat(protoimplPackage.Ident("BoolKeyPath"), "(", quoted, ", key)")
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return cat(protoimplPackage.Ident("UintKeyPath"), "(", quoted, ", key)")
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return cat(protoimplPackage.Ident("UintKeyPath"), "(", quoted, ", uint64(key))")
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return cat(protoimplPackage.Ident("IntKeyPath"), "(", quoted, ", key)")
	default:
		return cat(protoimplPackage.Ident("IntKeyPath"), "(", quoted, ", int64(key))")
	}
}

// goValueType returns the Go type of a map key or value field.
func goValueType(f *protogen.Field) []any {
	switch f.Desc.Kind() {
	case protoreflect.BoolKind:
		return cat("bool")
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return cat("int32")
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return cat("int64")
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return cat("uint32")
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return cat("uint64")
	case protoreflect.FloatKind:
		return cat("float32")
	case protoreflect.DoubleKind:
		return cat("float64")
	case protoreflect.StringKind:
		return cat("string")
	case protoreflect.BytesKind:
		return cat("[]byte")
	case protoreflect.EnumKind:
		return cat(f.Enum.GoIdent)
	}
	return cat("*", f.Message.GoIdent)
}
