package runtime

// The HTTP header forms of protoc-gen-validate's string.well_known_regex,
// with PGV's exact character sets. PGV checks them with regular expressions;
// these are byte loops that accept the same strings (FuzzHTTPHeaderForms
// compares them with PGV's expressions), without regexp and without
// allocating.

// headerNameChars marks the bytes of PGV's strict HTTP_HEADER_NAME set:
// letters, digits and !#$%&'*+,-.^_|~`. PGV's expression writes the class
// `+-.`, a range that also takes ','.
var headerNameChars = func() (set [256]bool) {
	for c := '0'; c <= '9'; c++ {
		set[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		set[c] = true
		set[c-'a'+'A'] = true
	}
	for _, c := range "!#$%&'*+,-.^_|~`" {
		set[c] = true
	}
	return set
}()

// IsHTTPHeaderName reports whether s is an HTTP header name as
// string.well_known_regex = HTTP_HEADER_NAME with strict (the default)
// accepts: an RFC 7230 token, with an optional leading ':' for HTTP/2
// pseudo-headers. The empty string and ":" alone are not names.
func IsHTTPHeaderName(s string) bool {
	if len(s) > 0 && s[0] == ':' {
		s = s[1:]
	}
	if len(s) == 0 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !headerNameChars[s[i]] {
			return false
		}
	}
	return true
}

// IsHTTPHeaderValue reports whether s is an HTTP header value as
// string.well_known_regex = HTTP_HEADER_VALUE with strict (the default)
// accepts: no control character but horizontal tab (none of 0x00–0x08,
// 0x0A–0x1F and 0x7F). Bytes from 0x80 on are allowed, as in PGV.
func IsHTTPHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// IsHTTPHeaderString reports whether s holds no NUL, CR or LF: what
// string.well_known_regex accepts for header names and values when strict is
// false. It is the check that keeps a value from splitting a header.
func IsHTTPHeaderString(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == 0 || c == '\n' || c == '\r' {
			return false
		}
	}
	return true
}
