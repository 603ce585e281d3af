package maskgen

import "strconv"

// The walkers of the general route visit a parsed mask tree. Each collects
// the fields a node names whole as bits and ends with the same
// clearMaskFields or copyMaskFields as the literal route, so only fields
// with sub-paths (messages, map entries, list elements) get code here.

// subCall writes the call that filters (or prunes, op "prune") message
// value v of field f under node c.
func (w *writer) subCall(f *fieldPlan, op, v, c string) {
	if w.g.hasMethods(f.msg, w.pkg) {
		w.P(v, ".", op, "MaskNode(", c, ")")
		return
	}
	name := "FilterMaskNode"
	if op == "prune" {
		name = "PruneMaskNode"
	}
	w.P(w.impl(name), "(", v, ", ", c, ")")
}

func (w *writer) filter(m *messagePlan) {
	w.P()
	w.P("// filterMaskNode keeps only the fields of x that node n names (n has")
	w.P("// sub-paths).")
	w.P("func (x *", m.name, ") filterMaskNode(n ", w.impl("MaskNode"), ") {")
	if len(m.fields) == 0 {
		w.P("}")
		return
	}
	w.P("var keep ", bitsType(m))
	w.P("for c := n.First(); c.Valid(); c = c.Next() {")
	w.P("switch c.Name() {")
	for _, f := range m.fields {
		if m.narrow() && !f.isMessage() && !f.mp {
			continue // the default case
		}
		w.P("case ", strconv.Quote(f.name), ":")
		w.P(bitSet(m, "keep", f.index))
		switch {
		case f.oneof != nil && f.isMessage():
			w.P("if v, ok := x.", f.oneof.GoName, ".(*", w.wrapper(f), "); ok && !c.Whole() && v.", f.goName, " != nil {")
			w.subCall(f, "filter", "v."+f.goName, "c")
			w.P("}")
		case f.mp:
			w.P("if !c.Whole() {")
			if f.isMessage() {
				w.P("for k, v := range x.", f.goName, " {")
				w.P("switch e := ", entryNode(f, "c", "k"), "; {")
				w.P("case !e.Valid():")
				w.P("delete(x.", f.goName, ", k)")
				w.P("case !e.Whole() && v != nil:")
				w.subCall(f, "filter", "v", "e")
				w.P("}")
				w.P("}")
			} else {
				w.P("for k := range x.", f.goName, " {")
				w.P("if !", entryNode(f, "c", "k"), ".Valid() {")
				w.P("delete(x.", f.goName, ", k)")
				w.P("}")
				w.P("}")
			}
			w.P("}")
		case f.list && f.isMessage():
			w.P("if !c.Whole() {")
			w.P("e := c.Each()")
			w.P("for _, v := range x.", f.goName, " {")
			w.P("if v != nil {")
			w.subCall(f, "filter", "v", "e")
			w.P("}")
			w.P("}")
			w.P("}")
		case !f.list && f.isMessage():
			w.P("if !c.Whole() && x.", f.goName, " != nil {")
			w.subCall(f, "filter", "x."+f.goName, "c")
			w.P("}")
		}
	}
	w.defaultCase(m, "keep")
	w.P("}")
	w.P("}")
	if m.narrow() {
		w.P("x.clearMaskFields(^keep)")
	} else {
		w.P("for i := range keep {")
		w.P("keep[i] = ^keep[i] // the fields to clear")
		w.P("}")
		w.P("x.clearMaskFields(keep)")
	}
	w.P("}")
}

func (w *writer) prune(m *messagePlan) {
	w.P()
	w.P("// pruneMaskNode clears the fields of x that node n names (all of them when")
	w.P("// n is whole, for `*`).")
	w.P("func (x *", m.name, ") pruneMaskNode(n ", w.impl("MaskNode"), ") {")
	if len(m.fields) == 0 {
		w.P("}")
		return
	}
	w.P("if n.Whole() {")
	w.P("x.clearMaskFields(", allBits(m), ")")
	w.P("return")
	w.P("}")
	w.P("var drop ", bitsType(m))
	w.P("for c := n.First(); c.Valid(); c = c.Next() {")
	w.P("switch c.Name() {")
	for _, f := range m.fields {
		if m.narrow() && !f.isMessage() && !f.mp {
			continue // the default case
		}
		w.P("case ", strconv.Quote(f.name), ":")
		switch {
		case f.oneof != nil && f.isMessage():
			w.P("if c.Whole() {")
			w.P(bitSet(m, "drop", f.index))
			w.P("} else if v, ok := x.", f.oneof.GoName, ".(*", w.wrapper(f), "); ok && v.", f.goName, " != nil {")
			w.subCall(f, "prune", "v."+f.goName, "c")
			w.P("}")
		case f.mp:
			w.P("if c.Whole() {")
			w.P(bitSet(m, "drop", f.index))
			w.P("continue")
			w.P("}")
			if f.isMessage() {
				w.P("for k, v := range x.", f.goName, " {")
				w.P("switch e := ", entryNode(f, "c", "k"), "; {")
				w.P("case !e.Valid():")
				w.P("case e.Whole():")
				w.P("delete(x.", f.goName, ", k)")
				w.P("case v != nil:")
				w.subCall(f, "prune", "v", "e")
				w.P("}")
				w.P("}")
			} else {
				w.P("for k := range x.", f.goName, " {")
				w.P("if ", entryNode(f, "c", "k"), ".Valid() {")
				w.P("delete(x.", f.goName, ", k)")
				w.P("}")
				w.P("}")
			}
		case f.list && f.isMessage():
			w.P("if c.Whole() {")
			w.P(bitSet(m, "drop", f.index))
			w.P("continue")
			w.P("}")
			w.P("e := c.Each()")
			w.P("for _, v := range x.", f.goName, " {")
			w.P("if v != nil {")
			w.subCall(f, "prune", "v", "e")
			w.P("}")
			w.P("}")
		case f.isMessage():
			w.P("if c.Whole() {")
			w.P(bitSet(m, "drop", f.index))
			w.P("} else if x.", f.goName, " != nil {")
			w.subCall(f, "prune", "x."+f.goName, "c")
			w.P("}")
		default:
			w.P(bitSet(m, "drop", f.index))
		}
	}
	w.defaultCase(m, "drop")
	w.P("}")
	w.P("}")
	w.P("x.clearMaskFields(drop)")
	w.P("}")
}

// defaultCase writes the walkers' default case: in a narrow message, the
// fields whose node needs no code of their own (not a message, not a map)
// are found by the literal route's switch.
func (w *writer) defaultCase(m *messagePlan, bits string) {
	if m.narrow() {
		w.P("default:")
		w.P("b, _ := maskBits", m.name, "(c.Name())")
		w.P(bits, " |= b")
	}
}
