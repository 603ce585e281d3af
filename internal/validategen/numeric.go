package validategen

import (
	"math"
	"strconv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// The twelve numeric rule messages (FloatRules … SFixed64Rules) share their
// field names, so one reader handles them all through protoreflect, at
// generation time only.

// numberClass is how a numeric kind's values are represented and compared.
type numberClass int

const (
	signedClass numberClass = iota
	unsignedClass
	floatClass
)

// number is one numeric option value.
type number struct {
	class numberClass
	i     int64
	u     uint64
	f     float64
	bits  int // 32 or 64
}

// numberOf reads v, an option value of kind k.
func numberOf(k protoreflect.Kind, v protoreflect.Value) number {
	switch k {
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return number{class: signedClass, i: v.Int(), bits: 32}
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return number{class: signedClass, i: v.Int(), bits: 64}
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return number{class: unsignedClass, u: v.Uint(), bits: 32}
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return number{class: unsignedClass, u: v.Uint(), bits: 64}
	case protoreflect.FloatKind:
		return number{class: floatClass, f: v.Float(), bits: 32}
	default:
		return number{class: floatClass, f: v.Float(), bits: 64}
	}
}

// compare returns -1, 0 or 1 as a is less than, equal to or greater than b
// (both of one class, neither NaN).
func (a number) compare(b number) int {
	switch a.class {
	case signedClass:
		return cmp3(a.i < b.i, a.i > b.i)
	case unsignedClass:
		return cmp3(a.u < b.u, a.u > b.u)
	default:
		return cmp3(a.f < b.f, a.f > b.f)
	}
}

func cmp3(less, greater bool) int {
	switch {
	case less:
		return -1
	case greater:
		return 1
	}
	return 0
}

// isNaN reports whether a is a floating-point NaN.
func (a number) isNaN() bool {
	return a.class == floatClass && math.IsNaN(a.f)
}

// isMax and isMin report whether a is its type's largest or smallest value.
func (a number) isMax() bool {
	switch a.class {
	case signedClass:
		return a.bits == 32 && a.i == math.MaxInt32 || a.bits == 64 && a.i == math.MaxInt64
	case unsignedClass:
		return a.bits == 32 && a.u == math.MaxUint32 || a.bits == 64 && a.u == math.MaxUint64
	}
	return math.IsInf(a.f, 1)
}

func (a number) isMin() bool {
	switch a.class {
	case signedClass:
		return a.bits == 32 && a.i == math.MinInt32 || a.bits == 64 && a.i == math.MinInt64
	case unsignedClass:
		return a.u == 0
	}
	return math.IsInf(a.f, -1)
}

// String formats a for people, as the description shows it.
func (a number) String() string {
	switch a.class {
	case signedClass:
		return strconv.FormatInt(a.i, 10)
	case unsignedClass:
		return strconv.FormatUint(a.u, 10)
	}
	return strconv.FormatFloat(a.f, 'g', -1, a.bits)
}

// goLiteral returns a Go expression for a that converts exactly to the
// field's Go type.
func (a number) goLiteral() []any {
	if a.class != floatClass {
		return []any{a.String()}
	}
	if math.IsInf(a.f, 0) {
		sign := "1"
		if a.f < 0 {
			sign = "-1"
		}
		if a.bits == 32 {
			return []any{"float32(", mathPackage.Ident("Inf"), "(", sign, "))"}
		}
		return []any{mathPackage.Ident("Inf"), "(", sign, ")"}
	}
	s := strconv.FormatFloat(a.f, 'g', -1, a.bits)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return []any{s}
}

// numericRules reads the rules of a numeric kind (rules is the FloatRules …
// SFixed64Rules message) and returns the checks for t and whether
// ignore_empty is set.
func numericRules(t *target, kindName string, rules protoreflect.Message) ([]check, bool, error) {
	fields := rules.Descriptor().Fields()
	get := func(name protoreflect.Name) (number, bool) {
		fd := fields.ByName(name)
		if fd == nil || !rules.Has(fd) {
			return number{}, false
		}
		return numberOf(fd.Kind(), rules.Get(fd)), true
	}
	list := func(name protoreflect.Name) []number {
		fd := fields.ByName(name)
		if fd == nil || !rules.Has(fd) {
			return nil
		}
		l := rules.Get(fd).List()
		out := make([]number, l.Len())
		for i := range out {
			out[i] = numberOf(fd.Kind(), l.Get(i))
		}
		return out
	}
	flag := func(name protoreflect.Name) bool {
		fd := fields.ByName(name)
		return fd != nil && rules.Get(fd).Bool()
	}

	reason := strings.ToUpper(kindName)
	var checks []check
	lit := number.goLiteral

	for _, name := range []protoreflect.Name{"const", "lt", "lte", "gt", "gte"} {
		if n, ok := get(name); ok && n.isNaN() {
			return nil, false, fieldProblem(t.field, "%s.%s is NaN, which no value can satisfy; remove the rule", kindName, name)
		}
	}
	if c, ok := get("const"); ok {
		checks = append(checks, check{
			reason:      reason + "_CONST",
			description: "must equal " + c.String(),
			cond:        cat(t.expr, " != ", lit(c)),
		})
	}

	rangeCheck, err := numericRange(t, kindName, get, lit)
	if err != nil {
		return nil, false, err
	}
	if rangeCheck != nil {
		checks = append(checks, *rangeCheck)
	}

	in, notIn := list("in"), list("not_in")
	for _, n := range in {
		for _, m := range notIn {
			if !n.isNaN() && n.compare(m) == 0 {
				return nil, false, fieldProblem(t.field, "%s.in and %s.not_in both list %s; a value cannot be both allowed and refused", kindName, kindName, n)
			}
		}
	}
	if len(in) > 0 {
		checks = append(checks, check{
			reason:      reason + "_IN",
			description: "must be one of " + listNumbers(in),
			cases:       numberCases(in, lit),
			in:          true,
		})
	}
	if len(notIn) > 0 {
		checks = append(checks, check{
			reason:      reason + "_NOT_IN",
			description: "must not be one of " + listNumbers(notIn),
			cases:       numberCases(notIn, lit),
		})
	}
	if flag("finite") {
		checks = append(checks, check{
			reason:      reason + "_FINITE",
			description: "must be a finite number (not NaN or infinite)",
			cond: cat(mathPackage.Ident("IsNaN"), "(float64(", t.expr, ")) || ",
				mathPackage.Ident("IsInf"), "(float64(", t.expr, "), 0)"),
		})
	}
	return checks, flag("ignore_empty"), nil
}

// numericRange turns lt, lte, gt and gte into one check. A lower bound above
// the upper bound makes the range exclusive: the value must satisfy either.
func numericRange(t *target, kindName string, get func(protoreflect.Name) (number, bool), lit func(number) []any) (*check, error) {
	lt, hasLT := get("lt")
	lte, hasLTE := get("lte")
	gt, hasGT := get("gt")
	gte, hasGTE := get("gte")
	if hasLT && hasLTE {
		return nil, fieldProblem(t.field, "%s.lt and %s.lte are both set; keep one upper bound", kindName, kindName)
	}
	if hasGT && hasGTE {
		return nil, fieldProblem(t.field, "%s.gt and %s.gte are both set; keep one lower bound", kindName, kindName)
	}
	if hasLT && lt.isMin() {
		return nil, fieldProblem(t.field, "%s.lt is %s, the smallest value of the type, so no value can satisfy it", kindName, lt)
	}
	if hasGT && gt.isMax() {
		return nil, fieldProblem(t.field, "%s.gt is %s, the largest value of the type, so no value can satisfy it", kindName, gt)
	}

	side := func(rule, op, text string, n number) *bound {
		return &bound{rule: rule, text: text, value: n.String(), holds: cat(t.expr, op, lit(n))}
	}
	var lower, upper *bound
	var lowerN, upperN number
	switch {
	case hasLT:
		upper, upperN = side("LT", " < ", "less than", lt), lt
	case hasLTE:
		upper, upperN = side("LTE", " <= ", "less than or equal to", lte), lte
	}
	switch {
	case hasGT:
		lower, lowerN = side("GT", " > ", "greater than", gt), gt
	case hasGTE:
		lower, lowerN = side("GTE", " >= ", "greater than or equal to", gte), gte
	}
	order := 0
	if lower != nil && upper != nil {
		order = lowerN.compare(upperN)
	}
	return rangeCheck(strings.ToUpper(kindName), lower, upper, order), nil
}

// numberCases returns the distinct switch cases for ns (NaN, which matches
// nothing, is left out; 0 and -0 are one case).
func numberCases(ns []number, lit func(number) []any) [][]any {
	var out [][]any
	var seen []number
next:
	for _, n := range ns {
		if n.isNaN() {
			continue
		}
		for _, s := range seen {
			if s.compare(n) == 0 {
				continue next
			}
		}
		seen = append(seen, n)
		out = append(out, lit(n))
	}
	if out == nil {
		// Only NaN was listed: nothing matches. A case that can never
		// match keeps the switch well formed.
		out = [][]any{{mathPackage.Ident("NaN"), "()"}}
	}
	return out
}

// listNumbers formats ns as "[1, 2, 3]".
func listNumbers(ns []number) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = n.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
