package validategen

import (
	"fmt"
	"strconv"
	"strings"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/protolite/protolite/options"
)

// listChecks writes the checks of a repeated field: its size and uniqueness
// as a whole, then each item's rules and nested validation, by index.
func (p *filePlan) listChecks(out *code, field *protogen.Field, rules *options.FieldRules, expr string, path []any) error {
	kind := ruleKind(rules)
	if kind != "" && kind != "repeated" {
		return fieldProblem(field, "%s rules do not apply to a repeated field; use (protolite.rules).repeated (and repeated.items for each item)", kind)
	}
	if rules.GetMessage() != nil {
		return fieldProblem(field, "message rules do not apply to a repeated field; use (protolite.rules).repeated.items.message")
	}
	r := rules.GetRepeated()
	if r == nil {
		r = &options.RepeatedRules{}
	}
	checks, err := countChecks(field, expr, "repeated", "items", "item", r.MinItems, r.MaxItems)
	if err != nil {
		return err
	}
	name := p.pathName(field)
	whole := &code{}
	emitChecks(whole, &target{field: field, expr: expr, path: path, name: p.helperName(field, "")}, checks, false)
	if r.GetUnique() {
		fn, err := uniqueFunc(field)
		if err != nil {
			return err
		}
		whole.P("if i := ", fn, "(", expr, "); i >= 0 {")
		dup := &target{path: cat(protoimplPackage.Ident("IndexPath"), "(", strconv.Quote(name), ", i)")}
		addViolation(whole, dup, check{reason: "REPEATED_UNIQUE", description: "must be unique: it repeats an earlier item"}, "\t")
		whole.P("}")
	}

	item := &target{
		field: field, kind: field.Desc.Kind(), enum: field.Enum, expr: "item",
		path:        cat(protoimplPackage.Ident("IndexPath"), "(", strconv.Quote(name), ", i)"),
		dynamicPath: true,
		name:        p.helperName(field, "item"),
	}
	body := &code{}
	if err := p.valueChecks(body, item, field.Message, r.GetItems()); err != nil {
		return err
	}
	if !body.empty() {
		whole.P("for i, item := range ", expr, " {")
		indent(whole, body)
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

// countChecks returns the checks of the number of items of a repeated field
// (min_items, max_items) or of entries of a map (min_pairs, max_pairs).
func countChecks(field *protogen.Field, expr, kind, rule, unit string, min, max *uint64) ([]check, error) {
	if min != nil && max != nil && *min > *max {
		return nil, fieldProblem(field, "%s.min_%s (%d) is greater than %s.max_%s (%d), so no value can satisfy both; lower min_%s or raise max_%s", kind, rule, *min, kind, rule, *max, rule, rule)
	}
	prefix := strings.ToUpper(kind + "_")
	var checks []check
	if min != nil && *min > 0 {
		checks = append(checks, check{
			reason:      prefix + "MIN_" + strings.ToUpper(rule),
			description: fmt.Sprintf("must have at least %s", plural(*min, unit)),
			cond:        cat("len(", expr, ") < ", *min),
		})
	}
	if max != nil {
		checks = append(checks, check{
			reason:      prefix + "MAX_" + strings.ToUpper(rule),
			description: fmt.Sprintf("must have at most %s", plural(*max, unit)),
			cond:        cat("len(", expr, ") > ", *max),
		})
	}
	return checks, nil
}

// valueChecks writes the checks of one list item or map value t under
// rules: scalar rules, or for messages presence, well-known type rules and
// nested validation.
func (p *filePlan) valueChecks(out *code, t *target, msg *protogen.Message, rules *options.FieldRules) error {
	if msg != nil {
		return p.messageChecks(out, t, msg, rules)
	}
	if rules.GetMessage() != nil {
		return fieldProblem(t.field, "message rules apply only to message values, and these are %s", kindName(t.kind))
	}
	checks, ignoreEmpty, err := p.scalarChecks(t, rules)
	if err != nil {
		return err
	}
	emitChecks(out, t, checks, ignoreEmpty)
	return nil
}

// uniqueFunc returns the runtime function that finds a repeated field's
// first duplicate item.
func uniqueFunc(field *protogen.Field) (protogen.GoIdent, error) {
	switch field.Desc.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return protogen.GoIdent{}, fieldProblem(field, "repeated.unique applies to scalar, string, bytes and enum items, not messages")
	case protoreflect.BoolKind:
		return protoimplPackage.Ident("FirstDuplicateBool"), nil
	case protoreflect.BytesKind:
		return protoimplPackage.Ident("FirstDuplicateBytes"), nil
	}
	return protoimplPackage.Ident("FirstDuplicate"), nil
}
