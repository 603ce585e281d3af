// Package maskcore is the field-mask core that package runtime (the
// reflective operations and mask algebra users call) and package protoimpl
// (what generated mask methods call) share: path syntax and checking, the
// parsed tree of a mask, its pool and cache, and the reflective walkers.
//
// A path is a list of segments joined by ".": proto field names through
// singular message fields, a map key after a map field (`labels.env`,
// `sizes.42`, or backtick-quoted when it has other characters,
// “labels.`a.b`“, a literal backtick doubled), and `*` after a repeated or
// map field for every element. `*` alone means every field.
//
// Every operation first checks each path against the message type, then
// builds a Tree: the paths in which a parent absorbs its children, siblings
// are deduplicated, and the sub-paths of an `x.*` wildcard are merged into
// every named key of x. Generated code and the reflective functions walk the
// same tree, so they agree on every input.
//
// The package does not know runtime's types: it reports violations as
// [Violation] values, which convert to runtime.FieldViolation.
package maskcore

import (
	"strconv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// Violation is one broken rule, with the fields of runtime.FieldViolation
// in the same order, so that runtime.FieldViolation(v) converts it.
type Violation struct {
	Field       string
	Reason      string
	Description string
}

// ReasonInvalidPath is the reason of a path that names no field of the
// message (runtime.ReasonInvalidMaskPath).
const ReasonInvalidPath = "FIELD_MASK_INVALID_PATH"

// ReasonImmutable is the reason of an Apply that would change or clear the
// set value of an IMMUTABLE field (runtime.ReasonImmutable).
const ReasonImmutable = "FIELD_IMMUTABLE"

// Segment is one segment of a field-mask path.
type Segment struct {
	// Text is the segment as written, without the backticks of a quoted
	// segment (doubled backticks inside it are kept doubled).
	Text string
	// Quoted reports whether the segment was written between backticks.
	Quoted bool
}

// IsWildcard reports whether the segment is an unquoted `*`.
func (s Segment) IsWildcard() bool { return !s.Quoted && s.Text == "*" }

// Key returns the map key the segment spells: its text, with the doubled
// backticks of a quoted segment made single.
func (s Segment) Key() string {
	if s.Quoted && strings.Contains(s.Text, "``") {
		return strings.ReplaceAll(s.Text, "``", "`")
	}
	return s.Text
}

// ValidKey reports whether the segment is a key of a map whose keys are of
// kind k: any text for strings, `true` or `false` for bools, and canonical
// decimal integers (no sign but a leading "-", no leading zeros) in range
// for the integer kinds.
func (s Segment) ValidKey(k protoreflect.Kind) bool {
	switch k {
	case protoreflect.StringKind:
		return true
	case protoreflect.BoolKind:
		return s.Text == "true" || s.Text == "false"
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		_, ok := parseIntKey(s.Text, 32)
		return ok
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		_, ok := parseIntKey(s.Text, 64)
		return ok
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		_, ok := parseUintKey(s.Text, 32)
		return ok
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		_, ok := parseUintKey(s.Text, 64)
		return ok
	}
	return false
}

// canonicalDecimal reports whether s is an integer written as
// strconv.FormatInt would write it.
func canonicalDecimal(s string) bool {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || (digits[0] == '0' && (len(digits) > 1 || len(s) > 1)) {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	return true
}

func parseIntKey(s string, bits int) (int64, bool) {
	if !canonicalDecimal(s) {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, bits)
	return v, err == nil
}

func parseUintKey(s string, bits int) (uint64, bool) {
	if !canonicalDecimal(s) || s[0] == '-' {
		return 0, false
	}
	v, err := strconv.ParseUint(s, 10, bits)
	return v, err == nil
}

// PathReader reads the segments of one field-mask path in turn. The
// functions that check paths receive it by value, after the path's syntax
// has been checked, and pass it on to the checker of a nested message.
type PathReader struct {
	path string
	pos  int
}

// More reports whether segments remain.
func (r *PathReader) More() bool { return r.pos < len(r.path) }

// Next returns the next segment and moves past it. It must be called only
// when More reports true.
func (r *PathReader) Next() Segment {
	if r.path[r.pos] != '`' {
		// The path is well-formed: an unquoted segment runs to the next ".".
		start := r.pos
		for i := start; i < len(r.path); i++ {
			if r.path[i] == '.' {
				r.pos = i + 1
				return Segment{Text: r.path[start:i]}
			}
		}
		r.pos = len(r.path)
		return Segment{Text: r.path[start:]}
	}
	seg, end, _ := scanSegment(r.path, r.pos)
	r.pos = end
	if r.pos < len(r.path) {
		r.pos++ // the "."
	}
	return seg
}

// scanSegment reads the segment starting at pos and returns it, the index
// just after it, and why it is malformed ("" when it is not).
func scanSegment(path string, pos int) (Segment, int, string) {
	if pos < len(path) && path[pos] == '`' {
		i := pos + 1
		for {
			j := strings.IndexByte(path[i:], '`')
			if j < 0 {
				return Segment{}, len(path), "a backtick-quoted key is not closed"
			}
			i += j
			if i+1 < len(path) && path[i+1] == '`' {
				i += 2
				continue
			}
			if i+1 < len(path) && path[i+1] != '.' {
				return Segment{}, len(path), "a backtick-quoted key must be followed by \".\" or end the path"
			}
			return Segment{Text: path[pos+1 : i], Quoted: true}, i + 1, ""
		}
	}
	end := pos
	for end < len(path) && path[end] != '.' {
		if path[end] == '`' {
			return Segment{}, len(path), "a backtick may only quote a whole key"
		}
		end++
	}
	if end == pos {
		return Segment{}, len(path), "empty segment"
	}
	return Segment{Text: path[pos:end]}, end, ""
}

// pathSyntax returns why path is not a well-formed path, or "", and
// whether it holds a "*" anywhere.
func pathSyntax(path string) (why string, star bool) {
	if path == "" {
		return "empty path", false
	}
	// Fast path: no backtick, so only empty segments can be wrong.
	prev := byte('.')
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch c {
		case '`':
			return quotedPathSyntax(path), true
		case '.':
			if prev == '.' {
				return "empty segment", false
			}
		case '*':
			star = true
		}
		prev = c
	}
	if prev == '.' {
		return "empty segment", false
	}
	return "", star
}

// quotedPathSyntax checks a path with backticks.
func quotedPathSyntax(path string) string {
	pos := 0
	for {
		_, end, why := scanSegment(path, pos)
		if why != "" {
			return why
		}
		if end == len(path) {
			return ""
		}
		pos = end + 1 // skip "."
		if pos == len(path) {
			return "empty segment"
		}
	}
}

// hasCollectionWildcard reports whether a well-formed path other than "*"
// holds an unquoted `*` segment.
func hasCollectionWildcard(path string) bool {
	if path == "*" {
		return false
	}
	r := PathReader{path: path}
	for r.More() {
		if r.Next().IsWildcard() {
			return true
		}
	}
	return false
}

// QuoteKey returns a map key as a path segment: as it is when it is made of
// ASCII letters, digits, "_" and "-" (and is not empty), else between
// backticks with inner backticks doubled.
func QuoteKey(key string) string {
	plain := key != ""
	for i := 0; i < len(key) && plain; i++ {
		c := key[i]
		plain = c == '_' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
	}
	if plain {
		return key
	}
	return "`" + strings.ReplaceAll(key, "`", "``") + "`"
}

// Reasons for invalid paths. Generated checkers and the reflective checker
// use the same functions, so their errors are identical.

// ReasonUnknownField says that message has no field name.
func ReasonUnknownField(message, name string) string {
	return "message " + message + " has no field " + strconv.Quote(name)
}

// ReasonJSONName says that name is the JSON name of field protoName of
// message, and that masks take proto names (AIP-161).
func ReasonJSONName(message, name, protoName string) string {
	return strconv.Quote(name) + " is the JSON name of field " + strconv.Quote(protoName) + " of message " +
		message + "; field masks take proto field names, so write " + strconv.Quote(protoName)
}

// ReasonNotMessage says that field is not a message field and has no
// sub-fields.
func ReasonNotMessage(field string) string {
	return "field " + strconv.Quote(field) + " is not a message; it has no sub-fields"
}

// ReasonWildcard says that `*` is misplaced.
func ReasonWildcard() string {
	return "`*` may only stand alone or follow a repeated or map field"
}

// ReasonQuoted says that a field name was quoted.
func ReasonQuoted(text string) string {
	return "`" + text + "` is quoted, but only map keys may be quoted"
}

// ReasonIndex says that a repeated field takes no index.
func ReasonIndex(field string) string {
	return "repeated field " + strconv.Quote(field) + " takes no index; write " + strconv.Quote(field+".*") +
		" to reach every element"
}

// ReasonElemNotMessage says that the elements of a repeated field are not
// messages.
func ReasonElemNotMessage(field string) string {
	return "the elements of repeated field " + strconv.Quote(field) + " are not messages; they have no sub-fields"
}

// ReasonValueNotMessage says that the values of a map field are not
// messages.
func ReasonValueNotMessage(field string) string {
	return "the values of map field " + strconv.Quote(field) + " are not messages; they have no sub-fields"
}

// ReasonMapKey says that key is not a key of a map field.
func ReasonMapKey(field, key string, kind protoreflect.Kind) string {
	return strconv.Quote(key) + " is not a valid " + kind.String() + " key of map field " + strconv.Quote(field)
}

const reasonApplyWildcard = "ApplyMask does not take `*` after a repeated or map field; name the field to replace it whole"

// CheckList checks the rest of a path after the repeated field field:
// nothing, or `*` followed by a path that elem checks (nil when the elements
// are not messages).
func CheckList(r PathReader, field string, elem func(PathReader) string) string {
	if !r.More() {
		return ""
	}
	if !r.Next().IsWildcard() {
		return ReasonIndex(field)
	}
	if !r.More() {
		return ""
	}
	if elem == nil {
		return ReasonElemNotMessage(field)
	}
	return elem(r)
}

// CheckMap checks the rest of a path after the map field field: nothing,
// or a key of kind key (or `*`) followed by a path that value checks (nil
// when the values are not messages).
func CheckMap(r PathReader, field string, key protoreflect.Kind, value func(PathReader) string) string {
	if !r.More() {
		return ""
	}
	if s := r.Next(); !s.IsWildcard() && !s.ValidKey(key) {
		return ReasonMapKey(field, s.Key(), key)
	}
	if !r.More() {
		return ""
	}
	if value == nil {
		return ReasonValueNotMessage(field)
	}
	return value(r)
}

// CheckMessage checks the rest of a path after the singular message field:
// nothing, or a path that sub checks.
func CheckMessage(r PathReader, sub func(PathReader) string) string {
	if !r.More() {
		return ""
	}
	return sub(r)
}

// invalidPath is the violation of the path at index i of a mask.
func invalidPath(i int, path, why string) Violation {
	return Violation{
		Field:       "paths[" + strconv.Itoa(i) + "]",
		Reason:      ReasonInvalidPath,
		Description: "invalid field-mask path " + strconv.Quote(path) + ": " + why,
	}
}

// CheckPaths checks every path with check (which sees the path after its
// syntax is checked) and returns one violation per bad path, or nil. With
// apply set, paths with a `*` after a repeated or map field are bad too.
func CheckPaths(paths []string, check func(PathReader) string, apply bool) []Violation {
	var vs []Violation
	for i, p := range paths {
		reason, star := pathSyntax(p)
		if reason == "" && p != "*" {
			reason = check(PathReader{path: p})
		}
		if reason == "" && apply && star && hasCollectionWildcard(p) {
			reason = reasonApplyWildcard
		}
		if reason != "" {
			vs = append(vs, invalidPath(i, p, reason))
		}
	}
	return vs
}
