package validategen

import (
	"strconv"

	"github.com/protolite/protolite/options"
)

// bytesRules returns the checks of r on t, a []byte value. Comparisons with
// constants convert the value with string(...), which Go does without
// copying in comparisons and switches.
func (p *filePlan) bytesRules(t *target, r *options.BytesRules) ([]check, error) {
	var checks []check
	expr := t.expr
	quote := func(b []byte) string { return strconv.Quote(string(b)) }
	asString := cat("string(", expr, ")")

	if r.Const != nil {
		checks = append(checks, check{
			reason:      "BYTES_CONST",
			description: "must equal " + quote(r.GetConst()),
			cond:        cat(asString, " != ", quote(r.GetConst())),
		})
	}
	if r.Len != nil && (r.MinLen != nil || r.MaxLen != nil) {
		return nil, fieldProblem(t.field, "bytes.len is set together with bytes.min_len or bytes.max_len; keep len alone")
	}
	if r.MinLen != nil && r.MaxLen != nil && r.GetMinLen() > r.GetMaxLen() {
		return nil, fieldProblem(t.field, "bytes.min_len (%d) is greater than bytes.max_len (%d), so no value can satisfy both; lower min_len or raise max_len", r.GetMinLen(), r.GetMaxLen())
	}
	checks = append(checks, byteLengthChecks(t, "BYTES", r.Len, r.MinLen, r.MaxLen)...)

	if r.Pattern != nil {
		c, err := p.patternCheck(t, "BYTES_PATTERN", r.GetPattern())
		if err != nil {
			return nil, err
		}
		checks = append(checks, c)
	}
	for _, affix := range []struct {
		value        []byte
		set          bool
		fn, reason   string
		text, negate string
	}{
		{r.Prefix, r.Prefix != nil, "HasPrefix", "BYTES_PREFIX", "must start with ", "!"},
		{r.Suffix, r.Suffix != nil, "HasSuffix", "BYTES_SUFFIX", "must end with ", "!"},
		{r.Contains, r.Contains != nil, "Contains", "BYTES_CONTAINS", "must contain ", "!"},
	} {
		if !affix.set {
			continue
		}
		checks = append(checks, check{
			reason:      affix.reason,
			description: affix.text + quote(affix.value),
			cond:        cat(affix.negate, bytesPackage.Ident(affix.fn), "(", expr, ", []byte(", quote(affix.value), "))"),
		})
	}

	in := make([]string, len(r.In))
	for i, b := range r.In {
		in[i] = string(b)
	}
	notIn := make([]string, len(r.NotIn))
	for i, b := range r.NotIn {
		notIn[i] = string(b)
	}
	inTarget := *t
	inTarget.expr = "string(" + expr + ")"
	inChecks, err := membershipChecks(&inTarget, "BYTES", in, notIn, strconv.Quote)
	if err != nil {
		return nil, err
	}
	checks = append(checks, inChecks...)

	switch {
	case r.GetIp():
		checks = append(checks, check{reason: "BYTES_IP", description: "must be an IP address of 4 or 16 bytes",
			cond: cat("len(", expr, ") != 4 && len(", expr, ") != 16")})
	case r.GetIpv4():
		checks = append(checks, check{reason: "BYTES_IPV4", description: "must be an IPv4 address of 4 bytes",
			cond: cat("len(", expr, ") != 4")})
	case r.GetIpv6():
		checks = append(checks, check{reason: "BYTES_IPV6", description: "must be an IPv6 address of 16 bytes",
			cond: cat("len(", expr, ") != 16")})
	}
	return checks, nil
}
