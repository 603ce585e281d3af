package maskgen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/protolite/protolite/internal/fieldbehavior"
)

// The generated methods take one of two routes.
//
// The literal route covers the masks real handlers send: every path a field
// name, or field.sub below a singular message field. One string switch
// (maskBits<M>) turns such a mask into a bit set of the message's fields,
// and the operation is then straight-line code over the bits
// (clearMaskFields, copyMaskFields): no parsing, no tree, no allocation.
//
// Every other mask (`*`, map keys, deeper paths, JSON names, invalid paths,
// an empty mask for Apply) takes the general route: protoimpl.MaskMethods
// checks and parses it into a tree, which the generated walkers below
// (filterMaskNode, pruneMaskNode, ...) visit. Both routes give the same
// results and errors; the generated-vs-reflective differential fuzz test
// checks it.

// A message's fields are numbered in declaration order; field i is bit i of
// a bit set, which is a uint64 for messages of up to 64 fields and an array
// of words above that (such messages take the general route only).

func (m *messagePlan) narrow() bool { return len(m.fields) <= 64 }

func (m *messagePlan) words() int { return max(1, (len(m.fields)+63)/64) }

// bitsType is the Go type of a bit set of m's fields.
func bitsType(m *messagePlan) string {
	if m.narrow() {
		return "uint64"
	}
	return fmt.Sprintf("[%d]uint64", m.words())
}

// bitTest is the expression "bit i of v is set".
func bitTest(m *messagePlan, v string, i int) string {
	if m.narrow() {
		return fmt.Sprintf("%s&(1<<%d) != 0", v, i)
	}
	return fmt.Sprintf("%s[%d]&(1<<%d) != 0", v, i/64, i%64)
}

// bitSet is the statement that sets bit i of v.
func bitSet(m *messagePlan, v string, i int) string {
	if m.narrow() {
		return fmt.Sprintf("%s |= 1 << %d", v, i)
	}
	return fmt.Sprintf("%s[%d] |= 1 << %d", v, i/64, i%64)
}

// allBits is the expression of the set of every field.
func allBits(m *messagePlan) string {
	if m.narrow() {
		return "^uint64(0)"
	}
	words := make([]string, m.words())
	for i := range words {
		words[i] = "^uint64(0)"
	}
	return bitsType(m) + "{" + strings.Join(words, ", ") + "}"
}

// subRange places the fields of a singular message field's message in the
// bits of a literal mask above the message's own fields, so that
// "field.sub" is literal too: bit offset+j stands for field j of f's
// message.
type subRange struct {
	f      *fieldPlan
	offset int
	width  int
	// immutable has bit j set for each IMMUTABLE field j of f's message.
	immutable uint64
}

// subRanges returns the sub-ranges of a narrow message: its singular,
// non-oneof message fields whose message gets methods in this package,
// neither OUTPUT_ONLY nor IMMUTABLE (paths below those take the general
// route), while they fit in 64 bits.
func (w *writer) subRanges(m *messagePlan) []subRange {
	var out []subRange
	offset := len(m.fields)
	for _, f := range m.fields {
		if f.list || f.mp || !f.isMessage() || f.oneof != nil || f.outputOnly || f.immutable ||
			!w.g.hasMethods(f.msg, w.pkg) {
			continue
		}
		width := len(f.msg.Fields)
		if width == 0 || offset+width > 64 {
			continue
		}
		r := subRange{f: f, offset: offset, width: width}
		for j, sf := range f.msg.Fields {
			if outputOnly, immutable := fieldbehavior.Of(sf.Desc); immutable && !outputOnly {
				r.immutable |= 1 << j
			}
		}
		out = append(out, r)
		offset += width
	}
	return out
}

// extract is the expression of the sub-range's bits of literal mask bits,
// shifted down to the numbering of the field's message.
func (r subRange) extract() string {
	return fmt.Sprintf("bits>>%d&%#x", r.offset, uint64(1)<<r.width-1)
}

// immutableBits returns the literal-mask bits whose paths name an IMMUTABLE
// field: Apply sends those to the general route, which checks them.
func immutableBits(m *messagePlan, subs []subRange) uint64 {
	var bits uint64
	for _, f := range m.fields {
		if f.immutable && !f.outputOnly {
			bits |= 1 << f.index
		}
	}
	for _, r := range subs {
		bits |= r.immutable << r.offset
	}
	return bits
}

// literal writes maskBits<M>, the switch of the literal route, which the
// walkers of the general route also use for fields that need no code of
// their own.
func (w *writer) literal(m *messagePlan, subs []subRange) {
	w.P()
	w.P("// maskBits", m.name, " returns the fields of ", m.name, " that paths name, as bits, when every")
	w.P("// path is a field name or field.sub below a message field; ok is false for")
	w.P("// other paths and for no paths, which take the general route.")
	w.P("func maskBits", m.name, "(paths ...string) (bits uint64, ok bool) {")
	w.P("for _, p := range paths {")
	w.P("switch p {")
	for _, f := range m.fields {
		w.P("case ", strconv.Quote(f.name), ":")
		w.P("bits |= 1 << ", f.index)
	}
	for _, r := range subs {
		for j, sf := range r.f.msg.Fields {
			w.P("case ", strconv.Quote(r.f.name+"."+string(sf.Desc.Name())), ":")
			w.P("bits |= 1 << ", r.offset+j)
		}
	}
	w.P("default:")
	w.P("return 0, false")
	w.P("}")
	w.P("}")
	w.P("return bits, len(paths) > 0")
	w.P("}")
}

func (w *writer) publicMethods(m *messagePlan) {
	n, methods := m.name, "maskMethods"+m.name
	mask := "*" + w.QualifiedGoIdent(fieldmaskPackage.Ident("FieldMask"))
	parsed := "*" + w.QualifiedGoIdent(w.rt("ParsedMask"))
	var subs []subRange
	if m.narrow() {
		subs = w.subRanges(m)
	}
	w.P()
	w.P("// ", zeroVar(m.msg), " is read in place of a nil *", n, ".")
	w.P("var ", zeroVar(m.msg), " ", n)
	w.P()
	w.P("// ", methods, " is the general route of the mask methods of ", n, ".")
	w.P("var ", methods, " = ", w.impl("MaskMethods"), "[", n, "]{")
	w.P("Name: ", w.fullName(m), ",")
	w.P("Check: maskCheck", n, ",")
	w.P("Zero: &", zeroVar(m.msg), ",")
	w.P("Filter: (*", n, ").filterMaskNode,")
	w.P("Prune: (*", n, ").pruneMaskNode,")
	if hasImmutable(m) {
		w.P("CheckApplyFields: (*", n, ").checkApplyMaskFields,")
	}
	w.P("ApplyFields: func(x, src *", n, ", populated bool) { x.copyMaskFields(src, ", allBits(m), ", populated) },")
	if w.g.reachesImmutable(m.msg.Desc) {
		w.P("CheckApplyNode: (*", n, ").checkApplyMask,")
	}
	w.P("ApplyNode: (*", n, ").applyMaskNode,")
	w.P("}")
	if m.narrow() {
		w.literal(m, subs)
	}
	w.P()
	w.P("// Parse", n, "Mask checks mask against ", n, " and returns it parsed, for the")
	w.P("// *ParsedMask methods of ", n, ": a handler that applies one mask to many")
	w.P("// messages parses it once.")
	w.P("func Parse", n, "Mask(mask ", mask, ") (", parsed, ", error) {")
	w.P("return ", methods, ".ParseMask(mask)")
	w.P("}")

	w.P()
	w.P("// ValidateMask returns nil when every path of mask names a field of ", n, ",")
	w.P("// else a *runtime.ValidationError with one violation per bad path.")
	w.P("func (x *", n, ") ValidateMask(mask ", mask, ") error {")
	if m.narrow() {
		w.P("if _, ok := maskBits", n, "(mask.GetPaths()...); ok {")
		w.P("return nil")
		w.P("}")
	}
	w.P("return ", methods, ".ValidateMask(mask)")
	w.P("}")

	w.P()
	w.P("// FilterMask keeps only the fields of x that mask names and clears the others")
	w.P("// (AIP-157); a nil or empty mask keeps everything. An invalid mask changes")
	w.P("// nothing and returns a *runtime.ValidationError. A nil x is left as it is.")
	w.P("func (x *", n, ") FilterMask(mask ", mask, ") error {")
	w.literalRoute(m, methods+".FilterMask(x, mask)", "", func() {
		if len(subs) == 0 {
			w.P("x.clearMaskFields(^bits)")
			return
		}
		w.P("keep := bits")
		for _, r := range subs {
			f := r.f
			w.P("if sub := ", r.extract(), "; sub != 0 && bits&(1<<", f.index, ") == 0 {")
			w.P(bitSet(m, "keep", f.index))
			w.P("if x.", f.goName, " != nil {")
			w.P("x.", f.goName, ".clearMaskFields(^sub)")
			w.P("}")
			w.P("}")
		}
		w.P("x.clearMaskFields(^keep)")
	})
	w.P("}")
	w.P()
	w.P("// FilterParsedMask is FilterMask with a mask from Parse", n, "Mask.")
	w.P("func (x *", n, ") FilterParsedMask(t ", parsed, ") error {")
	w.P("return ", methods, ".FilterParsedMask(x, t)")
	w.P("}")

	w.P()
	w.P("// PruneMask clears the fields of x that mask names; a nil or empty mask")
	w.P("// clears nothing and `*` clears every field. An invalid mask changes nothing")
	w.P("// and returns a *runtime.ValidationError. A nil x is left as it is.")
	w.P("func (x *", n, ") PruneMask(mask ", mask, ") error {")
	w.literalRoute(m, methods+".PruneMask(x, mask)", "", func() {
		for _, r := range subs {
			f := r.f
			w.P("if sub := ", r.extract(), "; sub != 0 && bits&(1<<", f.index, ") == 0 && x.", f.goName, " != nil {")
			w.P("x.", f.goName, ".clearMaskFields(sub)")
			w.P("}")
		}
		w.P("x.clearMaskFields(bits)")
	})
	w.P("}")
	w.P()
	w.P("// PruneParsedMask is PruneMask with a mask from Parse", n, "Mask.")
	w.P("func (x *", n, ") PruneParsedMask(t ", parsed, ") error {")
	w.P("return ", methods, ".PruneParsedMask(x, t)")
	w.P("}")

	w.P()
	w.P("// ApplyMask copies the fields of src that mask names into x (an update):")
	w.P("// a named field unset in src is cleared in x; a named message field is")
	w.P("// replaced whole, or only its named sub-fields are copied; repeated and map")
	w.P("// fields are replaced whole unless a map key is named. A nil or empty mask")
	w.P("// names every field populated in src; `*` names every field. OUTPUT_ONLY")
	w.P("// fields are never changed. Changing or clearing the set value of an")
	w.P("// IMMUTABLE field, like an invalid mask, is a *runtime.ValidationError, and")
	w.P("// then x is left untouched. Copies never alias src, which is never")
	w.P("// modified; a nil src reads as an empty ", n, ".")
	w.P("func (x *", n, ") ApplyMask(src *", n, ", mask ", mask, ") error {")
	immutable := ""
	if imm := immutableBits(m, subs); imm != 0 {
		immutable = fmt.Sprintf(" || bits&%#x != 0", imm)
		w.P("// A path to an IMMUTABLE field takes the general route, which checks it.")
	}
	w.literalRoute(m, methods+".ApplyMask(x, src, mask)", immutable, func() {
		w.P("if src == nil {")
		w.P("src = &", zeroVar(m.msg))
		w.P("}")
		for _, r := range subs {
			f := r.f
			xf, sf := "x."+f.goName, "src."+f.goName
			w.P("if sub := ", r.extract(), "; sub != 0 && bits&(1<<", f.index, ") == 0 && (", xf, " != nil || ", sf, " != nil) {")
			w.P("if ", xf, " == nil {")
			w.P(xf, " = new(", w.msgType(f.msg), ")")
			w.P("}")
			w.P(xf, ".copyMaskFields(", w.subOrZero(f, sf), ", sub, false)")
			w.P("}")
		}
		w.P("x.copyMaskFields(src, bits, false)")
	})
	w.P("}")
	w.P()
	w.P("// ApplyParsedMask is ApplyMask with a mask from Parse", n, "Mask.")
	w.P("func (x *", n, ") ApplyParsedMask(src *", n, ", t ", parsed, ") error {")
	w.P("return ", methods, ".ApplyParsedMask(x, src, t)")
	w.P("}")
}

// literalRoute writes the body of a method with a literal route: general is
// the call of the general route, taken by the masks the route does not
// cover (and, with more, by more of them); literal writes the route's
// statements over bits, the mask's fields.
func (w *writer) literalRoute(m *messagePlan, general, more string, literal func()) {
	if !m.narrow() {
		w.P("return ", general)
		return
	}
	w.P("bits, ok := maskBits", m.name, "(mask.GetPaths()...)")
	w.P("if !ok || x == nil", more, " {")
	w.P("return ", general)
	w.P("}")
	literal()
	w.P("return nil")
}

func hasImmutable(m *messagePlan) bool {
	for _, f := range m.fields {
		if f.immutable && !f.outputOnly {
			return true
		}
	}
	return false
}

// clearFields writes clearMaskFields, which both routes of Filter and Prune
// end with.
func (w *writer) clearFields(m *messagePlan) {
	w.P()
	w.P("// clearMaskFields clears the fields of x whose bits are set in drop.")
	w.P("func (x *", m.name, ") clearMaskFields(drop ", bitsType(m), ") {")
	for _, f := range m.fields {
		w.P("if ", bitTest(m, "drop", f.index), " {")
		if f.oneof != nil {
			w.P("if _, ok := x.", f.oneof.GoName, ".(*", w.wrapper(f), "); ok {")
			w.P("x.", f.oneof.GoName, " = nil")
			w.P("}")
		} else {
			w.clearStmt(f, "x")
		}
		w.P("}")
	}
	w.P("}")
}

// copyFields writes copyMaskFields, which every route of Apply ends with.
func (w *writer) copyFields(m *messagePlan) {
	w.P()
	w.P("// copyMaskFields copies the fields of src whose bits are set in bits into x,")
	w.P("// or with populated only those of them populated in src. OUTPUT_ONLY")
	w.P("// fields are never copied; IMMUTABLE fields have been checked.")
	w.P("func (x *", m.name, ") copyMaskFields(src *", m.name, ", bits ", bitsType(m), ", populated bool) {")
	for _, f := range m.fields {
		if f.outputOnly {
			w.P("// ", f.name, " is OUTPUT_ONLY: never changed.")
			continue
		}
		if f.oneof != nil {
			w.P("if ", bitTest(m, "bits", f.index), " {")
			w.copyOneof(f, "x", "src", "!populated")
		} else {
			w.P("if ", bitTest(m, "bits", f.index), " && (!populated || ", w.popExpr(f, "src"), ") {")
			w.copyStmt(f, "x", "src")
		}
		w.P("}")
	}
	w.P("}")
}
