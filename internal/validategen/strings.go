package validategen

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/protolite/protolite/options"
)

// stringFormats maps each well-known string format to its runtime checker,
// reason suffix and description.
var stringFormats = map[string]struct {
	checker, reason, description string
}{
	"email":    {"IsEmail", "EMAIL", "must be a valid email address"},
	"hostname": {"IsHostname", "HOSTNAME", "must be a valid hostname"},
	"ip":       {"IsIP", "IP", "must be a valid IP address"},
	"ipv4":     {"IsIPv4", "IPV4", "must be a valid IPv4 address"},
	"ipv6":     {"IsIPv6", "IPV6", "must be a valid IPv6 address"},
	"uri":      {"IsURI", "URI", "must be a valid absolute URI"},
	"uri_ref":  {"IsURIRef", "URI_REF", "must be a valid URI reference"},
	"address":  {"IsAddress", "ADDRESS", "must be a valid hostname or IP address"},
	"uuid":     {"IsUUID", "UUID", "must be a valid UUID"},
}

// stringRules returns the checks of r on t, a string value, and the
// package-level declarations they need (compiled patterns).
func (p *filePlan) stringRules(t *target, r *options.StringRules) ([]check, error) {
	var checks []check
	expr := t.expr

	if r.Const != nil {
		checks = append(checks, check{
			reason:      "STRING_CONST",
			description: "must equal " + strconv.Quote(r.GetConst()),
			cond:        cat(expr, " != ", strconv.Quote(r.GetConst())),
		})
	}

	// Lengths in code points. Counting is linear, so each check first
	// compares the byte length, which bounds the count from above.
	if r.Len != nil && (r.MinLen != nil || r.MaxLen != nil) {
		return nil, fieldProblem(t.field, "string.len is set together with string.min_len or string.max_len; keep len alone")
	}
	if r.MinLen != nil && r.MaxLen != nil && r.GetMinLen() > r.GetMaxLen() {
		return nil, fieldProblem(t.field, "string.min_len (%d) is greater than string.max_len (%d), so no value can satisfy both; lower min_len or raise max_len", r.GetMinLen(), r.GetMaxLen())
	}
	if r.Len != nil {
		n := r.GetLen()
		checks = append(checks, check{
			reason:      "STRING_LEN",
			description: fmt.Sprintf("must be exactly %s long", plural(n, "character")),
			cond:        cat("len(", expr, ") < ", n, " || ", utf8Package.Ident("RuneCountInString"), "(", expr, ") != ", n),
		})
	}
	if r.MinLen != nil && r.GetMinLen() > 0 {
		n := r.GetMinLen()
		cond := cat("len(", expr, ") < ", n, " || ", utf8Package.Ident("RuneCountInString"), "(", expr, ") < ", n)
		if n == 1 {
			cond = cat("len(", expr, ") == 0")
		}
		checks = append(checks, check{
			reason:      "STRING_MIN_LEN",
			description: fmt.Sprintf("must be at least %s long", plural(n, "character")),
			cond:        cond,
		})
	}
	if r.MaxLen != nil {
		n := r.GetMaxLen()
		checks = append(checks, check{
			reason:      "STRING_MAX_LEN",
			description: fmt.Sprintf("must be at most %s long", plural(n, "character")),
			cond:        cat("len(", expr, ") > ", n, " && ", utf8Package.Ident("RuneCountInString"), "(", expr, ") > ", n),
		})
	}

	// Lengths in bytes.
	if r.LenBytes != nil && (r.MinBytes != nil || r.MaxBytes != nil) {
		return nil, fieldProblem(t.field, "string.len_bytes is set together with string.min_bytes or string.max_bytes; keep len_bytes alone")
	}
	if r.MinBytes != nil && r.MaxBytes != nil && r.GetMinBytes() > r.GetMaxBytes() {
		return nil, fieldProblem(t.field, "string.min_bytes (%d) is greater than string.max_bytes (%d), so no value can satisfy both; lower min_bytes or raise max_bytes", r.GetMinBytes(), r.GetMaxBytes())
	}
	checks = append(checks, byteLengthChecks(t, "STRING", r.LenBytes, r.MinBytes, r.MaxBytes)...)

	if r.Pattern != nil {
		c, err := p.patternCheck(t, "STRING_PATTERN", r.GetPattern())
		if err != nil {
			return nil, err
		}
		checks = append(checks, c)
	}
	if r.Prefix != nil {
		checks = append(checks, check{
			reason:      "STRING_PREFIX",
			description: "must start with " + strconv.Quote(r.GetPrefix()),
			cond:        cat("!", stringsPackage.Ident("HasPrefix"), "(", expr, ", ", strconv.Quote(r.GetPrefix()), ")"),
		})
	}
	if r.Suffix != nil {
		checks = append(checks, check{
			reason:      "STRING_SUFFIX",
			description: "must end with " + strconv.Quote(r.GetSuffix()),
			cond:        cat("!", stringsPackage.Ident("HasSuffix"), "(", expr, ", ", strconv.Quote(r.GetSuffix()), ")"),
		})
	}
	if r.Contains != nil {
		checks = append(checks, check{
			reason:      "STRING_CONTAINS",
			description: "must contain " + strconv.Quote(r.GetContains()),
			cond:        cat("!", stringsPackage.Ident("Contains"), "(", expr, ", ", strconv.Quote(r.GetContains()), ")"),
		})
	}
	if r.NotContains != nil {
		checks = append(checks, check{
			reason:      "STRING_NOT_CONTAINS",
			description: "must not contain " + strconv.Quote(r.GetNotContains()),
			cond:        cat(stringsPackage.Ident("Contains"), "(", expr, ", ", strconv.Quote(r.GetNotContains()), ")"),
		})
	}
	inChecks, err := membershipChecks(t, "STRING", r.In, r.NotIn, strconv.Quote)
	if err != nil {
		return nil, err
	}
	checks = append(checks, inChecks...)

	if format := stringFormatName(r); format != "" {
		f := stringFormats[format]
		checks = append(checks, check{
			reason:      "STRING_" + f.reason,
			description: f.description,
			cond:        cat("!", runtimePackage.Ident(f.checker), "(", expr, ")"),
		})
	}
	header, err := p.headerCheck(t, r)
	if err != nil || header == nil {
		return checks, err
	}
	return append(checks, *header), nil
}

// headerCheck returns the check of string.well_known_regex, PGV's HTTP
// header forms, or nil when r has none. With strict (the default) a name
// must be an RFC 7230 token and a value free of control characters but tab;
// without, both must only be free of NUL, CR and LF.
func (p *filePlan) headerCheck(t *target, r *options.StringRules) (*check, error) {
	_, isHeader := r.WellKnown.(*options.StringRules_WellKnownRegex)
	lenient := p.g.vocabularyOf(t.field).lenient
	if !isHeader {
		if r.Strict == nil {
			return nil, nil
		}
		if lenient {
			p.g.warn.add(t.field, "string.strict applies only with string.well_known_regex, which is not set; it has no effect")
			return nil, nil
		}
		return nil, fieldProblem(t.field, "string.strict applies only with string.well_known_regex; remove it, or add well_known_regex")
	}
	checker, description := "", ""
	switch known := r.GetWellKnownRegex(); {
	case known == options.KnownRegex_UNKNOWN && lenient:
		p.g.warn.add(t.field, "string.well_known_regex = UNKNOWN checks nothing")
		return nil, nil
	case known == options.KnownRegex_UNKNOWN:
		return nil, fieldProblem(t.field, "string.well_known_regex = UNKNOWN checks nothing; use HTTP_HEADER_NAME or HTTP_HEADER_VALUE, or remove it")
	case !r.GetStrict() && (known == options.KnownRegex_HTTP_HEADER_NAME || known == options.KnownRegex_HTTP_HEADER_VALUE):
		checker = "IsHTTPHeaderString"
		description = "must not contain NUL, CR or LF"
	case known == options.KnownRegex_HTTP_HEADER_NAME:
		checker = "IsHTTPHeaderName"
		description = "must be a valid HTTP header name"
	case known == options.KnownRegex_HTTP_HEADER_VALUE:
		checker = "IsHTTPHeaderValue"
		description = "must be a valid HTTP header value"
	default:
		return nil, fieldProblem(t.field, "string.well_known_regex = %d is not a form this plugin knows (HTTP_HEADER_NAME = 1, HTTP_HEADER_VALUE = 2); upgrade protoc-gen-validate-lite, or remove the rule", known)
	}
	return &check{
		reason:      "STRING_WELL_KNOWN_REGEX",
		description: description,
		cond:        cat("!", runtimePackage.Ident(checker), "(", t.expr, ")"),
	}, nil
}

// stringFormatName returns the name of the format r asks for, or "".
func stringFormatName(r *options.StringRules) string {
	switch {
	case r.GetEmail():
		return "email"
	case r.GetHostname():
		return "hostname"
	case r.GetIp():
		return "ip"
	case r.GetIpv4():
		return "ipv4"
	case r.GetIpv6():
		return "ipv6"
	case r.GetUri():
		return "uri"
	case r.GetUriRef():
		return "uri_ref"
	case r.GetAddress():
		return "address"
	case r.GetUuid():
		return "uuid"
	}
	return ""
}

// byteLengthChecks returns the checks of exact, minimum and maximum byte
// lengths (string's *_bytes rules and bytes' *_len rules).
func byteLengthChecks(t *target, kind string, exact, min, max *uint64) []check {
	var checks []check
	suffix := "_BYTES"
	if kind == "BYTES" {
		suffix = ""
	}
	name := func(rule string) string {
		if kind == "BYTES" {
			return kind + "_" + rule
		}
		return kind + "_" + strings.TrimSuffix(rule, "_LEN") + suffix
	}
	if exact != nil {
		checks = append(checks, check{
			reason:      name("LEN"),
			description: fmt.Sprintf("must be exactly %s long", plural(*exact, "byte")),
			cond:        cat("len(", t.expr, ") != ", *exact),
		})
	}
	if min != nil && *min > 0 {
		checks = append(checks, check{
			reason:      name("MIN_LEN"),
			description: fmt.Sprintf("must be at least %s long", plural(*min, "byte")),
			cond:        cat("len(", t.expr, ") < ", *min),
		})
	}
	if max != nil {
		checks = append(checks, check{
			reason:      name("MAX_LEN"),
			description: fmt.Sprintf("must be at most %s long", plural(*max, "byte")),
			cond:        cat("len(", t.expr, ") > ", *max),
		})
	}
	return checks
}

// patternCheck compiles pattern at generation time, to report a bad one
// there, and declares a package-level regexp compiled once at init.
func (p *filePlan) patternCheck(t *target, reason, pattern string) (check, error) {
	if _, err := regexp.Compile(pattern); err != nil {
		return check{}, fieldProblem(t.field, "pattern %q is not a valid RE2 expression: %v", pattern, err)
	}
	name := p.declarePattern(t.name, pattern)
	match := "MatchString"
	if t.kind == protoreflect.BytesKind {
		match = "Match"
	}
	return check{
		reason:      reason,
		description: "must match the pattern " + strconv.Quote(pattern),
		cond:        cat("!", name, ".", match, "(", t.expr, ")"),
	}, nil
}

// membershipChecks returns the in and not_in checks of t as switches, after
// checking that no value is in both lists.
func membershipChecks[T comparable](t *target, kind string, in, notIn []T, literal func(T) string) ([]check, error) {
	lower := strings.ToLower(kind)
	for _, a := range in {
		for _, b := range notIn {
			if a == b {
				return nil, fieldProblem(t.field, "%s.in and %s.not_in both list %s; a value cannot be both allowed and refused", lower, lower, literal(a))
			}
		}
	}
	var checks []check
	if len(in) > 0 {
		checks = append(checks, check{
			reason:      kind + "_IN",
			description: "must be one of " + listLiterals(in, literal),
			cases:       distinctCases(in, literal),
			in:          true,
			subject:     []any{t.expr},
		})
	}
	if len(notIn) > 0 {
		checks = append(checks, check{
			reason:      kind + "_NOT_IN",
			description: "must not be one of " + listLiterals(notIn, literal),
			cases:       distinctCases(notIn, literal),
			subject:     []any{t.expr},
		})
	}
	return checks, nil
}

// distinctCases returns the switch cases for values, without duplicates
// (which Go rejects in a switch).
func distinctCases[T comparable](values []T, literal func(T) string) [][]any {
	seen := map[T]bool{}
	var out [][]any
	for _, v := range values {
		if !seen[v] {
			seen[v] = true
			out = append(out, []any{literal(v)})
		}
	}
	return out
}

// listLiterals formats values as "[a, b, c]".
func listLiterals[T any](values []T, literal func(T) string) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = literal(v)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// plural formats "1 character" or "3 characters" ("1 entry", "3 entries").
func plural(n uint64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	if strings.HasSuffix(unit, "y") {
		unit = strings.TrimSuffix(unit, "y") + "ie"
	}
	return strconv.FormatUint(n, 10) + " " + unit + "s"
}
