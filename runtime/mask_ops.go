package runtime

import (
	"slices"
	"strconv"

	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// Mask algebra on paths alone (no message type): normalisation, union and
// intersection that understand map keys, backticks and `*`.

// syntaxTree builds the tree of well-formed paths, or returns a
// *ValidationError naming the malformed ones.
func syntaxTree(masks ...*fieldmaskpb.FieldMask) (*ParsedMask, error) {
	t := &ParsedMask{nodes: make([]maskNode, 1, 8)}
	var vs []FieldViolation
	i := 0
	for _, m := range masks {
		for _, p := range m.GetPaths() {
			if why, _ := pathSyntax(p); why != "" {
				vs = append(vs, FieldViolation{
					Field:       "paths[" + strconv.Itoa(i) + "]",
					Reason:      ReasonInvalidMaskPath,
					Description: "invalid field-mask path " + strconv.Quote(p) + ": " + why,
				})
			} else {
				t.add(p)
			}
			i++
		}
	}
	if vs != nil {
		return nil, NewValidationError(vs...)
	}
	return t, nil
}

// NormalizeMask returns the paths of mask normalised: a path that has one
// of its parents in the mask is dropped (`user.name` beside `user`, every
// path beside `*`), `x.*` at the end of a path becomes `x`, map keys are
// written in one way (backticks only where needed), duplicates are dropped
// and the paths are sorted. Paths are checked only for syntax: see
// ValidateMask and the generated ValidateMask methods for field names.
func NormalizeMask(mask *fieldmaskpb.FieldMask) (*fieldmaskpb.FieldMask, error) {
	return UnionMasks(mask)
}

// UnionMasks returns the normalised union of masks: every path that one of
// them names.
func UnionMasks(masks ...*fieldmaskpb.FieldMask) (*fieldmaskpb.FieldMask, error) {
	t, err := syntaxTree(masks...)
	if err != nil {
		return nil, err
	}
	return &fieldmaskpb.FieldMask{Paths: t.sortedPaths()}, nil
}

// IntersectMasks returns the normalised intersection of a and b: the paths
// both name, where `user` and `user.name` meet in `user.name` and `a.*.b`
// and `a.k` in `a.k.b`. A nil or empty mask is empty here (it names no
// path), whatever it means to Filter or Apply.
func IntersectMasks(a, b *fieldmaskpb.FieldMask) (*fieldmaskpb.FieldMask, error) {
	ta, err := syntaxTree(a)
	if err != nil {
		return nil, err
	}
	tb, err := syntaxTree(b)
	if err != nil {
		return nil, err
	}
	if len(a.GetPaths()) == 0 || len(b.GetPaths()) == 0 {
		return &fieldmaskpb.FieldMask{}, nil
	}
	ta.distribute(0)
	tb.distribute(0)
	out := &ParsedMask{nodes: make([]maskNode, 1, 8)}
	intersect(out, 0, ta, 0, tb, 0)
	return &fieldmaskpb.FieldMask{Paths: out.sortedPaths()}, nil
}

// intersect writes into node o of out the intersection of node x of a and
// node y of b.
func intersect(out *ParsedMask, o int32, a *ParsedMask, x int32, b *ParsedMask, y int32) {
	switch {
	case a.nodes[x].whole:
		out.merge(o, copyInto(out, b, y))
		return
	case b.nodes[y].whole:
		out.merge(o, copyInto(out, a, x))
		return
	}
	wa, wb := MaskNode{a, x}.Each(), MaskNode{b, y}.Each()
	for c := (MaskNode{a, x}).First(); c.Valid(); c = c.Next() {
		nd := a.nodes[c.i]
		var d MaskNode
		if nd.wild {
			d = wb
		} else if d = (MaskNode{b, y}).Child(nd.name); !d.Valid() {
			d = wb
		}
		if d.Valid() {
			intersect(out, out.insert(o, nd.name, nd.wild), a, c.i, b, d.i)
		}
	}
	// Keys that only b names meet a's `*`.
	if wa.Valid() {
		for c := (MaskNode{b, y}).First(); c.Valid(); c = c.Next() {
			nd := b.nodes[c.i]
			if !nd.wild && !(MaskNode{a, x}).Child(nd.name).Valid() {
				intersect(out, out.insert(o, nd.name, false), a, wa.i, b, c.i)
			}
		}
	}
}

// copyInto copies the subtree of node n of src into a detached node of out
// and returns it.
func copyInto(out *ParsedMask, src *ParsedMask, n int32) int32 {
	out.nodes = append(out.nodes, maskNode{})
	d := int32(len(out.nodes) - 1)
	if src.nodes[n].whole {
		out.nodes[d].whole = true
		return d
	}
	for c := src.nodes[n].child; c != 0; c = src.nodes[c].next {
		k := out.insert(d, src.nodes[c].name, src.nodes[c].wild)
		out.merge(k, copyInto(out, src, c))
	}
	return d
}

// sortedPaths returns the tree's paths, sorted and deduplicated.
func (t *ParsedMask) sortedPaths() []string {
	var out []string
	t.appendPaths(&out, 0, "")
	if len(out) == 1 && out[0] == "*" {
		return out
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Path is a field-mask path into messages of type R (a generated message
// pointer type, such as *library.Book), made by generated path builders, so
// that a mask is written without string literals and checked by the
// compiler.
type Path[R any] struct{ path string }

// NewPath returns the path p into messages of type R. Generated path builders
// call it; code elsewhere should rarely need to.
func NewPath[R any](p string) Path[R] { return Path[R]{path: p} }

// String returns the path as a FieldMask writes it.
func (p Path[R]) String() string { return p.path }

// MaskPath returns p itself, so a Path is a Pather.
func (p Path[R]) MaskPath() Path[R] { return p }

// Pather is anything that stands for a path into messages of type R: a Path,
// or a generated builder of the paths below a message field.
type Pather[R any] interface {
	MaskPath() Path[R]
}

// NewMask returns a FieldMask of the given paths into messages of type R, in
// the order given. Generated NewXMask functions call it.
func NewMask[R any](paths ...Pather[R]) *fieldmaskpb.FieldMask {
	m := &fieldmaskpb.FieldMask{Paths: make([]string, len(paths))}
	for i, p := range paths {
		m.Paths[i] = p.MaskPath().path
	}
	return m
}

// JoinMaskPath returns prefix.segment, or segment alone at the root (an
// empty prefix). Generated path builders call it.
func JoinMaskPath(prefix, segment string) string {
	if prefix == "" {
		return segment
	}
	return prefix + "." + segment
}

// Join returns the path of the field (or key) segment below p. Generated path
// builders call it.
func (p Path[R]) Join(segment string) Path[R] {
	return Path[R]{path: JoinMaskPath(p.path, segment)}
}

// Key returns the path of the map entry with string key k below p, quoted
// with backticks when needed.
func (p Path[R]) Key(k string) Path[R] { return p.Join(QuoteMaskKey(k)) }

// IntKey returns the path of the map entry with integer key k below p.
func (p Path[R]) IntKey(k int64) Path[R] { return p.Join(strconv.FormatInt(k, 10)) }

// UintKey returns the path of the map entry with unsigned integer key k
// below p.
func (p Path[R]) UintKey(k uint64) Path[R] { return p.Join(strconv.FormatUint(k, 10)) }

// BoolKey returns the path of the map entry with bool key k below p.
func (p Path[R]) BoolKey(k bool) Path[R] { return p.Join(strconv.FormatBool(k)) }

// Each returns the path p.*: every element of the repeated or map field p.
func (p Path[R]) Each() Path[R] { return p.Join("*") }
