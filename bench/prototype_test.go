package bench

import (
	"testing"

	"github.com/protolite/protolite/bench/gen/litepb"
	"github.com/protolite/protolite/bench/gen/pgvpb"
	"github.com/protolite/protolite/bench/handwritten"
	"github.com/protolite/protolite/bench/prototype"
)

// prototypeFix is one fix of ANALYSIS.md measured on a HAND-EDITED copy
// of generated code (bench/prototype), beside the generated code
// (impl=lite), the hand-written baseline and, where it is the target, PGV.
type prototypeFix struct {
	fix, msg, input string
	impls           []impl // first only
}

func prototypeFixes() []prototypeFix {
	large, small := validLarge(), invalidSmall()
	pgvSmall := convert(small, &pgvpb.Small{})
	return []prototypeFix{
		{"noinline-add", "large", "valid", []impl{
			{name: "hand", first: func() error { return handwritten.ValidateLarge(large) }},
			{name: "lite", first: large.Validate},
			{name: "prototype", first: func() error { return prototype.ValidateLargeNoinline(large) }},
		}},
		{"fast-path", "large", "valid", []impl{
			{name: "hand", first: func() error { return handwritten.ValidateLarge(large) }},
			{name: "lite", first: large.Validate},
			{name: "prototype", first: func() error { return prototype.ValidateLargeFastPath(large) }},
		}},
		{"static-error", "small", "invalid", []impl{
			{name: "hand", first: func() error { return handwritten.ValidateSmall(small) }},
			{name: "lite", first: small.Validate},
			{name: "pgv", first: pgvSmall.Validate},
			{name: "prototype", first: func() error { return prototype.ValidateSmallStatic(small) }},
		}},
	}
}

// BenchmarkPrototype measures the validation fixes of ANALYSIS.md. The
// field-mask prototype runs inside BenchmarkMask as impl=prototype.
func BenchmarkPrototype(b *testing.B) {
	for _, f := range prototypeFixes() {
		for _, im := range f.impls {
			want := f.input == "valid"
			b.Run("fix="+f.fix+"/msg="+f.msg+"/input="+f.input+"/op=first/impl="+im.name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if err := im.first(); (err == nil) != want {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestPrototypesAgree checks that the prototypes return what the generated
// code does.
func TestPrototypesAgree(t *testing.T) {
	for _, l := range []*litepb.Large{validLarge(), invalidLarge()} {
		want := l.Validate()
		for _, got := range []error{prototype.ValidateLargeNoinline(l), prototype.ValidateLargeFastPath(l)} {
			if (want == nil) != (got == nil) || (want != nil && want.Error() != got.Error()) {
				t.Errorf("prototype: %v, generated: %v", got, want)
			}
		}
	}
	for _, s := range []*litepb.Small{validSmall(), invalidSmall(), {Name: "a", Age: 1}, {Name: "a", Age: -1}} {
		want, got := s.Validate(), prototype.ValidateSmallStatic(s)
		if (want == nil) != (got == nil) || (want != nil && want.Error() != got.Error()) {
			t.Errorf("%v: prototype: %v, generated: %v", s, got, want)
		}
	}
}
