package library_test

import (
	goruntime "runtime"
	"testing"
	"time"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/golden/fieldmask/library"
	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/runtime"
)

// The benchmarks run on Book, a mid-size message (34 fields: a nested
// message, repeated fields, maps, a oneof), with a 5-path mask whose map
// key (labels.env) sends the generated methods down the general route (the
// mask parsed into a tree), and with literalMask, the same but for the
// whole map, which takes the literal route:
//
//	go test ./golden/fieldmask/library -run '^$' -bench . -benchmem

var benchMask = &fieldmaskpb.FieldMask{Paths: []string{"title", "author.given_name", "labels.env", "rating", "tags"}}

var literalMask = &fieldmaskpb.FieldMask{Paths: []string{"title", "author.given_name", "labels", "rating", "tags"}}

// rotatingMasks are benchMask's paths in other orders: cycling through them,
// no mask comes twice in a row, so the generated methods' cache never keeps
// one and every call parses its mask (the "uncached" benchmarks).
var rotatingMasks = []*fieldmaskpb.FieldMask{
	{Paths: []string{"tags", "title", "author.given_name", "labels.env", "rating"}},
	{Paths: []string{"rating", "tags", "title", "author.given_name", "labels.env"}},
	{Paths: []string{"labels.env", "rating", "tags", "title", "author.given_name"}},
}

func benchBook() *library.Book {
	b := fullBook()
	b.Cover = []byte("cover")
	b.Note = &library.Book_Note{Text: "n", Page: 3}
	b.Weights = []float64{1, 2}
	return b
}

// onCopies runs fn b.N times, each on a fresh copy of msg; the copies are
// made in large batches with the timer stopped. Besides ns/op (wall time,
// which a loaded machine inflates) it reports cpu-ns/op, the process's CPU
// time per operation while the timer runs.
func onCopies(b *testing.B, msg *library.Book, fn func(*library.Book) error) {
	const batch = 4096
	pool := make([]*library.Book, batch)
	var cpu time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	start := plugintest.CPUTime()
	for i := 0; i < b.N; i++ {
		if i%batch == 0 {
			cpu += plugintest.CPUTime() - start
			b.StopTimer()
			for j := range pool {
				pool[j] = proto.CloneOf(msg)
			}
			goruntime.GC() // so that collecting the copies' garbage does not run in the timed part
			b.StartTimer()
			start = plugintest.CPUTime()
		}
		if err := fn(pool[i%batch]); err != nil {
			b.Fatal(err)
		}
	}
	cpu += plugintest.CPUTime() - start
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// loop runs fn b.N times and reports cpu-ns/op as onCopies does.
func loop(b *testing.B, fn func() error) {
	b.ReportAllocs()
	b.ResetTimer()
	start := plugintest.CPUTime()
	for i := 0; i < b.N; i++ {
		if err := fn(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((plugintest.CPUTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

func BenchmarkFilter(b *testing.B) {
	msg := benchBook()
	b.Run("generated", func(b *testing.B) {
		onCopies(b, msg, func(x *library.Book) error { return x.FilterMask(benchMask) })
	})
	b.Run("generated-literal", func(b *testing.B) {
		onCopies(b, msg, func(x *library.Book) error { return x.FilterMask(literalMask) })
	})
	b.Run("generated-uncached", func(b *testing.B) {
		i := 0
		onCopies(b, msg, func(x *library.Book) error {
			i++
			return x.FilterMask(rotatingMasks[i%3])
		})
	})
	b.Run("generated-parsed", func(b *testing.B) {
		pm, err := library.ParseBookMask(benchMask)
		if err != nil {
			b.Fatal(err)
		}
		onCopies(b, msg, func(x *library.Book) error { return x.FilterParsedMask(pm) })
	})
	b.Run("reflective", func(b *testing.B) {
		onCopies(b, msg, func(x *library.Book) error { return runtime.FilterMask(x, benchMask) })
	})
}

func BenchmarkPrune(b *testing.B) {
	msg := benchBook()
	b.Run("generated", func(b *testing.B) {
		onCopies(b, msg, func(x *library.Book) error { return x.PruneMask(benchMask) })
	})
	b.Run("generated-literal", func(b *testing.B) {
		onCopies(b, msg, func(x *library.Book) error { return x.PruneMask(literalMask) })
	})
	b.Run("reflective", func(b *testing.B) {
		onCopies(b, msg, func(x *library.Book) error { return runtime.PruneMask(x, benchMask) })
	})
}

func BenchmarkApply(b *testing.B) {
	src := benchBook()
	src.Title = "New title"
	src.Author.GivenName = "New"
	src.Labels["env"] = "dev"
	dst := benchBook()
	b.Run("generated", func(b *testing.B) {
		loop(b, func() error { return dst.ApplyMask(src, benchMask) })
	})
	b.Run("generated-literal", func(b *testing.B) {
		loop(b, func() error { return dst.ApplyMask(src, literalMask) })
	})
	b.Run("generated-uncached", func(b *testing.B) {
		i := 0
		loop(b, func() error {
			i++
			return dst.ApplyMask(src, rotatingMasks[i%3])
		})
	})
	b.Run("generated-parsed", func(b *testing.B) {
		pm, err := library.ParseBookMask(benchMask)
		if err != nil {
			b.Fatal(err)
		}
		loop(b, func() error { return dst.ApplyParsedMask(src, pm) })
	})
	b.Run("reflective", func(b *testing.B) {
		loop(b, func() error { return runtime.ApplyMask(dst, src, benchMask) })
	})
}

func BenchmarkValidate(b *testing.B) {
	msg := benchBook()
	b.Run("generated", func(b *testing.B) {
		loop(b, func() error { return msg.ValidateMask(benchMask) })
	})
	b.Run("generated-literal", func(b *testing.B) {
		loop(b, func() error { return msg.ValidateMask(literalMask) })
	})
	b.Run("reflective", func(b *testing.B) {
		loop(b, func() error { return runtime.ValidateMask(msg, benchMask) })
	})
}

// TestFilterAllocatesNothing pins the zero-allocation promise of the
// generated Filter and Prune.
func TestFilterAllocatesNothing(t *testing.T) {
	msg := benchBook()
	copies := make([]*library.Book, 400)
	for i := range copies {
		copies[i] = proto.CloneOf(msg)
	}
	// Warm the pool.
	_ = proto.CloneOf(msg).FilterMask(benchMask)
	i := 0
	allocs := testing.AllocsPerRun(100, func() {
		_ = copies[i].FilterMask(benchMask)
		_ = copies[i+100].PruneMask(benchMask)
		_ = copies[i+200].FilterMask(literalMask)
		_ = copies[i+200].PruneMask(literalMask)
		i++
	})
	if allocs != 0 {
		t.Errorf("FilterMask and PruneMask allocate %v times per call, want 0", allocs)
	}
	// Masks that change at every call are parsed each time, into pooled
	// trees: no allocation either.
	other := &fieldmaskpb.FieldMask{Paths: []string{"name", "shelves.*.books.*.title", "sizes.42"}}
	i = 0
	allocs = testing.AllocsPerRun(100, func() {
		_ = copies[i].FilterMask(other)
		_ = copies[i+100].PruneMask(benchMask)
		i++
	})
	if allocs != 0 {
		t.Errorf("FilterMask and PruneMask with changing masks allocate %v times per call, want 0", allocs)
	}
}
