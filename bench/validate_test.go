package bench

import (
	"testing"

	"buf.build/go/protovalidate"
	"google.golang.org/protobuf/proto"

	"github.com/protolite/protolite/bench/gen/litepb"
	"github.com/protolite/protolite/bench/gen/pgvpb"
	"github.com/protolite/protolite/bench/gen/pvpb"
	"github.com/protolite/protolite/bench/handwritten"
)

// validator is what protolite and protoc-gen-validate generate.
type validator interface {
	Validate() error
	ValidateAll() error
}

// Pre-built protovalidate validators, one stopping at the first violation
// (op=first) and one collecting every violation (op=all), warmed up on
// every message type so that no benchmark pays for building rules.
var pvFirst, pvAll = func() (protovalidate.Validator, protovalidate.Validator) {
	msgs := []proto.Message{&pvpb.Small{}, &pvpb.Mid{}, &pvpb.Large{}}
	first, err := protovalidate.New(protovalidate.WithFailFast(), protovalidate.WithMessages(msgs...))
	if err != nil {
		panic(err)
	}
	all, err := protovalidate.New(protovalidate.WithMessages(msgs...))
	if err != nil {
		panic(err)
	}
	return first, all
}()

// impl is one validation implementation: its name and its two operations.
type impl struct {
	name       string
	first, all func() error
}

func handFuncs(m proto.Message) (first, all func() error) {
	switch x := m.(type) {
	case *litepb.Small:
		return func() error { return handwritten.ValidateSmall(x) }, func() error { return handwritten.ValidateSmallAll(x) }
	case *litepb.Mid:
		return func() error { return handwritten.ValidateMid(x) }, func() error { return handwritten.ValidateMidAll(x) }
	case *litepb.Large:
		return func() error { return handwritten.ValidateLarge(x) }, func() error { return handwritten.ValidateLargeAll(x) }
	}
	panic("no hand-written validator")
}

// impls returns the implementations in the order of the tables: the
// hand-written baseline, protolite, then the peers.
func impls(in input) []impl {
	hf, ha := handFuncs(in.lite)
	lite := in.lite.(validator)
	pgv := in.pgv.(validator)
	return []impl{
		{"hand", hf, ha},
		{"lite", lite.Validate, lite.ValidateAll},
		{"pgv", pgv.Validate, pgv.ValidateAll},
		{"protovalidate", func() error { return pvFirst.Validate(in.pv) }, func() error { return pvAll.Validate(in.pv) }},
	}
}

// TestImplementationsAgree checks that every implementation accepts the
// valid inputs and rejects the invalid ones, so that the benchmarks compare
// the same work.
func TestImplementationsAgree(t *testing.T) {
	for _, sc := range scenarios() {
		for _, im := range impls(sc.in) {
			for op, fn := range map[string]func() error{"first": im.first, "all": im.all} {
				err := fn()
				if (err == nil) != (sc.input == "valid") {
					t.Errorf("%s/%s/%s/%s: err = %v", sc.msg, sc.input, op, im.name, err)
				}
			}
		}
	}
}

// TestValidDoesNotAllocate pins the zero-allocation promise of the
// generated and the hand-written validators.
func TestValidDoesNotAllocate(t *testing.T) {
	for _, sc := range scenarios() {
		if sc.input != "valid" {
			continue
		}
		for _, im := range impls(sc.in)[:2] {
			if n := testing.AllocsPerRun(20, func() { _ = im.first(); _ = im.all() }); n != 0 {
				t.Errorf("%s/%s: %v allocations per run, want 0", sc.msg, im.name, n)
			}
		}
	}
}

// BenchmarkValidate runs Validate (op=first: stop at the first violation)
// and ValidateAll (op=all) of every implementation on every scenario.
func BenchmarkValidate(b *testing.B) {
	for _, sc := range scenarios() {
		for _, op := range []string{"first", "all"} {
			for _, im := range impls(sc.in) {
				fn := im.first
				if op == "all" {
					fn = im.all
				}
				want := sc.input == "valid"
				b.Run("msg="+sc.msg+"/input="+sc.input+"/op="+op+"/impl="+im.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if err := fn(); (err == nil) != want {
							b.Fatalf("unexpected result %v", err)
						}
					}
				})
			}
		}
	}
}

var (
	_ validator = (*pgvpb.Mid)(nil)
	_ validator = (*litepb.Mid)(nil)
)
