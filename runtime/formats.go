package runtime

import "strings"

// String-format checkers. Generated validators call these for the string
// rules email, hostname, ip, ipv4, ipv6, uri, uri_ref, address and uuid, and
// for the bytes rules ip, ipv4 and ipv6. Each checks the whole value: nothing
// is trimmed, so surrounding space is always rejected, and so is the empty
// string (except by IsURIRef, for which "" is a valid same-document
// reference). The checkers scan bytes by hand; none allocates, whether the
// input is valid or not. docs/formats.md compares them with
// protoc-gen-validate and with the standard library.

// Character classes, as bits in formatClass.
const (
	ccAlpha    uint16 = 1 << iota // A-Z a-z
	ccDigit                       // 0-9
	ccHex                         // 0-9 A-F a-f
	ccAtext                       // RFC 5322 atext (ASCII only)
	ccRegName                     // RFC 3986 unreserved / sub-delims
	ccUserinfo                    // ccRegName / ":"
	ccPchar                       // ccUserinfo / "@"
	ccPath                        // ccPchar / "/"
	ccQuery                       // ccPath / "?"; also fragment
	ccScheme                      // ALPHA / DIGIT / "+" / "-" / "."
	ccIPvFut                      // IPvFuture tail: unreserved / sub-delims / ":"
)

var formatClass = func() (t [256]uint16) {
	set := func(chars string, bits uint16) {
		for i := 0; i < len(chars); i++ {
			t[chars[i]] |= bits
		}
	}
	const (
		upper      = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		lower      = "abcdefghijklmnopqrstuvwxyz"
		digits     = "0123456789"
		unreserved = upper + lower + digits + "-._~"
		subDelims  = "!$&'()*+,;="
	)
	set(upper+lower, ccAlpha)
	set(digits, ccDigit)
	set(digits+"ABCDEFabcdef", ccHex)
	set(upper+lower+digits+"!#$%&'*+-/=?^_`{|}~", ccAtext)
	set(unreserved+subDelims, ccRegName|ccUserinfo|ccPchar|ccPath|ccQuery|ccIPvFut)
	set(":", ccUserinfo|ccPchar|ccPath|ccQuery|ccIPvFut)
	set("@", ccPchar|ccPath|ccQuery)
	set("/", ccPath|ccQuery)
	set("?", ccQuery)
	set(upper+lower+digits+"+-.", ccScheme)
	return t
}()

// IsEmail reports whether s is an email address in the restricted RFC 5322
// addr-spec form `local@domain`, with no display name, angle brackets,
// comments or surrounding space:
//   - the local part is 1 to 64 bytes of RFC 5322 dot-atom: ASCII letters,
//     digits and the characters ! # $ % & ' * + - / = ? ^ _ ` { | } ~, in
//     runs separated by single dots (no leading, trailing or doubled dot);
//     quoted local parts ("a b"@example.com) and non-ASCII (RFC 6532) local
//     parts are rejected;
//   - the domain is a hostname as [IsHostname] accepts, but without a
//     trailing dot (RFC 5321 has none, and net/mail rejects it); domain
//     literals such as [192.0.2.1] are rejected.
//
// There is no overall limit beyond those of the two parts (64 + 1 + 253 =
// 318 bytes), unlike RFC 5321's 254.
func IsEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at < 1 || at > 64 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	for i := 0; i < len(local); i++ {
		c := local[i]
		if c == '.' {
			if i == 0 || i == len(local)-1 || local[i-1] == '.' {
				return false
			}
		} else if formatClass[c]&ccAtext == 0 {
			return false
		}
	}
	if len(domain) == 0 || domain[len(domain)-1] == '.' {
		return false
	}
	return IsHostname(domain)
}

// IsHostname reports whether s is a host name as RFC 1123 defines it: one or
// more labels separated by dots, each label 1 to 63 bytes of ASCII letters
// (either case), digits and hyphens, neither starting nor ending with a
// hyphen. Labels may be all digits (so 1.2.3 and 256.0.0.1 are host names).
// One trailing dot (a fully qualified name, example.com.) is allowed. The
// whole string, trailing dot included, is at most 253 bytes. Internationalised
// names must be in their ASCII (punycode, xn--) form; underscores are
// rejected.
func IsHostname(s string) bool {
	if len(s) == 0 || len(s) > 253 {
		return false
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '.' {
			if n := i - start; n == 0 || n > 63 || s[start] == '-' || s[i-1] == '-' {
				return false
			}
			start = i + 1
			continue
		}
		if c := s[i]; formatClass[c]&(ccAlpha|ccDigit) == 0 && c != '-' {
			return false
		}
	}
	return true
}

// IsIP reports whether s is an IPv4 address as [IsIPv4] accepts or an IPv6
// address as [IsIPv6] accepts: exactly the strings net/netip.ParseAddr
// accepts, except those with a zone (fe80::1%eth0).
func IsIP(s string) bool {
	return IsIPv4(s) || IsIPv6(s)
}

// IsIPv4 reports whether s is an IPv4 address in dotted-decimal form: four
// decimal numbers from 0 to 255 separated by dots, each without a leading
// zero (0 is fine, 01 is not) or sign. It accepts exactly the strings for
// which net/netip.ParseAddr gives an Is4 address. IPv4-mapped IPv6 addresses
// (::ffff:192.0.2.1) are IPv6, not IPv4; shortened forms such as 1.2.3,
// hexadecimal or octal forms, and CIDR suffixes are rejected.
func IsIPv4(s string) bool {
	dots, val, digits := 0, 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			if digits == 1 && val == 0 {
				return false // leading zero
			}
			val = val*10 + int(c-'0')
			if val > 255 {
				return false
			}
			digits++
		case c == '.':
			if digits == 0 || dots == 3 {
				return false
			}
			dots++
			val, digits = 0, 0
		default:
			return false
		}
	}
	return dots == 3 && digits > 0
}

// IsIPv6 reports whether s is an IPv6 address in the RFC 4291 textual form:
// eight colon-separated groups of 1 to 4 hex digits (either case; a group
// may have leading zeros, as in 2001:0db8::1), one "::" standing for one or
// more zero groups, and optionally the last two groups written as an IPv4
// address as [IsIPv4] accepts (::ffff:192.0.2.1, 64:ff9b::192.0.2.1). It
// accepts exactly the strings for which net/netip.ParseAddr gives an Is6
// address without a zone: zones (fe80::1%eth0), brackets ([::1]) and prefix
// lengths (::/0) are rejected.
func IsIPv6(s string) bool {
	groups := 0 // 16-bit groups seen
	ellipsis := false
	if len(s) >= 2 && s[0] == ':' && s[1] == ':' {
		ellipsis = true
		s = s[2:]
		if len(s) == 0 {
			return true
		}
	}
	for len(s) > 0 {
		if groups == 8 {
			return false // trailing garbage
		}
		n := 0
		for n < len(s) && formatClass[s[n]]&ccHex != 0 {
			n++
			if n > 4 {
				return false
			}
		}
		if n == 0 {
			return false
		}
		if n < len(s) && s[n] == '.' {
			// An embedded IPv4 address is the last 32 bits.
			if (!ellipsis && groups != 6) || groups > 6 || !IsIPv4(s) {
				return false
			}
			groups += 2
			break
		}
		groups++
		s = s[n:]
		if len(s) == 0 {
			break
		}
		if s[0] != ':' || len(s) == 1 {
			return false
		}
		s = s[1:]
		if s[0] == ':' {
			if ellipsis {
				return false
			}
			ellipsis = true
			s = s[1:]
		}
	}
	if ellipsis {
		return groups < 8 // "::" stands for at least one group
	}
	return groups == 8
}

// IsAddress reports whether s is a host name as [IsHostname] accepts or an
// IP address as [IsIP] accepts. IPv6 addresses are bare, not bracketed, and
// there is no port.
func IsAddress(s string) bool {
	return IsHostname(s) || IsIPv6(s) // every IPv4 address is a host name
}

// IsUUID reports whether s is a UUID in the 36-byte 8-4-4-4-12 form of RFC
// 9562: 32 hex digits, in either case, in groups of 8, 4, 4, 4 and 12
// separated by hyphens. Any version and variant is accepted, including the
// nil and max UUIDs. Braces, a urn:uuid: prefix and the 32-digit form
// without hyphens are rejected.
func IsUUID(s string) bool {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return false
	}
	const hyphens = 1<<8 | 1<<13 | 1<<18 | 1<<23
	for i := 0; i < 36; i++ {
		if hyphens>>i&1 == 0 && formatClass[s[i]]&ccHex == 0 {
			return false
		}
	}
	return true
}

// IsURI reports whether s is an absolute URI as RFC 3986 section 3 defines
// it: scheme ":" hier-part ["?" query] ["#" fragment], where
//   - the scheme is a letter followed by letters, digits, "+", "-" and ".";
//   - an authority ("//" after the scheme) is [userinfo "@"] host [":" port],
//     where the host is a bracketed IPv6 address as [IsIPv6] accepts (no
//     zone), a bracketed IPvFuture (v1.x), or a possibly empty reg-name of
//     unreserved characters, sub-delims and percent-encodings, which covers
//     IPv4 addresses and DNS names (it is not checked as a host name); the
//     port is zero or more digits;
//   - the path, query and fragment contain only the characters RFC 3986
//     allows there;
//   - every "%" starts a percent-encoding of two hex digits.
//
// Only ASCII is accepted: internationalised resource identifiers (RFC 3987)
// must be percent-encoded, and spaces, control characters and characters
// such as < > " { } | \ ^ ` must be too.
func IsURI(s string) bool {
	n := uriSchemeLen(s)
	return n > 0 && uriTail(s[n+1:], false)
}

// IsURIRef reports whether s is a URI reference as RFC 3986 section 4.1
// defines it: an absolute URI as [IsURI] accepts, or a relative reference
// with the same rules minus the scheme (//host/path, /path, path, ?query,
// #fragment, or ""), whose first path segment, when it is not preceded by
// "/", contains no ":" (so that it cannot be read as a scheme). The empty
// string is a valid reference.
func IsURIRef(s string) bool {
	if n := uriSchemeLen(s); n > 0 {
		return uriTail(s[n+1:], false)
	}
	return uriTail(s, true)
}

// uriSchemeLen returns the length of the scheme that s starts with, when s
// starts with a valid scheme followed by ":", and 0 otherwise.
func uriSchemeLen(s string) int {
	if len(s) == 0 || formatClass[s[0]]&ccAlpha == 0 {
		return 0
	}
	for i := 1; i < len(s); i++ {
		if c := s[i]; formatClass[c]&ccScheme == 0 {
			if c == ':' {
				return i
			}
			return 0
		}
	}
	return 0
}

// uriTail checks what follows the scheme and its ":" in a URI (hier-part,
// query and fragment), or a whole relative reference when relative is true.
func uriTail(s string, relative bool) bool {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		if !uriChars(s[i+1:], ccQuery) {
			return false
		}
		s = s[:i]
	}
	if i := strings.IndexByte(s, '?'); i >= 0 {
		if !uriChars(s[i+1:], ccQuery) {
			return false
		}
		s = s[:i]
	}
	if len(s) >= 2 && s[0] == '/' && s[1] == '/' {
		s = s[2:]
		end := strings.IndexByte(s, '/')
		if end < 0 {
			end = len(s)
		}
		if !uriAuthority(s[:end]) {
			return false
		}
		s = s[end:] // path-abempty
	} else if relative {
		// path-noscheme: no ":" in the first segment.
		first := s
		if i := strings.IndexByte(s, '/'); i >= 0 {
			first = s[:i]
		}
		if strings.IndexByte(first, ':') >= 0 {
			return false
		}
	}
	return uriChars(s, ccPath)
}

// uriAuthority checks an RFC 3986 authority: [userinfo "@"] host [":" port].
func uriAuthority(s string) bool {
	if i := strings.IndexByte(s, '@'); i >= 0 {
		if !uriChars(s[:i], ccUserinfo) {
			return false
		}
		s = s[i+1:]
	}
	var port string
	if len(s) > 0 && s[0] == '[' {
		end := strings.IndexByte(s, ']')
		if end < 0 || !uriIPLiteral(s[1:end]) {
			return false
		}
		s = s[end+1:]
		if len(s) > 0 {
			if s[0] != ':' {
				return false
			}
			port = s[1:]
		}
	} else {
		if i := strings.IndexByte(s, ':'); i >= 0 {
			s, port = s[:i], s[i+1:]
		}
		if !uriChars(s, ccRegName) {
			return false
		}
	}
	for i := 0; i < len(port); i++ {
		if formatClass[port[i]]&ccDigit == 0 {
			return false
		}
	}
	return true
}

// uriIPLiteral checks what is between the brackets of an RFC 3986
// IP-literal: an IPv6 address, or IPvFuture ("v" 1*HEXDIG "." 1*( unreserved
// / sub-delims / ":" )).
func uriIPLiteral(s string) bool {
	if len(s) > 0 && (s[0] == 'v' || s[0] == 'V') {
		i := 1
		for i < len(s) && formatClass[s[i]]&ccHex != 0 {
			i++
		}
		if i == 1 || i == len(s) || s[i] != '.' || i+1 == len(s) {
			return false
		}
		for i++; i < len(s); i++ {
			if formatClass[s[i]]&ccIPvFut == 0 {
				return false
			}
		}
		return true
	}
	return IsIPv6(s)
}

// uriChars reports whether every byte of s is in the class or starts a
// percent-encoding "%" HEXDIG HEXDIG.
func uriChars(s string, class uint16) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if formatClass[c]&class != 0 {
			continue
		}
		if c != '%' || i+2 >= len(s) || formatClass[s[i+1]]&ccHex == 0 || formatClass[s[i+2]]&ccHex == 0 {
			return false
		}
		i += 2
	}
	return true
}

// IsIPBytes reports whether b has the length of an IP address in binary
// form: 4 bytes (IPv4) or 16 bytes (IPv6). Any content is accepted.
func IsIPBytes(b []byte) bool {
	return len(b) == 4 || len(b) == 16
}

// IsIPv4Bytes reports whether b has the length of an IPv4 address in binary
// form: 4 bytes. A 16-byte IPv4-mapped IPv6 address is rejected.
func IsIPv4Bytes(b []byte) bool {
	return len(b) == 4
}

// IsIPv6Bytes reports whether b has the length of an IPv6 address in binary
// form: 16 bytes, whatever they hold (IPv4-mapped addresses included).
func IsIPv6Bytes(b []byte) bool {
	return len(b) == 16
}
