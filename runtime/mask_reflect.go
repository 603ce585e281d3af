package runtime

import (
	"bytes"
	"errors"
	"slices"

	"github.com/protolite/protolite/internal/fieldbehavior"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// The reflective field-mask operations. They work on any proto.Message and
// give the same results and errors as the methods protoc-gen-fieldmask
// generates; generated code also calls them for fields whose message type
// has no generated methods (well-known types, messages of other packages,
// messages with fieldmask_disabled).

var errNilMessage = errors.New("protolite: field mask used with a nil proto.Message")

// CheckMaskPath checks the rest of a path against message type md; it is the
// reflective counterpart of a generated path checker and returns why the
// path is invalid, or "".
func CheckMaskPath(md protoreflect.MessageDescriptor, r MaskPathReader) string {
	s := r.Next()
	if s.Quoted {
		return MaskReasonQuoted(s.Text)
	}
	if s.IsWildcard() {
		return MaskReasonWildcard()
	}
	fields := md.Fields()
	fd := fields.ByName(protoreflect.Name(s.Text))
	if fd == nil {
		for i := 0; i < fields.Len(); i++ {
			if f := fields.Get(i); f.JSONName() == s.Text {
				return MaskReasonJSONName(string(md.FullName()), s.Text, string(f.Name()))
			}
		}
		return MaskReasonUnknownField(string(md.FullName()), s.Text)
	}
	name := string(fd.Name())
	switch {
	case fd.IsMap():
		var value func(MaskPathReader) string
		if v := fd.MapValue(); isMessageKind(v.Kind()) {
			value = checkerOf(v.Message())
		}
		return MaskCheckMap(r, name, fd.MapKey().Kind(), value)
	case fd.IsList():
		var elem func(MaskPathReader) string
		if isMessageKind(fd.Kind()) {
			elem = checkerOf(fd.Message())
		}
		return MaskCheckList(r, name, elem)
	case isMessageKind(fd.Kind()):
		return MaskCheckMessage(r, checkerOf(fd.Message()))
	default:
		if r.More() {
			return MaskReasonNotMessage(name)
		}
		return ""
	}
}

func checkerOf(md protoreflect.MessageDescriptor) func(MaskPathReader) string {
	return func(r MaskPathReader) string { return CheckMaskPath(md, r) }
}

func isMessageKind(k protoreflect.Kind) bool {
	return k == protoreflect.MessageKind || k == protoreflect.GroupKind
}

// CheckMaskPathOf is CheckMaskPath for message type M, as a function value
// generated checkers can pass on.
func CheckMaskPathOf[M proto.Message](r MaskPathReader) string {
	var m M
	return CheckMaskPath(m.ProtoReflect().Descriptor(), r)
}

// ParseMask checks mask against message type md and returns it parsed, to
// reuse with FilterParsedMask, PruneParsedMask and ApplyParsedMask (or the
// generated *ParsedMask methods, which accept it too).
func ParseMask(md protoreflect.MessageDescriptor, mask *fieldmaskpb.FieldMask) (*ParsedMask, error) {
	return NewParsedMask(mask, md.FullName(), checkerOf(md))
}

func acquire(m proto.Message, mask *fieldmaskpb.FieldMask, apply bool) (protoreflect.Message, *ParsedMask, error) {
	if m == nil {
		return nil, nil, errNilMessage
	}
	pm := m.ProtoReflect()
	t, err := AcquireMask(mask, pm.Descriptor().FullName(), checkerOf(pm.Descriptor()), apply)
	return pm, t, err
}

// ValidateMask returns nil when every path of mask names a field of m's type
// (`*` after repeated and map fields included), else a *ValidationError with
// one violation per bad path. m may be a typed nil.
func ValidateMask(m proto.Message, mask *fieldmaskpb.FieldMask) error {
	if m == nil {
		return errNilMessage
	}
	return CheckMask(mask, checkerOf(m.ProtoReflect().Descriptor()))
}

// FilterMask keeps only the fields of m that mask names and clears the
// others (AIP-157). A nil or empty mask keeps everything; a nil m is left as
// it is, but the mask is still checked.
func FilterMask(m proto.Message, mask *fieldmaskpb.FieldMask) error {
	pm, t, err := acquire(m, mask, false)
	if err != nil {
		return err
	}
	if pm.IsValid() && !t.Empty() && !t.All() {
		FilterMaskNode(m, t.Root())
	}
	t.Release()
	return nil
}

// FilterParsedMask is FilterMask with a mask from ParseMask.
func FilterParsedMask(m proto.Message, t *ParsedMask) error {
	if m == nil {
		return errNilMessage
	}
	pm := m.ProtoReflect()
	if err := t.CheckMessage(pm.Descriptor().FullName()); err != nil {
		return err
	}
	if pm.IsValid() && !t.Empty() && !t.All() {
		FilterMaskNode(m, t.Root())
	}
	return nil
}

// PruneMask clears the fields of m that mask names. A nil or empty mask
// clears nothing; `*` clears every field.
func PruneMask(m proto.Message, mask *fieldmaskpb.FieldMask) error {
	pm, t, err := acquire(m, mask, false)
	if err != nil {
		return err
	}
	if pm.IsValid() && !t.Empty() {
		PruneMaskNode(m, t.Root())
	}
	t.Release()
	return nil
}

// PruneParsedMask is PruneMask with a mask from ParseMask.
func PruneParsedMask(m proto.Message, t *ParsedMask) error {
	if m == nil {
		return errNilMessage
	}
	pm := m.ProtoReflect()
	if err := t.CheckMessage(pm.Descriptor().FullName()); err != nil {
		return err
	}
	if pm.IsValid() && !t.Empty() {
		PruneMaskNode(m, t.Root())
	}
	return nil
}

// FilterMaskNode keeps only the fields of m under node n; generated code
// calls it for fields without generated methods.
func FilterMaskNode(m proto.Message, n MaskNode) {
	if m == nil || n.Whole() {
		return
	}
	if pm := m.ProtoReflect(); pm.IsValid() {
		filterReflect(pm, n)
	}
}

func filterReflect(m protoreflect.Message, n MaskNode) {
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
					filterReflect(v.Message(), e)
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
				filterReflect(l.Get(j).Message(), e)
			}
		default:
			filterReflect(m.Mutable(fd).Message(), c)
		}
	}
}

// entryNode returns the node of map entry k.
func entryNode(n MaskNode, kind protoreflect.Kind, k protoreflect.MapKey) MaskNode {
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
func mapKeyOf(n MaskNode, kind protoreflect.Kind) protoreflect.MapKey {
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

// PruneMaskNode clears the fields of m under node n; generated code calls it
// for fields without generated methods.
func PruneMaskNode(m proto.Message, n MaskNode) {
	if m == nil {
		return
	}
	if pm := m.ProtoReflect(); pm.IsValid() {
		pruneReflect(pm, n)
	}
}

func pruneReflect(m protoreflect.Message, n MaskNode) {
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
					pruneReflect(v.Message(), e)
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
				pruneReflect(l.Get(j).Message(), e)
			}
		default:
			pruneReflect(m.Mutable(fd).Message(), c)
		}
	}
}

// ApplyMask copies the fields of src that mask names into dst (an update or
// PATCH): a named field unset in src is cleared in dst; a named message
// field is replaced whole, or only its named sub-fields are copied; repeated
// and map fields are replaced whole unless a map key is named. A nil or
// empty mask names every field populated in src; `*` names every field.
// OUTPUT_ONLY fields are never changed; changing or clearing the set value
// of an IMMUTABLE field is an error (reason FIELD_IMMUTABLE), and then dst is
// left untouched. Copied values never alias src, and src is never modified.
// dst and src must be of the same type; a nil src reads as an empty message.
func ApplyMask(dst, src proto.Message, mask *fieldmaskpb.FieldMask) error {
	pm, t, err := acquire(dst, mask, true)
	if err != nil {
		return err
	}
	defer t.Release()
	return applyParsed(pm, src, t)
}

// ApplyParsedMask is ApplyMask with a mask from ParseMask.
func ApplyParsedMask(dst, src proto.Message, t *ParsedMask) error {
	if dst == nil {
		return errNilMessage
	}
	pm := dst.ProtoReflect()
	if err := t.CheckMessage(pm.Descriptor().FullName()); err != nil {
		return err
	}
	if err := t.ApplyErr(); err != nil {
		return err
	}
	return applyParsed(pm, src, t)
}

func applyParsed(dst protoreflect.Message, src proto.Message, t *ParsedMask) error {
	if !dst.IsValid() {
		return ErrNilMaskTarget
	}
	var sm protoreflect.Message
	if src != nil {
		sm = src.ProtoReflect()
	}
	if sm == nil || !sm.IsValid() {
		sm = dst.Type().Zero()
	} else if sm.Descriptor().FullName() != dst.Descriptor().FullName() {
		return errors.New("protolite: ApplyMask from a " + string(sm.Descriptor().FullName()) +
			" into a " + string(dst.Descriptor().FullName()))
	}
	v := CollectAll()
	switch {
	case t.Empty():
		applyCheckFields(dst, sm, nil, true, &v)
	case t.All():
		applyCheckFields(dst, sm, nil, false, &v)
	default:
		var p MaskFieldPath
		applyCheckNode(dst, sm, t.Root(), &p, false, &v)
	}
	if err := v.Err(); err != nil {
		return err
	}
	switch {
	case t.Empty():
		applyFields(dst, sm, true)
	case t.All():
		applyFields(dst, sm, false)
	default:
		applyNode(dst, sm, t.Root())
	}
	return nil
}

// FieldBehavior reports whether fd is OUTPUT_ONLY and whether it is
// IMMUTABLE, from its (google.api.field_behavior) option (extension 1052,
// whichever copy of google/api/field_behavior.proto declared it).
// protoc-gen-fieldmask reads it at generation time, ApplyMask at run time,
// so both see the same behaviors.
func FieldBehavior(fd protoreflect.FieldDescriptor) (outputOnly, immutable bool) {
	return fieldbehavior.Of(fd)
}

// applyCheckFields checks a `*` (or, with populated, a nil or empty mask)
// against the IMMUTABLE fields of dst.
func applyCheckFields(dst, src protoreflect.Message, p *MaskFieldPath, populated bool, v *Violations) {
	fields := dst.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		out, imm := FieldBehavior(fd)
		if out || (populated && !src.Has(fd)) {
			continue
		}
		if imm && dst.Has(fd) && !sameField(fd, dst, src) {
			AddImmutable(v, p, string(fd.Name()))
		}
	}
}

func applyFields(dst, src protoreflect.Message, populated bool) {
	fields := dst.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if out, _ := FieldBehavior(fd); out || (populated && !src.Has(fd)) {
			continue
		}
		copyField(dst, src, fd)
	}
}

func applyCheckNode(dst, src protoreflect.Message, n MaskNode, p *MaskFieldPath, inherited bool, v *Violations) {
	fields := dst.Descriptor().Fields()
	for c := n.First(); c.Valid(); c = c.Next() {
		fd := fields.ByName(protoreflect.Name(c.Name()))
		out, imm := FieldBehavior(fd)
		if out {
			continue
		}
		name := string(fd.Name())
		if c.Whole() {
			if (inherited || (imm && dst.Has(fd))) && !sameField(fd, dst, src) {
				AddImmutable(v, p, name)
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
						AddImmutable(v, p, "")
						p.Pop()
					}
					continue
				}
				if !inh && !dm.Has(k) {
					continue
				}
				p.PushKey(name, e.Name(), kk == protoreflect.StringKind)
				applyCheckNode(entryOrZero(fd, dm, k), entryOrZero(fd, sm, k), e, p, inh, v)
				p.Pop()
			}
			continue
		}
		if !inh && !dst.Has(fd) {
			continue
		}
		p.Push(name)
		applyCheckNode(dst.Get(fd).Message(), src.Get(fd).Message(), c, p, inh, v)
		p.Pop()
	}
}

func entryOrZero(fd protoreflect.FieldDescriptor, m protoreflect.Map, k protoreflect.MapKey) protoreflect.Message {
	if m.Has(k) {
		return m.Get(k).Message()
	}
	return m.NewValue().Message().Type().Zero()
}

func applyNode(dst, src protoreflect.Message, n MaskNode) {
	fields := dst.Descriptor().Fields()
	for c := n.First(); c.Valid(); c = c.Next() {
		fd := fields.ByName(protoreflect.Name(c.Name()))
		if out, _ := FieldBehavior(fd); out {
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
					applyNode(dst.Mutable(fd).Map().Mutable(k).Message(), sm.Get(k).Message(), e)
				} else if dm := dst.Get(fd).Map(); dm.Has(k) {
					applyNode(dst.Mutable(fd).Map().Mutable(k).Message(), entryOrZero(fd, sm, k), e)
				}
			}
			continue
		}
		if src.Has(fd) {
			applyNode(dst.Mutable(fd).Message(), src.Get(fd).Message(), c)
		} else if dst.Has(fd) {
			applyNode(dst.Mutable(fd).Message(), src.Get(fd).Message(), c)
		}
	}
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

// MaskFieldPath is the path of the field ApplyMask is checking, kept as a
// stack of elements (pushed on the way down, popped on the way up) and
// rendered as a google.rpc.BadRequest path (`user.name`, `labels["env"]`,
// `sizes[42]`) only for a violation. Generated code declares one on the
// stack for each ApplyMask call; a nil *MaskFieldPath is the root.
type MaskFieldPath struct {
	elems [16]pathElem
	n     int
	more  []pathElem // elements beyond len(elems)
}

type pathElem struct {
	field, key        string
	hasKey, stringKey bool
}

func (p *MaskFieldPath) push(e pathElem) {
	if p.n < len(p.elems) {
		p.elems[p.n] = e
	} else {
		p.more = append(p.more[:p.n-len(p.elems)], e)
	}
	p.n++
}

// Push enters field name.
func (p *MaskFieldPath) Push(name string) { p.push(pathElem{field: name}) }

// PushKey enters the map entry with key key (a string key when stringKey,
// else an integer or bool written as is) of field name.
func (p *MaskFieldPath) PushKey(name, key string, stringKey bool) {
	p.push(pathElem{field: name, key: key, hasKey: true, stringKey: stringKey})
}

// Pop leaves the last element pushed.
func (p *MaskFieldPath) Pop() { p.n-- }

// String renders the path.
func (p *MaskFieldPath) String() string {
	if p == nil {
		return ""
	}
	var b []byte
	for i := 0; i < p.n; i++ {
		var e *pathElem
		if i < len(p.elems) {
			e = &p.elems[i]
		} else {
			e = &p.more[i-len(p.elems)]
		}
		if len(b) > 0 {
			b = append(b, '.')
		}
		switch {
		case !e.hasKey:
			b = append(b, e.field...)
		case e.stringKey:
			b = AppendStringKey(b, e.field, e.key)
		default:
			b = append(b, e.field...)
			b = append(b, '[')
			b = append(b, e.key...)
			b = append(b, ']')
		}
	}
	return string(b)
}

// AddImmutable records that ApplyMask would change the IMMUTABLE field name
// under p (or the element p is at when name is "").
func AddImmutable(v *Violations, p *MaskFieldPath, name string) {
	path := p.String()
	if name != "" {
		path = joinPath(path, name)
	}
	v.Add(path, ReasonImmutable, "field "+path+" is immutable: its value is set and cannot be changed or cleared")
}

// sameSlices and friends are used by generated code to compare repeated and
// map fields of IMMUTABLE fields.

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

// ApplyMaskNode copies the fields of src under node n into dst (neither
// nil); generated code calls it for fields without generated methods. A
// nil src reads as an empty message.
func ApplyMaskNode(dst, src proto.Message, n MaskNode) {
	d := dst.ProtoReflect()
	applyNode(d, orZero(d, src), n)
}

// CheckApplyMaskNode checks the IMMUTABLE fields of dst under node n
// against src (either may be nil, read as empty), adding a violation under
// path p for each one Apply would change; generated code calls it for fields
// without generated methods.
func CheckApplyMaskNode(dst, src proto.Message, n MaskNode, p *MaskFieldPath, inherited bool, v *Violations) {
	d := dst.ProtoReflect()
	if !d.IsValid() {
		d = d.Type().Zero()
	}
	applyCheckNode(d, orZero(d, src), n, p, inherited, v)
}

func orZero(d protoreflect.Message, src proto.Message) protoreflect.Message {
	if src != nil {
		if s := src.ProtoReflect(); s.IsValid() {
			return s
		}
	}
	return d.Type().Zero()
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
