package prototype

import (
	"unicode/utf8"

	"github.com/protolite/protolite/bench/gen/litepb"
	"github.com/protolite/protolite/runtime"
)

// PROTOTYPE (hand-edited copy of gen/litepb/bench_validate.pb.go's
// Large.Validate). Change: for a message whose rules are all cheap
// comparisons (no format, pattern, map or nested message), the generator
// also writes an inlinable predicate, itemValid below, the conjunction of
// the rules; the loop over a repeated field calls the full validateInto
// only for an element the predicate rejects. The valid path is then a
// handful of inlined compares per element, no call.

// itemValid is true when x breaks no rule of Item.
func itemValid(x *litepb.Item) bool {
	return len(x.Sku) != 0 && (len(x.Sku) <= 32 || utf8.RuneCountInString(x.Sku) <= 32) &&
		x.Quantity > 0 && x.Quantity <= 1000 && x.PriceCents >= 0 &&
		(len(x.Note) <= 256 || utf8.RuneCountInString(x.Note) <= 256)
}

// ValidateLargeFastPath is Large.Validate with the change.
func ValidateLargeFastPath(x *litepb.Large) error {
	v := runtime.FirstOnly()
	validateLargeFast(x, &v, runtime.AllFields())
	return v.Err()
}

func validateLargeFast(x *litepb.Large, v *runtime.Violations, sel *runtime.Selection) {
	if x == nil {
		return
	}
	// name: string.min_len = 1
	if sel.Has("name") {
		if len(x.Name) == 0 {
			if v.Add("name", "STRING_MIN_LEN", "must be at least 1 character long") {
				return
			}
		}
	}
	// items: repeated.max_items = 10000
	if sel.Has("items") {
		if len(x.Items) > 10000 {
			if v.Add("items", "REPEATED_MAX_ITEMS", "must have at most 10000 items") {
				return
			}
		}
		for i, item := range x.Items {
			// The change: the inlined predicate first, the full
			// validateInto only for an element it rejects.
			if item != nil && !itemValid(item) {
				start := v.Len()
				validateItem(item, v, runtime.AllFields())
				if v.Len() > start && v.Nest(start, runtime.IndexPath("items", i)) {
					return
				}
			}
		}
	}
}
