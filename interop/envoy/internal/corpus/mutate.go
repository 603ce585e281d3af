package corpus

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/envoyproxy/protoc-gen-validate/validate"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/known/anypb"
)

// Step is one step of a path from a root message to a message or field in
// it: a field, with the index or key of an element of a repeated or map
// field.
type Step struct {
	Field protoreflect.FieldDescriptor
	Elem  bool                // into an element: Index or Key is set
	Index int                 // for a repeated field
	Key   protoreflect.MapKey // for a map field
}

// Path formats steps as google.rpc.BadRequest field paths do (and
// protolite's violations): `a.b[2].c["k"]`.
func Path(steps []Step) string {
	var b strings.Builder
	for i, s := range steps {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(string(s.Field.Name()))
		switch {
		case !s.Elem:
		case s.Field.IsList():
			fmt.Fprintf(&b, "[%d]", s.Index)
		case s.Field.IsMap():
			b.WriteString("[" + FormatKey(s.Key.Value()) + "]")
		}
	}
	return b.String()
}

// FormatKey writes a map key as a path does: strings quoted as
// strconv.Quote does, numbers and booleans as they are.
func FormatKey(v protoreflect.Value) string {
	if s, ok := v.Interface().(string); ok {
		return strconv.Quote(s)
	}
	return fmt.Sprint(v.Interface())
}

// wkt reports whether md is one of protobuf's own messages, whose fields
// are not mutated one by one (a Duration gets whole Durations instead).
func wkt(md protoreflect.MessageDescriptor) bool {
	return md.ParentFile().Package() == "google.protobuf"
}

// walk calls visit with every message reached from m (m included), and
// the path to it. Protobuf's own messages are not entered; of a repeated
// or map field, the first three elements are.
func walk(m protoreflect.Message, path []Step, visit func(path []Step, m protoreflect.Message)) {
	visit(path, m)
	fields := m.Descriptor().Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if !m.Has(fd) {
			continue
		}
		v := m.Get(fd)
		switch {
		case fd.IsList():
			if fd.Message() == nil || wkt(fd.Message()) {
				continue
			}
			for j := range min(v.List().Len(), 3) {
				walk(v.List().Get(j).Message(), append(slices.Clip(path), Step{Field: fd, Elem: true, Index: j}), visit)
			}
		case fd.IsMap():
			if fd.MapValue().Message() == nil || wkt(fd.MapValue().Message()) {
				continue
			}
			for j, k := range sortedKeys(v.Map()) {
				if j == 3 {
					break
				}
				walk(v.Map().Get(k).Message(), append(slices.Clip(path), Step{Field: fd, Elem: true, Key: k}), visit)
			}
		case fd.Message() != nil && !wkt(fd.Message()):
			walk(v.Message(), append(slices.Clip(path), Step{Field: fd}), visit)
		}
	}
}

// sortedKeys returns a map's keys in a fixed order.
func sortedKeys(m protoreflect.Map) []protoreflect.MapKey {
	var keys []protoreflect.MapKey
	m.Range(func(k protoreflect.MapKey, _ protoreflect.Value) bool {
		keys = append(keys, k)
		return true
	})
	slices.SortFunc(keys, func(a, b protoreflect.MapKey) int {
		return strings.Compare(fmt.Sprint(a.Interface()), fmt.Sprint(b.Interface()))
	})
	return keys
}

// at returns the message the path leads to inside root.
func at(root protoreflect.Message, path []Step) protoreflect.Message {
	m := root
	for _, s := range path {
		v := m.Get(s.Field)
		switch {
		case s.Field.IsList():
			m = v.List().Get(s.Index).Message()
		case s.Field.IsMap():
			m = v.Map().Get(s.Key).Message()
		default:
			m = v.Message()
		}
	}
	return m
}

// Unpacked returns the messages held by the Any fields reached from v
// whose type resolve finds, each as a value of its own (named after v and
// the Any's path). PGV's validators do not look inside an Any, nor do
// protolite's, so these are where the typed configurations (the HTTP
// connection manager, the router, TLS contexts) get checked.
func Unpacked(v Value, resolve func(protoreflect.FullName) (protoreflect.MessageType, bool)) []Value {
	var out []Value
	walk(v.Msg.ProtoReflect(), nil, func(path []Step, m protoreflect.Message) {
		fields := m.Descriptor().Fields()
		for i := range fields.Len() {
			fd := fields.Get(i)
			if fd.Message() == nil || fd.Message().FullName() != "google.protobuf.Any" || fd.IsMap() || !m.Has(fd) {
				continue
			}
			var anys []*anypb.Any
			if fd.IsList() {
				l := m.Get(fd).List()
				for j := range l.Len() {
					anys = append(anys, l.Get(j).Message().Interface().(*anypb.Any))
				}
			} else {
				anys = append(anys, m.Get(fd).Message().Interface().(*anypb.Any))
			}
			for j, a := range anys {
				mt, ok := resolve(a.MessageName())
				if !ok {
					continue
				}
				inner := mt.New().Interface()
				if err := proto.Unmarshal(a.GetValue(), inner); err != nil {
					continue
				}
				p := Path(append(slices.Clip(path), Step{Field: fd, Elem: fd.IsList(), Index: j}))
				name := v.Name + " | " + p + " (" + string(a.MessageName().Name()) + ")"
				out = append(out, Value{Name: name, Msg: inner})
				out = append(out, Unpacked(Value{Name: name, Msg: inner}, resolve)...)
			}
		}
	})
	return out
}

// Mutations returns the single-field mutations of v: for each message
// reached from v (only v itself unless deep), for each of its fields, v
// with that one field cleared or set to each value of candidates. Values
// that marshal to the same bytes as one already returned (or as v) are
// left out.
func Mutations(v Value, deep bool) []Value {
	root := v.Msg.ProtoReflect()
	seen := map[string]bool{}
	wire, err := proto.MarshalOptions{Deterministic: true}.Marshal(v.Msg)
	if err == nil {
		seen[string(wire)] = true
	}
	var out []Value
	var sites [][]Step
	walk(root, nil, func(path []Step, m protoreflect.Message) {
		if deep || len(path) == 0 {
			sites = append(sites, path)
		}
	})
	for _, path := range sites {
		md := at(root, path).Descriptor()
		for i := range md.Fields().Len() {
			fd := md.Fields().Get(i)
			fieldPath := Path(append(slices.Clip(path), Step{Field: fd}))
			for _, mu := range candidates(at(root, path), fd) {
				clone := proto.Clone(v.Msg)
				mu.apply(at(clone.ProtoReflect(), path))
				wire, err := proto.MarshalOptions{Deterministic: true}.Marshal(clone)
				if err != nil || seen[string(wire)] {
					continue // invalid UTF-8 and the like cannot be sent; a repeat adds nothing
				}
				seen[string(wire)] = true
				out = append(out, Value{Name: v.Name + " | " + fieldPath + " " + mu.desc, Msg: clone})
			}
		}
	}
	return out
}

// mutation changes one field of a message.
type mutation struct {
	desc  string
	apply func(m protoreflect.Message)
}

// Rules returns the PGV rules on fd, or nil.
//
// The options are read again from their wire form with PGV's own
// extension: a descriptor's options are decoded with whatever extension
// type the global registry holds for number 1071, which in a binary that
// links protolite's copy of validate.proto too may be the copy's.
func Rules(fd protoreflect.FieldDescriptor) *validate.FieldRules {
	if r, ok := rulesCache.Load(fd); ok {
		return r.(*validate.FieldRules)
	}
	var rules *validate.FieldRules
	if wire, err := proto.Marshal(fd.Options()); err == nil && len(wire) > 0 {
		opts := &descriptorpb.FieldOptions{}
		if err := (proto.UnmarshalOptions{Resolver: pgvTypes}).Unmarshal(wire, opts); err == nil {
			rules, _ = proto.GetExtension(opts, validate.E_Rules).(*validate.FieldRules)
		}
	}
	rulesCache.Store(fd, rules)
	return rules
}

var (
	rulesCache sync.Map // protoreflect.FieldDescriptor → *validate.FieldRules
	pgvTypes   = func() *protoregistry.Types {
		var t protoregistry.Types
		if err := t.RegisterExtension(validate.E_Rules); err != nil {
			panic(err)
		}
		return &t
	}()
)

// candidates returns the mutations of field fd of m: cleared (when set),
// and set to each value chosen from its rules.
func candidates(m protoreflect.Message, fd protoreflect.FieldDescriptor) []mutation {
	var out []mutation
	if m.Has(fd) {
		out = append(out, mutation{"cleared", func(m protoreflect.Message) { m.Clear(fd) }})
	}
	rules := Rules(fd)
	switch {
	case fd.IsMap():
		out = append(out, mapMutations(m, fd, rules)...)
	case fd.IsList():
		out = append(out, listMutations(m, fd, rules)...)
	case fd.Message() != nil:
		for _, c := range messageValues(fd.Message(), rules) {
			out = append(out, mutation{"= " + c.desc, func(m protoreflect.Message) { m.Set(fd, c.make()) }})
		}
		if !m.Has(fd) {
			out = append(out, mutation{"= {}", func(m protoreflect.Message) { m.Set(fd, m.NewField(fd)) }})
		}
	default:
		for _, c := range scalarValues(fd, rules) {
			out = append(out, mutation{"= " + describe(c), func(m protoreflect.Message) { m.Set(fd, c) }})
		}
	}
	return out
}

// describe writes a scalar value for a mutation's name (long strings
// shortened).
func describe(v protoreflect.Value) string {
	switch x := v.Interface().(type) {
	case string:
		if len(x) > 24 {
			return fmt.Sprintf("%q… (%d bytes, %d runes)", x[:12], len(x), len([]rune(x)))
		}
		return strconv.Quote(x)
	case []byte:
		if len(x) > 16 {
			return fmt.Sprintf("%q… (%d bytes)", x[:8], len(x))
		}
		return fmt.Sprintf("bytes(%q)", x)
	case protoreflect.EnumNumber:
		return fmt.Sprintf("enum %d", x)
	}
	return fmt.Sprint(v.Interface())
}

// listMutations: lists one item too short and too long, a duplicate for
// unique, one item of each candidate value for items, or an added item.
func listMutations(m protoreflect.Message, fd protoreflect.FieldDescriptor, rules *validate.FieldRules) []mutation {
	var out []mutation
	rep := rules.GetRepeated()
	cur := m.Get(fd).List()
	// element returns the i-th element for a list of n: a copy of an
	// existing one, else a new value, distinct from the others for scalars.
	element := func(m protoreflect.Message, i int) protoreflect.Value {
		l := m.Get(fd).List()
		if fd.Message() != nil {
			if l.Len() > 0 {
				return protoreflect.ValueOfMessage(proto.Clone(l.Get(i % l.Len()).Message().Interface()).ProtoReflect())
			}
			return l.NewElement()
		}
		return distinct(fd, i)
	}
	resize := func(n int) func(protoreflect.Message) {
		return func(m protoreflect.Message) {
			vals := make([]protoreflect.Value, n)
			for i := range n {
				vals[i] = element(m, i)
			}
			l := m.Mutable(fd).List()
			l.Truncate(0)
			for _, v := range vals {
				l.Append(v)
			}
		}
	}
	var sizes []uint64
	if rep.GetMinItems() > 0 {
		sizes = append(sizes, rep.GetMinItems()-1, rep.GetMinItems())
	}
	if rep != nil && rep.MaxItems != nil {
		sizes = append(sizes, rep.GetMaxItems(), rep.GetMaxItems()+1)
	}
	for _, n := range sizes {
		if n <= 4096 && int(n) != cur.Len() {
			out = append(out, mutation{fmt.Sprintf("with %d items", n), resize(int(n))})
		}
	}
	// A repeated item (for unique; on other lists, one item more).
	out = append(out, mutation{"with a duplicate item", func(m protoreflect.Message) {
		l := m.Mutable(fd).List()
		if l.Len() == 0 {
			l.Append(element(m, 0))
		}
		if fd.Message() != nil {
			l.Append(element(m, 0)) // a clone of the first
		} else {
			l.Append(l.Get(0))
		}
	}})
	switch {
	case fd.Message() != nil:
		for _, c := range messageValues(fd.Message(), rep.GetItems()) {
			out = append(out, mutation{"= [" + c.desc + "]", func(m protoreflect.Message) {
				l := m.Mutable(fd).List()
				l.Truncate(0)
				l.Append(c.make())
			}})
		}
		out = append(out, mutation{"with an empty item added", func(m protoreflect.Message) {
			m.Mutable(fd).List().Append(m.Get(fd).List().NewElement())
		}})
	default:
		for _, c := range scalarValues(fd, rep.GetItems()) {
			out = append(out, mutation{"= [" + describe(c) + "]", func(m protoreflect.Message) {
				l := m.Mutable(fd).List()
				l.Truncate(0)
				l.Append(c)
			}})
		}
	}
	return out
}

// mapMutations: one entry for each candidate key and each candidate
// value, too few and too many pairs.
func mapMutations(m protoreflect.Message, fd protoreflect.FieldDescriptor, rules *validate.FieldRules) []mutation {
	var out []mutation
	mr := rules.GetMap()
	kfd, vfd := fd.MapKey(), fd.MapValue()
	value := func(m protoreflect.Message) protoreflect.Value {
		if vfd.Message() != nil {
			return m.Get(fd).Map().NewValue()
		}
		return distinct(vfd, 0)
	}
	one := func(k, v func(protoreflect.Message) protoreflect.Value) func(protoreflect.Message) {
		return func(m protoreflect.Message) {
			val := v(m)
			mp := m.Mutable(fd).Map()
			for _, key := range sortedKeys(mp) {
				mp.Clear(key)
			}
			mp.Set(k(m).MapKey(), val)
		}
	}
	for _, k := range scalarValues(kfd, mr.GetKeys()) {
		out = append(out, mutation{"= {" + describe(k) + ": …}", one(func(protoreflect.Message) protoreflect.Value { return k }, value)})
	}
	firstKey := func(protoreflect.Message) protoreflect.Value { return distinct(kfd, 0) }
	if vfd.Message() != nil {
		for _, c := range messageValues(vfd.Message(), mr.GetValues()) {
			out = append(out, mutation{"= {…: " + c.desc + "}", one(firstKey, func(protoreflect.Message) protoreflect.Value { return c.make() })})
		}
	} else {
		for _, v := range scalarValues(vfd, mr.GetValues()) {
			out = append(out, mutation{"= {…: " + describe(v) + "}", one(firstKey, func(protoreflect.Message) protoreflect.Value { return v })})
		}
	}
	var sizes []uint64
	if mr.GetMinPairs() > 0 {
		sizes = append(sizes, mr.GetMinPairs()-1, mr.GetMinPairs())
	}
	if mr != nil && mr.MaxPairs != nil {
		sizes = append(sizes, mr.GetMaxPairs(), mr.GetMaxPairs()+1)
	}
	for _, n := range sizes {
		if n > 4096 {
			continue
		}
		out = append(out, mutation{fmt.Sprintf("with %d pairs", n), func(m protoreflect.Message) {
			vals := make([]protoreflect.Value, n)
			for i := range vals {
				vals[i] = value(m)
			}
			mp := m.Mutable(fd).Map()
			for _, key := range sortedKeys(mp) {
				mp.Clear(key)
			}
			for i, v := range vals {
				mp.Set(distinct(kfd, i).MapKey(), v)
			}
		}})
	}
	return out
}

// distinct returns the i-th of a series of distinct, unremarkable values
// of fd's kind (for lists and maps that need n items).
func distinct(fd protoreflect.FieldDescriptor, i int) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(i%2 == 1)
	case protoreflect.EnumKind:
		vals := fd.Enum().Values()
		return protoreflect.ValueOfEnum(vals.Get(i % vals.Len()).Number())
	case protoreflect.StringKind:
		return protoreflect.ValueOfString("k" + strconv.Itoa(i))
	case protoreflect.BytesKind:
		return protoreflect.ValueOfBytes([]byte("k" + strconv.Itoa(i)))
	case protoreflect.FloatKind:
		return protoreflect.ValueOfFloat32(float32(i + 1))
	case protoreflect.DoubleKind:
		return protoreflect.ValueOfFloat64(float64(i + 1))
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(i + 1))
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(int64(i + 1))
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(uint32(i + 1))
	default:
		return protoreflect.ValueOfUint64(uint64(i + 1))
	}
}
