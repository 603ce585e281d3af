package library

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/runtime"
)

// TestLargeAndDeepInputs runs the mask methods over 1e6 repeated items and
// a 1,000-level chain of a recursive type: time stays linear and nothing
// overflows the stack. The runtime's reflective functions agree.
func TestLargeAndDeepInputs(t *testing.T) {
	book := &Book{Authors: make([]*Author, 1_000_000)}
	for i := range book.Authors {
		book.Authors[i] = &Author{GivenName: "g", FamilyName: "f"}
	}
	start := time.Now()
	require.NoError(t, book.FilterMask(&fieldmaskpb.FieldMask{Paths: []string{"authors.*.given_name"}}))
	t.Logf("FilterMask over 1e6 repeated messages: %v", time.Since(start))
	assert.Equal(t, "g", book.Authors[999_999].GetGivenName())
	assert.Empty(t, book.Authors[999_999].GetFamilyName())

	var dst Book
	start = time.Now()
	require.NoError(t, dst.ApplyMask(book, &fieldmaskpb.FieldMask{Paths: []string{"authors"}}))
	t.Logf("ApplyMask copying 1e6 repeated messages: %v", time.Since(start))
	require.Len(t, dst.Authors, 1_000_000)
	assert.NotSame(t, book.Authors[0], dst.Authors[0], "copies never alias src")

	deep := &Node{Value: "leaf"}
	for range 1000 {
		deep = &Node{Value: "v", Parent: deep}
	}
	path := strings.Repeat("parent.", 1000) + "value"
	mask := &fieldmaskpb.FieldMask{Paths: []string{path}}
	generated, reflective := proto.Clone(deep).(*Node), proto.Clone(deep).(*Node)
	require.NoError(t, generated.FilterMask(mask))
	require.NoError(t, runtime.FilterMask(reflective, mask))
	assert.True(t, proto.Equal(generated, reflective))
	leaf := generated
	for range 1000 {
		assert.Empty(t, leaf.GetValue())
		leaf = leaf.GetParent()
	}
	assert.Equal(t, "leaf", leaf.GetValue())
}

// TestConcurrentMaskUse shares one source message and one parsed mask
// among 64 goroutines, each filtering and applying into messages of its
// own, with the per-type mask cache contended. Run with -race.
func TestConcurrentMaskUse(t *testing.T) {
	src := &Book{Title: "t", Author: &Author{GivenName: "g", FamilyName: "f"}, Tags: []string{"a", "b"},
		Labels: map[string]string{"x": "1", "y": "2"}}
	masks := []*fieldmaskpb.FieldMask{
		{Paths: []string{"title", "author.given_name"}},
		{Paths: []string{"labels.x", "tags"}},
	}
	parsed, err := ParseBookMask(masks[0])
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				mask := masks[(g+i)%2]
				own := proto.Clone(src).(*Book)
				assert.NoError(t, own.FilterMask(mask))
				assert.NoError(t, own.FilterParsedMask(parsed))
				var dst Book
				assert.NoError(t, dst.ApplyMask(src, mask))
				assert.NoError(t, src.ValidateMask(mask))
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, "t", src.GetTitle(), "src is never modified")
	assert.Len(t, src.GetLabels(), 2)
}
