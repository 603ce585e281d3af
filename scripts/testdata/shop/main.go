// Command shop is a user's program, built by scripts/install-test.sh against
// the code the installed plugins generated from proto/shop/v1/order.proto: it
// validates orders and applies an update mask, and prints what it gets.
package main

import (
	"fmt"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	shopv1 "example.com/shop/gen/shop/v1"
)

func main() {
	order := &shopv1.Order{
		CustomerEmail: "ada@example.com",
		Items:         []*shopv1.Item{{Sku: "A-1", Quantity: 2}},
	}
	fmt.Println("valid order:", order.Validate())

	order.CustomerEmail = "ada@"
	order.Items[0].Quantity = 0
	show("ValidateAll", order.ValidateAll())

	// An update of the note only: the rest of the patch is not checked.
	patch := &shopv1.Order{Id: "changed", Note: "leave it at the door"}
	mask := &fieldmaskpb.FieldMask{Paths: []string{"id", "note"}}
	fmt.Println("ValidatePartial:", patch.ValidatePartial(mask))

	// id is OUTPUT_ONLY (google.api.field_behavior): ApplyMask leaves it.
	stored := &shopv1.Order{Id: "o-1", Note: "old"}
	if err := stored.ApplyMask(patch, mask); err != nil {
		fmt.Println("ApplyMask:", err)
	}
	fmt.Printf("ApplyMask: id %q, note %q\n", stored.GetId(), stored.GetNote())

	show("ValidateMask", patch.ValidateMask(&fieldmaskpb.FieldMask{Paths: []string{"note", "nope"}}))
}

// show prints the gRPC status of err and its field violations.
func show(what string, err error) {
	st := status.Convert(err)
	fmt.Println(what+":", st.Code())
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, fv := range br.GetFieldViolations() {
				fmt.Println("  ", fv.GetField(), fv.GetReason())
			}
		}
	}
}
