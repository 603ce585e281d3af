package maskcore

import (
	"bytes"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/protolite/protolite/internal/fieldbehavior"
)

// The reflective walkers. They work on any message and give the same
// results and violations as the methods protoc-gen-fieldmask generates:
// runtime's FilterMask, PruneMask and ApplyMask call them, and so does
// generated code for fields whose message type has no generated methods
// (well-known types, messages of other packages, messages with
// fieldmask_disabled).

// CheckReflect checks the rest of a path against message type md; it is
// the reflective counterpart of a generated path checker and returns why
// the path is invalid, or "".
func CheckReflect(md protoreflect.MessageDescriptor, r PathReader) string {
	s := r.Next()
	if s.Quoted {
		return ReasonQuoted(s.Text)
	}
	if s.IsWildcard() {
		return ReasonWildcard()
	}
	fields := md.Fields()
	fd := fields.ByName(protoreflect.Name(s.Text))
	if fd == nil {
		for i := 0; i < fields.Len(); i++ {
			if f := fields.Get(i); f.JSONName() == s.Text {
				return ReasonJSONName(string(md.FullName()), s.Text, string(f.Name()))
			}
		}
		return ReasonUnknownField(string(md.FullName()), s.Text)
	}
	name := string(fd.Name())
	switch {
	case fd.IsMap():
		var value func(PathReader) string
		if v := fd.MapValue(); isMessageKind(v.Kind()) {
			value = Checker(v.Message())
		}
		return CheckMap(r, name, fd.MapKey().Kind(), value)
	case fd.IsList():
		var elem func(PathReader) string
		if isMessageKind(fd.Kind()) {
			elem = Checker(fd.Message())
		}
		return CheckList(r, name, elem)
	case isMessageKind(fd.Kind()):
		return CheckMessage(r, Checker(fd.Message()))
	default:
		if r.More() {
			return ReasonNotMessage(name)
		}
		return ""
	}
}

// Checker returns CheckReflect for md as a path checker.
func Checker(md protoreflect.MessageDescriptor) func(PathReader) string {
	return func(r PathReader) string { return CheckReflect(md, r) }
}

func isMessageKind(k protoreflect.Kind) bool {
	return k == protoreflect.MessageKind || k == protoreflect.GroupKind
}

// Filter keeps only the fields of m under node n, which is not whole.
func Filter(m protoreflect.Message, n Node) {
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		c := n.Child(string(fd.Name()))
		if !c.Valid() {
			if m.Has(fd) {
				m.Clear(fd)
			}
			continue
		}
		if c.Whole() || !m.Has(fd) {
			continue
		}
		switch {
		case fd.IsMap():
			mp := m.Mutable(fd).Map()
			var drop []protoreflect.MapKey
			mp.Range(func(k protoreflect.MapKey, v protoreflect.Value) bool {
				e := entryNode(c, fd.MapKey().Kind(), k)
				switch {
				case !e.Valid():
					drop = append(drop, k)
				case !e.Whole():
					Filter(v.Message(), e)
				}
				return true
			})
			for _, k := range drop {
				mp.Clear(k)
			}
		case fd.IsList():
			l := m.Mutable(fd).List()
			e := c.Each()
			for j := 0; j < l.Len(); j++ {
				Filter(l.Get(j).Message(), e)
			}
		default:
			Filter(m.Mutable(fd).Message(), c)
		}
	}
}

// entryNode returns the node of map entry k.
func entryNode(n Node, kind protoreflect.Kind, k protoreflect.MapKey) Node {
	switch kind {
	case protoreflect.StringKind:
		return n.Key(k.String())
	case protoreflect.BoolKind:
		return n.KeyBool(k.Bool())
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind, protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return n.KeyUint(k.Uint())
	default:
		return n.KeyInt(k.Int())
	}
}

// mapKeyOf returns the map key of node n for a map with keys of kind.
func mapKeyOf(n Node, kind protoreflect.Kind) protoreflect.MapKey {
	switch kind {
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(n.Name()).MapKey()
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(n.BoolKey()).MapKey()
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(n.IntKey())).MapKey()
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(n.IntKey()).MapKey()
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(uint32(n.UintKey())).MapKey()
	default:
		return protoreflect.ValueOfUint64(n.UintKey()).MapKey()
	}
}

// Prune clears the fields of m under node n.
func Prune(m protoreflect.Message, n Node) {
	fields := m.Descriptor().Fields()
	if n.Whole() {
		for i := 0; i < fields.Len(); i++ {
			if fd := fields.Get(i); m.Has(fd) {
				m.Clear(fd)
			}
		}
		return
	}
	for c := n.First(); c.Valid(); c = c.Next() {
		fd := fields.ByName(protoreflect.Name(c.Name()))
		if !m.Has(fd) {
			continue
		}
		if c.Whole() {
			m.Clear(fd)
			continue
		}
		switch {
		case fd.IsMap():
			mp := m.Mutable(fd).Map()
			var drop []protoreflect.MapKey
			mp.Range(func(k protoreflect.MapKey, v protoreflect.Value) bool {
				e := entryNode(c, fd.MapKey().Kind(), k)
				switch {
				case !e.Valid():
				case e.Whole():
					drop = append(drop, k)
				default:
					Prune(v.Message(), e)
				}
				return true
			})
			for _, k := range drop {
				mp.Clear(k)
			}
		case fd.IsList():
			l := m.Mutable(fd).List()
			e := c.Each()
			for j := 0; j < l.Len(); j++ {
				Prune(l.Get(j).Message(), e)
			}
		default:
			Prune(m.Mutable(fd).Message(), c)
		}
	}
}

// ApplyCheckFields checks a `*` (or, with populated, a nil or empty mask)
// against the IMMUTABLE fields of dst, appending to out a violation for each
// field under p whose set value applying src would change.
func ApplyCheckFields(dst, src protoreflect.Message, p *FieldPath, populated bool, out []Violation) []Violation {
	fields := dst.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		outputOnly, imm := fieldbehavior.Of(fd)
		if outputOnly || (populated && !src.Has(fd)) {
			continue
		}
		if imm && dst.Has(fd) && !sameField(fd, dst, src) {
			out = append(out, Immutable(p, string(fd.Name())))
		}
	}
	return out
}

// ApplyFields copies every field of src but the OUTPUT_ONLY ones into dst,
// or with populated only those populated in src.
func ApplyFields(dst, src protoreflect.Message, populated bool) {
	fields := dst.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if outputOnly, _ := fieldbehavior.Of(fd); outputOnly || (populated && !src.Has(fd)) {
			continue
		}
		copyField(dst, src, fd)
	}
}

// ApplyCheckNode checks the IMMUTABLE fields of dst under node n against
// src, appending to out a violation under path p for each one applying
// would change; inherited says that an enclosing field is IMMUTABLE and
// set, so that every change below it counts.
func ApplyCheckNode(dst, src protoreflect.Message, n Node, p *FieldPath, inherited bool, out []Violation) []Violation {
	fields := dst.Descriptor().Fields()
	for c := n.First(); c.Valid(); c = c.Next() {
		fd := fields.ByName(protoreflect.Name(c.Name()))
		outputOnly, imm := fieldbehavior.Of(fd)
		if outputOnly {
			continue
		}
		name := string(fd.Name())
		if c.Whole() {
			if (inherited || (imm && dst.Has(fd))) && !sameField(fd, dst, src) {
				out = append(out, Immutable(p, name))
			}
			continue
		}
		inh := inherited || (imm && dst.Has(fd))
		if fd.IsMap() {
			kk := fd.MapKey().Kind()
			dm, sm := dst.Get(fd).Map(), src.Get(fd).Map()
			for e := c.First(); e.Valid(); e = e.Next() {
				k := mapKeyOf(e, kk)
				if e.Whole() {
					if inh && !sameEntry(fd.MapValue(), dm, sm, k) {
						p.PushKey(name, e.Name(), kk == protoreflect.StringKind)
						out = append(out, Immutable(p, ""))
						p.Pop()
					}
					continue
				}
				if !inh && !dm.Has(k) {
					continue
				}
				p.PushKey(name, e.Name(), kk == protoreflect.StringKind)
				out = ApplyCheckNode(entryOrZero(dm, k), entryOrZero(sm, k), e, p, inh, out)
				p.Pop()
			}
			continue
		}
		if !inh && !dst.Has(fd) {
			continue
		}
		p.Push(name)
		out = ApplyCheckNode(dst.Get(fd).Message(), src.Get(fd).Message(), c, p, inh, out)
		p.Pop()
	}
	return out
}

func entryOrZero(m protoreflect.Map, k protoreflect.MapKey) protoreflect.Message {
	if m.Has(k) {
		return m.Get(k).Message()
	}
	return m.NewValue().Message().Type().Zero()
}

// ApplyNode copies the fields of src that node n names into dst.
func ApplyNode(dst, src protoreflect.Message, n Node) {
	fields := dst.Descriptor().Fields()
	for c := n.First(); c.Valid(); c = c.Next() {
		fd := fields.ByName(protoreflect.Name(c.Name()))
		if outputOnly, _ := fieldbehavior.Of(fd); outputOnly {
			continue
		}
		if c.Whole() {
			copyField(dst, src, fd)
			continue
		}
		if fd.IsMap() {
			kk := fd.MapKey().Kind()
			sm := src.Get(fd).Map()
			for e := c.First(); e.Valid(); e = e.Next() {
				k := mapKeyOf(e, kk)
				if e.Whole() {
					if sm.Has(k) {
						dst.Mutable(fd).Map().Set(k, cloneValue(fd.MapValue(), sm.Get(k)))
					} else if dst.Has(fd) {
						dst.Mutable(fd).Map().Clear(k)
					}
					continue
				}
				if sm.Has(k) {
					ApplyNode(dst.Mutable(fd).Map().Mutable(k).Message(), sm.Get(k).Message(), e)
				} else if dm := dst.Get(fd).Map(); dm.Has(k) {
					ApplyNode(dst.Mutable(fd).Map().Mutable(k).Message(), entryOrZero(sm, k), e)
				}
			}
			continue
		}
		if src.Has(fd) {
			ApplyNode(dst.Mutable(fd).Message(), src.Get(fd).Message(), c)
		} else if dst.Has(fd) {
			ApplyNode(dst.Mutable(fd).Message(), src.Get(fd).Message(), c)
		}
	}
}

// OrZero returns src, or the empty message of d's type when src is nil or
// invalid.
func OrZero(d protoreflect.Message, src proto.Message) protoreflect.Message {
	if src != nil {
		if s := src.ProtoReflect(); s.IsValid() {
			return s
		}
	}
	return d.Type().Zero()
}

// copyField sets dst's fd to a deep copy of src's, or clears it when src's
// is not populated. For a oneof member, clearing leaves another member be.
func copyField(dst, src protoreflect.Message, fd protoreflect.FieldDescriptor) {
	if src.Has(fd) {
		dst.Set(fd, cloneFieldValue(dst, fd, src.Get(fd)))
	} else if dst.Has(fd) {
		dst.Clear(fd)
	}
}

func cloneFieldValue(dst protoreflect.Message, fd protoreflect.FieldDescriptor, v protoreflect.Value) protoreflect.Value {
	switch {
	case fd.IsList():
		src := v.List()
		l := dst.NewField(fd).List()
		for i := 0; i < src.Len(); i++ {
			l.Append(cloneValue(fd, src.Get(i)))
		}
		return protoreflect.ValueOfList(l)
	case fd.IsMap():
		src := v.Map()
		m := dst.NewField(fd).Map()
		src.Range(func(k protoreflect.MapKey, v protoreflect.Value) bool {
			m.Set(k, cloneValue(fd.MapValue(), v))
			return true
		})
		return protoreflect.ValueOfMap(m)
	default:
		return cloneValue(fd, v)
	}
}

// cloneValue copies a singular value (a list element or map value too).
func cloneValue(fd protoreflect.FieldDescriptor, v protoreflect.Value) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return protoreflect.ValueOfMessage(proto.Clone(v.Message().Interface()).ProtoReflect())
	case protoreflect.BytesKind:
		return protoreflect.ValueOfBytes(bytes.Clone(v.Bytes()))
	default:
		return v
	}
}

// sameField reports whether fd holds the same value in a and b: unpopulated
// in both, or populated in both with equal values (floats compared with ==,
// messages with proto.Equal).
func sameField(fd protoreflect.FieldDescriptor, a, b protoreflect.Message) bool {
	ha, hb := a.Has(fd), b.Has(fd)
	if ha != hb {
		return false
	}
	if !ha {
		return true
	}
	va, vb := a.Get(fd), b.Get(fd)
	switch {
	case fd.IsList():
		la, lb := va.List(), vb.List()
		if la.Len() != lb.Len() {
			return false
		}
		for i := 0; i < la.Len(); i++ {
			if !sameValue(fd, la.Get(i), lb.Get(i)) {
				return false
			}
		}
		return true
	case fd.IsMap():
		ma, mb := va.Map(), vb.Map()
		if ma.Len() != mb.Len() {
			return false
		}
		same := true
		ma.Range(func(k protoreflect.MapKey, v protoreflect.Value) bool {
			same = mb.Has(k) && sameValue(fd.MapValue(), v, mb.Get(k))
			return same
		})
		return same
	default:
		return sameValue(fd, va, vb)
	}
}

func sameEntry(vd protoreflect.FieldDescriptor, a, b protoreflect.Map, k protoreflect.MapKey) bool {
	ha, hb := a.Has(k), b.Has(k)
	if ha != hb {
		return false
	}
	return !ha || sameValue(vd, a.Get(k), b.Get(k))
}

func sameValue(fd protoreflect.FieldDescriptor, a, b protoreflect.Value) bool {
	switch fd.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return proto.Equal(a.Message().Interface(), b.Message().Interface())
	case protoreflect.BytesKind:
		return bytes.Equal(a.Bytes(), b.Bytes())
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		return a.Float() == b.Float()
	case protoreflect.EnumKind:
		return a.Enum() == b.Enum()
	default:
		return a.Interface() == b.Interface()
	}
}
