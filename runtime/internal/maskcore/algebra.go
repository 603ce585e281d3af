package maskcore

import "google.golang.org/protobuf/types/known/fieldmaskpb"

// Mask algebra on paths alone (no message type): union and intersection
// that understand map keys, backticks and `*`.

// syntaxTree builds the tree of well-formed paths, or returns the
// violations of the malformed ones.
func syntaxTree(masks ...*fieldmaskpb.FieldMask) (*Tree, []Violation) {
	t := &Tree{nodes: make([]node, 1, 8)}
	var vs []Violation
	i := 0
	for _, m := range masks {
		for _, p := range m.GetPaths() {
			if why, _ := pathSyntax(p); why != "" {
				vs = append(vs, invalidPath(i, p, why))
			} else {
				t.add(p)
			}
			i++
		}
	}
	if vs != nil {
		return nil, vs
	}
	return t, nil
}

// Union returns the normalised union of masks, or the violations of their
// malformed paths (numbered across all the masks).
func Union(masks ...*fieldmaskpb.FieldMask) ([]string, []Violation) {
	t, vs := syntaxTree(masks...)
	if vs != nil {
		return nil, vs
	}
	return t.sortedPaths(), nil
}

// Intersect returns the normalised intersection of a and b, or the
// violations of the malformed paths of the first mask that has any. A nil
// or empty mask names no path here.
func Intersect(a, b *fieldmaskpb.FieldMask) ([]string, []Violation) {
	ta, vs := syntaxTree(a)
	if vs != nil {
		return nil, vs
	}
	tb, vs := syntaxTree(b)
	if vs != nil {
		return nil, vs
	}
	if len(a.GetPaths()) == 0 || len(b.GetPaths()) == 0 {
		return nil, nil
	}
	ta.distribute(0)
	tb.distribute(0)
	out := &Tree{nodes: make([]node, 1, 8)}
	intersect(out, 0, ta, 0, tb, 0)
	return out.sortedPaths(), nil
}

// intersect writes into node o of out the intersection of node x of a and
// node y of b.
func intersect(out *Tree, o int32, a *Tree, x int32, b *Tree, y int32) {
	switch {
	case a.nodes[x].whole:
		out.merge(o, copyInto(out, b, y))
		return
	case b.nodes[y].whole:
		out.merge(o, copyInto(out, a, x))
		return
	}
	wa, wb := Node{a, x}.Each(), Node{b, y}.Each()
	for c := (Node{a, x}).First(); c.Valid(); c = c.Next() {
		nd := a.nodes[c.i]
		var d Node
		if nd.wild {
			d = wb
		} else if d = (Node{b, y}).Child(nd.name); !d.Valid() {
			d = wb
		}
		if d.Valid() {
			intersect(out, out.insert(o, nd.name, nd.wild), a, c.i, b, d.i)
		}
	}
	// Keys that only b names meet a's `*`.
	if wa.Valid() {
		for c := (Node{b, y}).First(); c.Valid(); c = c.Next() {
			nd := b.nodes[c.i]
			if !nd.wild && !(Node{a, x}).Child(nd.name).Valid() {
				intersect(out, out.insert(o, nd.name, false), a, wa.i, b, c.i)
			}
		}
	}
}

// copyInto copies the subtree of node n of src into a detached node of out
// and returns it.
func copyInto(out *Tree, src *Tree, n int32) int32 {
	out.nodes = append(out.nodes, node{})
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
