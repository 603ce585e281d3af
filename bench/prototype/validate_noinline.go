package prototype

import (
	"unicode/utf8"

	"github.com/protolite/protolite/bench/gen/litepb"
	"github.com/protolite/protolite/runtime"
)

// PROTOTYPE (hand-edited copy of gen/litepb/bench_validate.pb.go's
// Large.Validate and Item.validateInto). Change: violations are added
// through addCold, which is not inlined, so that the valid path of
// validateInto keeps a small stack frame (the generated code inlines
// runtime.Violations.Add, an append of a 100-byte struct, into every
// branch: Item.validateInto gets a 464-byte frame whose prologue and
// epilogue cost a third of its time on valid input).

//go:noinline
func addCold(v *runtime.Violations, field, reason, description string) bool {
	return v.Add(field, reason, description)
}

// ValidateLargeNoinline is Large.Validate with the change.
func ValidateLargeNoinline(x *litepb.Large) error {
	v := runtime.FirstOnly()
	validateLarge(x, &v, runtime.AllFields())
	return v.Err()
}

func validateLarge(x *litepb.Large, v *runtime.Violations, sel *runtime.Selection) {
	if x == nil {
		return
	}
	// name: string.min_len = 1
	if sel.Has("name") {
		if len(x.Name) == 0 {
			if addCold(v, "name", "STRING_MIN_LEN", "must be at least 1 character long") {
				return
			}
		}
	}
	// items: repeated.max_items = 10000
	if sel.Has("items") {
		if len(x.Items) > 10000 {
			if addCold(v, "items", "REPEATED_MAX_ITEMS", "must have at most 10000 items") {
				return
			}
		}
		for i, item := range x.Items {
			if item != nil {
				start := v.Len()
				validateItem(item, v, runtime.AllFields())
				if v.Len() > start && v.Nest(start, runtime.IndexPath("items", i)) {
					return
				}
			}
		}
	}
}

// validateItem is Item.validateInto with addCold. (Each rule's sel.Has
// test of the generated code is kept: it is one predictable branch.)
func validateItem(x *litepb.Item, v *runtime.Violations, sel *runtime.Selection) {
	if x == nil {
		return
	}
	if !sel.Has("sku") || !sel.Has("quantity") || !sel.Has("price_cents") || !sel.Has("note") {
		panic("prototype: only for whole messages")
	}
	// sku: string.min_len = 1, string.max_len = 32
	if len(x.Sku) == 0 {
		if addCold(v, "sku", "STRING_MIN_LEN", "must be at least 1 character long") {
			return
		}
	}
	if len(x.Sku) > 32 && utf8.RuneCountInString(x.Sku) > 32 {
		if addCold(v, "sku", "STRING_MAX_LEN", "must be at most 32 characters long") {
			return
		}
	}
	// quantity: int32.lte = 1000, int32.gt = 0
	if !(x.Quantity > 0 && x.Quantity <= 1000) {
		if addCold(v, "quantity", "INT32_GT_LTE", "must be greater than 0 and less than or equal to 1000") {
			return
		}
	}
	// price_cents: int64.gte = 0
	if !(x.PriceCents >= 0) {
		if addCold(v, "price_cents", "INT64_GTE", "must be greater than or equal to 0") {
			return
		}
	}
	// note: string.max_len = 256
	if len(x.Note) > 256 && utf8.RuneCountInString(x.Note) > 256 {
		if addCold(v, "note", "STRING_MAX_LEN", "must be at most 256 characters long") {
			return
		}
	}
}
