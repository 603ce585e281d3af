package prototype

import (
	"strings"
	"unicode/utf8"

	"github.com/protolite/protolite/bench/gen/litepb"
	"github.com/protolite/protolite/runtime"
)

// PROTOTYPE (hand-edited copy of gen/litepb/bench_validate.pb.go's
// Small.Validate). Change: in first-violation mode, a violation whose path
// is static (a field of the message validated, not of a nested message,
// element or map entry) returns a *runtime.ValidationError built once at
// package init, instead of appending to the collector and building the
// error (3 allocations, ~150 B, on every call). ValidationError is
// immutable already (Violations' slice is not to be modified; WithPrefix
// copies), so sharing one is safe. Dynamic paths keep the collector.

var (
	errSmallNameMinLen = runtime.NewValidationError(runtime.FieldViolation{Field: "name", Reason: "STRING_MIN_LEN", Description: "must be at least 1 character long"})
	errSmallNameMaxLen = runtime.NewValidationError(runtime.FieldViolation{Field: "name", Reason: "STRING_MAX_LEN", Description: "must be at most 64 characters long"})
	errSmallAge        = runtime.NewValidationError(runtime.FieldViolation{Field: "age", Reason: "INT32_GTE_LTE", Description: "must be greater than or equal to 0 and less than or equal to 150"})
	errSmallID         = runtime.NewValidationError(runtime.FieldViolation{Field: "id", Reason: "STRING_PREFIX", Description: "must start with \"users/\""})
)

// ValidateSmallStatic is Small.Validate with the change.
func ValidateSmallStatic(x *litepb.Small) error {
	if x == nil {
		return nil
	}
	if len(x.Name) == 0 {
		return errSmallNameMinLen
	}
	if len(x.Name) > 64 && utf8.RuneCountInString(x.Name) > 64 {
		return errSmallNameMaxLen
	}
	if !(x.Age >= 0 && x.Age <= 150) {
		return errSmallAge
	}
	if !strings.HasPrefix(x.Id, "users/") {
		return errSmallID
	}
	return nil
}
