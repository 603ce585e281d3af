package protoimpl

import "strconv"

// Field paths follow google.rpc.BadRequest: proto field names joined by
// ".", zero-based list indexes in brackets and map keys in brackets, string
// keys quoted as strconv.Quote does:
//
//	items[2].name   labels["env"]   sizes[42]   flags[true]
//
// The Append functions write a path element into a caller's buffer and
// allocate nothing when it has room; the string forms allocate only the
// result. Generated validators build a path only once a rule has failed, so
// a valid message pays for no path at all.

// AppendIndex appends field[i] to dst.
func AppendIndex(dst []byte, field string, i int) []byte {
	dst = append(dst, field...)
	dst = append(dst, '[')
	dst = strconv.AppendInt(dst, int64(i), 10)
	return append(dst, ']')
}

// AppendStringKey appends field["key"] to dst, quoting key as strconv.Quote.
func AppendStringKey(dst []byte, field, key string) []byte {
	dst = append(dst, field...)
	dst = append(dst, '[')
	dst = strconv.AppendQuote(dst, key)
	return append(dst, ']')
}

// AppendIntKey appends field[key] to dst for a signed integer map key.
func AppendIntKey(dst []byte, field string, key int64) []byte {
	dst = append(dst, field...)
	dst = append(dst, '[')
	dst = strconv.AppendInt(dst, key, 10)
	return append(dst, ']')
}

// AppendUintKey appends field[key] to dst for an unsigned integer map key.
func AppendUintKey(dst []byte, field string, key uint64) []byte {
	dst = append(dst, field...)
	dst = append(dst, '[')
	dst = strconv.AppendUint(dst, key, 10)
	return append(dst, ']')
}

// AppendBoolKey appends field[true] or field[false] to dst.
func AppendBoolKey(dst []byte, field string, key bool) []byte {
	dst = append(dst, field...)
	dst = append(dst, '[')
	dst = strconv.AppendBool(dst, key)
	return append(dst, ']')
}

// IndexPath returns field[i], the path of a list item.
func IndexPath(field string, i int) string {
	var buf [64]byte
	return string(AppendIndex(buf[:0], field, i))
}

// StringKeyPath returns field["key"], the path of a map entry with a string
// key.
func StringKeyPath(field, key string) string {
	var buf [64]byte
	return string(AppendStringKey(buf[:0], field, key))
}

// IntKeyPath returns field[key], the path of a map entry with a signed
// integer key.
func IntKeyPath(field string, key int64) string {
	var buf [64]byte
	return string(AppendIntKey(buf[:0], field, key))
}

// UintKeyPath returns field[key], the path of a map entry with an unsigned
// integer key.
func UintKeyPath(field string, key uint64) string {
	var buf [64]byte
	return string(AppendUintKey(buf[:0], field, key))
}

// BoolKeyPath returns field[true] or field[false], the path of a map entry
// with a bool key.
func BoolKeyPath(field string, key bool) string {
	var buf [64]byte
	return string(AppendBoolKey(buf[:0], field, key))
}
