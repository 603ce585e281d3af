package a

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"

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
