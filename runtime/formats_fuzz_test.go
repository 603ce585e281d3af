package runtime

import (
	"net/mail"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// The fuzz targets check that each checker never panics and agrees with an
// independent reference: the standard library where it has a parser for
// the format (net/netip, net/mail, net/url), and otherwise a regular
// expression written from the grammar. Where the standard library is laxer
// or stricter than the documented format, the target says so and checks
// only what is comparable.

// formatSeedStrings are added to every string target's corpus, besides the rows
// of the format tables.
var formatSeedStrings = []string{
	"", " ", ".", "..", ":", "::", "@", "%", "[", "]", "/", "//", "?", "#",
	"\x00", "\xff", "é", "\u200b",
}

func addFormatSeeds(f *testing.F, extra ...[]string) {
	for _, s := range formatSeedStrings {
		f.Add(s)
	}
	for _, list := range extra {
		for _, s := range list {
			f.Add(s)
		}
	}
}

func formatInputs[T any](rows []T, in func(T) string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = in(r)
	}
	return out
}

func hostnameInputs() []string {
	return formatInputs(hostnameCases, func(c formatCase) string { return c.in })
}

func emailInputs() []string {
	return formatInputs(emailCases, func(c formatCase) string { return c.in })
}

func uuidInputs() []string {
	return formatInputs(uuidCases, func(c formatCase) string { return c.in })
}

func ipInputs() []string {
	return formatInputs(ipCases, func(c struct {
		in         string
		ipv4, ipv6 bool
	}) string {
		return c.in
	})
}

func uriInputs() []string {
	return formatInputs(uriCases, func(c struct {
		in          string
		uri, uriRef bool
	}) string {
		return c.in
	})
}

// ipFuzzWant is what IsIP should say of s according to net/netip: whether
// ParseAddr accepts it without a zone. That is the one documented
// exception: netip accepts zones (fe80::1%eth0), the checkers do not.
func ipFuzzWant(s string) bool {
	a, err := netip.ParseAddr(s)
	return err == nil && a.Zone() == ""
}

func FuzzIsIP(f *testing.F) {
	addFormatSeeds(f, ipInputs(), hostnameInputs())
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsIP(s), ipFuzzWant(s); got != want {
			t.Errorf("IsIP(%q) = %v, netip.ParseAddr without zone says %v", s, got, want)
		}
	})
}

func FuzzIsIPv4(f *testing.F) {
	addFormatSeeds(f, ipInputs())
	f.Fuzz(func(t *testing.T, s string) {
		a, err := netip.ParseAddr(s)
		want := err == nil && a.Is4()
		if got := IsIPv4(s); got != want {
			t.Errorf("IsIPv4(%q) = %v, netip.ParseAddr says %v (%v)", s, got, want, err)
		}
	})
}

func FuzzIsIPv6(f *testing.F) {
	addFormatSeeds(f, ipInputs())
	f.Fuzz(func(t *testing.T, s string) {
		a, err := netip.ParseAddr(s)
		// The documented exception: netip accepts zones.
		want := err == nil && a.Is6() && a.Zone() == ""
		if got := IsIPv6(s); got != want {
			t.Errorf("IsIPv6(%q) = %v, netip.ParseAddr without zone says %v (%v)", s, got, want, err)
		}
	})
}

// hostnameOracle is IsHostname written as a regular expression: labels of
// letters, digits and inner hyphens, 1 to 63 bytes, one optional trailing
// dot, and at most 253 bytes in all.
var hostnameOracle = regexp.MustCompile(
	`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$`)

func hostnameWant(s string) bool {
	return len(s) <= 253 && hostnameOracle.MatchString(s)
}

func FuzzIsHostname(f *testing.F) {
	addFormatSeeds(f, hostnameInputs())
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsHostname(s), hostnameWant(s); got != want {
			t.Errorf("IsHostname(%q) = %v, the grammar says %v", s, got, want)
		}
	})
}

func FuzzIsAddress(f *testing.F) {
	addFormatSeeds(f, hostnameInputs(), ipInputs())
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsAddress(s), hostnameWant(s) || ipFuzzWant(s); got != want {
			t.Errorf("IsAddress(%q) = %v, the host-name grammar or netip says %v", s, got, want)
		}
	})
}

// dotAtomOracle matches an RFC 5322 dot-atom of ASCII atext, 1 to 64 bytes
// (the length is checked apart).
var dotAtomOracle = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")

// FuzzIsEmail checks IsEmail against the grammar and against net/mail.
// net/mail is laxer: it accepts display names, angle brackets, comments,
// quoted local parts, non-ASCII (RFC 6532), domain literals, domains that
// are dot-atoms but not host names (a@b_c) and local parts of any length.
// So the target checks that everything IsEmail accepts, net/mail accepts as
// a bare address with no name, and that where net/mail accepts a bare,
// unquoted ASCII address whose domain is a host name and whose local part
// is at most 64 bytes, IsEmail accepts it too.
func FuzzIsEmail(f *testing.F) {
	addFormatSeeds(f, emailInputs())
	f.Fuzz(func(t *testing.T, s string) {
		got := IsEmail(s)

		local, domain, found := strings.Cut(s, "@")
		want := found && len(local) <= 64 && dotAtomOracle.MatchString(local) &&
			!strings.HasSuffix(domain, ".") && hostnameWant(domain)
		if got != want {
			t.Errorf("IsEmail(%q) = %v, the grammar says %v", s, got, want)
		}

		a, err := mail.ParseAddress(s)
		if got && (err != nil || a.Name != "" || a.Address != s) {
			t.Errorf("IsEmail(%q) = true, but net/mail.ParseAddress gives %+v, %v", s, a, err)
		}
		if err == nil && a.Name == "" && a.Address == s && formatIsASCII(s) && !strings.Contains(s, `"`) {
			at := strings.LastIndexByte(s, '@')
			comparable := at <= 64 && IsHostname(s[at+1:]) && !strings.HasSuffix(s, ".")
			if comparable && !got {
				t.Errorf("IsEmail(%q) = false, but net/mail.ParseAddress accepts it", s)
			}
		}
	})
}

func formatIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var uuidOracle = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)

func FuzzIsUUID(f *testing.F) {
	addFormatSeeds(f, uuidInputs())
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsUUID(s), uuidOracle.MatchString(s); got != want {
			t.Errorf("IsUUID(%q) = %v, the grammar says %v", s, got, want)
		}
	})
}

// uriRefRE is the RFC 3986 URI-reference grammar (appendix A) as a regular
// expression, with the contents of an IP-literal captured and checked apart
// (against netip, for IPv6). Groups: 1 the scheme (empty for a relative
// reference), 2 and 3 the IP-literal of an absolute or relative reference.
var uriRefRE = func() *regexp.Regexp {
	const (
		pct      = `%[0-9A-Fa-f]{2}`
		unres    = `A-Za-z0-9\-._~`
		sub      = `!$&'()*+,;=`
		pchar    = `(?:[` + unres + sub + `:@]|` + pct + `)`
		nc       = `(?:[` + unres + sub + `@]|` + pct + `)`
		query    = `(?:` + pchar + `|[/?])*`
		userinfo = `(?:[` + unres + sub + `:]|` + pct + `)*`
		regName  = `(?:[` + unres + sub + `]|` + pct + `)*`
		ipLit    = `\[([^\]]*)\]`
		abempty  = `(?:/` + pchar + `*)*`
		absolute = `/(?:` + pchar + `+` + abempty + `)?`
		rootless = pchar + `+` + abempty
		noscheme = nc + `+` + abempty
		auth     = `(?:` + userinfo + `@)?(?:` + ipLit + `|` + regName + `)(?::[0-9]*)?`
		tail     = `(?:\?` + query + `)?(?:#` + query + `)?`
	)
	uri := `([A-Za-z][A-Za-z0-9+\-.]*):(?://` + auth + abempty + `|` + absolute + `|` + rootless + `|)` + tail
	rel := `(?://` + auth + abempty + `|` + absolute + `|` + noscheme + `|)` + tail
	return regexp.MustCompile(`^(?:` + uri + `|` + rel + `)$`)
}()

var ipvFutureRE = regexp.MustCompile(`^[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~!$&'()*+,;=:]+$`)

// uriRefOracleAbs reports whether s is a URI reference by the grammar, and
// whether it is an absolute URI.
func uriRefOracleAbs(s string) (ok, abs bool) {
	m := uriRefRE.FindStringSubmatchIndex(s)
	if m == nil {
		return false, false
	}
	for g := 2; g <= 3; g++ {
		if m[2*g] < 0 {
			continue // no IP-literal
		}
		lit := s[m[2*g]:m[2*g+1]]
		if !ipvFutureRE.MatchString(lit) {
			if a, err := netip.ParseAddr(lit); err != nil || !a.Is6() || a.Zone() != "" {
				return false, false
			}
		}
	}
	return true, m[2] >= 0 // group 1, the scheme, matched
}

func uriRefOracle(s string) bool {
	ok, _ := uriRefOracleAbs(s)
	return ok
}

// FuzzIsURIRef checks IsURIRef against the RFC 3986 grammar.
func FuzzIsURIRef(f *testing.F) {
	addFormatSeeds(f, uriInputs())
	f.Fuzz(func(t *testing.T, s string) {
		got := IsURIRef(s)
		if want := uriRefOracle(s); got != want {
			t.Errorf("IsURIRef(%q) = %v, the RFC 3986 grammar says %v", s, got, want)
		}
		if IsURI(s) && !got {
			t.Errorf("IsURI(%q) but not IsURIRef", s)
		}
		if got && !netURLAccepts(s) {
			t.Errorf("IsURIRef(%q) = true, but net/url.Parse rejects it", s)
		}
	})
}

// netURLAccepts reports whether net/url.Parse accepts s, setting aside the
// RFC 3986 forms that net/url deliberately rejects and the checkers accept:
//   - an IPvFuture host ([v1.x]): net/url wants an IPv6 address in brackets;
//   - a percent-encoded ASCII byte in a reg-name host (ex%41mple.com):
//     net/url allows percent-encoding in a host only for bytes >= 0x80
//     (and %25 in a zone).
func netURLAccepts(s string) bool {
	if _, err := url.Parse(s); err == nil {
		return true
	}
	host := uriHost(s)
	if strings.HasPrefix(host, "[v") || strings.HasPrefix(host, "[V") {
		return true
	}
	return strings.Contains(host, "%")
}

// uriHost returns the host of a URI reference that has an authority, and ""
// otherwise.
func uriHost(s string) string {
	if n := uriSchemeLen(s); n > 0 {
		s = s[n+1:]
	}
	auth, ok := strings.CutPrefix(s, "//")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(auth, "/?#"); i >= 0 {
		auth = auth[:i]
	}
	if i := strings.LastIndexByte(auth, '@'); i >= 0 {
		auth = auth[i+1:]
	}
	if strings.HasPrefix(auth, "[") {
		if i := strings.IndexByte(auth, ']'); i >= 0 {
			return auth[:i+1]
		}
		return auth
	}
	if i := strings.IndexByte(auth, ':'); i >= 0 {
		auth = auth[:i]
	}
	return auth
}

// FuzzIsURI checks IsURI against the RFC 3986 grammar and against net/url.
// net/url.Parse is much laxer (it accepts spaces, brackets, quotes and
// non-ASCII in paths, '#' in fragments, '@' in userinfo, bad percent-encoding
// in queries and opaque parts, and zones), so the comparison is one way:
// whatever IsURI accepts, net/url.Parse accepts as absolute (IsAbs), except
// for the RFC 3986 forms it rejects on purpose (see netURLAccepts).
func FuzzIsURI(f *testing.F) {
	addFormatSeeds(f, uriInputs())
	f.Fuzz(func(t *testing.T, s string) {
		got := IsURI(s)
		ok, abs := uriRefOracleAbs(s)
		if want := ok && abs; got != want {
			t.Errorf("IsURI(%q) = %v, the RFC 3986 grammar says %v", s, got, want)
		}
		if !got {
			return
		}
		if !netURLAccepts(s) {
			t.Errorf("IsURI(%q) = true, but net/url.Parse rejects it", s)
		}
		if u, err := url.Parse(s); err == nil && !u.IsAbs() {
			t.Errorf("IsURI(%q) = true, but net/url says it is not absolute", s)
		}
	})
}

// The bytes checkers look only at the length; the targets check them
// against net/netip.AddrFromSlice, which takes 4 or 16 bytes.

func FuzzIsIPBytes(f *testing.F) {
	addIPByteSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		_, ok := netip.AddrFromSlice(b)
		if got := IsIPBytes(b); got != ok {
			t.Errorf("IsIPBytes(% x) = %v, netip.AddrFromSlice says %v", b, got, ok)
		}
	})
}

func FuzzIsIPv4Bytes(f *testing.F) {
	addIPByteSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, ok := netip.AddrFromSlice(b)
		// a.Is4 is false for a 16-byte IPv4-mapped address, as wanted.
		if got := IsIPv4Bytes(b); got != (ok && a.Is4()) {
			t.Errorf("IsIPv4Bytes(% x) = %v, netip says %v", b, got, ok && a.Is4())
		}
	})
}

func FuzzIsIPv6Bytes(f *testing.F) {
	addIPByteSeeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		a, ok := netip.AddrFromSlice(b)
		if got := IsIPv6Bytes(b); got != (ok && a.Is6()) {
			t.Errorf("IsIPv6Bytes(% x) = %v, netip says %v", b, got, ok && a.Is6())
		}
	})
}

func addIPByteSeeds(f *testing.F) {
	f.Add([]byte(nil))
	f.Add([]byte{127, 0, 0, 1})
	f.Add([]byte{192, 0, 2})
	f.Add([]byte{192, 0, 2, 1, 0})
	f.Add(make([]byte, 16))
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1})
	f.Add(make([]byte, 15))
	f.Add(make([]byte, 17))
	f.Add([]byte("1.2.3.4"))
}
