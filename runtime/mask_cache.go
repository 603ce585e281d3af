package runtime

import (
	"hash/maphash"
	"slices"
	"sync/atomic"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// MaskCache remembers one parsed mask for the generated methods of a message
// type, so that a mask that comes back call after call (a UI's read mask, a
// List handler filtering each item with the request's mask) is parsed once.
// A mask is kept when it misses the cache twice in a row, and replaces the
// kept one only when that one has not been used for the last 16 misses; other
// masks are parsed at each call into pooled trees and allocate nothing.
// Generated code declares one MaskCache per message type; the zero value is
// ready to use and it is safe for concurrent use.
type MaskCache struct {
	last atomic.Pointer[cachedMask]
	seen atomic.Uint64 // hash of the last mask parsed without the cache
}

type cachedMask struct {
	paths []string
	t     *ParsedMask
	// misses counts the misses since the mask was last used.
	misses atomic.Uint32
}

// replaceAfter is the number of misses after which a kept mask that is not
// used any more may be replaced.
const replaceAfter = 16

var maskHashSeed = maphash.MakeSeed()

func hashPaths(paths []string) uint64 {
	h := uint64(len(paths))
	for _, p := range paths {
		h = h*1099511628211 ^ maphash.String(maskHashSeed, p)
	}
	return h | 1 // never 0, the zero value of seen
}

// Acquire is AcquireMask with the cache: the same results and errors, and
// the returned mask must be given back with Release all the same.
func (c *MaskCache) Acquire(mask *fieldmaskpb.FieldMask, message protoreflect.FullName, check func(MaskPathReader) string, apply bool) (*ParsedMask, error) {
	paths := mask.GetPaths()
	if len(paths) == 0 {
		return emptyMask, nil
	}
	e := c.last.Load()
	if e != nil && e.t.message == message && slices.Equal(e.paths, paths) {
		if e.misses.Load() != 0 {
			e.misses.Store(0)
		}
		return cachedResult(e.t, apply)
	}
	if e != nil && e.misses.Add(1) <= replaceAfter {
		return AcquireMask(mask, message, check, apply)
	}
	if h := hashPaths(paths); c.seen.Swap(h) == h {
		if t, err := NewParsedMask(mask, message, check); err == nil {
			c.last.Store(&cachedMask{paths: slices.Clone(paths), t: t})
			return cachedResult(t, apply)
		}
	}
	return AcquireMask(mask, message, check, apply)
}

func cachedResult(t *ParsedMask, apply bool) (*ParsedMask, error) {
	if apply {
		if err := t.ApplyErr(); err != nil {
			return nil, err
		}
	}
	return t, nil
}
