package a

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/golden/torture/b"
	_ "github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/runtime"
)

func fields(err error) []string {
	var out []string
	for _, v := range err.(*runtime.ValidationError).Violations() {
		out = append(out, v.Field+" "+v.Reason)
	}
	return out
}

// The torture schema's odd names, group, extension, same-named message of
// another package and many-member oneof all validate and mask as usual.
func TestTortureSchema(t *testing.T) {
	item := &Item{
		Type:     proto.String(""),
		Sel:      proto.String("toolong"),
		Other:    &b.Item{Name: proto.String(""), Count: 11, Nested: &b.Item_Nested{Deeper: &b.Item_Nested_Deeper{Leaf: proto.String("y")}}},
		Grouped:  &Item_Grouped{Inner: proto.String("i")},
		Children: map[string]*Item{"": {Other: &b.Item{Name: proto.String("n")}}},
		Choice:   &Item_C9{C9: 0},
	}
	proto.SetExtension(item, E_Note, "extension values are not validated")
	assert.Equal(t, []string{
		"type STRING_MIN_LEN",
		"sel STRING_MAX_LEN",
		"other.name STRING_MIN_LEN",
		"other.count INT32_LTE",
		"other.nested.deeper.leaf STRING_PREFIX",
		`children[""] STRING_MIN_LEN`,
		"grouped.inner STRING_MIN_LEN",
	}, fields(item.ValidateAll()))

	mask := NewItemMask(ItemPaths().Other().Nested(), ItemPaths().Grouped())
	require.NoError(t, item.FilterMask(mask))
	assert.Nil(t, item.Type)
	assert.Nil(t, item.Children)
	assert.Equal(t, "y", item.GetOther().GetNested().GetDeeper().GetLeaf())
	assert.Empty(t, item.GetOther().GetName())
	assert.Equal(t, "i", item.GetGrouped().GetInner())
}

// TestWideMessage checks the mask methods of a message of more than 64
// fields (bit sets of two words, general route only) against the reflective
// runtime, on every operation, for valid and invalid masks.
func TestWideMessage(t *testing.T) {
	full := func() *Wide {
		w := &Wide{
			F1: proto.String("one"), F2: proto.Bool(true), F3: []byte("three"), F4: proto.Float64(4),
			F64: proto.Float64(64), F65: proto.Int64(65), F66: proto.Int32(66),
			Item:  &Item{Type: proto.String("t"), Sel: proto.String("s")},
			Tags:  map[string]string{"a": "1", "b": "2"},
			Items: []*Item{{Type: proto.String("x")}, {Sel: proto.String("y")}},
			Pick:  &Wide_PickItem{PickItem: &Item{Type: proto.String("p")}},
			Last:  proto.Int32(7),
		}
		return w
	}
	src := full()
	src.F1, src.F66, src.Last = proto.String("ten"), nil, proto.Int32(70)
	src.Tags = map[string]string{"a": "9"}
	src.Pick = &Wide_PickName{PickName: "name"}
	for _, paths := range [][]string{
		nil, {"*"}, {"f1"}, {"f66", "last"}, {"f2", "item.type", "tags.a"}, {"items.*.sel", "f64"},
		{"pick_item.type"}, {"pick_name", "tags"}, {"f67"}, {"item.nope", "f1"},
	} {
		mask := &fieldmaskpb.FieldMask{Paths: paths}
		for _, op := range []struct {
			name      string
			generated func(*Wide) error
			reflected func(*Wide) error
		}{
			{"filter", func(x *Wide) error { return x.FilterMask(mask) }, func(x *Wide) error { return runtime.FilterMask(x, mask) }},
			{"prune", func(x *Wide) error { return x.PruneMask(mask) }, func(x *Wide) error { return runtime.PruneMask(x, mask) }},
			{"apply", func(x *Wide) error { return x.ApplyMask(src, mask) }, func(x *Wide) error { return runtime.ApplyMask(x, src, mask) }},
			{"validate", func(x *Wide) error { return x.ValidateMask(mask) }, func(x *Wide) error { return runtime.ValidateMask(x, mask) }},
		} {
			got, want := full(), full()
			errGot, errWant := op.generated(got), op.reflected(want)
			assert.Equal(t, fmt.Sprint(errWant), fmt.Sprint(errGot), "%s %v: errors", op.name, paths)
			assert.True(t, proto.Equal(want, got), "%s %v:\n got %v\nwant %v", op.name, paths, got, want)
		}
	}
}
