package pgv

import (
	"errors"
	"testing"

	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/protolite/protolite/runtime"
)

// firstViolation returns the field and reason of err's first violation, or
// empty strings for nil.
func firstViolation(t *testing.T, err error) (string, string) {
	t.Helper()
	if err == nil {
		return "", ""
	}
	var verr *runtime.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("error %v is not a *runtime.ValidationError", err)
	}
	v := verr.Violations()[0]
	return v.Field, v.Reason
}

// TestWellKnownRegex checks PGV's HTTP header forms, strict and not, as
// Envoy's API uses them.
func TestWellKnownRegex(t *testing.T) {
	valid := func() *Header { return &Header{Name: ":authority", Value: "text/html; q=0.9\tx"} }
	tests := []struct {
		name   string
		edit   func(h *Header)
		field  string
		reason string
	}{
		{"valid", func(h *Header) {}, "", ""},
		{"CRLF injection in a value", func(h *Header) { h.Value = "a\r\nInjected: 1" }, "value", "STRING_WELL_KNOWN_REGEX"},
		{"DEL in a value", func(h *Header) { h.Value = "a\x7f" }, "value", "STRING_WELL_KNOWN_REGEX"},
		{"UTF-8 in a value", func(h *Header) { h.Value = "café" }, "", ""},
		{"space in a name", func(h *Header) { h.Name = "x header" }, "name", "STRING_WELL_KNOWN_REGEX"},
		{"colon inside a name", func(h *Header) { h.Name = "a:b" }, "name", "STRING_WELL_KNOWN_REGEX"},
		{"comma in a name, as PGV's class allows", func(h *Header) { h.Name = "a,b" }, "", ""},
		{"empty name", func(h *Header) { h.Name = "" }, "name", "STRING_MIN_LEN"},
		{"loose name with a space", func(h *Header) { h.LooseName = "x header" }, "", ""},
		{"loose name with LF", func(h *Header) { h.LooseName = "x\nheader" }, "loose_name", "STRING_WELL_KNOWN_REGEX"},
		{"loose value with a control character", func(h *Header) { h.LooseValue = "bell\x07" }, "", ""},
		{"loose value with NUL", func(h *Header) { h.LooseValue = "nul\x00" }, "loose_value", "STRING_WELL_KNOWN_REGEX"},
		{"loose value with CR", func(h *Header) { h.LooseValue = "a\rb" }, "loose_value", "STRING_WELL_KNOWN_REGEX"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := valid()
			tt.edit(h)
			for name, err := range map[string]error{"Validate": h.Validate(), "ValidateAll": h.ValidateAll()} {
				field, reason := firstViolation(t, err)
				if field != tt.field || reason != tt.reason {
					t.Errorf("%s: first violation %q %q, want %q %q (%v)", name, field, reason, tt.field, tt.reason, err)
				}
			}
		})
	}
}

// TestPGVOptions checks PGV's message and oneof options and the rules the
// front-end accepts with a warning.
func TestPGVOptions(t *testing.T) {
	valid := func() *Route {
		return &Route{
			Name:     "r",
			Timeout:  durationpb.New(0),
			Action:   &Route_Cluster{Cluster: "c"},
			Metadata: &Header{Name: "a"},
		}
	}
	tests := []struct {
		name   string
		edit   func(r *Route)
		field  string
		reason string
	}{
		{"valid", func(r *Route) {}, "", ""},
		{"required oneof unset", func(r *Route) { r.Action = nil }, "action", "ONEOF_REQUIRED"},
		// message.required on the member has no effect, as in PGV: a
		// member set to a nil message is not a violation.
		{"oneof member set to nil", func(r *Route) { r.Action = &Route_Redirect{} }, "", ""},
		{"any.required on a non-Any message is a presence check", func(r *Route) { r.Metadata = nil }, "metadata", "REQUIRED"},
		{"any rules do not validate inside a non-Any message, as in PGV", func(r *Route) { r.Metadata = &Header{Name: "bad name"} }, "", ""},
		{"any.in on an Any", func(r *Route) { r.TypedConfig = &anypb.Any{TypeUrl: "type.googleapis.com/x"} }, "typed_config", "ANY_IN"},
		{"nested header", func(r *Route) { r.Headers = []*Header{{Name: "bad name"}} }, "headers[0].name", "STRING_WELL_KNOWN_REGEX"},
		{"invalid duration under required", func(r *Route) { r.Timeout = &durationpb.Duration{Seconds: 1, Nanos: -5} }, "timeout", "DURATION_INVALID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := valid()
			tt.edit(r)
			field, reason := firstViolation(t, r.ValidateAll())
			if field != tt.field || reason != tt.reason {
				t.Errorf("first violation %q %q, want %q %q", field, reason, tt.field, tt.reason)
			}
		})
	}
}

// TestEveryMessageHasMethods checks that, as with PGV, every message of a
// file that imports validate/validate.proto has the methods, and that
// (validate.disabled) and (validate.ignored) act as PGV's do.
func TestEveryMessageHasMethods(t *testing.T) {
	type validator interface {
		Validate() error
		ValidateAll() error
	}
	for _, m := range []any{&Plain{}, &Off{}, &Holder{}, &Header{}, &Route{}} {
		if _, ok := m.(validator); !ok {
			t.Errorf("%T has no Validate and ValidateAll methods", m)
		}
	}
	if _, ok := any(&Skipped{}).(validator); ok {
		t.Error("Skipped is (validate.ignored) but has Validate methods")
	}
	if err := (&Plain{}).ValidateAll(); err != nil {
		t.Errorf("Plain has no rules, but ValidateAll = %v", err)
	}
	if err := (&Off{}).ValidateAll(); err != nil {
		t.Errorf("Off is (validate.disabled), but ValidateAll = %v", err)
	}
	if err := (&Holder{Off: &Off{}, Plain: &Plain{}}).ValidateAll(); err != nil {
		t.Errorf("Holder does not recurse into a disabled message, but ValidateAll = %v", err)
	}
	if field, reason := firstViolation(t, (&Holder{}).ValidateAll()); field != "plain" || reason != "REQUIRED" {
		t.Errorf("Holder{} first violation %q %q, want plain REQUIRED", field, reason)
	}
}

// TestValidHeaderAllocatesNothing pins the contract's zero allocations on
// valid input for the header forms.
func TestValidHeaderAllocatesNothing(t *testing.T) {
	h := &Header{Name: "content-type", Value: "application/json", LooseName: "x", LooseValue: "y"}
	if n := testing.AllocsPerRun(100, func() {
		if h.ValidateAll() != nil || h.Validate() != nil {
			t.Fatal("valid header rejected")
		}
	}); n != 0 {
		t.Errorf("a valid header costs %v allocations, want 0", n)
	}
}
