package validategen

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/protolite/protolite/options"
)

// wrapperKinds maps each wrapper type to the kind of its value field.
var wrapperKinds = map[protoreflect.FullName]protoreflect.Kind{
	"google.protobuf.DoubleValue": protoreflect.DoubleKind,
	"google.protobuf.FloatValue":  protoreflect.FloatKind,
	"google.protobuf.Int64Value":  protoreflect.Int64Kind,
	"google.protobuf.UInt64Value": protoreflect.Uint64Kind,
	"google.protobuf.Int32Value":  protoreflect.Int32Kind,
	"google.protobuf.UInt32Value": protoreflect.Uint32Kind,
	"google.protobuf.BoolValue":   protoreflect.BoolKind,
	"google.protobuf.StringValue": protoreflect.StringKind,
	"google.protobuf.BytesValue":  protoreflect.BytesKind,
}

// messageChecks writes the checks of a message value t (a field, list item
// or map value) of type msg: presence (required), the rules of well-known
// types and wrappers, and nested validation unless skipped.
func (p *filePlan) messageChecks(out *code, t *target, msg *protogen.Message, rules *options.FieldRules) error {
	kind := ruleKind(rules)
	fullName := msg.Desc.FullName()
	required := rules.GetMessage().GetRequired()
	// recurse is cleared where PGV's code does not validate inside the
	// value (any rules on a message that is not an Any).
	recurse := !rules.GetMessage().GetSkip()
	inner := &code{}

	switch wrapped, isWrapper := wrapperKinds[fullName]; {
	case kind == "":
	case isWrapper:
		value := &target{
			field: t.field, kind: wrapped, expr: t.expr + ".Value", path: t.path,
			dynamicPath: t.dynamicPath, name: t.name,
		}
		checks, ignoreEmpty, err := p.scalarChecks(value, rules)
		if err != nil {
			return err
		}
		emitChecks(inner, value, checks, ignoreEmpty)
	case kind == "duration" && fullName == "google.protobuf.Duration":
		required = required || rules.GetDuration().GetRequired()
		if err := durationChecks(inner, t, rules.GetDuration()); err != nil {
			return err
		}
	case kind == "timestamp" && fullName == "google.protobuf.Timestamp":
		required = required || rules.GetTimestamp().GetRequired()
		if err := timestampChecks(inner, t, rules.GetTimestamp()); err != nil {
			return err
		}
	case kind == "any" && fullName == "google.protobuf.Any":
		required = required || rules.GetAny().GetRequired()
		r := rules.GetAny()
		typeURL := *t
		typeURL.expr = t.expr + ".TypeUrl"
		checks, err := membershipChecks(&typeURL, "ANY", r.GetIn(), r.GetNotIn(), strconv.Quote)
		if err != nil {
			return err
		}
		emitChecks(inner, &typeURL, checks, false)
	case kind == "any" && p.g.vocabularyOf(t.field).lenient:
		// protoc-gen-validate accepts any rules on any message field: its
		// code checks their presence part and does not validate inside.
		required = required || rules.GetAny().GetRequired()
		recurse = false
		p.g.warn.add(t.field, "any rules apply to google.protobuf.Any, not %s; as protoc-gen-validate does, only any.required is checked (as a presence check), any.in and any.not_in are ignored, and the value is not validated inside", fullName)
	default:
		return fieldProblem(t.field, "%s rules do not apply to a value of message type %s", kind, fullName)
	}

	if recurse && p.g.needs[msg] {
		// A singular field passes on what the mask selects below it; list
		// items and map values are validated whole.
		selection := cat(protoimplPackage.Ident("AllFields"), "()")
		if !t.dynamicPath {
			selection = cat("sel.Sub(", strconv.Quote(string(t.field.Desc.Name())), ")")
		}
		p.nestedCall(inner, msg, t.expr, t.path, t.dynamicPath, selection)
	}
	switch {
	case required:
		out.P("if ", t.expr, " == nil {")
		addViolation(out, t, check{reason: "REQUIRED", description: "is required"}, "\t")
		if !inner.empty() {
			out.P("} else {")
			out.lines = append(out.lines, inner.lines...)
		}
		out.P("}")
	case !inner.empty():
		out.P("if ", t.expr, " != nil {")
		out.lines = append(out.lines, inner.lines...)
		out.P("}")
	}
	return nil
}

// durationChecks writes the checks of a Duration value: an invalid one
// (seconds or nanos out of range, mixed signs) is one violation and skips
// the comparisons.
func durationChecks(out *code, t *target, r *options.DurationRules) error {
	for _, d := range append([]*durationpb.Duration{r.Const, r.Lt, r.Lte, r.Gt, r.Gte}, append(r.In, r.NotIn...)...) {
		if d != nil && d.CheckValid() != nil {
			return fieldProblem(t.field, "the duration {seconds: %d, nanos: %d} in the rules is invalid: seconds must be within ±315,576,000,000, nanos within ±999,999,999 and of the same sign", d.GetSeconds(), d.GetNanos())
		}
	}
	literal := func(d *durationpb.Duration) []any {
		return cat(d.GetSeconds(), ", ", d.GetNanos())
	}
	compare := protoimplPackage.Ident("CompareDuration")
	order := func(a, b *durationpb.Duration) int { return cmp.Compare(a.AsDuration(), b.AsDuration()) }
	checks, err := timeChecks(t, "DURATION", compare, literal, formatDuration, order, r.Const, r.Lt, r.Lte, r.Gt, r.Gte)
	if err != nil {
		return err
	}
	for _, list := range []struct {
		values []*durationpb.Duration
		in     bool
	}{{r.In, true}, {r.NotIn, false}} {
		if len(list.values) == 0 {
			continue
		}
		var cond []any
		var names []string
		for i, d := range list.values {
			if i > 0 {
				cond = append(cond, " || ")
			}
			cond = append(cond, cat(compare, "(", t.expr, ", ", literal(d), ") == 0")...)
			names = append(names, formatDuration(d))
		}
		c := check{reason: "DURATION_NOT_IN", description: "must not be one of " + listLiterals(names, identity), cond: cond}
		if list.in {
			c = check{reason: "DURATION_IN", description: "must be one of " + listLiterals(names, identity), cond: cat("!(", cond, ")")}
		}
		checks = append(checks, c)
	}
	emitValidityThen(out, t, "DURATION_INVALID", "must be a valid duration (seconds and nanos in range, of one sign)",
		protoimplPackage.Ident("IsValidDuration"), checks)
	return nil
}

// timestampChecks writes the checks of a Timestamp value, the current time
// read once per check from the runtime's clock.
func timestampChecks(out *code, t *target, r *options.TimestampRules) error {
	for _, ts := range []*timestamppb.Timestamp{r.Const, r.Lt, r.Lte, r.Gt, r.Gte} {
		if ts != nil && ts.CheckValid() != nil {
			return fieldProblem(t.field, "the timestamp {seconds: %d, nanos: %d} in the rules is invalid: it must lie between 0001-01-01 and 9999-12-31, nanos within 0 to 999,999,999", ts.GetSeconds(), ts.GetNanos())
		}
	}
	if r.Within != nil {
		if err := r.Within.CheckValid(); err != nil || r.Within.AsDuration() <= 0 {
			return fieldProblem(t.field, "timestamp.within must be a positive duration")
		}
	}
	if r.GetLtNow() && r.GetGtNow() {
		return fieldProblem(t.field, "timestamp.lt_now and timestamp.gt_now together admit no value; keep one")
	}
	if (r.GetLtNow() || r.GetGtNow()) && (r.Lt != nil || r.Lte != nil || r.Gt != nil || r.Gte != nil) {
		return fieldProblem(t.field, "timestamp.lt_now and gt_now cannot be combined with fixed bounds (lt, lte, gt, gte)")
	}
	literal := func(ts *timestamppb.Timestamp) []any {
		return cat(ts.GetSeconds(), ", ", ts.GetNanos())
	}
	compare := protoimplPackage.Ident("CompareTimestamp")
	order := func(a, b *timestamppb.Timestamp) int { return a.AsTime().Compare(b.AsTime()) }
	checks, err := timeChecks(t, "TIMESTAMP", compare, literal, formatTimestamp, order, r.Const, r.Lt, r.Lte, r.Gt, r.Gte)
	if err != nil {
		return err
	}
	if r.GetLtNow() {
		checks = append(checks, check{reason: "TIMESTAMP_LT_NOW", description: "must be in the past",
			cond: cat(protoimplPackage.Ident("CompareTimestampToNow"), "(", t.expr, ") >= 0")})
	}
	if r.GetGtNow() {
		checks = append(checks, check{reason: "TIMESTAMP_GT_NOW", description: "must be in the future",
			cond: cat(protoimplPackage.Ident("CompareTimestampToNow"), "(", t.expr, ") <= 0")})
	}
	if r.Within != nil {
		checks = append(checks, check{reason: "TIMESTAMP_WITHIN", description: "must be within " + formatDuration(r.Within) + " of the current time",
			cond: cat("!", protoimplPackage.Ident("TimestampWithin"), "(", t.expr, ", ", r.Within.GetSeconds(), ", ", r.Within.GetNanos(), ")")})
	}
	emitValidityThen(out, t, "TIMESTAMP_INVALID", "must be a valid timestamp (between 0001-01-01 and 9999-12-31, nanos in range)",
		protoimplPackage.Ident("IsValidTimestamp"), checks)
	return nil
}

// timeChecks returns the const and range checks shared by Duration and
// Timestamp, comparing with the runtime's compare function.
func timeChecks[T comparable](t *target, kind string, compare protogen.GoIdent, literal func(T) []any, format func(T) string, compareValues func(a, b T) int, konst, lt, lte, gt, gte T) ([]check, error) {
	var zero T
	var checks []check
	if konst != zero {
		checks = append(checks, check{reason: kind + "_CONST", description: "must equal " + format(konst),
			cond: cat(compare, "(", t.expr, ", ", literal(konst), ") != 0")})
	}
	if lt != zero && lte != zero || gt != zero && gte != zero {
		return nil, fieldProblem(t.field, "%s sets both an exclusive and an inclusive bound on one side (lt and lte, or gt and gte); keep one", strings.ToLower(kind))
	}
	texts := map[string]string{"LT": "before", "LTE": "at or before", "GT": "after", "GTE": "at or after"}
	if kind == "DURATION" {
		texts = map[string]string{"LT": "less than", "LTE": "at most", "GT": "greater than", "GTE": "at least"}
	}
	side := func(rule, op string, value T) *bound {
		if value == zero {
			return nil
		}
		return &bound{rule: rule, text: texts[rule], value: format(value),
			holds: cat(compare, "(", t.expr, ", ", literal(value), ")", op)}
	}
	upperValue, upper := lt, side("LT", " < 0", lt)
	if upper == nil {
		upperValue, upper = lte, side("LTE", " <= 0", lte)
	}
	lowerValue, lower := gt, side("GT", " > 0", gt)
	if lower == nil {
		lowerValue, lower = gte, side("GTE", " >= 0", gte)
	}
	order := 0
	if lower != nil && upper != nil {
		order = compareValues(lowerValue, upperValue)
	}
	if c := rangeCheck(kind, lower, upper, order); c != nil {
		checks = append(checks, *c)
	}
	return checks, nil
}

// emitValidityThen writes: if the value is invalid, one violation; else
// the checks.
func emitValidityThen(out *code, t *target, reason, description string, valid protogen.GoIdent, checks []check) {
	out.P("if !", valid, "(", t.expr, ") {")
	addViolation(out, t, check{reason: reason, description: description}, "\t")
	if len(checks) > 0 {
		out.P("} else {")
		emitChecks(out, t, checks, false)
	}
	out.P("}")
}

// formatDuration formats d as Go's time.Duration does ("1m30s").
func formatDuration(d *durationpb.Duration) string {
	if d.CheckValid() != nil {
		return fmt.Sprintf("%ds%dns", d.GetSeconds(), d.GetNanos())
	}
	return d.AsDuration().String()
}

// formatTimestamp formats ts in RFC 3339.
func formatTimestamp(ts *timestamppb.Timestamp) string {
	return ts.AsTime().Format(time.RFC3339Nano)
}

func identity(s string) string { return s }
