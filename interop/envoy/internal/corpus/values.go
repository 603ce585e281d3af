package corpus

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/envoyproxy/protoc-gen-validate/validate"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// scalarValues returns the values to try in a scalar field (or a list
// item, a map key or value) of fd's kind under rules: for numbers each
// bound, one below and one above, the in and not_in entries, NaN and the
// infinities; for strings and bytes the lengths around each bound, the
// prefixes, suffixes and lists of the rules, and a fixed set of
// troublesome strings; for enums every defined number, one past the last
// and -1. Without rules, one unremarkable value.
func scalarValues(fd protoreflect.FieldDescriptor, rules *validate.FieldRules) []protoreflect.Value {
	switch fd.Kind() {
	case protoreflect.BoolKind:
		if rules == nil {
			return []protoreflect.Value{protoreflect.ValueOfBool(true)}
		}
		return []protoreflect.Value{protoreflect.ValueOfBool(true), protoreflect.ValueOfBool(false)}
	case protoreflect.EnumKind:
		return enumValues(fd, rules)
	case protoreflect.StringKind:
		if rules == nil {
			return []protoreflect.Value{protoreflect.ValueOfString("x")}
		}
		var out []protoreflect.Value
		for _, s := range stringValues(rules.GetString_()) {
			out = append(out, protoreflect.ValueOfString(s))
		}
		return out
	case protoreflect.BytesKind:
		if rules == nil {
			return []protoreflect.Value{protoreflect.ValueOfBytes([]byte("x"))}
		}
		var out []protoreflect.Value
		for _, s := range bytesValues(rules.GetBytes()) {
			out = append(out, protoreflect.ValueOfBytes([]byte(s)))
		}
		return out
	}
	return numberValues(fd.Kind(), numericRules(rules))
}

// numericRules returns the message of the numeric rules set (FloatRules,
// UInt32Rules, ...), or nil.
func numericRules(rules *validate.FieldRules) protoreflect.Message {
	if rules == nil {
		return nil
	}
	od := rules.ProtoReflect().Descriptor().Oneofs().ByName("type")
	fd := rules.ProtoReflect().WhichOneof(od)
	if fd == nil || fd.Message() == nil {
		return nil
	}
	switch fd.Name() {
	case "string", "bytes", "bool", "enum", "repeated", "map", "any", "duration", "timestamp", "message":
		return nil
	}
	return rules.ProtoReflect().Get(fd).Message()
}

// numberValues returns the numbers to try for a field of kind k under the
// numeric rules r (any numeric rules message, read by field name, so the
// bounds of a rule of another numeric type are tried too).
func numberValues(k protoreflect.Kind, r protoreflect.Message) []protoreflect.Value {
	var fs []float64 // every candidate, as float64 for floats
	var is []int64   // as int64 for signed kinds
	var us []uint64  // as uint64 for unsigned kinds
	add := func(v protoreflect.Value) {
		switch x := v.Interface().(type) {
		case float32:
			f := float64(x)
			fs = append(fs, f, math.Nextafter(f, math.Inf(1)), math.Nextafter(f, math.Inf(-1)), f-1, f+1)
			if k == protoreflect.FloatKind {
				fs = append(fs, float64(math.Nextafter32(x, float32(math.Inf(1)))), float64(math.Nextafter32(x, float32(math.Inf(-1)))))
			}
		case float64:
			fs = append(fs, x, math.Nextafter(x, math.Inf(1)), math.Nextafter(x, math.Inf(-1)), x-1, x+1)
			if k == protoreflect.FloatKind {
				f := float32(x)
				fs = append(fs, float64(f), float64(math.Nextafter32(f, float32(math.Inf(1)))), float64(math.Nextafter32(f, float32(math.Inf(-1)))))
			}
		case int32:
			is = append(is, int64(x)-1, int64(x), int64(x)+1)
		case int64:
			is = append(is, x, x-1, x+1) // wraps at the ends: both ends are tried anyway
		case uint32:
			us = append(us, uint64(x)-1, uint64(x), uint64(x)+1)
		case uint64:
			us = append(us, x, x-1, x+1)
		}
	}
	if r != nil {
		fields := r.Descriptor().Fields()
		for i := range fields.Len() {
			fd := fields.Get(i)
			switch fd.Name() {
			case "const", "lt", "lte", "gt", "gte":
				if r.Has(fd) {
					add(r.Get(fd))
				}
			case "in", "not_in":
				l := r.Get(fd).List()
				for j := range l.Len() {
					add(l.Get(j))
				}
			}
		}
	}

	var out []protoreflect.Value
	seen := map[any]bool{}
	push := func(v protoreflect.Value) {
		key := v.Interface()
		if f, ok := key.(float64); ok && math.IsNaN(f) {
			key = "NaN"
		}
		if f, ok := key.(float32); ok && math.IsNaN(float64(f)) {
			key = "NaN"
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, v)
		}
	}
	switch k {
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		base := []float64{1}
		if r != nil {
			base = []float64{0, 1, -1, math.NaN(), math.Inf(1), math.Inf(-1)}
		}
		for _, f := range append(base, fs...) {
			if k == protoreflect.FloatKind {
				push(protoreflect.ValueOfFloat32(float32(f)))
			} else {
				push(protoreflect.ValueOfFloat64(f))
			}
		}
		// Numbers given in the rules of an integer type, as floats.
		for _, i := range is {
			push(floatValue(k, float64(i)))
		}
		for _, u := range us {
			push(floatValue(k, float64(u)))
		}
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind,
		protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		base := []int64{1}
		if r != nil {
			base = []int64{0, 1, -1, math.MinInt32, math.MaxInt32, math.MinInt64, math.MaxInt64}
		}
		for _, u := range us {
			if u <= math.MaxInt64 {
				is = append(is, int64(u))
			}
		}
		for _, f := range fs {
			if f == math.Trunc(f) && math.Abs(f) < 1<<62 {
				is = append(is, int64(f))
			}
		}
		for _, i := range append(base, is...) {
			if k == protoreflect.Int64Kind || k == protoreflect.Sint64Kind || k == protoreflect.Sfixed64Kind {
				push(protoreflect.ValueOfInt64(i))
			} else if i >= math.MinInt32 && i <= math.MaxInt32 {
				push(protoreflect.ValueOfInt32(int32(i)))
			}
		}
	default: // unsigned
		base := []uint64{1}
		if r != nil {
			base = []uint64{0, 1, math.MaxUint32, math.MaxUint64}
		}
		for _, i := range is {
			if i >= 0 {
				us = append(us, uint64(i))
			}
		}
		for _, f := range fs {
			if f == math.Trunc(f) && f >= 0 && f < 1<<63 {
				us = append(us, uint64(f))
			}
		}
		for _, u := range append(base, us...) {
			if k == protoreflect.Uint64Kind || k == protoreflect.Fixed64Kind {
				push(protoreflect.ValueOfUint64(u))
			} else if u <= math.MaxUint32 {
				push(protoreflect.ValueOfUint32(uint32(u)))
			}
		}
	}
	return out
}

func floatValue(k protoreflect.Kind, f float64) protoreflect.Value {
	if k == protoreflect.FloatKind {
		return protoreflect.ValueOfFloat32(float32(f))
	}
	return protoreflect.ValueOfFloat64(f)
}

// enumValues: every defined number (the first 8), one past the largest, -1,
// and the numbers of the rules.
func enumValues(fd protoreflect.FieldDescriptor, rules *validate.FieldRules) []protoreflect.Value {
	vals := fd.Enum().Values()
	var nums []protoreflect.EnumNumber
	largest := protoreflect.EnumNumber(0)
	for i := range vals.Len() {
		n := vals.Get(i).Number()
		if i < 8 {
			nums = append(nums, n)
		}
		largest = max(largest, n)
	}
	if rules == nil {
		if vals.Len() > 1 {
			return []protoreflect.Value{protoreflect.ValueOfEnum(vals.Get(1).Number())}
		}
		return []protoreflect.Value{protoreflect.ValueOfEnum(vals.Get(0).Number())}
	}
	nums = append(nums, largest+1, -1)
	er := rules.GetEnum()
	if er.Const != nil {
		nums = append(nums, protoreflect.EnumNumber(er.GetConst()))
	}
	for _, n := range append(slices.Clone(er.GetIn()), er.GetNotIn()...) {
		nums = append(nums, protoreflect.EnumNumber(n))
	}
	var out []protoreflect.Value
	seen := map[protoreflect.EnumNumber]bool{}
	for _, n := range nums {
		if !seen[n] {
			seen[n] = true
			out = append(out, protoreflect.ValueOfEnum(n))
		}
	}
	return out
}

// troublesome are strings tried in every string field with rules: header
// names and values PGV's well_known_regex accepts or refuses (strict or
// not), CRLF injection, control characters, multi-byte runes, and one of
// each format.
var troublesome = []string{
	"", "a", "a b", " a", "x-envoy-foo", "X-Upper_9", ":authority", ":", "::path", "a:b", `a"b`, "a{b",
	"`~!#$%&'*+-.^_|", "a\r\nInjected: 1", "a\nb", "a\rb", "a\x00b", "a\tb", "a\x0bb", "a\x7f", "\x01",
	"a\u0080b", "é", "日本語", "127.0.0.1", "1.2.3.04", "::1", "fe80::1%eth0", "example.com", "-bad-.com",
	"http://example.com/a?b#c", "/relative", "not a uri", "a@example.com", "Name <a@example.com>",
	"123e4567-e89b-12d3-a456-426614174000",
}

// stringValues returns the strings to try under r.
func stringValues(r *validate.StringRules) []string {
	out := slices.Clone(troublesome)
	if r == nil { // rules of another type on a string field
		return out
	}
	lengths := func(n uint64, unit string) {
		for _, l := range []uint64{n - 1, n, n + 1} {
			if l > 1<<16 { // n-1 wrapped, or too long to be useful
				continue
			}
			out = append(out, strings.Repeat(unit, int(l)))
		}
	}
	for _, p := range []*uint64{r.Len, r.MinLen, r.MaxLen} {
		if p != nil {
			lengths(*p, "a")
			lengths(*p, "é") // 2 bytes a rune: counts runes, not bytes
		}
	}
	for _, p := range []*uint64{r.LenBytes, r.MinBytes, r.MaxBytes} {
		if p != nil {
			lengths(*p, "a")
			lengths(*p/2, "é")
			out = append(out, strings.Repeat("é", int(min(*p, 1<<15)/2))+"a")
		}
	}
	if r.Const != nil {
		out = append(out, r.GetConst(), r.GetConst()+"x")
	}
	if r.Prefix != nil {
		out = append(out, r.GetPrefix(), r.GetPrefix()+"x", "x"+r.GetPrefix())
	}
	if r.Suffix != nil {
		out = append(out, r.GetSuffix(), "x"+r.GetSuffix(), r.GetSuffix()+"x")
	}
	if r.Contains != nil {
		out = append(out, r.GetContains(), "x"+r.GetContains()+"x")
	}
	if r.NotContains != nil {
		out = append(out, r.GetNotContains(), "x"+r.GetNotContains()+"x")
	}
	out = append(out, r.GetIn()...)
	out = append(out, r.GetNotIn()...)
	if len(r.GetIn()) > 0 {
		out = append(out, r.GetIn()[0]+"x")
	}
	return dedup(out)
}

// bytesValues returns the byte strings to try under r.
func bytesValues(r *validate.BytesRules) []string {
	out := []string{"", "a", "\x00", "\xff\xfe", "\x7f\x00\x00\x01", strings.Repeat("\x01", 16), "é"}
	if r == nil {
		return out
	}
	for _, p := range []*uint64{r.Len, r.MinLen, r.MaxLen} {
		if p != nil {
			for _, l := range []uint64{*p - 1, *p, *p + 1} {
				if l <= 1<<16 {
					out = append(out, strings.Repeat("a", int(l)))
				}
			}
		}
	}
	if r.Const != nil {
		out = append(out, string(r.GetConst()), string(r.GetConst())+"x")
	}
	if r.Prefix != nil {
		out = append(out, string(r.GetPrefix()), string(r.GetPrefix())+"x", "x"+string(r.GetPrefix()))
	}
	if r.Suffix != nil {
		out = append(out, string(r.GetSuffix()), "x"+string(r.GetSuffix()))
	}
	if r.Contains != nil {
		out = append(out, string(r.GetContains()), "x"+string(r.GetContains())+"x")
	}
	for _, b := range append(slices.Clone(r.GetIn()), r.GetNotIn()...) {
		out = append(out, string(b))
	}
	return dedup(out)
}

func dedup(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// msgValue is a message value to set a field to.
type msgValue struct {
	desc string
	make func() protoreflect.Value
}

// messageValues returns the messages to try in a field of type md under
// rules: Durations and Timestamps around each bound (and invalid ones),
// wrappers holding each scalar candidate, Anys of each type URL of the
// rules and of another; nothing else for other messages (their own fields
// are mutated where they are reached).
func messageValues(md protoreflect.MessageDescriptor, rules *validate.FieldRules) []msgValue {
	var out []msgValue
	switch md.FullName() {
	case "google.protobuf.Duration":
		if rules == nil {
			return nil
		}
		for _, d := range durationValues(rules.GetDuration()) {
			out = append(out, msgValue{fmt.Sprintf("Duration{%d, %d}", d.Seconds, d.Nanos), func() protoreflect.Value {
				return protoreflect.ValueOfMessage((&durationpb.Duration{Seconds: d.Seconds, Nanos: d.Nanos}).ProtoReflect())
			}})
		}
	case "google.protobuf.Timestamp":
		if rules == nil {
			return nil
		}
		for _, t := range timestampValues(rules.GetTimestamp()) {
			out = append(out, msgValue{fmt.Sprintf("Timestamp{%d, %d}", t.Seconds, t.Nanos), func() protoreflect.Value {
				return protoreflect.ValueOfMessage((&timestamppb.Timestamp{Seconds: t.Seconds, Nanos: t.Nanos}).ProtoReflect())
			}})
		}
	case "google.protobuf.Any":
		if rules == nil {
			return nil
		}
		urls := []string{"", "type.googleapis.com/google.protobuf.Empty"}
		urls = append(urls, rules.GetAny().GetIn()...)
		urls = append(urls, rules.GetAny().GetNotIn()...)
		for _, u := range dedup(urls) {
			out = append(out, msgValue{fmt.Sprintf("Any{%q}", u), func() protoreflect.Value {
				return protoreflect.ValueOfMessage((&anypb.Any{TypeUrl: u}).ProtoReflect())
			}})
		}
	case "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
		"google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
		"google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue":
		vfd := md.Fields().ByName("value")
		for _, v := range scalarValues(vfd, rules) {
			out = append(out, msgValue{string(md.Name()) + "{" + describe(v) + "}", func() protoreflect.Value {
				m := wrapperType(md).New()
				m.Set(vfd, v)
				return protoreflect.ValueOfMessage(m)
			}})
		}
	}
	return out
}

// durationValues: zero, ±1s, 1ns, each bound and one nanosecond either
// side, the in and not_in entries, and three invalid Durations.
func durationValues(r *validate.DurationRules) []*durationpb.Duration {
	out := []*durationpb.Duration{
		{}, {Seconds: 1}, {Seconds: -1}, {Nanos: 1},
		{Seconds: 1, Nanos: -5},            // mixed signs: invalid
		{Seconds: 315576000001},            // beyond ±10,000 years: invalid
		{Seconds: 0, Nanos: 1_000_000_000}, // nanos out of range: invalid
	}
	for _, b := range []*durationpb.Duration{r.GetConst(), r.GetLt(), r.GetLte(), r.GetGt(), r.GetGte()} {
		if b == nil {
			continue
		}
		d := b.AsDuration()
		out = append(out, durationpb.New(d-1), durationpb.New(d), durationpb.New(d+1))
	}
	out = append(out, r.GetIn()...)
	out = append(out, r.GetNotIn()...)
	return out
}

// timestampValues: the epoch, ±1s, each bound and one nanosecond either
// side, an hour around now and around now ± within, and two invalid
// Timestamps.
func timestampValues(r *validate.TimestampRules) []*timestamppb.Timestamp {
	out := []*timestamppb.Timestamp{
		{}, {Seconds: 1}, {Seconds: -1},
		{Seconds: 1, Nanos: -1}, // negative nanos: invalid
		{Seconds: 253402300800}, // year 10000: invalid
	}
	for _, b := range []*timestamppb.Timestamp{r.GetConst(), r.GetLt(), r.GetLte(), r.GetGt(), r.GetGte()} {
		if b == nil {
			continue
		}
		t := b.AsTime()
		out = append(out, timestamppb.New(t.Add(-1)), timestamppb.New(t), timestamppb.New(t.Add(1)))
	}
	if r.GetLtNow() || r.GetGtNow() || r.GetWithin() != nil {
		now := time.Now()
		out = append(out, timestamppb.New(now.Add(-time.Hour)), timestamppb.New(now.Add(time.Hour)))
		if r.GetWithin() != nil {
			w := r.GetWithin().AsDuration()
			out = append(out, timestamppb.New(now.Add(w+time.Hour)), timestamppb.New(now.Add(-w-time.Hour)))
		}
	}
	return out
}

// wrapperType is the Go type of a wrapper message (google.protobuf.*Value).
func wrapperType(md protoreflect.MessageDescriptor) protoreflect.MessageType {
	mt, err := protoregistry.GlobalTypes.FindMessageByName(md.FullName())
	if err != nil {
		panic(fmt.Sprintf("corpus: %s is not linked: %v", md.FullName(), err))
	}
	return mt
}
