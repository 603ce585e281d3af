package library_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/golden/fieldmask/editions"
	"github.com/protolite/protolite/golden/fieldmask/library"
	_ "github.com/protolite/protolite/internal/plugintest" // defines -update
	"github.com/protolite/protolite/runtime"
)

// masker is a message with generated mask methods.
type masker[T any] interface {
	proto.Message
	FilterMask(*fieldmaskpb.FieldMask) error
	PruneMask(*fieldmaskpb.FieldMask) error
	ApplyMask(T, *fieldmaskpb.FieldMask) error
	ValidateMask(*fieldmaskpb.FieldMask) error
	FilterParsedMask(*runtime.ParsedMask) error
	PruneParsedMask(*runtime.ParsedMask) error
	ApplyParsedMask(T, *runtime.ParsedMask) error
}

// sameError reports why two errors differ, or "".
func sameError(gen, ref error) string {
	if (gen == nil) != (ref == nil) {
		return fmt.Sprintf("generated error %v, reflective error %v", gen, ref)
	}
	if gen == nil {
		return ""
	}
	var ge, re *runtime.ValidationError
	if errors.As(gen, &ge) != errors.As(ref, &re) {
		return fmt.Sprintf("generated error %T, reflective error %T", gen, ref)
	}
	if gen.Error() != ref.Error() {
		return fmt.Sprintf("generated error %q, reflective error %q", gen, ref)
	}
	return ""
}

// differential runs every operation with the generated methods and with the
// reflective runtime on copies of dst and src and reports the first
// difference, or a broken rule (src changed, target changed on error,
// aliasing).
func differential[T masker[T]](dst, src T, mask *fieldmaskpb.FieldMask, parse func(*fieldmaskpb.FieldMask) (*runtime.ParsedMask, error)) error {
	md := dst.ProtoReflect().Descriptor()
	type op struct {
		name string
		gen  func(x, s T) error
		ref  func(x, s T) error
	}
	parsedGen, errPG := parse(mask)
	parsedRef, errPR := runtime.ParseMask(md, mask)
	if d := sameError(errPG, errPR); d != "" {
		return fmt.Errorf("parse: %s", d)
	}
	if errPG == nil {
		if a, b := strings.Join(parsedGen.Paths(), ","), strings.Join(parsedRef.Paths(), ","); a != b {
			return fmt.Errorf("parse: generated paths %s, reflective paths %s", a, b)
		}
	}
	ops := []op{
		{"Validate", func(x, _ T) error { return x.ValidateMask(mask) }, func(x, _ T) error { return runtime.ValidateMask(x, mask) }},
		{"Filter", func(x, _ T) error { return x.FilterMask(mask) }, func(x, _ T) error { return runtime.FilterMask(x, mask) }},
		{"Prune", func(x, _ T) error { return x.PruneMask(mask) }, func(x, _ T) error { return runtime.PruneMask(x, mask) }},
		{"Apply", func(x, s T) error { return x.ApplyMask(s, mask) }, func(x, s T) error { return runtime.ApplyMask(x, s, mask) }},
	}
	if errPG == nil {
		ops = append(ops,
			op{"FilterParsed", func(x, _ T) error { return x.FilterParsedMask(parsedGen) }, func(x, _ T) error { return runtime.FilterParsedMask(x, parsedRef) }},
			op{"PruneParsed", func(x, _ T) error { return x.PruneParsedMask(parsedGen) }, func(x, _ T) error { return runtime.PruneParsedMask(x, parsedRef) }},
			op{"ApplyParsed", func(x, s T) error { return x.ApplyParsedMask(s, parsedGen) }, func(x, s T) error { return runtime.ApplyParsedMask(x, s, parsedRef) }},
		)
	}
	for _, o := range ops {
		xg, xr := clone(dst), clone(dst)
		sg, sr := clone(src), clone(src)
		eg, er := o.gen(xg, sg), o.ref(xr, sr)
		if d := sameError(eg, er); d != "" {
			return fmt.Errorf("%s: %s", o.name, d)
		}
		if !same(xg, xr) {
			return fmt.Errorf("%s: results differ:\ngenerated:  %v\nreflective: %v", o.name, xg, xr)
		}
		if eg != nil && !same(xg, dst) {
			return fmt.Errorf("%s: failed with %v but changed the target", o.name, eg)
		}
		if !same(sg, src) || !same(sr, src) {
			return fmt.Errorf("%s: src changed", o.name)
		}
		// The generated methods keep a mask they see twice in a row: the
		// second and third calls go through the cache.
		for i := 0; i < 2; i++ {
			xc, sc := clone(dst), clone(src)
			if d := sameError(o.gen(xc, sc), eg); d != "" {
				return fmt.Errorf("%s, call %d: %s", o.name, i+2, d)
			}
			if !same(xc, xg) {
				return fmt.Errorf("%s, call %d: result differs from the first call's", o.name, i+2)
			}
		}
		// Changing src afterwards must not change the result.
		before := clone(xg)
		scramble(sg.ProtoReflect())
		if !same(xg, before) {
			return fmt.Errorf("%s: the result aliases src", o.name)
		}
	}
	return nil
}

// scramble changes every populated value of m in place: scalars, the bytes
// of byte slices, list elements and map values, recursively.
func scramble(m protoreflect.Message) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				l.Set(i, scrambleValue(fd, l.Get(i)))
			}
			l.Append(l.NewElement())
		case fd.IsMap():
			mp := v.Map()
			mp.Range(func(k protoreflect.MapKey, v protoreflect.Value) bool {
				mp.Set(k, scrambleValue(fd.MapValue(), v))
				return true
			})
		default:
			m.Set(fd, scrambleValue(fd, v))
		}
		return true
	})
}

func scrambleValue(fd protoreflect.FieldDescriptor, v protoreflect.Value) protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		scramble(v.Message())
		return v
	case protoreflect.BytesKind:
		b := v.Bytes()
		for i := range b {
			b[i] ^= 0xff
		}
		return protoreflect.ValueOfBytes(b)
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(v.String() + "~")
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(!v.Bool())
	case protoreflect.EnumKind:
		return protoreflect.ValueOfEnum(v.Enum() + 1)
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		return protoreflect.ValueOfFloat64(v.Float() + 1)
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(v.Int()) + 1)
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(v.Int() + 1)
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(uint32(v.Uint()) + 1)
	default:
		return protoreflect.ValueOfUint64(v.Uint() + 1)
	}
}

// gen builds random messages and masks.
type gen struct {
	r *rand.Rand
	// keys collects the map keys of the random messages, so that masks name
	// keys that exist.
	keys map[protoreflect.FullName][]string
}

func newGen(seed1, seed2 uint64) *gen {
	return &gen{r: rand.New(rand.NewPCG(seed1, seed2)), keys: map[protoreflect.FullName][]string{}}
}

func (g *gen) chance(n int) bool { return g.r.IntN(n) == 0 }

var stringPool = []string{"", "a", "env", "a.b", "x`y", "prod", "*", "42", "-7", "true", "é", "with space"}

func (g *gen) fill(m protoreflect.Message, depth int) {
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if !g.chance(2) {
			continue
		}
		switch {
		case fd.IsList():
			l := m.Mutable(fd).List()
			n := g.r.IntN(3)
			if depth <= 0 && isMsg(fd) {
				n = 0
			}
			for j := 0; j < n; j++ {
				if isMsg(fd) {
					e := l.NewElement()
					g.fill(e.Message(), depth-1)
					l.Append(e)
				} else {
					l.Append(g.scalar(fd))
				}
			}
			if l.Len() == 0 {
				m.Clear(fd)
			}
		case fd.IsMap():
			mp := m.Mutable(fd).Map()
			n := g.r.IntN(3)
			if depth <= 0 && isMsg(fd.MapValue()) {
				n = 0
			}
			for j := 0; j < n; j++ {
				k := g.scalar(fd.MapKey())
				g.keys[fd.FullName()] = append(g.keys[fd.FullName()], k.MapKey().String())
				if isMsg(fd.MapValue()) {
					v := mp.NewValue()
					g.fill(v.Message(), depth-1)
					mp.Set(k.MapKey(), v)
				} else {
					mp.Set(k.MapKey(), g.scalar(fd.MapValue()))
				}
			}
			if mp.Len() == 0 {
				m.Clear(fd)
			}
		case isMsg(fd):
			if depth > 0 {
				g.fill(m.Mutable(fd).Message(), depth-1)
			}
		default:
			m.Set(fd, g.scalar(fd))
		}
	}
}

func isMsg(fd protoreflect.FieldDescriptor) bool {
	return fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind
}

func (g *gen) scalar(fd protoreflect.FieldDescriptor) protoreflect.Value {
	small := int64(g.r.IntN(5)) - 1
	switch fd.Kind() {
	case protoreflect.BoolKind:
		return protoreflect.ValueOfBool(g.chance(2))
	case protoreflect.EnumKind:
		return protoreflect.ValueOfEnum(protoreflect.EnumNumber(g.r.IntN(3)))
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		return protoreflect.ValueOfInt32(int32(small))
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		return protoreflect.ValueOfInt64(small)
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		return protoreflect.ValueOfUint32(uint32(g.r.IntN(4)))
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		return protoreflect.ValueOfUint64(uint64(g.r.IntN(4)))
	case protoreflect.FloatKind:
		return protoreflect.ValueOfFloat32([]float32{0, 1, -1.5, float32(math.Copysign(0, -1)), float32(math.NaN())}[g.r.IntN(5)])
	case protoreflect.DoubleKind:
		return protoreflect.ValueOfFloat64([]float64{0, 1, -1.5, math.Copysign(0, -1), math.NaN()}[g.r.IntN(5)])
	case protoreflect.StringKind:
		return protoreflect.ValueOfString(stringPool[g.r.IntN(len(stringPool))])
	default:
		b := make([]byte, g.r.IntN(3))
		for i := range b {
			b[i] = byte(g.r.IntN(256))
		}
		return protoreflect.ValueOfBytes(b)
	}
}

// mask builds a random mask over md: mostly valid paths, some invalid ones.
func (g *gen) mask(md protoreflect.MessageDescriptor) *fieldmaskpb.FieldMask {
	if g.chance(8) {
		return nil
	}
	m := &fieldmaskpb.FieldMask{}
	n := g.r.IntN(5)
	for i := 0; i < n; i++ {
		m.Paths = append(m.Paths, g.path(md, 0))
	}
	return m
}

var junk = []string{"", "*", ".", "a..b", "`", "`x`y", "nope", "0", "`name`", "title.", ".title", "*.title"}

func (g *gen) path(md protoreflect.MessageDescriptor, depth int) string {
	switch {
	case g.chance(25):
		return junk[g.r.IntN(len(junk))]
	case depth == 0 && g.chance(20):
		return "*"
	}
	fields := md.Fields()
	if fields.Len() == 0 {
		return "nofield"
	}
	fd := fields.Get(g.r.IntN(fields.Len()))
	name := string(fd.Name())
	if g.chance(30) && fd.JSONName() != name {
		name = fd.JSONName()
	}
	if depth > 4 || g.chance(3) {
		return name
	}
	switch {
	case fd.IsMap():
		key := g.key(fd)
		if !isMsg(fd.MapValue()) || g.chance(2) {
			return name + "." + key
		}
		return name + "." + key + "." + g.path(fd.MapValue().Message(), depth+1)
	case fd.IsList():
		if g.chance(6) {
			return name + ".0"
		}
		if !isMsg(fd) || g.chance(4) {
			return name + ".*"
		}
		return name + ".*." + g.path(fd.Message(), depth+1)
	case isMsg(fd):
		return name + "." + g.path(fd.Message(), depth+1)
	default:
		if g.chance(5) {
			return name + ".x"
		}
		return name
	}
}

func (g *gen) key(fd protoreflect.FieldDescriptor) string {
	if g.chance(6) {
		return "*"
	}
	if ks := g.keys[fd.FullName()]; len(ks) > 0 && !g.chance(4) {
		return runtime.QuoteMaskKey(ks[g.r.IntN(len(ks))])
	}
	switch fd.MapKey().Kind() {
	case protoreflect.StringKind:
		s := stringPool[g.r.IntN(len(stringPool))]
		if g.chance(2) {
			return runtime.QuoteMaskKey(s)
		}
		if s == "" || strings.ContainsAny(s, ".`") {
			return "`" + strings.ReplaceAll(s, "`", "``") + "`"
		}
		return s
	case protoreflect.BoolKind:
		return []string{"true", "false", "yes", "`true`"}[g.r.IntN(4)]
	default:
		return []string{"0", "1", "-1", "007", "+3", "x", "`2`", "99999999999999999999", "4294967296"}[g.r.IntN(9)]
	}
}

// check runs the differential test for one seed over every test message.
func check(seed1, seed2 uint64, extraPath string) error {
	g := newGen(seed1, seed2)
	{
		dst, src := &library.Book{}, &library.Book{}
		g.fill(dst.ProtoReflect(), 3)
		g.fill(src.ProtoReflect(), 3)
		if g.chance(3) {
			// Start from related messages, so IMMUTABLE fields are often
			// equal.
			src = clone(dst)
			g.fill(src.ProtoReflect(), 2)
		}
		mask := g.mask(dst.ProtoReflect().Descriptor())
		if extraPath != "" {
			mask = &fieldmaskpb.FieldMask{Paths: append(mask.GetPaths(), extraPath)}
		}
		if err := differential(dst, src, mask, library.ParseBookMask); err != nil {
			return fmt.Errorf("Book, mask %q: %w", mask.GetPaths(), err)
		}
	}
	{
		dst, src := &library.Node{}, &library.Node{}
		g.fill(dst.ProtoReflect(), 4)
		g.fill(src.ProtoReflect(), 4)
		mask := g.mask(dst.ProtoReflect().Descriptor())
		if err := differential(dst, src, mask, library.ParseNodeMask); err != nil {
			return fmt.Errorf("Node, mask %q: %w", mask.GetPaths(), err)
		}
	}
	{
		dst, src := &editions.Record{}, &editions.Record{}
		g.fill(dst.ProtoReflect(), 3)
		g.fill(src.ProtoReflect(), 3)
		if g.chance(3) {
			src = clone(dst)
			g.fill(src.ProtoReflect(), 2)
		}
		mask := g.mask(dst.ProtoReflect().Descriptor())
		if err := differential(dst, src, mask, editions.ParseRecordMask); err != nil {
			return fmt.Errorf("Record, mask %q: %w", mask.GetPaths(), err)
		}
	}
	return nil
}

// TestDifferential runs the differential check over a fixed range of seeds.
func TestDifferential(t *testing.T) {
	n := 600
	if testing.Short() {
		n = 100
	}
	for i := 0; i < n; i++ {
		if err := check(uint64(i), 7, ""); err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
	}
}

// FuzzDifferential builds random messages and masks (valid and invalid)
// over the test protos from the fuzzer's seeds, plus one path the fuzzer
// writes itself, and checks that the generated methods and the reflective
// runtime agree on results and errors, that src is never changed, that
// results never alias src, and that a failed call leaves the target as it
// was:
//
//	go test ./golden/fieldmask/library -run '^$' -fuzz FuzzDifferential -fuzztime 2m
func FuzzDifferential(f *testing.F) {
	for i := range 20 {
		f.Add(uint64(i), uint64(i*31), "")
	}
	for _, p := range []string{"labels.`a.b`", "sizes.-1", "by_id.3.mentor.given_name", "authors.*.mentor", "shelves.*.books.*.title",
		"printings.-1.pages", "flags.true", "notes_by_page.4294967295", "archive.curator.id", "counts.a"} {
		f.Add(uint64(len(p)), uint64(1), p)
	}
	f.Fuzz(func(t *testing.T, seed1, seed2 uint64, path string) {
		if err := check(seed1, seed2, path); err != nil {
			t.Fatal(err)
		}
	})
}

// clone copies m through its encoding; proto.Clone would drop a -0 of a
// field without presence.
func clone[T proto.Message](m T) T {
	c := m.ProtoReflect().New().Interface().(T)
	b, err := proto.Marshal(m)
	if err != nil {
		panic(err)
	}
	if err := proto.Unmarshal(b, c); err != nil {
		panic(err)
	}
	return c
}

// same reports whether two messages have the same deterministic encoding:
// proto.Equal, except that NaN equals NaN and -0 differs from +0.
func same(a, b proto.Message) bool {
	opts := proto.MarshalOptions{Deterministic: true}
	wa, errA := opts.Marshal(a)
	wb, errB := opts.Marshal(b)
	return errA == nil && errB == nil && string(wa) == string(wb)
}
