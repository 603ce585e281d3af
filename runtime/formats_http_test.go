package runtime

import (
	"regexp"
	"testing"
)

// PGV's expressions for string.well_known_regex (its Go templates use the
// same three), which the byte loops must agree with.
var (
	pgvHeaderName   = regexp.MustCompile("^:?[0-9a-zA-Z!#$%&'*+-.^_|~\x60]+$")
	pgvHeaderValue  = regexp.MustCompile("^[^\u0000-\u0008\u000A-\u001F\u007F]*$")
	pgvHeaderString = regexp.MustCompile("^[^\u0000\u000A\u000D]*$")
)

func TestHTTPHeaderForms(t *testing.T) {
	tests := []struct {
		in                 string
		name, value, loose bool
	}{
		{in: "", name: false, value: true, loose: true},
		{in: ":", name: false, value: true, loose: true},
		{in: "::path", name: false, value: true, loose: true},
		{in: ":authority", name: true, value: true, loose: true},
		{in: "content-type", name: true, value: true, loose: true},
		{in: "X-Custom_Header.v2", name: true, value: true, loose: true},
		{in: "a,b", name: true, value: true, loose: true}, // PGV's +-. range takes ','
		{in: "!#$%&'*+-.^_|~`", name: true, value: true, loose: true},
		{in: "has space", name: false, value: true, loose: true},
		{in: "tab\there", name: false, value: true, loose: true},
		{in: "colon:inside", name: false, value: true, loose: true},
		{in: "a\r\nInjected: 1", name: false, value: false, loose: false},
		{in: "line\nfeed", name: false, value: false, loose: false},
		{in: "carriage\rreturn", name: false, value: false, loose: false},
		{in: "nul\x00byte", name: false, value: false, loose: false},
		{in: "bell\x07", name: false, value: false, loose: true},
		{in: "del\x7f", name: false, value: false, loose: true},
		{in: "unit\x1fsep", name: false, value: false, loose: true},
		{in: "héader", name: false, value: true, loose: true},
		{in: "\xff\xfe", name: false, value: true, loose: true},
		{in: "(paren)", name: false, value: true, loose: true},
		{in: "\"quoted\"", name: false, value: true, loose: true},
	}
	for _, tt := range tests {
		if got := IsHTTPHeaderName(tt.in); got != tt.name {
			t.Errorf("IsHTTPHeaderName(%q) = %v, want %v", tt.in, got, tt.name)
		}
		if got := IsHTTPHeaderValue(tt.in); got != tt.value {
			t.Errorf("IsHTTPHeaderValue(%q) = %v, want %v", tt.in, got, tt.value)
		}
		if got := IsHTTPHeaderString(tt.in); got != tt.loose {
			t.Errorf("IsHTTPHeaderString(%q) = %v, want %v", tt.in, got, tt.loose)
		}
		checkAgainstPGV(t, tt.in)
	}
}

// Every single byte, alone and inside a name, against PGV's expressions.
func TestHTTPHeaderFormsEveryByte(t *testing.T) {
	for c := 0; c < 256; c++ {
		for _, s := range []string{string([]byte{byte(c)}), "a" + string([]byte{byte(c)}) + "b", ":" + string([]byte{byte(c)})} {
			checkAgainstPGV(t, s)
		}
	}
}

func checkAgainstPGV(t *testing.T, s string) {
	t.Helper()
	if got, want := IsHTTPHeaderName(s), pgvHeaderName.MatchString(s); got != want {
		t.Errorf("IsHTTPHeaderName(%q) = %v, PGV's expression says %v", s, got, want)
	}
	if got, want := IsHTTPHeaderValue(s), pgvHeaderValue.MatchString(s); got != want {
		t.Errorf("IsHTTPHeaderValue(%q) = %v, PGV's expression says %v", s, got, want)
	}
	if got, want := IsHTTPHeaderString(s), pgvHeaderString.MatchString(s); got != want {
		t.Errorf("IsHTTPHeaderString(%q) = %v, PGV's expression says %v", s, got, want)
	}
}

func FuzzHTTPHeaderForms(f *testing.F) {
	for _, s := range []string{"", ":", ":path", "content-type", "a\r\nInjected: 1", "tab\tvalue", "\x7f", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAgainstPGV(t, s)
	})
}

func BenchmarkIsHTTPHeaderValue(b *testing.B) {
	s := "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
	b.ReportAllocs()
	for b.Loop() {
		if !IsHTTPHeaderValue(s) {
			b.Fatal("rejected")
		}
	}
}
