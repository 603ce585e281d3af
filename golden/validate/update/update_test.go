package update

import (
	"errors"
	"testing"

	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/runtime"
)

// violations lists err's violations as "field REASON".
func violations(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var verr *runtime.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("%v is not a *runtime.ValidationError", err)
	}
	var out []string
	for _, v := range verr.Violations() {
		out = append(out, v.Field+" "+v.Reason)
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestUpdateRequestValidatesByMask checks that an AIP-134 update request
// validates its resource on the masked paths only, in ValidateAll (and so
// in the interceptors) and Validate, with paths under the resource field,
// and that bad mask paths are violations of update_mask.
func TestUpdateRequestValidatesByMask(t *testing.T) {
	partial := &Order{Note: "gift"} // no id, items or address: a partial update
	tests := []struct {
		name string
		req  *UpdateOrderRequest
		want []string
	}{
		{"masked field valid, required ones left out", &UpdateOrderRequest{Order: partial, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"note"}}}, nil},
		{"masked field broken", &UpdateOrderRequest{Order: &Order{Note: "far too long a note"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"note"}}}, []string{"order.note STRING_MAX_LEN"}},
		{"masked required field missing", &UpdateOrderRequest{Order: partial, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"note", "shipping_address"}}}, []string{"order.shipping_address REQUIRED"}},
		{"sub-path", &UpdateOrderRequest{Order: &Order{ShippingAddress: &Address{}}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"shipping_address.city"}}}, []string{"order.shipping_address.city STRING_MIN_LEN"}},
		{"empty mask: the whole resource", &UpdateOrderRequest{Order: partial}, []string{"order.id STRING_MIN_LEN", "order.items REPEATED_MIN_ITEMS", "order.shipping_address REQUIRED"}},
		{"star: the whole resource", &UpdateOrderRequest{Order: partial, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"*"}}}, []string{"order.id STRING_MIN_LEN", "order.items REPEATED_MIN_ITEMS", "order.shipping_address REQUIRED"}},
		{"bad mask path", &UpdateOrderRequest{Order: partial, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"note", "nope"}}}, []string{"update_mask.paths[1] FIELD_MASK_INVALID_PATH"}},
		{"resource missing", &UpdateOrderRequest{UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"note"}}}, []string{"order REQUIRED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := violations(t, tt.req.ValidateAll()); !equal(got, tt.want) {
				t.Errorf("ValidateAll: %q, want %q", got, tt.want)
			}
			got := violations(t, tt.req.Validate())
			if len(tt.want) == 0 && got != nil || len(tt.want) > 0 && (len(got) != 1 || got[0] != tt.want[0]) {
				t.Errorf("Validate: %q, want the first of %q", got, tt.want)
			}
		})
	}
}

// TestOtherShapesKeepWholeValidation checks the opt-out (message.skip) and
// a message that is not an update request.
func TestOtherShapesKeepWholeValidation(t *testing.T) {
	mask := &fieldmaskpb.FieldMask{Paths: []string{"note"}}
	if err := (&ReplaceOrderRequest{Order: &Order{}, UpdateMask: mask}).ValidateAll(); err != nil {
		t.Errorf("ReplaceOrderRequest skips its order, but ValidateAll = %v", err)
	}
	got := violations(t, (&CopyOrderRequest{From: &Order{Id: "a", Items: []string{"x"}, ShippingAddress: &Address{City: "c"}}, To: &Order{}, UpdateMask: mask}).ValidateAll())
	want := []string{"to.id STRING_MIN_LEN", "to.items REPEATED_MIN_ITEMS", "to.shipping_address REQUIRED"}
	if !equal(got, want) {
		t.Errorf("CopyOrderRequest.ValidateAll: %q, want %q", got, want)
	}
}

// TestValidUpdateWithEmptyMaskAllocatesNothing pins zero allocations for a
// valid update request whose mask is empty (the whole resource).
func TestValidUpdateWithEmptyMaskAllocatesNothing(t *testing.T) {
	req := &UpdateOrderRequest{Order: &Order{Id: "a", Items: []string{"x"}, ShippingAddress: &Address{City: "c"}}}
	if n := testing.AllocsPerRun(100, func() {
		if req.ValidateAll() != nil {
			t.Fatal("rejected")
		}
	}); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}
