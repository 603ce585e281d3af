package validategen

import (
	"strconv"
	"strings"

	"github.com/protolite/protolite/options"
)

// enumRules returns the checks of r on t, an enum value. Values are compared
// by number; defined_only switches over the enum's declared constants.
func enumRules(t *target, r *options.EnumRules) ([]check, error) {
	var checks []check
	number := func(n int32) string { return strconv.FormatInt(int64(n), 10) }
	if r.Const != nil {
		checks = append(checks, check{
			reason:      "ENUM_CONST",
			description: "must equal " + number(r.GetConst()),
			cond:        cat(t.expr, " != ", number(r.GetConst())),
		})
	}
	if r.GetDefinedOnly() {
		var cases [][]any
		var names []string
		seen := map[int32]bool{}
		for _, v := range t.enum.Values {
			n := int32(v.Desc.Number())
			if seen[n] {
				continue // an alias: Go rejects the same constant twice in a switch
			}
			seen[n] = true
			cases = append(cases, []any{v.GoIdent})
			names = append(names, string(v.Desc.Name()))
		}
		checks = append(checks, check{
			reason:      "ENUM_DEFINED_ONLY",
			description: "must be a defined value of " + string(t.enum.Desc.FullName()) + " (" + strings.Join(names, ", ") + ")",
			cases:       cases,
			in:          true,
		})
	}
	inChecks, err := membershipChecks(t, "ENUM", r.In, r.NotIn, number)
	if err != nil {
		return nil, err
	}
	return append(checks, inChecks...), nil
}

// boolRules returns the check of r on t, a bool value.
func boolRules(t *target, r *options.BoolRules) []check {
	if r.Const == nil {
		return nil
	}
	cond := cat("!", t.expr)
	if !r.GetConst() {
		cond = cat(t.expr)
	}
	return []check{{
		reason:      "BOOL_CONST",
		description: "must be " + strconv.FormatBool(r.GetConst()),
		cond:        cond,
	}}
}
