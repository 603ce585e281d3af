package validategen

import "fmt"

// bound is one side of a range rule (lt, lte, gt or gte) on any ordered
// kind: numbers, Durations, Timestamps.
type bound struct {
	// rule is the rule's name in reasons: LT, LTE, GT or GTE.
	rule string
	// text says the relation for people: "less than", "at or after".
	text string
	// value is the bound as people read it.
	value string
	// holds is the Go condition that the value satisfies the bound.
	holds []any
}

// rangeCheck combines an optional lower and upper bound into one check
// whose reason names both (INT32_GTE_LTE). When both are set, order is the
// comparison of the lower bound with the upper: below it (or equal, both
// inclusive) the value must satisfy both; above it, PGV's exclusive range,
// either will do (reason suffix _EXCLUSIVE). It returns nil without bounds.
func rangeCheck(kind string, lower, upper *bound, order int) *check {
	switch {
	case lower == nil && upper == nil:
		return nil
	case lower == nil || upper == nil:
		b := upper
		if b == nil {
			b = lower
		}
		return &check{
			reason:      kind + "_" + b.rule,
			description: fmt.Sprintf("must be %s %s", b.text, b.value),
			cond:        cat("!(", b.holds, ")"),
		}
	}
	if order < 0 || order == 0 && lower.rule == "GTE" && upper.rule == "LTE" {
		return &check{
			reason:      kind + "_" + lower.rule + "_" + upper.rule,
			description: fmt.Sprintf("must be %s %s and %s %s", lower.text, lower.value, upper.text, upper.value),
			cond:        cat("!(", lower.holds, " && ", upper.holds, ")"),
		}
	}
	return &check{
		reason:      kind + "_" + lower.rule + "_" + upper.rule + "_EXCLUSIVE",
		description: fmt.Sprintf("must be %s %s or %s %s", lower.text, lower.value, upper.text, upper.value),
		cond:        cat("!(", lower.holds, " || ", upper.holds, ")"),
	}
}
