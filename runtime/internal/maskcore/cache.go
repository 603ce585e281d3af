package maskcore

import (
	"hash/maphash"
	"slices"
	"sync/atomic"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// Cache remembers one parsed mask for the generated methods of a message
// type, so that a mask that comes back call after call (a UI's read mask, a
// List handler filtering each item with the request's mask) is parsed once.
// A mask is kept when it misses the cache twice in a row, and replaces the
// kept one only when that one has not been used for the last 16 misses;
// other masks are parsed at each call into pooled trees and allocate
// nothing. The zero value is ready to use and it is safe for concurrent
// use.
type Cache struct {
	last atomic.Pointer[cachedTree]
	seen atomic.Uint64 // hash of the last mask parsed without the cache
}

type cachedTree struct {
	paths []string
	t     *Tree
	// misses counts the misses since the mask was last used.
	misses atomic.Uint32
}

// replaceAfter is the number of misses after which a kept mask that is not
// used any more may be replaced.
const replaceAfter = 16

var hashSeed = maphash.MakeSeed()

func hashPaths(paths []string) uint64 {
	h := uint64(len(paths))
	for _, p := range paths {
		h = h*1099511628211 ^ maphash.String(hashSeed, p)
	}
	return h | 1 // never 0, the zero value of seen
}

// Acquire is the package's Acquire with the cache: the same results and
// violations, and the returned tree must be given back with Release all the
// same.
func (c *Cache) Acquire(mask *fieldmaskpb.FieldMask, message protoreflect.FullName, check func(PathReader) string, apply bool) (*Tree, []Violation) {
	paths := mask.GetPaths()
	if len(paths) == 0 {
		return emptyTree, nil
	}
	e := c.last.Load()
	if e != nil && e.t.message == message && slices.Equal(e.paths, paths) {
		if e.misses.Load() != 0 {
			e.misses.Store(0)
		}
		return cachedResult(e.t, apply)
	}
	if e != nil && e.misses.Add(1) <= replaceAfter {
		return Acquire(mask, message, check, apply)
	}
	if h := hashPaths(paths); c.seen.Swap(h) == h {
		if t, vs := New(mask, message, check); vs == nil {
			c.last.Store(&cachedTree{paths: slices.Clone(paths), t: t})
			return cachedResult(t, apply)
		}
	}
	return Acquire(mask, message, check, apply)
}

func cachedResult(t *Tree, apply bool) (*Tree, []Violation) {
	if apply {
		if vs := t.ApplyViolations(); vs != nil {
			return nil, vs
		}
	}
	return t, nil
}
