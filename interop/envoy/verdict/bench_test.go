package verdict

import (
	"strings"
	"sync"
	"testing"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/protolite/protolite/interop/envoy/internal/corpus"
)

// pair is one valid Envoy value in both worlds.
type pair struct {
	name      string
	pgv, lite validator
}

// validPairs are go-control-plane's test resources and the configurations
// in their Anys that PGV finds valid, decoded into both worlds, one per
// type and wire form.
var validPairs = sync.OnceValues(func() (out []pair, problems []string) {
	resolve := func(name protoreflect.FullName) (protoreflect.MessageType, bool) {
		mt, ok := worlds().gcp[name]
		return mt, ok
	}
	var vals []corpus.Value
	for _, r := range corpus.Resources() {
		vals = append(vals, r)
		vals = append(vals, corpus.Unpacked(r, resolve)...)
	}
	seen := map[string]bool{}
	for _, v := range vals {
		o := check(v)
		if o.problem != "" {
			problems = append(problems, v.Name+": "+o.problem)
			continue
		}
		if len(o.pgvFirst) > 0 {
			continue
		}
		wire, _ := proto.MarshalOptions{Deterministic: true}.Marshal(v.Msg)
		key := string(v.Msg.ProtoReflect().Descriptor().FullName()) + "\x00" + string(wire)
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, pair{benchName(v.Name), o.gcp.(validator), o.lite.(validator)})
	}
	return out, problems
})

// benchName makes a value's name a benchmark name: no spaces, no
// slashes; `R | path (Type)` becomes `R:path:Type`.
func benchName(s string) string {
	if i := strings.LastIndex(s, " ("); i >= 0 && strings.HasSuffix(s, ")") {
		s = s[:i] + ":" + s[i+2:len(s)-1]
	}
	return strings.NewReplacer(" | ", ":", " ", "_", "/", "_").Replace(s)
}

// BenchmarkValidate times Validate on each valid value, PGV's and
// protolite's side by side (run with -benchmem: protolite must allocate
// nothing).
func BenchmarkValidate(b *testing.B) {
	pairs, problems := validPairs()
	if len(problems) > 0 {
		b.Fatalf("%d values cannot be compared, e.g. %s", len(problems), problems[0])
	}
	for _, p := range pairs {
		b.Run("value="+p.name+"/impl=pgv", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := p.pgv.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("value="+p.name+"/impl=protolite", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := p.lite.Validate(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestValidNoAlloc checks that protolite's Validate and ValidateAll
// allocate nothing on every valid value (the contract).
func TestValidNoAlloc(t *testing.T) {
	pairs, problems := validPairs()
	for _, p := range problems {
		t.Error(p)
	}
	if len(pairs) < 20 {
		t.Fatalf("only %d valid values: the corpus lost its test resources", len(pairs))
	}
	for _, p := range pairs {
		for name, f := range map[string]func() error{"Validate": p.lite.Validate, "ValidateAll": p.lite.ValidateAll} {
			if err := f(); err != nil {
				t.Errorf("%s: protolite's %s: %v (PGV: valid)", p.name, name, err)
				continue
			}
			if n := testing.AllocsPerRun(20, func() { _ = f() }); n != 0 {
				t.Errorf("%s: protolite's %s allocates %.0f times on a valid value", p.name, name, n)
			}
		}
	}
}
