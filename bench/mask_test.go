package bench

import (
	"slices"
	"strings"
	"testing"

	fmutils "github.com/mennanov/fieldmask-utils"
	aipmask "go.einride.tech/aip/fieldmask"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/bench/gen/litepb"
	"github.com/protolite/protolite/bench/handwritten"
	"github.com/protolite/protolite/runtime"
)

// The field-mask benchmarks run on Mid (16 fields, a nested Address of 5,
// 10 items, 5 labels) with masks of 1, 5 and 20 paths.
var masks = []struct {
	name string
	mask *fieldmaskpb.FieldMask
}{
	{"1", &fieldmaskpb.FieldMask{Paths: []string{"display_name"}}},
	{"5", &fieldmaskpb.FieldMask{Paths: []string{"display_name", "email", "address.city", "tags", "score"}}},
	{"20", &fieldmaskpb.FieldMask{Paths: []string{
		"id", "display_name", "email", "created_unix", "status",
		"address.street", "address.city", "address.country", "address.zip", "address.region",
		"items", "labels", "tags", "score", "active", "version", "payload", "phone", "priority", "locale",
	}}},
}

// goName maps a proto field name to its Go field name, for fieldmask-utils
// (which works on Go struct fields): display_name → DisplayName.
func goName(s string) string {
	var b strings.Builder
	up := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			up = true
			continue
		}
		if up && 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		up = false
		b.WriteByte(c)
	}
	return b.String()
}

// The mask operations of each implementation. In-place operations
// (filter, prune) take the message to change; fieldmask-utils has no
// in-place filter: it copies the masked fields of src into a new message,
// which is what its users do to filter. Every implementation parses the
// FieldMask on every call, as a handler does with a request's mask, except
// lite-parsed, which uses a mask parsed once (ParseMidMask).
type maskImpl struct {
	name     string
	filter   func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error)
	prune    func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error)
	apply    func(dst, src *litepb.Mid, m *fieldmaskpb.FieldMask) error
	validate func(m *fieldmaskpb.FieldMask) error
	// inPlace is true when filter and prune change x (the benchmark then
	// gives each call a fresh copy).
	inPlace bool
}

var midZero = &litepb.Mid{}

func maskImpls() []maskImpl {
	return []maskImpl{
		{
			name:    "hand",
			inPlace: true,
			filter: func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) {
				return x, handwritten.FilterMid(x, m.GetPaths())
			},
			prune: func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) {
				return x, handwritten.PruneMid(x, m.GetPaths())
			},
			apply: func(dst, src *litepb.Mid, m *fieldmaskpb.FieldMask) error {
				return handwritten.ApplyMid(dst, src, m.GetPaths())
			},
			validate: func(m *fieldmaskpb.FieldMask) error { return handwritten.ValidateMidMask(m.GetPaths()) },
		},
		{
			name:     "lite",
			inPlace:  true,
			filter:   func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) { return x, x.FilterMask(m) },
			prune:    func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) { return x, x.PruneMask(m) },
			apply:    func(dst, src *litepb.Mid, m *fieldmaskpb.FieldMask) error { return dst.ApplyMask(src, m) },
			validate: func(m *fieldmaskpb.FieldMask) error { return midZero.ValidateMask(m) },
		},
		uncached(),
		{
			name:    "lite-parsed",
			inPlace: true,
			filter: func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) {
				return x, x.FilterParsedMask(parsed(m))
			},
			prune: func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) {
				return x, x.PruneParsedMask(parsed(m))
			},
			apply: func(dst, src *litepb.Mid, m *fieldmaskpb.FieldMask) error { return dst.ApplyParsedMask(src, parsed(m)) },
		},
		{
			name:     "reflect",
			inPlace:  true,
			filter:   func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) { return x, runtime.FilterMask(x, m) },
			prune:    func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) { return x, runtime.PruneMask(x, m) },
			apply:    func(dst, src *litepb.Mid, m *fieldmaskpb.FieldMask) error { return runtime.ApplyMask(dst, src, m) },
			validate: func(m *fieldmaskpb.FieldMask) error { return runtime.ValidateMask(midZero, m) },
		},
		{
			name: "fmutils",
			filter: func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) {
				mask, err := fmutils.MaskFromProtoFieldMask(m, goName)
				if err != nil {
					return nil, err
				}
				out := &litepb.Mid{}
				return out, fmutils.StructToStruct(mask, x, out)
			},
			prune: func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) {
				mask, err := fmutils.MaskInverseFromProtoFieldMask(m, goName)
				if err != nil {
					return nil, err
				}
				out := &litepb.Mid{}
				return out, fmutils.StructToStruct(mask, x, out)
			},
			apply: func(dst, src *litepb.Mid, m *fieldmaskpb.FieldMask) error {
				mask, err := fmutils.MaskFromProtoFieldMask(m, goName)
				if err != nil {
					return err
				}
				return fmutils.StructToStruct(mask, src, dst)
			},
		},
		{
			name: "aip",
			apply: func(dst, src *litepb.Mid, m *fieldmaskpb.FieldMask) error {
				if err := aipmask.Validate(m, dst); err != nil {
					return err
				}
				aipmask.Update(m, dst, src)
				return nil
			},
			validate: func(m *fieldmaskpb.FieldMask) error { return aipmask.Validate(m, midZero) },
		},
	}
}

// uncached is the generated code given, on every other call, the mask's
// paths in another order (for a 1-path mask, "email" instead of
// "display_name": the same work), so that the generated methods' one-entry
// mask cache (of protoimpl.MaskMethods, which keeps a mask seen twice in a row)
// never hits: the cost of a handler that sees varied masks. impl=lite is
// the cache-hit case, the same mask call after call.
func uncached() maskImpl {
	other := map[*fieldmaskpb.FieldMask]*fieldmaskpb.FieldMask{}
	// alternate returns a function giving, per operation, the mask on odd
	// calls and its other form on even ones.
	alternate := func() func(*fieldmaskpb.FieldMask) *fieldmaskpb.FieldMask {
		var n int
		return func(m *fieldmaskpb.FieldMask) *fieldmaskpb.FieldMask {
			n++
			return pick(n, m, other)
		}
	}
	af, ap, aa, av := alternate(), alternate(), alternate(), alternate()
	return maskImpl{
		name:     "lite-uncached",
		inPlace:  true,
		filter:   func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) { return x, x.FilterMask(af(m)) },
		prune:    func(x *litepb.Mid, m *fieldmaskpb.FieldMask) (*litepb.Mid, error) { return x, x.PruneMask(ap(m)) },
		apply:    func(dst, src *litepb.Mid, m *fieldmaskpb.FieldMask) error { return dst.ApplyMask(src, aa(m)) },
		validate: func(m *fieldmaskpb.FieldMask) error { return midZero.ValidateMask(av(m)) },
	}
}

// pick returns m on odd calls n, and on even ones m's other form: its
// paths reversed, or "email" for a 1-path mask.
func pick(n int, m *fieldmaskpb.FieldMask, other map[*fieldmaskpb.FieldMask]*fieldmaskpb.FieldMask) *fieldmaskpb.FieldMask {
	if n%2 == 1 {
		return m
	}
	o := other[m]
	if o == nil {
		paths := slices.Clone(m.GetPaths())
		slices.Reverse(paths)
		if len(paths) == 1 {
			paths = []string{"email"}
		}
		o = &fieldmaskpb.FieldMask{Paths: paths}
		other[m] = o
	}
	return o
}

// parsedMasks holds the masks parsed once, for lite-parsed.
var parsedMasks = map[*fieldmaskpb.FieldMask]*runtime.ParsedMask{}

func parsed(m *fieldmaskpb.FieldMask) *runtime.ParsedMask {
	if p, ok := parsedMasks[m]; ok {
		return p
	}
	p, err := litepb.ParseMidMask(m)
	if err != nil {
		panic(err)
	}
	parsedMasks[m] = p
	return p
}

// applySrc is the source of the apply benchmarks: every field differs from
// validMid's.
func applySrc() *litepb.Mid {
	src := validMid()
	src.Id = "00000000-0000-4000-8000-000000000000"
	src.DisplayName = "Charles Babbage"
	src.Email = "charles@example.com"
	src.CreatedUnix++
	src.Status = litepb.Status_STATUS_SUSPENDED
	src.Address.Street, src.Address.City = "1 Dorset Street", "Marylebone"
	src.Items = src.Items[:5]
	src.Labels = map[string]string{"env": "dev"}
	src.Tags = []string{"difference"}
	src.Score, src.Active, src.Version = 12, false, 9
	src.Payload = []byte("notes")
	src.Phone, src.Priority, src.Locale = "+440000", 1, "en-US"
	return src
}

// TestMaskImplementationsAgree checks that every implementation gives the
// generated code's result on every benchmark mask.
func TestMaskImplementationsAgree(t *testing.T) {
	for _, mk := range masks {
		var wantFilter, wantPrune, wantApply *litepb.Mid
		for _, im := range maskImpls() {
			if im.filter != nil {
				got, err := im.filter(validMid(), mk.mask)
				if err != nil {
					t.Fatalf("%s filter %s: %v", im.name, mk.name, err)
				}
				if wantFilter == nil {
					wantFilter = got
				} else if !proto.Equal(got, wantFilter) {
					t.Errorf("%s filter %s:\n got %v\nwant %v", im.name, mk.name, got, wantFilter)
				}
			}
			if im.prune != nil {
				got, err := im.prune(validMid(), mk.mask)
				if err != nil {
					t.Fatalf("%s prune %s: %v", im.name, mk.name, err)
				}
				if wantPrune == nil {
					wantPrune = got
				} else if !proto.Equal(got, wantPrune) {
					t.Errorf("%s prune %s:\n got %v\nwant %v", im.name, mk.name, got, wantPrune)
				}
			}
			if im.apply != nil {
				dst := validMid()
				if err := im.apply(dst, applySrc(), mk.mask); err != nil {
					t.Fatalf("%s apply %s: %v", im.name, mk.name, err)
				}
				if wantApply == nil {
					wantApply = dst
				} else if !proto.Equal(dst, wantApply) {
					t.Errorf("%s apply %s:\n got %v\nwant %v", im.name, mk.name, dst, wantApply)
				}
			}
			if im.validate != nil {
				if err := im.validate(mk.mask); err != nil {
					t.Errorf("%s validate %s: %v", im.name, mk.name, err)
				}
				bad := &fieldmaskpb.FieldMask{Paths: append(append([]string{}, mk.mask.Paths...), "nope")}
				if err := im.validate(bad); err == nil {
					t.Errorf("%s validate %s: accepts %q", im.name, mk.name, "nope")
				}
			}
		}
	}
}

// restoreMid makes x a copy of t again after Filter or Prune changed it:
// the scalar fields and the Address are restored field by field (into addr,
// x's own Address); the items, labels, tags and payload are shared with t,
// which the benchmark masks never change in place (they only drop them).
func restoreMid(x, t *litepb.Mid, addr *litepb.Address) {
	x.Id, x.DisplayName, x.Email, x.CreatedUnix, x.Status = t.Id, t.DisplayName, t.Email, t.CreatedUnix, t.Status
	addr.Street, addr.City, addr.Country, addr.Zip, addr.Region = t.Address.Street, t.Address.City, t.Address.Country, t.Address.Zip, t.Address.Region
	x.Address = addr
	x.Items, x.Labels, x.Tags, x.Payload = t.Items, t.Labels, t.Tags, t.Payload
	x.Score, x.Active, x.Version, x.Phone, x.Priority, x.Locale = t.Score, t.Active, t.Version, t.Phone, t.Priority, t.Locale
}

// onCopies runs fn b.N times, each on a fresh copy of msg; the copies are
// restored in batches with the timer stopped.
func onCopies(b *testing.B, msg *litepb.Mid, fn func(*litepb.Mid) error) {
	const batch = 1024
	pool := make([]*litepb.Mid, batch)
	addrs := make([]*litepb.Address, batch)
	for j := range pool {
		pool[j], addrs[j] = &litepb.Mid{}, &litepb.Address{}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%batch == 0 {
			b.StopTimer()
			for j := range pool {
				restoreMid(pool[j], msg, addrs[j])
			}
			b.StartTimer()
		}
		if err := fn(pool[i%batch]); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if !proto.Equal(msg, validMid()) {
		b.Fatal("the operation changed the shared parts of the template")
	}
}

func loop(b *testing.B, fn func() error) {
	b.ReportAllocs()
	for b.Loop() {
		if err := fn(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMask runs Filter, Prune, Apply and ValidateMask of every
// implementation that has the operation, with masks of 1, 5 and 20 paths.
func BenchmarkMask(b *testing.B) {
	msg := validMid()
	src := applySrc()
	for _, op := range []string{"filter", "prune", "apply", "validate"} {
		for _, mk := range masks {
			for _, im := range maskImpls() {
				name := "op=" + op + "/paths=" + mk.name + "/impl=" + im.name
				switch op {
				case "filter", "prune":
					fn := im.filter
					if op == "prune" {
						fn = im.prune
					}
					if fn == nil {
						continue
					}
					b.Run(name, func(b *testing.B) {
						if im.inPlace {
							onCopies(b, msg, func(x *litepb.Mid) error { _, err := fn(x, mk.mask); return err })
						} else {
							loop(b, func() error { _, err := fn(msg, mk.mask); return err })
						}
					})
				case "apply":
					if im.apply == nil {
						continue
					}
					dst := proto.CloneOf(msg)
					b.Run(name, func(b *testing.B) { loop(b, func() error { return im.apply(dst, src, mk.mask) }) })
				case "validate":
					if im.validate == nil {
						continue
					}
					b.Run(name, func(b *testing.B) { loop(b, func() error { return im.validate(mk.mask) }) })
				}
			}
		}
	}
}
