// Package handwritten is the baseline of the benchmarks: the validation and
// field-mask code a careful engineer would write by hand for the benchmark
// schema (the Go types of gen/litepb), with no generator and no reflection.
// Valid messages and valid masks cost no heap allocation; errors are plain
// values naming the field and the rule, built only on failure.
package handwritten

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/protolite/protolite/bench/gen/litepb"
)

// FieldError is one violation: a field path and a rule.
type FieldError struct {
	Field, Rule string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Rule }

// Errors is every violation of a message.
type Errors []FieldError

func (e Errors) Error() string {
	var b strings.Builder
	for i, f := range e {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.Field)
		b.WriteString(": ")
		b.WriteString(f.Rule)
	}
	return b.String()
}

// collector gathers violations: it stops at the first unless all is set.
// It lives on the caller's stack; only a violation allocates.
type collector struct {
	all  bool
	errs Errors
}

// add records a violation and reports whether to stop.
func (c *collector) add(field, rule string) bool {
	c.errs = append(c.errs, FieldError{field, rule})
	return !c.all
}

// err returns nil, the first violation, or all of them.
func (c *collector) err() error {
	switch {
	case len(c.errs) == 0:
		return nil
	case !c.all:
		return &c.errs[0]
	default:
		return c.errs
	}
}

func runeLenBetween(s string, lo, hi int) bool {
	if len(s) < lo { // fewer bytes than lo runes: too short for sure
		return false
	}
	if len(s) <= hi && len(s) >= lo && isASCIIish(s, lo) {
		return true
	}
	n := utf8.RuneCountInString(s)
	return n >= lo && n <= hi
}

// isASCIIish reports whether byte length implies rune length >= lo (true
// when lo <= 1 and s is non-empty, or s is ASCII).
func isASCIIish(s string, lo int) bool {
	if lo <= 1 {
		return true // any non-empty string has at least one rune
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// ValidateSmall returns the first violation of x, or nil.
func ValidateSmall(x *litepb.Small) error {
	c := collector{}
	validateSmall(x, &c)
	return c.err()
}

// ValidateSmallAll returns every violation of x, or nil.
func ValidateSmallAll(x *litepb.Small) error {
	c := collector{all: true}
	validateSmall(x, &c)
	return c.err()
}

func validateSmall(x *litepb.Small, c *collector) {
	if x == nil {
		return
	}
	if !runeLenBetween(x.Name, 1, 64) && c.add("name", "min_len 1, max_len 64") {
		return
	}
	if (x.Age < 0 || x.Age > 150) && c.add("age", "gte 0, lte 150") {
		return
	}
	if !strings.HasPrefix(x.Id, "users/") && c.add("id", `prefix "users/"`) {
		return
	}
}

// ValidateMid returns the first violation of x, or nil.
func ValidateMid(x *litepb.Mid) error {
	c := collector{}
	validateMid(x, &c)
	return c.err()
}

// ValidateMidAll returns every violation of x, or nil.
func ValidateMidAll(x *litepb.Mid) error {
	c := collector{all: true}
	validateMid(x, &c)
	return c.err()
}

func validateMid(x *litepb.Mid, c *collector) {
	if x == nil {
		return
	}
	if !isUUID(x.Id) && c.add("id", "uuid") {
		return
	}
	if !runeLenBetween(x.DisplayName, 1, 128) && c.add("display_name", "min_len 1, max_len 128") {
		return
	}
	if !isEmail(x.Email) && c.add("email", "email") {
		return
	}
	if x.CreatedUnix <= 0 && c.add("created_unix", "gt 0") {
		return
	}
	if (x.Status != litepb.Status_STATUS_ACTIVE && x.Status != litepb.Status_STATUS_SUSPENDED) && c.add("status", "defined_only, not_in [0]") {
		return
	}
	if x.Address == nil {
		if c.add("address", "required") {
			return
		}
	} else if validateAddress(x.Address, "address.", c) {
		return
	}
	if (len(x.Items) < 1 || len(x.Items) > 100) && c.add("items", "min_items 1, max_items 100") {
		return
	}
	for i, it := range x.Items {
		if it != nil && !itemValid(it) && validateItem(it, "items["+strconv.Itoa(i)+"].", c) {
			return
		}
	}
	if len(x.Labels) > 16 && c.add("labels", "max_pairs 16") {
		return
	}
	for k, v := range x.Labels {
		if !runeLenBetween(k, 1, 63) && c.add("labels["+strconv.Quote(k)+"]", "keys min_len 1, max_len 63") {
			return
		}
		if len(v) > 256 && utf8.RuneCountInString(v) > 256 && c.add("labels["+strconv.Quote(k)+"]", "values max_len 256") {
			return
		}
	}
	if len(x.Tags) > 10 && c.add("tags", "max_items 10") {
		return
	}
	for i, t := range x.Tags {
		if !runeLenBetween(t, 1, 32) && c.add("tags["+strconv.Itoa(i)+"]", "min_len 1, max_len 32") {
			return
		}
	}
	if !(x.Score >= 0 && x.Score <= 100) && c.add("score", "gte 0, lte 100") {
		return
	}
	if x.Version < 1 && c.add("version", "gte 1") {
		return
	}
	if len(x.Payload) > 1024 && c.add("payload", "max_len 1024") {
		return
	}
	if len(x.Phone) > 20 && utf8.RuneCountInString(x.Phone) > 20 && c.add("phone", "max_len 20") {
		return
	}
	if (x.Priority < 0 || x.Priority > 10) && c.add("priority", "gte 0, lte 10") {
		return
	}
	if !runeLenBetween(x.Locale, 2, 16) && c.add("locale", "min_len 2, max_len 16") {
		return
	}
}

// validateAddress reports whether to stop.
func validateAddress(x *litepb.Address, prefix string, c *collector) bool {
	if !runeLenBetween(x.Street, 1, 128) && c.add(prefix+"street", "min_len 1, max_len 128") {
		return true
	}
	if !runeLenBetween(x.City, 1, 64) && c.add(prefix+"city", "min_len 1, max_len 64") {
		return true
	}
	if !runeLenBetween(x.Country, 2, 2) && c.add(prefix+"country", "len 2") {
		return true
	}
	if len(x.Zip) > 16 && utf8.RuneCountInString(x.Zip) > 16 && c.add(prefix+"zip", "max_len 16") {
		return true
	}
	if len(x.Region) > 64 && utf8.RuneCountInString(x.Region) > 64 && c.add(prefix+"region", "max_len 64") {
		return true
	}
	return false
}

// itemValid is the fast path: no path string is built for a valid item.
func itemValid(x *litepb.Item) bool {
	return runeLenBetween(x.Sku, 1, 32) && x.Quantity > 0 && x.Quantity <= 1000 &&
		x.PriceCents >= 0 && (len(x.Note) <= 256 || utf8.RuneCountInString(x.Note) <= 256)
}

// validateItem reports whether to stop.
func validateItem(x *litepb.Item, prefix string, c *collector) bool {
	if !runeLenBetween(x.Sku, 1, 32) && c.add(prefix+"sku", "min_len 1, max_len 32") {
		return true
	}
	if (x.Quantity <= 0 || x.Quantity > 1000) && c.add(prefix+"quantity", "gt 0, lte 1000") {
		return true
	}
	if x.PriceCents < 0 && c.add(prefix+"price_cents", "gte 0") {
		return true
	}
	if len(x.Note) > 256 && utf8.RuneCountInString(x.Note) > 256 && c.add(prefix+"note", "max_len 256") {
		return true
	}
	return false
}

// ValidateLarge returns the first violation of x, or nil.
func ValidateLarge(x *litepb.Large) error {
	c := collector{}
	validateLarge(x, &c)
	return c.err()
}

// ValidateLargeAll returns every violation of x, or nil.
func ValidateLargeAll(x *litepb.Large) error {
	c := collector{all: true}
	validateLarge(x, &c)
	return c.err()
}

func validateLarge(x *litepb.Large, c *collector) {
	if x == nil {
		return
	}
	if x.Name == "" && c.add("name", "min_len 1") {
		return
	}
	if len(x.Items) > 10000 && c.add("items", "max_items 10000") {
		return
	}
	for i, it := range x.Items {
		if it != nil && !itemValid(it) && validateItem(it, "items["+strconv.Itoa(i)+"].", c) {
			return
		}
	}
}

// isUUID accepts the 8-4-4-4-12 hex form, any case.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < 36; i++ {
		ch := s[i]
		switch i {
		case 8, 13, 18, 23:
			if ch != '-' {
				return false
			}
		default:
			if !('0' <= ch && ch <= '9' || 'a' <= ch && ch <= 'f' || 'A' <= ch && ch <= 'F') {
				return false
			}
		}
	}
	return true
}

// isEmail accepts local@domain: a local part of 1–64 bytes of atext and
// inner dots, and a hostname.
func isEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at > 64 {
		return false
	}
	local := s[:at]
	if local[0] == '.' || local[len(local)-1] == '.' {
		return false
	}
	for i := 0; i < len(local); i++ {
		ch := local[i]
		switch {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9':
		case strings.IndexByte("!#$%&'*+-/=?^_`{|}~", ch) >= 0:
		case ch == '.':
			if local[i-1] == '.' {
				return false
			}
		default:
			return false
		}
	}
	return isHostname(s[at+1:])
}

// isHostname accepts dot-separated labels of letters, digits and inner
// hyphens, 1–63 bytes each, at most 253 in all, one trailing dot allowed.
func isHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) == 0 || len(s) > 253 {
		return false
	}
	label := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case 'a' <= ch && ch <= 'z', 'A' <= ch && ch <= 'Z', '0' <= ch && ch <= '9':
			label++
		case ch == '-':
			if label == 0 || i+1 == len(s) || s[i+1] == '.' {
				return false
			}
			label++
		case ch == '.':
			if label == 0 {
				return false
			}
			label = 0
			continue
		default:
			return false
		}
		if label > 63 {
			return false
		}
	}
	return label > 0
}
