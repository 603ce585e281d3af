package maskcore_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/golden/fieldmask/library"
	_ "github.com/protolite/protolite/internal/plugintest" // defines -update
	"github.com/protolite/protolite/runtime/internal/maskcore"
)

func fm(paths ...string) *fieldmaskpb.FieldMask { return &fieldmaskpb.FieldMask{Paths: paths} }

// TestMaskCache checks that the cache gives Acquire's trees and violations,
// whatever the order of the masks.
func TestMaskCache(t *testing.T) {
	md := (&library.Book{}).ProtoReflect().Descriptor()
	check := func(r maskcore.PathReader) string { return maskcore.CheckReflect(md, r) }
	masks := []*fieldmaskpb.FieldMask{
		fm("title", "author.given_name"),
		fm("authors.*.born", "labels.env"),
		fm("nope"),
		nil,
		fm("*"),
		fm("shelves.*.name", "shelves.top.capacity"),
	}
	var cache maskcore.Cache
	describe := func(tree *maskcore.Tree, vs []maskcore.Violation) string {
		if vs != nil {
			return fmt.Sprint("violations: ", vs)
		}
		return strings.Join(tree.Paths(), ",")
	}
	// Runs of each mask, then alternations, then long runs again.
	var order []int
	for i := range masks {
		order = append(order, i, i, i)
	}
	for i := 0; i < 40; i++ {
		order = append(order, i%len(masks), (i*7)%len(masks))
	}
	for i := range masks {
		for j := 0; j < 20; j++ {
			order = append(order, i)
		}
	}
	for k, i := range order {
		for _, apply := range []bool{false, true} {
			want, vsW := maskcore.Acquire(masks[i], md.FullName(), check, apply)
			got, vsG := cache.Acquire(masks[i], md.FullName(), check, apply)
			require.Equal(t, describe(want, vsW), describe(got, vsG), "call %d, mask %v, apply %v", k, masks[i].GetPaths(), apply)
			want.Release()
			got.Release()
		}
	}
}
