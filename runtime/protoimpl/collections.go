package protoimpl

import (
	"bytes"
	"cmp"
	"slices"
)

// pairwiseLimit is the list length up to which duplicates are found by
// comparing every pair, which beats sorting for short lists.
const pairwiseLimit = 16

// stackSortLimit is the list length up to which FirstDuplicate sorts a copy
// held on the stack; longer lists are copied to the heap.
const stackSortLimit = 128

// FirstDuplicate returns the index of the first item of items that equals an
// earlier item, or -1 when all are distinct. NaN equals nothing, as in Go;
// 0 and -0 are equal. It allocates nothing for lists of up to 128 items and
// takes O(n log n) time; generated code calls it for the repeated.unique
// rule.
func FirstDuplicate[T cmp.Ordered](items []T) int {
	if len(items) <= pairwiseLimit {
		return firstDuplicatePairwise(items)
	}
	var buf [stackSortLimit]T
	sorted := append(buf[:0], items...)
	slices.Sort(sorted)
	dup := false
	for i := 1; i < len(sorted); i++ {
		if sorted[i] == sorted[i-1] {
			dup = true
			break
		}
	}
	if !dup {
		return -1
	}
	// A duplicate exists: find the first one in list order (the error path
	// may allocate).
	seen := make(map[T]struct{}, len(items))
	for i, item := range items {
		if _, ok := seen[item]; ok && item == item {
			return i
		}
		seen[item] = struct{}{}
	}
	return -1
}

func firstDuplicatePairwise[T comparable](items []T) int {
	for i := 1; i < len(items); i++ {
		for j := 0; j < i; j++ {
			if items[i] == items[j] {
				return i
			}
		}
	}
	return -1
}

// FirstDuplicateBool is FirstDuplicate for bool lists.
func FirstDuplicateBool(items []bool) int {
	return firstDuplicatePairwise(items)
}

// FirstDuplicateBytes is FirstDuplicate for lists of byte strings. Lists of
// more than 16 items are checked with a set, which allocates.
func FirstDuplicateBytes(items [][]byte) int {
	if len(items) <= pairwiseLimit {
		for i := 1; i < len(items); i++ {
			for j := 0; j < i; j++ {
				if bytes.Equal(items[i], items[j]) {
					return i
				}
			}
		}
		return -1
	}
	seen := make(map[string]struct{}, len(items))
	for i, item := range items {
		if _, ok := seen[string(item)]; ok {
			return i
		}
		seen[string(item)] = struct{}{}
	}
	return -1
}

// SortedKeys returns the keys of m in ascending order (strings bytewise,
// numbers numerically). Generated validators call it only after a map entry
// has failed, to report violations in key order.
func SortedKeys[M ~map[K]V, K cmp.Ordered, V any](m M) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// SortedBoolKeys returns the keys of m in order, false before true.
func SortedBoolKeys[M ~map[bool]V, V any](m M) []bool {
	keys := make([]bool, 0, 2)
	for _, k := range []bool{false, true} {
		if _, ok := m[k]; ok {
			keys = append(keys, k)
		}
	}
	return keys
}
