package runtime

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	// Defines the -update flag that `go test ./... -update` passes to every
	// test binary of the module.
	_ "github.com/protolite/protolite/internal/plugintest"
)

// formatCase is one row of a format table: the input and whether the
// checker accepts it.
type formatCase struct {
	in   string
	want bool
}

// fmtLabel returns a host-name label of n bytes.
func fmtLabel(n int) string { return strings.Repeat("a", n) }

// fmtHostOfLen returns a valid host name of exactly n bytes (n >= 1), made of
// 63-byte labels and a shorter last one, none empty.
func fmtHostOfLen(n int) string {
	var b strings.Builder
	for n > 0 {
		if b.Len() > 0 {
			b.WriteByte('.')
			n--
		}
		l := min(n, 63)
		if n-l == 1 { // do not leave one byte for a dot and an empty label
			l--
		}
		b.WriteString(fmtLabel(l))
		n -= l
	}
	return b.String()
}

var hostnameCases = []formatCase{
	{"example.com", true},
	{"EXAMPLE.COM", true},
	{"a", true},
	{"localhost", true},
	{"a-b.c-d", true},
	{"a--b.com", true},                      // inner double hyphen (punycode uses it)
	{"xn--nxasmq6b.com", true},              // IDN in ASCII (punycode) form
	{"1.2.3", true},                         // all-digit labels are allowed (as PGV)
	{"1.2.3.4", true},                       // so an IPv4 address is also a host name
	{"256.0.0.1", true},                     // and so is this
	{"0xyz.com", true},                      // RFC 1123: a label may start with a digit
	{"example.com.", true},                  // one trailing dot
	{fmtLabel(63) + ".com", true},           // 63-byte label
	{fmtLabel(64) + ".com", false},          // 64-byte label
	{fmtLabel(63), true},                    // 63-byte single label
	{fmtLabel(64), false},                   // 64-byte single label
	{fmtHostOfLen(253), true},               // 253 bytes
	{fmtHostOfLen(254), false},              // 254 bytes
	{fmtHostOfLen(252) + ".", true},         // 253 bytes with the trailing dot
	{fmtHostOfLen(253) + ".", false},        // 254 bytes with the trailing dot (as PGV)
	{"", false},                             // empty
	{".", false},                            // root alone
	{"example.com..", false},                // two trailing dots
	{".example.com", false},                 // leading dot
	{"a..b", false},                         // empty label
	{"-a.com", false},                       // label starts with hyphen
	{"a-.com", false},                       // label ends with hyphen
	{"a.-b", false},                         // label starts with hyphen
	{"a.b-", false},                         // last label ends with hyphen
	{"-", false},                            // hyphen alone
	{"a_b.com", false},                      // underscore
	{"_srv._tcp.example.com", false},        // service labels
	{" example.com", false},                 // leading space
	{"example.com ", false},                 // trailing space
	{"exa mple.com", false},                 // inner space
	{"bücher.de", false},                    // IDN in Unicode form
	{"例え.jp", false},                        // IDN in Unicode form
	{"example.com:80", false},               // port
	{"[::1]", false},                        // bracketed IP
	{"::1", false},                          // IPv6 is not a host name
	{"a/b", false},                          // slash
	{"a@b", false},                          // at
	{"a\x00b", false},                       // NUL
	{"a\nb", false},                         // newline
	{"exam%70le.com", false},                // percent-encoding
	{"*.example.com", false},                // wildcard
	{"example.com\u200b", false},            // zero-width space
	{strings.Repeat("a.", 126) + "a", true}, // 253 bytes of one-byte labels
}

func TestIsHostname(t *testing.T) {
	for _, tc := range hostnameCases {
		assert.Equal(t, tc.want, IsHostname(tc.in), "IsHostname(%q) (%d bytes)", tc.in, len(tc.in))
	}
}

var emailCases = []formatCase{
	{"a@example.com", true},
	{"user.name+tag@example.co.uk", true},
	{"USER@EXAMPLE.COM", true},
	{"a@localhost", true},                     // a one-label domain is a host name
	{"!#$%&'*+-/=?^_`{|}~@example.com", true}, // every atext symbol
	{"a.b.c@example.com", true},
	{"1@1.2.3.4", true}, // the domain is a host name, and this is one
	{"a@xn--bcher-kva.de", true},
	{fmtLabel(64) + "@example.com", true},  // 64-byte local part
	{fmtLabel(65) + "@example.com", false}, // 65-byte local part
	{"a@" + fmtHostOfLen(253), true},       // 253-byte domain
	{"a@" + fmtHostOfLen(254), false},      // 254-byte domain
	{fmtLabel(64) + "@" + fmtHostOfLen(253), true},
	{"", false},
	{"@", false},
	{"@example.com", false},                   // empty local part
	{"a@", false},                             // empty domain
	{"a", false},                              // no @
	{"example.com", false},                    // no @
	{"a@b@example.com", false},                // two @
	{".a@example.com", false},                 // leading dot
	{"a.@example.com", false},                 // trailing dot
	{"a..b@example.com", false},               // doubled dot
	{"a@example.com.", false},                 // trailing dot in the domain
	{"a@.example.com", false},                 // empty label
	{"a@example..com", false},                 // empty label
	{"a@-example.com", false},                 // bad label
	{"a@exa_mple.com", false},                 // underscore in the domain
	{"a@[192.0.2.1]", false},                  // domain literal
	{"a@[IPv6:::1]", false},                   // domain literal
	{`"a b"@example.com`, false},              // quoted local part
	{`"a"@example.com`, false},                // quoted local part
	{"a b@example.com", false},                // space in the local part
	{"Alice <a@example.com>", false},          // display name
	{"<a@example.com>", false},                // angle brackets
	{"a@example.com (Alice)", false},          // comment
	{" a@example.com", false},                 // leading space
	{"a@example.com ", false},                 // trailing space
	{"a@example.com\n", false},                // trailing newline
	{"a(b)@example.com", false},               // parentheses
	{"a,b@example.com", false},                // comma
	{"a;b@example.com", false},                // semicolon
	{"a\\b@example.com", false},               // backslash
	{"jürgen@example.com", false},             // non-ASCII local part (RFC 6532)
	{"a@bücher.de", false},                    // non-ASCII domain
	{"a%40b@example.com", true},               // % is atext: not an encoding, a character
	{"a@exam%70le.com", false},                // percent in the domain
	{"a@example.com:25", false},               // port
	{"a@" + fmtLabel(64) + ".com", false},     // over-long label
	{"a@\x00.com", false},                     // NUL
	{strings.Repeat("a", 64) + "@b", true},    // short domain, long local part
	{strings.Repeat("a.", 32) + "@b", false},  // trailing dot in a 64-byte local part
	{strings.Repeat("a.", 32) + "a@b", false}, // 65 bytes
	{strings.Repeat("a.", 31) + "aa@b", true}, // 64 bytes
	{"mailto:a@example.com", false},           // ':' is not atext
	{"a@example.com/", false},                 // slash in domain
}

func TestIsEmail(t *testing.T) {
	for _, tc := range emailCases {
		assert.Equal(t, tc.want, IsEmail(tc.in), "IsEmail(%q)", tc.in)
	}
}

// ipCases has the IP rows: the input and what IsIPv4 and IsIPv6 say. IsIP
// is their disjunction, and netip.ParseAddr agrees (see ipFuzzWant).
var ipCases = []struct {
	in         string
	ipv4, ipv6 bool
}{
	{"0.0.0.0", true, false},
	{"127.0.0.1", true, false},
	{"192.0.2.1", true, false},
	{"255.255.255.255", true, false},
	{"1.2.3.4", true, false},
	{"::", false, true},
	{"::1", false, true},
	{"1::", false, true},
	{"2001:db8::1", false, true},
	{"2001:DB8::1", false, true},
	{"2001:0db8:0000:0000:0000:0000:0000:0001", false, true}, // hex groups may have leading zeros
	{"2001:db8:0:0:0:0:0:1", false, true},
	{"1:2:3:4:5:6:7:8", false, true},
	{"1:2:3:4:5:6:7::", false, true},
	{"::2:3:4:5:6:7:8", false, true},
	{"1::8", false, true},
	{"::ffff:1.2.3.4", false, true}, // IPv4-mapped: IPv6, not IPv4
	{"::ffff:102:304", false, true},
	{"::1.2.3.4", false, true},
	{"64:ff9b::192.0.2.1", false, true},
	{"1:2:3:4:5:6:1.2.3.4", false, true},
	{"1::6:1.2.3.4", false, true},
	{"fe80::1", false, true},
	{"", false, false},
	{"1.2.3", false, false},          // too short
	{"1.2.3.4.5", false, false},      // too long
	{"1.2.3.", false, false},         // empty field
	{".1.2.3", false, false},         // empty field
	{"1..2.3", false, false},         // empty field
	{"256.1.1.1", false, false},      // > 255
	{"1.1.1.256", false, false},      // > 255
	{"01.2.3.4", false, false},       // leading zero
	{"1.2.3.04", false, false},       // leading zero
	{"1.2.3.00", false, false},       // leading zero
	{"0x1.2.3.4", false, false},      // hex
	{"1.2.3.4/24", false, false},     // CIDR
	{"1.2.3.4:80", false, false},     // port
	{" 1.2.3.4", false, false},       // leading space
	{"1.2.3.4 ", false, false},       // trailing space
	{"+1.2.3.4", false, false},       // sign
	{"1.2.3.4%eth0", false, false},   // zone on IPv4
	{"１.２.３.４", false, false},        // full-width digits
	{"fe80::1%eth0", false, false},   // zone
	{"fe80::1%25eth0", false, false}, // URI-style zone
	{"fe80::1%", false, false},       // empty zone
	{"%eth0", false, false},          // zone alone
	{"[::1]", false, false},          // brackets
	{"::/0", false, false},           // prefix length
	{":", false, false},
	{":::", false, false},
	{"1:2:3:4:5:6:7:8:9", false, false},     // nine groups
	{"1:2:3:4:5:6:7", false, false},         // seven groups, no ::
	{"1:2:3:4:5:6:7:8::", false, false},     // :: standing for no group
	{"::1:2:3:4:5:6:7:8", false, false},     // :: standing for no group
	{"1::2::3", false, false},               // two ::
	{"1:::2", false, false},                 // three colons
	{":1::", false, false},                  // leading single colon
	{"1::2:", false, false},                 // trailing single colon
	{"12345::", false, false},               // five hex digits
	{"00000::1", false, false},              // five hex digits, zeros
	{"g::1", false, false},                  // not hex
	{"::ffff:01.2.3.4", false, false},       // leading zero in embedded IPv4
	{"::ffff:1.2.3", false, false},          // short embedded IPv4
	{"::ffff:256.2.3.4", false, false},      // > 255 in embedded IPv4
	{"1.2.3.4::", false, false},             // IPv4 first
	{"1:2:3:4:5:6:7:1.2.3.4", false, false}, // embedded IPv4 not in the last 32 bits
	{"1:2:3:4:5:6::1.2.3.4", false, false},  // :: standing for no group
	{"::1.2.3.4:1", false, false},           // embedded IPv4 not last
	{"::abcd.1.2.3", false, false},          // hex before a dot
	{" ::1", false, false},                  // leading space
	{"::1 ", false, false},                  // trailing space
}

func TestIsIP(t *testing.T) {
	for _, tc := range ipCases {
		assert.Equal(t, tc.ipv4, IsIPv4(tc.in), "IsIPv4(%q)", tc.in)
		assert.Equal(t, tc.ipv6, IsIPv6(tc.in), "IsIPv6(%q)", tc.in)
		assert.Equal(t, tc.ipv4 || tc.ipv6, IsIP(tc.in), "IsIP(%q)", tc.in)
		assert.Equal(t, ipFuzzWant(tc.in), IsIP(tc.in), "IsIP(%q) against netip", tc.in)
	}
}

func TestIsAddress(t *testing.T) {
	cases := []formatCase{
		{"example.com", true},
		{"example.com.", true},
		{"localhost", true},
		{"192.0.2.1", true},
		{"::1", true},
		{"2001:db8::1", true},
		{"::ffff:1.2.3.4", true},
		{"1.2.3", true},     // a host name
		{"256.1.1.1", true}, // a host name
		{"", false},
		{"[::1]", false},
		{"fe80::1%eth0", false},
		{"example.com:80", false},
		{"192.0.2.1:80", false},
		{" example.com", false},
		{"bücher.de", false},
		{"a_b", false},
		{fmtHostOfLen(254), false},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, IsAddress(tc.in), "IsAddress(%q)", tc.in)
	}
}

var uuidCases = []formatCase{
	{"123e4567-e89b-12d3-a456-426614174000", true},
	{"123E4567-E89B-12D3-A456-426614174000", true}, // uppercase
	{"123e4567-E89B-12d3-A456-426614174000", true}, // mixed case
	{"00000000-0000-0000-0000-000000000000", true}, // nil
	{"ffffffff-ffff-ffff-ffff-ffffffffffff", true}, // max
	{"01890a5d-ac96-774b-bcce-b302099a8057", true}, // version 7
	{"123e4567-e89b-f2d3-0456-426614174000", true}, // any version and variant
	{"", false},
	{"123e4567e89b12d3a456426614174000", false},       // no hyphens
	{"{123e4567-e89b-12d3-a456-426614174000}", false}, // braces
	{"urn:uuid:123e4567-e89b-12d3-a456-426614174000", false},
	{"123e4567-e89b-12d3-a456-42661417400", false},   // short
	{"123e4567-e89b-12d3-a456-4266141740000", false}, // long
	{"123e4567-e89b-12d3-a456_426614174000", false},  // wrong separator
	{"123e456-7e89b-12d3-a456-426614174000", false},  // misplaced hyphen
	{"123e4567-e89b-12d3-a456-42661417400g", false},  // not hex
	{" 123e4567-e89b-12d3-a456-426614174000", false}, // leading space
	{"123e4567-e89b-12d3-a456-426614174000 ", false}, // trailing space
	{"123e4567-e89b-12d3-a456-4266141740\u00e9", false},
}

func TestIsUUID(t *testing.T) {
	for _, tc := range uuidCases {
		assert.Equal(t, tc.want, IsUUID(tc.in), "IsUUID(%q)", tc.in)
	}
}

// uriCases has the URI rows: the input, what IsURI says and what IsURIRef
// says.
var uriCases = []struct {
	in          string
	uri, uriRef bool
}{
	{"http://example.com", true, true},
	{"https://example.com/a/b?c=d&e=f#g", true, true},
	{"HTTP://EXAMPLE.COM/", true, true},
	{"ftp://user:pass@ftp.example.com:21/file.txt", true, true},
	{"http://example.com:", true, true}, // empty port
	{"http://example.com:8080", true, true},
	{"http://192.0.2.1/", true, true},
	{"http://[::1]/", true, true},
	{"http://[2001:db8::1]:443/", true, true},
	{"http://[::ffff:1.2.3.4]/", true, true},
	{"http://[v1.fe80::a+en1]/", true, true}, // IPvFuture
	{"http://[V7.x]/", true, true},           // IPvFuture, uppercase v
	{"file:///etc/hosts", true, true},        // empty authority
	{"file:/etc/hosts", true, true},          // path-absolute
	{"mailto:a@example.com", true, true},     // path-rootless
	{"urn:isbn:0451450523", true, true},
	{"urn:uuid:123e4567-e89b-12d3-a456-426614174000", true, true},
	{"tel:+1-816-555-1212", true, true},
	{"data:,", true, true},
	{"a:", true, true}, // path-empty
	{"a:?q", true, true},
	{"a:#f", true, true},
	{"a+b-c.d:x", true, true},                // scheme characters
	{"http://a/%7Efoo", true, true},          // percent-encoding
	{"http://a/%7efoo", true, true},          // lowercase hex
	{"http://ex%41mple.com/", true, true},    // percent-encoding in the host
	{"http://a/b;c=d,e", true, true},         // sub-delims
	{"http://a/b:c@d", true, true},           // ':' and '@' in the path
	{"http://a/?q=/?:@", true, true},         // '/', '?', ':' and '@' in the query
	{"http://a/#f/?:@", true, true},          // and in the fragment
	{"http://a/?", true, true},               // empty query
	{"http://a/#", true, true},               // empty fragment
	{"http://a//b", true, true},              // empty segment
	{"http://!$&'()*+,;=@a/", true, true},    // userinfo sub-delims
	{"http://a.b-c_d~e/", true, true},        // unreserved host
	{"http://xn--bcher-kva.de/", true, true}, // IDN in punycode
	{"http://b%C3%BCcher.de/", true, true},   // IDN percent-encoded
	{"http://a/b%C3%BC", true, true},
	{"http://a:b:c/", false, false},           // ':' in the host
	{"http://a:8o/", false, false},            // port not digits
	{"http://[::1]x/", false, false},          // junk after ]
	{"http://[::1/", false, false},            // no ]
	{"http://::1/", false, false},             // unbracketed IPv6
	{"http://[1.2.3.4]/", false, false},       // IPv4 in brackets
	{"http://[fe80::1%25en0]/", false, false}, // zone (RFC 6874)
	{"http://[fe80::1%en0]/", false, false},   // zone
	{"http://[v1]/", false, false},            // IPvFuture without "."
	{"http://[v.x]/", false, false},           // IPvFuture without hex
	{"http://[v1.]/", false, false},           // IPvFuture without tail
	{"http://[]/", false, false},              // empty brackets
	{"http://a@b@c/", false, false},           // two @
	{"http://a b/", false, false},             // space in the host
	{"http://a/b c", false, false},            // space in the path
	{"http://a/?b c", false, false},           // space in the query
	{"http://a/#b c", false, false},           // space in the fragment
	{"http://a/#b#c", false, false},           // '#' in the fragment
	{"http://a/%", false, false},              // truncated percent-encoding
	{"http://a/%4", false, false},             // truncated percent-encoding
	{"http://a/%zz", false, false},            // bad percent-encoding
	{"http://a/?%zz", false, false},           // bad percent-encoding in the query
	{"http://a/#%g0", false, false},           // bad percent-encoding in the fragment
	{"http://a%2/", false, false},             // bad percent-encoding in the host
	{"http://a/ü", false, false},              // non-ASCII (IRI)
	{"http://bücher.de/", false, false},       // non-ASCII host
	{"http://a/<b>", false, false},            // < >
	{"http://a/\"b\"", false, false},          // quotes
	{"http://a/{b}", false, false},            // braces
	{"http://a/b|c", false, false},            // pipe
	{"http://a/b\\c", false, false},           // backslash
	{"http://a/^", false, false},              // caret
	{"http://a/`", false, false},              // backquote
	{"http://a/[b]", false, false},            // brackets outside the host
	{"http://a/\x00", false, false},           // NUL
	{"http://a/\n", false, false},             // newline
	{"http://a/\x7f", false, false},           // DEL
	{" http://a/", false, false},              // leading space
	{"http://a/ ", false, false},              // trailing space
	{"http://a/\t", false, false},             // trailing tab
	{"1http://a/", false, false},              // scheme starts with a digit; as a reference its first segment has ':'
	{"+a:b", false, false},                    // scheme starts with '+'
	{"a_b:c", false, false},                   // '_' in the scheme; as a reference its first segment has ':'
	{":a", false, false},                      // empty scheme
	{"://a", false, false},                    // empty scheme
	{"", false, true},                         // empty reference
	{"/", false, true},
	{"//example.com", false, true}, // network-path reference
	{"//example.com:80/a?b#c", false, true},
	{"//", false, true}, // empty authority
	{"///a", false, true},
	{"/a/b", false, true}, // path-absolute
	{"a/b", false, true},  // path-noscheme
	{"a", false, true},
	{".", false, true},
	{"..", false, true},
	{"../a/b:c", false, true}, // ':' after the first segment
	{"./a:b", false, true},    // the usual escape for a colon
	{"a/b:c", false, true},
	{"?q", false, true},
	{"#f", false, true},
	{"?", false, true},
	{"#", false, true},
	{"%41", false, true},
	{"a%3Ab", false, true}, // encoded colon
	{"a b", false, false},  // space
	{"%", false, false},
	{"%zz", false, false},
	{"#a#b", false, false},
	{"//a b", false, false},
	{"//[::1", false, false},
	{"//a:x", false, false},
	{"1:2", false, false},          // not a scheme; first segment has ':'
	{"@:x", false, false},          // first segment has ':'
	{"example.com:80", true, true}, // a scheme "example.com" and path "80"
	{"localhost:8080", true, true}, // likewise
	{"C:\\dir", false, false},      // backslash
	{"C:/dir", true, true},         // scheme "C"
}

func TestIsURI(t *testing.T) {
	for _, tc := range uriCases {
		assert.Equal(t, tc.uri, IsURI(tc.in), "IsURI(%q)", tc.in)
		assert.Equal(t, tc.uriRef, IsURIRef(tc.in), "IsURIRef(%q)", tc.in)
		assert.Equal(t, tc.uriRef, uriRefOracle(tc.in), "uriRefOracle(%q)", tc.in)
	}
}

func TestIsIPBytes(t *testing.T) {
	for n := range 33 {
		b := make([]byte, n)
		assert.Equal(t, n == 4 || n == 16, IsIPBytes(b), "IsIPBytes(%d bytes)", n)
		assert.Equal(t, n == 4, IsIPv4Bytes(b), "IsIPv4Bytes(%d bytes)", n)
		assert.Equal(t, n == 16, IsIPv6Bytes(b), "IsIPv6Bytes(%d bytes)", n)
	}
	assert.False(t, IsIPBytes(nil))
	assert.False(t, IsIPv4Bytes(nil))
	assert.False(t, IsIPv6Bytes(nil))
	mapped := []byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1}
	assert.False(t, IsIPv4Bytes(mapped), "a 16-byte IPv4-mapped address is not 4 bytes")
	assert.True(t, IsIPv6Bytes(mapped), "a 16-byte IPv4-mapped address is 16 bytes")
	assert.True(t, IsIPBytes(mapped))
}

// TestFormatsDoNotAllocate checks that no checker allocates, for valid and
// for invalid input alike.
func TestFormatsDoNotAllocate(t *testing.T) {
	check := func(name string, f func(string) bool, in string) {
		t.Helper()
		var sink bool
		allocs := testing.AllocsPerRun(100, func() { sink = f(in) })
		assert.Zero(t, allocs, "%s(%q) allocates", name, in)
		_ = sink
	}
	for _, tc := range hostnameCases {
		check("IsHostname", IsHostname, tc.in)
		check("IsAddress", IsAddress, tc.in)
	}
	for _, tc := range emailCases {
		check("IsEmail", IsEmail, tc.in)
	}
	for _, tc := range ipCases {
		check("IsIP", IsIP, tc.in)
		check("IsIPv4", IsIPv4, tc.in)
		check("IsIPv6", IsIPv6, tc.in)
		check("IsAddress", IsAddress, tc.in)
	}
	for _, tc := range uuidCases {
		check("IsUUID", IsUUID, tc.in)
	}
	for _, tc := range uriCases {
		check("IsURI", IsURI, tc.in)
		check("IsURIRef", IsURIRef, tc.in)
	}
	b4, b16 := make([]byte, 4), make([]byte, 16)
	for _, b := range [][]byte{nil, b4, b16} {
		var sink bool
		assert.Zero(t, testing.AllocsPerRun(100, func() {
			sink = IsIPBytes(b) || IsIPv4Bytes(b) || IsIPv6Bytes(b)
		}))
		_ = sink
	}
}
