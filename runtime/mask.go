package runtime

import (
	"errors"
	"strconv"
	"strings"
	"sync"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// Field masks (AIP-134, AIP-157, AIP-161, AIP-203).
//
// A path is a list of segments joined by ".": proto field names through
// singular message fields, a map key after a map field (`labels.env`,
// `sizes.42`, or backtick-quoted when it has other characters,
// “labels.`a.b`“, a literal backtick doubled), and `*` after a repeated or
// map field for every element. `*` alone means every field.
//
// Every operation first checks each path against the message type, then
// builds a ParsedMask: a tree of the paths in which a parent absorbs its
// children, siblings are deduplicated, and the sub-paths of an
// `x.*` wildcard are merged into every named key of x. Generated code and the
// reflective functions of this package walk the same tree, so they agree on
// every input.

// ReasonInvalidMaskPath is the FieldViolation reason of a path that names no
// field of the message.
const ReasonInvalidMaskPath = "FIELD_MASK_INVALID_PATH"

// ReasonImmutable is the FieldViolation reason of an ApplyMask that would
// change or clear the set value of a field marked
// (google.api.field_behavior) = IMMUTABLE.
const ReasonImmutable = "FIELD_IMMUTABLE"

// ErrNilMaskTarget is returned by ApplyMask when the message to change is
// nil.
var ErrNilMaskTarget = errors.New("protolite: ApplyMask into a nil message")

// MaskSegment is one segment of a field-mask path.
type MaskSegment struct {
	// Text is the segment as written, without the backticks of a quoted
	// segment (doubled backticks inside it are kept doubled).
	Text string
	// Quoted reports whether the segment was written between backticks.
	Quoted bool
}

// IsWildcard reports whether the segment is an unquoted `*`.
func (s MaskSegment) IsWildcard() bool { return !s.Quoted && s.Text == "*" }

// Key returns the map key the segment spells: its text, with the doubled
// backticks of a quoted segment made single.
func (s MaskSegment) Key() string {
	if s.Quoted && strings.Contains(s.Text, "``") {
		return strings.ReplaceAll(s.Text, "``", "`")
	}
	return s.Text
}

// ValidKey reports whether the segment is a key of a map whose keys are of
// kind k: any text for strings, `true` or `false` for bools, and canonical
// decimal integers (no sign but a leading "-", no leading zeros) in range
// for the integer kinds.
func (s MaskSegment) ValidKey(k protoreflect.Kind) bool {
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

// MaskPathReader reads the segments of one field-mask path in turn. The
// functions that check paths receive it by value, after the path's syntax
// has been checked, and pass it on to the checker of a nested message.
type MaskPathReader struct {
	path string
	pos  int
}

// More reports whether segments remain.
func (r *MaskPathReader) More() bool { return r.pos < len(r.path) }

// Next returns the next segment and moves past it. It must be called only
// when More reports true.
func (r *MaskPathReader) Next() MaskSegment {
	if r.path[r.pos] != '`' {
		// The path is well-formed: an unquoted segment runs to the next ".".
		start := r.pos
		for i := start; i < len(r.path); i++ {
			if r.path[i] == '.' {
				r.pos = i + 1
				return MaskSegment{Text: r.path[start:i]}
			}
		}
		r.pos = len(r.path)
		return MaskSegment{Text: r.path[start:]}
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
func scanSegment(path string, pos int) (MaskSegment, int, string) {
	if pos < len(path) && path[pos] == '`' {
		i := pos + 1
		for {
			j := strings.IndexByte(path[i:], '`')
			if j < 0 {
				return MaskSegment{}, len(path), "a backtick-quoted key is not closed"
			}
			i += j
			if i+1 < len(path) && path[i+1] == '`' {
				i += 2
				continue
			}
			if i+1 < len(path) && path[i+1] != '.' {
				return MaskSegment{}, len(path), "a backtick-quoted key must be followed by \".\" or end the path"
			}
			return MaskSegment{Text: path[pos+1 : i], Quoted: true}, i + 1, ""
		}
	}
	end := pos
	for end < len(path) && path[end] != '.' {
		if path[end] == '`' {
			return MaskSegment{}, len(path), "a backtick may only quote a whole key"
		}
		end++
	}
	if end == pos {
		return MaskSegment{}, len(path), "empty segment"
	}
	return MaskSegment{Text: path[pos:end]}, end, ""
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
	r := MaskPathReader{path: path}
	for r.More() {
		if r.Next().IsWildcard() {
			return true
		}
	}
	return false
}

// Reasons for invalid paths. Generated checkers and the reflective checker
// use the same functions, so their errors are identical.

// MaskReasonUnknownField says that message has no field name.
func MaskReasonUnknownField(message, name string) string {
	return "message " + message + " has no field " + strconv.Quote(name)
}

// MaskReasonJSONName says that name is the JSON name of field protoName of
// message, and that masks take proto names (AIP-161).
func MaskReasonJSONName(message, name, protoName string) string {
	return strconv.Quote(name) + " is the JSON name of field " + strconv.Quote(protoName) + " of message " +
		message + "; field masks take proto field names, so write " + strconv.Quote(protoName)
}

// MaskReasonNotMessage says that field is not a message field and has no
// sub-fields.
func MaskReasonNotMessage(field string) string {
	return "field " + strconv.Quote(field) + " is not a message; it has no sub-fields"
}

// MaskReasonWildcard says that `*` is misplaced.
func MaskReasonWildcard() string {
	return "`*` may only stand alone or follow a repeated or map field"
}

// MaskReasonQuoted says that a field name was quoted.
func MaskReasonQuoted(text string) string {
	return "`" + text + "` is quoted, but only map keys may be quoted"
}

// MaskReasonIndex says that a repeated field takes no index.
func MaskReasonIndex(field string) string {
	return "repeated field " + strconv.Quote(field) + " takes no index; write " + strconv.Quote(field+".*") +
		" to reach every element"
}

// MaskReasonElemNotMessage says that the elements of a repeated field are not
// messages.
func MaskReasonElemNotMessage(field string) string {
	return "the elements of repeated field " + strconv.Quote(field) + " are not messages; they have no sub-fields"
}

// MaskReasonValueNotMessage says that the values of a map field are not
// messages.
func MaskReasonValueNotMessage(field string) string {
	return "the values of map field " + strconv.Quote(field) + " are not messages; they have no sub-fields"
}

// MaskReasonMapKey says that key is not a key of a map field.
func MaskReasonMapKey(field, key string, kind protoreflect.Kind) string {
	return strconv.Quote(key) + " is not a valid " + kind.String() + " key of map field " + strconv.Quote(field)
}

const reasonApplyWildcard = "ApplyMask does not take `*` after a repeated or map field; name the field to replace it whole"

// MaskCheckList checks the rest of a path after the repeated field field:
// nothing, or `*` followed by a path that elem checks (nil when the elements
// are not messages).
func MaskCheckList(r MaskPathReader, field string, elem func(MaskPathReader) string) string {
	if !r.More() {
		return ""
	}
	if !r.Next().IsWildcard() {
		return MaskReasonIndex(field)
	}
	if !r.More() {
		return ""
	}
	if elem == nil {
		return MaskReasonElemNotMessage(field)
	}
	return elem(r)
}

// MaskCheckMap checks the rest of a path after the map field field: nothing,
// or a key of kind key (or `*`) followed by a path that value checks (nil
// when the values are not messages).
func MaskCheckMap(r MaskPathReader, field string, key protoreflect.Kind, value func(MaskPathReader) string) string {
	if !r.More() {
		return ""
	}
	if s := r.Next(); !s.IsWildcard() && !s.ValidKey(key) {
		return MaskReasonMapKey(field, s.Key(), key)
	}
	if !r.More() {
		return ""
	}
	if value == nil {
		return MaskReasonValueNotMessage(field)
	}
	return value(r)
}

// MaskCheckMessage checks the rest of a path after the singular message
// field: nothing, or a path that sub checks.
func MaskCheckMessage(r MaskPathReader, sub func(MaskPathReader) string) string {
	if !r.More() {
		return ""
	}
	return sub(r)
}

// checkPaths checks every path with check and returns one violation per bad
// path.
func checkPaths(paths []string, check func(MaskPathReader) string, apply bool) []FieldViolation {
	var vs []FieldViolation
	for i, p := range paths {
		reason, star := pathSyntax(p)
		if reason == "" && p != "*" {
			reason = check(MaskPathReader{path: p})
		}
		if reason == "" && apply && star && hasCollectionWildcard(p) {
			reason = reasonApplyWildcard
		}
		if reason != "" {
			vs = append(vs, FieldViolation{
				Field:       "paths[" + strconv.Itoa(i) + "]",
				Reason:      ReasonInvalidMaskPath,
				Description: "invalid field-mask path " + strconv.Quote(p) + ": " + reason,
			})
		}
	}
	return vs
}

// ParsedMask is a field mask checked against one message type and
// normalised into a tree. Parse a mask once with the generated ParseXMask
// function (or ParseMask) and pass it to the generated *ParsedMask methods
// (or FilterParsedMask, PruneParsedMask, ApplyParsedMask) to reuse it for
// many messages at no further cost. A ParsedMask is immutable and safe for
// concurrent use; a nil *ParsedMask is the empty mask.
type ParsedMask struct {
	message protoreflect.FullName
	empty   bool
	nodes   []maskNode
	// applyViolations are the violations ApplyParsedMask reports: paths
	// with a `*` after a repeated or map field.
	applyViolations []FieldViolation
	pooled          bool
}

type maskNode struct {
	name        string
	wild        bool
	whole       bool
	intOK       bool
	uintOK      bool
	child, next int32
	ival        int64
	uval        uint64
}

// MaskNode is a node of a ParsedMask: the root (the message), a field, a
// map key or a `*`. Generated code walks the tree with it. The zero
// MaskNode is invalid: it stands for "not in the mask".
type MaskNode struct {
	t *ParsedMask
	i int32
}

// Valid reports whether n is a node of a mask.
func (n MaskNode) Valid() bool { return n.t != nil }

// Whole reports whether the mask names n's field, key or message as a whole
// (no sub-paths, or `*` at the root).
func (n MaskNode) Whole() bool { return n.t != nil && n.t.nodes[n.i].whole }

// Name returns the field name or map key (unquoted) of n.
func (n MaskNode) Name() string { return n.t.nodes[n.i].name }

// IsWildcard reports whether n is a `*` segment.
func (n MaskNode) IsWildcard() bool { return n.t.nodes[n.i].wild }

// First returns n's first child: a `*` first, then the others in the order
// the mask first names them.
func (n MaskNode) First() MaskNode {
	if n.t == nil || n.t.nodes[n.i].child == 0 {
		return MaskNode{}
	}
	return MaskNode{n.t, n.t.nodes[n.i].child}
}

// Next returns n's next sibling.
func (n MaskNode) Next() MaskNode {
	if n.t.nodes[n.i].next == 0 {
		return MaskNode{}
	}
	return MaskNode{n.t, n.t.nodes[n.i].next}
}

// Child returns n's child named name (not `*`), or an invalid node.
func (n MaskNode) Child(name string) MaskNode {
	for c := n.First(); c.t != nil; c = c.Next() {
		if nd := &c.t.nodes[c.i]; !nd.wild && nd.name == name {
			return c
		}
	}
	return MaskNode{}
}

// Each returns n's `*` child (every element of a repeated or map field), or
// an invalid node.
func (n MaskNode) Each() MaskNode {
	if c := n.First(); c.t != nil && c.t.nodes[c.i].wild {
		return c
	}
	return MaskNode{}
}

// Key returns the node of the map entry with string key k: the child named
// k, else the `*` child, else an invalid node.
func (n MaskNode) Key(k string) MaskNode {
	if c := n.Child(k); c.t != nil {
		return c
	}
	return n.Each()
}

// KeyInt returns the node of the map entry with signed integer key k, as Key.
func (n MaskNode) KeyInt(k int64) MaskNode {
	for c := n.First(); c.t != nil; c = c.Next() {
		if nd := &c.t.nodes[c.i]; nd.intOK && nd.ival == k {
			return c
		}
	}
	return n.Each()
}

// KeyUint returns the node of the map entry with unsigned integer key k, as
// Key.
func (n MaskNode) KeyUint(k uint64) MaskNode {
	for c := n.First(); c.t != nil; c = c.Next() {
		if nd := &c.t.nodes[c.i]; nd.uintOK && nd.uval == k {
			return c
		}
	}
	return n.Each()
}

// KeyBool returns the node of the map entry with bool key k, as Key.
func (n MaskNode) KeyBool(k bool) MaskNode {
	if k {
		return n.Key("true")
	}
	return n.Key("false")
}

// IntKey returns n's name as a signed integer map key.
func (n MaskNode) IntKey() int64 { return n.t.nodes[n.i].ival }

// UintKey returns n's name as an unsigned integer map key.
func (n MaskNode) UintKey() uint64 { return n.t.nodes[n.i].uval }

// BoolKey returns n's name as a bool map key.
func (n MaskNode) BoolKey() bool { return n.t.nodes[n.i].name == "true" }

// Root returns the root node, the message itself. For the empty mask it has
// no children and is not whole.
func (t *ParsedMask) Root() MaskNode {
	if t == nil || t.empty {
		return MaskNode{t: emptyMask, i: 0}
	}
	return MaskNode{t: t, i: 0}
}

// Empty reports whether the mask has no paths (nil or empty FieldMask).
func (t *ParsedMask) Empty() bool { return t == nil || t.empty }

// All reports whether the mask is `*` (or holds it).
func (t *ParsedMask) All() bool { return t != nil && !t.empty && t.nodes[0].whole }

// Message returns the full name of the message type the mask was checked
// against.
func (t *ParsedMask) Message() protoreflect.FullName {
	if t == nil {
		return ""
	}
	return t.message
}

// Paths returns the normalised paths of the mask, sorted, with parents
// absorbing their children.
func (t *ParsedMask) Paths() []string {
	if t.Empty() {
		return nil
	}
	return t.sortedPaths()
}

// CheckMessage returns an error unless the mask was parsed for the message
// type name (a nil mask fits every type). Generated *ParsedMask methods call
// it first.
func (t *ParsedMask) CheckMessage(name protoreflect.FullName) error {
	if t == nil || t.empty || t.message == name {
		return nil
	}
	return errors.New("protolite: field mask parsed for " + string(t.message) + " used with " + string(name))
}

// ApplyErr returns the error ApplyParsedMask reports for the mask: nil, or
// the violations of its paths with a `*` after a repeated or map field.
func (t *ParsedMask) ApplyErr() error {
	if t == nil || len(t.applyViolations) == 0 {
		return nil
	}
	return NewValidationError(t.applyViolations...)
}

var emptyMask = &ParsedMask{empty: true, nodes: []maskNode{{}}}

var maskPool = sync.Pool{New: func() any { return &ParsedMask{nodes: make([]maskNode, 1, 16)} }}

// AcquireMask checks mask against a message type (named message; check
// checks one path) and returns its tree from a pool, for one call of a
// generated method; give it back with Release. With apply set, paths with a
// `*` after a repeated or map field are invalid too. It allocates nothing
// once the pool is warm, unless the mask is invalid.
func AcquireMask(mask *fieldmaskpb.FieldMask, message protoreflect.FullName, check func(MaskPathReader) string, apply bool) (*ParsedMask, error) {
	paths := mask.GetPaths()
	if len(paths) == 0 {
		return emptyMask, nil
	}
	if vs := checkPaths(paths, check, apply); vs != nil {
		return nil, NewValidationError(vs...)
	}
	t := maskPool.Get().(*ParsedMask)
	t.pooled = true
	t.build(message, paths)
	return t, nil
}

// CheckMask checks mask against a message type as AcquireMask does, without
// building its tree: the generated ValidateMask methods call it.
func CheckMask(mask *fieldmaskpb.FieldMask, check func(MaskPathReader) string) error {
	if vs := checkPaths(mask.GetPaths(), check, false); vs != nil {
		return NewValidationError(vs...)
	}
	return nil
}

// Release gives a mask from AcquireMask back to the pool. It does nothing
// for other masks.
func (t *ParsedMask) Release() {
	if t == nil || !t.pooled {
		return
	}
	clear(t.nodes)
	t.nodes = t.nodes[:1]
	t.applyViolations = nil
	maskPool.Put(t)
}

// NewParsedMask checks mask against a message type (named message; check
// checks one path, as in AcquireMask) and returns its tree for reuse. Paths
// that only ApplyParsedMask rejects (`*` after a repeated or map field) do
// not fail it; ApplyParsedMask reports them.
func NewParsedMask(mask *fieldmaskpb.FieldMask, message protoreflect.FullName, check func(MaskPathReader) string) (*ParsedMask, error) {
	paths := mask.GetPaths()
	if len(paths) == 0 {
		return &ParsedMask{message: message, empty: true, nodes: []maskNode{{}}}, nil
	}
	if vs := checkPaths(paths, check, false); vs != nil {
		return nil, NewValidationError(vs...)
	}
	t := &ParsedMask{nodes: make([]maskNode, 1, 8)}
	t.build(message, paths)
	for i, p := range paths {
		if hasCollectionWildcard(p) {
			t.applyViolations = append(t.applyViolations, FieldViolation{
				Field:       "paths[" + strconv.Itoa(i) + "]",
				Reason:      ReasonInvalidMaskPath,
				Description: "invalid field-mask path " + strconv.Quote(p) + ": " + reasonApplyWildcard,
			})
		}
	}
	return t, nil
}

// build fills the tree from well-formed paths.
func (t *ParsedMask) build(message protoreflect.FullName, paths []string) {
	t.message = message
	t.empty = false
	t.nodes = append(t.nodes[:0], maskNode{})
	wild := false
	for _, p := range paths {
		wild = t.add(p) || wild
	}
	if wild {
		t.distribute(0)
	}
}

func (t *ParsedMask) markWhole(n int32) {
	t.nodes[n].whole = true
	t.nodes[n].child = 0
}

// add adds a well-formed path to the tree and reports whether it inserted
// a `*` node.
func (t *ParsedMask) add(path string) (wild bool) {
	if path == "*" {
		t.markWhole(0)
		return false
	}
	n := int32(0)
	// wilds holds the `*` nodes that end the path so far, each with its
	// parent: "x.*.*" is "x.*", which is x.
	var stack [8]int32
	wilds := stack[:0]
	r := MaskPathReader{path: path}
	for {
		if t.nodes[n].whole {
			return wild
		}
		s := r.Next()
		last := !r.More()
		if last && s.IsWildcard() { // "x.*" is x
			for len(wilds) > 0 && wilds[len(wilds)-1] == n {
				n = wilds[len(wilds)-2]
				wilds = wilds[:len(wilds)-2]
			}
			t.markWhole(n)
			return wild
		}
		wild = wild || s.IsWildcard()
		c := t.insert(n, s.Key(), s.IsWildcard())
		if last {
			t.markWhole(c)
			return wild
		}
		if s.IsWildcard() {
			wilds = append(wilds, n, c)
		} else {
			wilds = wilds[:0]
		}
		n = c
	}
}

// insert returns the child of n with the given name, adding it when
// missing: a `*` first, other children in the order they first appear.
func (t *ParsedMask) insert(n int32, name string, wild bool) int32 {
	last := int32(-1)
	for c := t.nodes[n].child; c != 0; c = t.nodes[c].next {
		if nd := &t.nodes[c]; nd.wild == wild && nd.name == name {
			return c
		}
		last = c
	}
	nd := maskNode{name: name, wild: wild}
	if !wild && name != "" && (name[0] == '-' || (name[0] >= '0' && name[0] <= '9')) {
		nd.ival, nd.intOK = parseIntKey(name, 64)
		nd.uval, nd.uintOK = parseUintKey(name, 64)
	}
	t.nodes = append(t.nodes, nd)
	c := int32(len(t.nodes) - 1)
	if wild || last < 0 {
		t.nodes[c].next = t.nodes[n].child
		t.nodes[n].child = c
	} else {
		t.nodes[last].next = c
	}
	return c
}

// distribute merges the `*` child of n into each of n's other children,
// then does the same below.
func (t *ParsedMask) distribute(n int32) {
	if w := t.nodes[n].child; w != 0 && t.nodes[w].wild {
		for c := t.nodes[w].next; c != 0; c = t.nodes[c].next {
			t.merge(c, w)
		}
	}
	for c := t.nodes[n].child; c != 0; c = t.nodes[c].next {
		t.distribute(c)
	}
}

// merge adds the paths below src to those below dst.
func (t *ParsedMask) merge(dst, src int32) {
	if t.nodes[dst].whole {
		return
	}
	if t.nodes[src].whole {
		t.markWhole(dst)
		return
	}
	for c := t.nodes[src].child; c != 0; c = t.nodes[c].next {
		d := t.insert(dst, t.nodes[c].name, t.nodes[c].wild)
		t.merge(d, c)
	}
}

func (t *ParsedMask) appendPaths(out *[]string, n int32, prefix string) {
	nd := &t.nodes[n]
	if nd.whole {
		if prefix == "" {
			prefix = "*"
		}
		*out = append(*out, prefix)
		return
	}
	for c := nd.child; c != 0; c = t.nodes[c].next {
		seg := "*"
		if !t.nodes[c].wild {
			seg = QuoteMaskKey(t.nodes[c].name)
		}
		if prefix != "" {
			seg = prefix + "." + seg
		}
		t.appendPaths(out, c, seg)
	}
}

// QuoteMaskKey returns a map key as a path segment: as it is when it is
// made of ASCII letters, digits, "_" and "-" (and is not empty), else
// between backticks with inner backticks doubled.
func QuoteMaskKey(key string) string {
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
