package maskcore

import (
	"errors"
	"slices"
	"sync"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// Tree is a field mask checked against one message type and normalised
// into a tree: runtime.ParsedMask is a Tree. It is immutable once built and
// safe for concurrent use (but see Release); a nil *Tree is the empty mask.
type Tree struct {
	message protoreflect.FullName
	empty   bool
	nodes   []node
	// applyViolations are the violations Apply reports for the mask: paths
	// with a `*` after a repeated or map field.
	applyViolations []Violation
	pooled          bool
}

type node struct {
	name        string
	wild        bool
	whole       bool
	intOK       bool
	uintOK      bool
	child, next int32
	ival        int64
	uval        uint64
}

// Node is a node of a Tree: the root (the message), a field, a map key or
// a `*`. Generated code walks the tree with it. The zero Node is invalid: it
// stands for "not in the mask".
type Node struct {
	t *Tree
	i int32
}

// Valid reports whether n is a node of a mask.
func (n Node) Valid() bool { return n.t != nil }

// Whole reports whether the mask names n's field, key or message as a whole
// (no sub-paths, or `*` at the root).
func (n Node) Whole() bool { return n.t != nil && n.t.nodes[n.i].whole }

// Name returns the field name or map key (unquoted) of n.
func (n Node) Name() string { return n.t.nodes[n.i].name }

// IsWildcard reports whether n is a `*` segment.
func (n Node) IsWildcard() bool { return n.t.nodes[n.i].wild }

// First returns n's first child: a `*` first, then the others in the order
// the mask first names them.
func (n Node) First() Node {
	if n.t == nil || n.t.nodes[n.i].child == 0 {
		return Node{}
	}
	return Node{n.t, n.t.nodes[n.i].child}
}

// Next returns n's next sibling.
func (n Node) Next() Node {
	if n.t.nodes[n.i].next == 0 {
		return Node{}
	}
	return Node{n.t, n.t.nodes[n.i].next}
}

// Child returns n's child named name (not `*`), or an invalid node.
func (n Node) Child(name string) Node {
	for c := n.First(); c.t != nil; c = c.Next() {
		if nd := &c.t.nodes[c.i]; !nd.wild && nd.name == name {
			return c
		}
	}
	return Node{}
}

// Each returns n's `*` child (every element of a repeated or map field), or
// an invalid node.
func (n Node) Each() Node {
	if c := n.First(); c.t != nil && c.t.nodes[c.i].wild {
		return c
	}
	return Node{}
}

// Key returns the node of the map entry with string key k: the child named
// k, else the `*` child, else an invalid node.
func (n Node) Key(k string) Node {
	if c := n.Child(k); c.t != nil {
		return c
	}
	return n.Each()
}

// KeyInt returns the node of the map entry with signed integer key k, as Key.
func (n Node) KeyInt(k int64) Node {
	for c := n.First(); c.t != nil; c = c.Next() {
		if nd := &c.t.nodes[c.i]; nd.intOK && nd.ival == k {
			return c
		}
	}
	return n.Each()
}

// KeyUint returns the node of the map entry with unsigned integer key k, as
// Key.
func (n Node) KeyUint(k uint64) Node {
	for c := n.First(); c.t != nil; c = c.Next() {
		if nd := &c.t.nodes[c.i]; nd.uintOK && nd.uval == k {
			return c
		}
	}
	return n.Each()
}

// KeyBool returns the node of the map entry with bool key k, as Key.
func (n Node) KeyBool(k bool) Node {
	if k {
		return n.Key("true")
	}
	return n.Key("false")
}

// IntKey returns n's name as a signed integer map key.
func (n Node) IntKey() int64 { return n.t.nodes[n.i].ival }

// UintKey returns n's name as an unsigned integer map key.
func (n Node) UintKey() uint64 { return n.t.nodes[n.i].uval }

// BoolKey returns n's name as a bool map key.
func (n Node) BoolKey() bool { return n.t.nodes[n.i].name == "true" }

// Root returns the root node, the message itself. For the empty mask it has
// no children and is not whole.
func (t *Tree) Root() Node {
	if t == nil || t.empty {
		return Node{t: emptyTree, i: 0}
	}
	return Node{t: t, i: 0}
}

// Empty reports whether the mask has no paths (nil or empty FieldMask).
func (t *Tree) Empty() bool { return t == nil || t.empty }

// All reports whether the mask is `*` (or holds it).
func (t *Tree) All() bool { return t != nil && !t.empty && t.nodes[0].whole }

// Message returns the full name of the message type the mask was checked
// against.
func (t *Tree) Message() protoreflect.FullName {
	if t == nil {
		return ""
	}
	return t.message
}

// Paths returns the normalised paths of the mask, sorted, with parents
// absorbing their children.
func (t *Tree) Paths() []string {
	if t.Empty() {
		return nil
	}
	return t.sortedPaths()
}

// CheckMessage returns an error unless the mask was checked against the
// message type name (a nil mask fits every type). The methods that take a
// parsed mask call it first.
func (t *Tree) CheckMessage(name protoreflect.FullName) error {
	if t == nil || t.empty || t.message == name {
		return nil
	}
	return errors.New("protolite: field mask parsed for " + string(t.message) + " used with " + string(name))
}

// ApplyViolations returns the violations Apply reports for the mask: none,
// or those of its paths with a `*` after a repeated or map field.
func (t *Tree) ApplyViolations() []Violation {
	if t == nil {
		return nil
	}
	return t.applyViolations
}

var emptyTree = &Tree{empty: true, nodes: []node{{}}}

var pool = sync.Pool{New: func() any { return &Tree{nodes: make([]node, 1, 16)} }}

// Acquire checks mask against a message type (named message; check checks
// one path) and returns its tree from a pool, for one call of an operation;
// give it back with Release. With apply set, paths with a `*` after a
// repeated or map field are invalid too. It allocates nothing once the pool
// is warm, unless the mask is invalid, when it returns the violations.
func Acquire(mask *fieldmaskpb.FieldMask, message protoreflect.FullName, check func(PathReader) string, apply bool) (*Tree, []Violation) {
	paths := mask.GetPaths()
	if len(paths) == 0 {
		return emptyTree, nil
	}
	if vs := CheckPaths(paths, check, apply); vs != nil {
		return nil, vs
	}
	t := pool.Get().(*Tree)
	t.pooled = true
	t.build(message, paths)
	return t, nil
}

// Release gives a tree from Acquire back to the pool. It does nothing for
// other trees.
func (t *Tree) Release() {
	if t == nil || !t.pooled {
		return
	}
	clear(t.nodes)
	t.nodes = t.nodes[:1]
	t.applyViolations = nil
	pool.Put(t)
}

// New checks mask against a message type (named message; check checks one
// path, as in Acquire) and returns its tree, to keep. Paths that only Apply
// rejects (`*` after a repeated or map field) do not fail it; Apply reports
// them (see ApplyViolations).
func New(mask *fieldmaskpb.FieldMask, message protoreflect.FullName, check func(PathReader) string) (*Tree, []Violation) {
	paths := mask.GetPaths()
	if len(paths) == 0 {
		return &Tree{message: message, empty: true, nodes: []node{{}}}, nil
	}
	if vs := CheckPaths(paths, check, false); vs != nil {
		return nil, vs
	}
	t := &Tree{nodes: make([]node, 1, 8)}
	t.build(message, paths)
	for i, p := range paths {
		if hasCollectionWildcard(p) {
			t.applyViolations = append(t.applyViolations, invalidPath(i, p, reasonApplyWildcard))
		}
	}
	return t, nil
}

// build fills the tree from well-formed paths.
func (t *Tree) build(message protoreflect.FullName, paths []string) {
	t.message = message
	t.empty = false
	t.nodes = append(t.nodes[:0], node{})
	wild := false
	for _, p := range paths {
		wild = t.add(p) || wild
	}
	if wild {
		t.distribute(0)
	}
}

func (t *Tree) markWhole(n int32) {
	t.nodes[n].whole = true
	t.nodes[n].child = 0
}

// add adds a well-formed path to the tree and reports whether it inserted
// a `*` node.
func (t *Tree) add(path string) (wild bool) {
	if path == "*" {
		t.markWhole(0)
		return false
	}
	n := int32(0)
	// wilds holds the `*` nodes that end the path so far, each with its
	// parent: "x.*.*" is "x.*", which is x.
	var stack [8]int32
	wilds := stack[:0]
	r := PathReader{path: path}
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
func (t *Tree) insert(n int32, name string, wild bool) int32 {
	last := int32(-1)
	for c := t.nodes[n].child; c != 0; c = t.nodes[c].next {
		if nd := &t.nodes[c]; nd.wild == wild && nd.name == name {
			return c
		}
		last = c
	}
	nd := node{name: name, wild: wild}
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
func (t *Tree) distribute(n int32) {
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
func (t *Tree) merge(dst, src int32) {
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

func (t *Tree) appendPaths(out *[]string, n int32, prefix string) {
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
			seg = QuoteKey(t.nodes[c].name)
		}
		if prefix != "" {
			seg = prefix + "." + seg
		}
		t.appendPaths(out, c, seg)
	}
}

// sortedPaths returns the tree's paths, sorted and deduplicated.
func (t *Tree) sortedPaths() []string {
	var out []string
	t.appendPaths(&out, 0, "")
	if len(out) == 1 && out[0] == "*" {
		return out
	}
	slices.Sort(out)
	return slices.Compact(out)
}
