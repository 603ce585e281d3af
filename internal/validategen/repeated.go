package validategen

import (
	"fmt"
	"strconv"

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
	if r.MinItems != nil && r.MaxItems != nil && r.GetMinItems() > r.GetMaxItems() {
		return fieldProblem(field, "repeated.min_items (%d) is greater than repeated.max_items (%d)", r.GetMinItems(), r.GetMaxItems())
	}
	name := p.pathName(field)

	whole := &code{}
	listTarget := &target{field: field, expr: expr, path: path}
	var checks []check
	if r.GetMinItems() > 0 {
		checks = append(checks, check{
			reason:      "REPEATED_MIN_ITEMS",
			description: fmt.Sprintf("must have at least %s", plural(r.GetMinItems(), "item")),
			cond:        cat("len(", expr, ") < ", r.GetMinItems()),
		})
	}
	if r.MaxItems != nil {
		checks = append(checks, check{
			reason:      "REPEATED_MAX_ITEMS",
			description: fmt.Sprintf("must have at most %s", plural(r.GetMaxItems(), "item")),
			cond:        cat("len(", expr, ") > ", r.GetMaxItems()),
		})
	}
	emitChecks(whole, listTarget, checks, false)
	if r.GetUnique() {
		fn, err := uniqueFunc(field)
		if err != nil {
			return err
		}
		whole.P("if i := ", fn, "(", expr, "); i >= 0 {")
		dup := &target{path: cat(runtimePackage.Ident("IndexPath"), "(", strconv.Quote(name), ", i)")}
		addViolation(whole, dup, check{reason: "REPEATED_UNIQUE", description: "must be unique: it repeats an earlier item"}, "\t")
		whole.P("}")
	}

	item := &target{
		field: field, kind: field.Desc.Kind(), enum: field.Enum, expr: "item",
		path:        cat(runtimePackage.Ident("IndexPath"), "(", strconv.Quote(name), ", i)"),
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
		return runtimePackage.Ident("FirstDuplicateBool"), nil
	case protoreflect.BytesKind:
		return runtimePackage.Ident("FirstDuplicateBytes"), nil
	}
	return runtimePackage.Ident("FirstDuplicate"), nil
}
