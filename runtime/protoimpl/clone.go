package protoimpl

import (
	"bytes"
	"slices"

	"google.golang.org/protobuf/proto"
)

// Comparisons and copies of repeated and map fields, for the generated
// ApplyMask: the comparisons check IMMUTABLE fields, the copies keep x from
// aliasing src.

// EqualBytesLists reports whether two lists of bytes are equal.
func EqualBytesLists(a, b [][]byte) bool { return slices.EqualFunc(a, b, bytes.Equal) }

// EqualMessageLists reports whether two lists of messages are equal, as
// proto.Equal.
func EqualMessageLists[M proto.Message](a, b []M) bool {
	return slices.EqualFunc(a, b, func(x, y M) bool { return proto.Equal(x, y) })
}

// EqualBytesMaps reports whether two maps of bytes are equal.
func EqualBytesMaps[K comparable](a, b map[K][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// EqualMessageMaps reports whether two maps of messages are equal, as
// proto.Equal.
func EqualMessageMaps[K comparable, M proto.Message](a, b map[K]M) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !proto.Equal(v, w) {
			return false
		}
	}
	return true
}

// CloneBytesList returns a deep copy of a list of bytes (nil when empty).
func CloneBytesList(l [][]byte) [][]byte {
	if len(l) == 0 {
		return nil
	}
	out := make([][]byte, len(l))
	for i, b := range l {
		out[i] = bytes.Clone(b)
	}
	return out
}

// CloneMessageList returns a deep copy of a list of messages (nil when
// empty).
func CloneMessageList[M proto.Message](l []M) []M {
	if len(l) == 0 {
		return nil
	}
	out := make([]M, len(l))
	for i, m := range l {
		out[i] = proto.CloneOf(m)
	}
	return out
}

// CloneBytesMap returns a deep copy of a map of bytes (nil when empty).
func CloneBytesMap[K comparable](m map[K][]byte) map[K][]byte {
	if len(m) == 0 {
		return nil
	}
	out := make(map[K][]byte, len(m))
	for k, b := range m {
		out[k] = bytes.Clone(b)
	}
	return out
}

// CloneMessageMap returns a deep copy of a map of messages (nil when empty).
func CloneMessageMap[K comparable, M proto.Message](m map[K]M) map[K]M {
	if len(m) == 0 {
		return nil
	}
	out := make(map[K]M, len(m))
	for k, v := range m {
		out[k] = proto.CloneOf(v)
	}
	return out
}
