package bench

import (
	"fmt"

	"google.golang.org/protobuf/proto"

	"github.com/protolite/protolite/bench/gen/litepb"
	"github.com/protolite/protolite/bench/gen/pgvpb"
	"github.com/protolite/protolite/bench/gen/pvpb"
)

// The inputs are built once as litepb messages and converted to the other
// forms through the wire format (the three schemas share field numbers).

func validSmall() *litepb.Small {
	return &litepb.Small{Name: "Ada Lovelace", Age: 36, Id: "users/ada"}
}

// invalidSmall breaks all three rules.
func invalidSmall() *litepb.Small {
	return &litepb.Small{Name: "", Age: 200, Id: "ada"}
}

func item(i int) *litepb.Item {
	return &litepb.Item{
		Sku:        fmt.Sprintf("SKU-%06d", i),
		Quantity:   int32(1 + i%100),
		PriceCents: int64(100 + i),
		Note:       "handle with care",
	}
}

func validMid() *litepb.Mid {
	m := &litepb.Mid{
		Id:          "3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
		DisplayName: "Ada Lovelace",
		Email:       "ada.lovelace@example.com",
		CreatedUnix: 1700000000,
		Status:      litepb.Status_STATUS_ACTIVE,
		Address: &litepb.Address{
			Street: "12 St James's Square", City: "London", Country: "GB", Zip: "SW1Y 4JH", Region: "Greater London",
		},
		Labels: map[string]string{
			"env": "prod", "team": "analytics", "tier": "gold", "region": "eu-west-2", "owner": "ada",
		},
		Tags:     []string{"engine", "math", "poetry"},
		Score:    97.5,
		Active:   true,
		Version:  3,
		Payload:  []byte("notes on the analytical engine"),
		Phone:    "+442079460000",
		Priority: 5,
		Locale:   "en-GB",
	}
	for i := range 10 {
		m.Items = append(m.Items, item(i))
	}
	return m
}

// invalidMid has three violations: email, items[3].quantity and an empty
// label key.
func invalidMid() *litepb.Mid {
	m := validMid()
	m.Email = "ada@"
	m.Items[3].Quantity = 0
	m.Labels[""] = "empty key"
	return m
}

func validLarge() *litepb.Large {
	l := &litepb.Large{Name: "warehouse"}
	for i := range 1000 {
		l.Items = append(l.Items, item(i))
	}
	return l
}

// invalidLarge has two violations, near the end: items[500].sku and
// items[999].quantity.
func invalidLarge() *litepb.Large {
	l := validLarge()
	l.Items[500].Sku = ""
	l.Items[999].Quantity = 0
	return l
}

// convert re-decodes m as the message type of T.
func convert[T proto.Message](m proto.Message, out T) T {
	b, err := proto.Marshal(m)
	if err != nil {
		panic(err)
	}
	if err := proto.Unmarshal(b, out); err != nil {
		panic(err)
	}
	return out
}

// input is one message in every form.
type input struct {
	lite proto.Message // *litepb.Small, *litepb.Mid or *litepb.Large
	pgv  proto.Message
	pv   proto.Message
}

func forms(m proto.Message) input {
	in := input{lite: m}
	switch m.(type) {
	case *litepb.Small:
		in.pgv, in.pv = convert(m, &pgvpb.Small{}), convert(m, &pvpb.Small{})
	case *litepb.Mid:
		in.pgv, in.pv = convert(m, &pgvpb.Mid{}), convert(m, &pvpb.Mid{})
	case *litepb.Large:
		in.pgv, in.pv = convert(m, &pgvpb.Large{}), convert(m, &pvpb.Large{})
	default:
		panic(fmt.Sprintf("no forms of %T", m))
	}
	return in
}

// scenario is one message and input of the validation benchmarks.
type scenario struct {
	msg, input string
	in         input
}

func scenarios() []scenario {
	return []scenario{
		{"small", "valid", forms(validSmall())},
		{"small", "invalid", forms(invalidSmall())},
		{"mid", "valid", forms(validMid())},
		{"mid", "invalid", forms(invalidMid())},
		{"large", "valid", forms(validLarge())},
		{"large", "invalid", forms(invalidLarge())},
	}
}
