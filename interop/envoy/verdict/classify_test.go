package verdict

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/durationpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// The documented differences between protolite's semantics and PGV's
// (docs/from-pgv.md, "Every semantic difference"), as classes of
// disagreement. A disagreement is explained when every violation path that
// only one side reports, and the difference in the first violation, falls
// in one of these classes; any other fails the test.
const (
	// NaN fails every range, const and in rule in protolite (the contract);
	// in PGV a comparison with NaN is false, so NaN passes gt, lt and the rest.
	classNaN = "NaN fails a range (protolite) / passes it (PGV)"
	// An invalid Duration (seconds or nanos out of range, mixed signs) is a
	// violation in protolite (DURATION_INVALID) whatever its rules; PGV
	// only checks it when a range, const or in rule is set.
	classDuration = "invalid Duration (protolite: DURATION_INVALID; PGV: only under range rules)"
	// The same for Timestamps.
	classTimestamp = "invalid Timestamp (protolite: TIMESTAMP_INVALID; PGV: only under range rules)"
	// PGV checks a message's oneofs after its other fields; protolite goes
	// in declaration order (the contract), so with violations on both sides
	// of a oneof the first one differs (the set does not).
	classOneofOrder = "first violation: PGV checks oneofs last, protolite in declaration order"
	// protolite checks repeated.unique over the whole list before the items'
	// own rules; PGV checks each item in turn, uniqueness included, so with
	// a duplicate and a broken item rule the first violation differs (the
	// set does not).
	classUniqueOrder = "first violation: protolite checks repeated.unique before the items, PGV item by item"
)

// classify returns the classes explaining a disagreement, or nil when it
// is not explained.
func classify(o outcome) []string {
	if o.problem != "" {
		return nil
	}
	var classes []string
	addClass := func(c string) {
		if !slices.Contains(classes, c) {
			classes = append(classes, c)
		}
	}
	pgvSet, liteSet := paths(o.pgvAll), paths(o.liteAll)
	// Every path one side alone reports.
	for _, p := range liteSet {
		if slices.Contains(pgvSet, p) {
			continue
		}
		c := explainLiteOnly(o, p)
		if c == "" {
			return nil
		}
		addClass(c)
	}
	for _, p := range pgvSet {
		if !slices.Contains(liteSet, p) {
			return nil // nothing documented makes PGV stricter
		}
	}
	// The first violation: the same, or explained.
	pf, lf := first(o.pgvFirst), first(o.liteFirst)
	if pf != lf {
		switch {
		case lf != "" && !slices.Contains(pgvSet, lf):
			// protolite's first is one PGV does not report: explained above.
		case pf != "" && lf != "" && oneofAtDivergence(o, pf, lf):
			addClass(classOneofOrder)
		case pf != "" && strings.HasPrefix(o.liteFirst[0].reason, "REPEATED_UNIQUE:") && sameList(pf, lf):
			addClass(classUniqueOrder)
		default:
			return nil
		}
	}
	return classes
}

// explainLiteOnly explains a violation path that protolite reports and PGV
// does not, from the value at that path.
func explainLiteOnly(o outcome, path string) string {
	fd, v, ok := resolve(o.gcp.ProtoReflect(), path)
	if !ok || fd == nil {
		return ""
	}
	switch {
	case isNaN(fd, v):
		return classNaN
	case fd.Message() != nil && fd.Message().FullName() == "google.protobuf.Duration" && v.IsValid():
		if d, ok := v.Message().Interface().(*durationpb.Duration); ok && d.CheckValid() != nil {
			return classDuration
		}
	case fd.Message() != nil && fd.Message().FullName() == "google.protobuf.Timestamp" && v.IsValid():
		if t, ok := v.Message().Interface().(*timestamppb.Timestamp); ok && t.CheckValid() != nil {
			return classTimestamp
		}
	}
	return ""
}

// isNaN reports whether v, of field fd, is a NaN float or double, bare or
// in a wrapper.
func isNaN(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
	if !v.IsValid() {
		return false
	}
	switch fd.Kind() {
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		return math.IsNaN(v.Float())
	case protoreflect.MessageKind:
		switch fd.Message().FullName() {
		case "google.protobuf.FloatValue", "google.protobuf.DoubleValue":
			inner := v.Message()
			return math.IsNaN(inner.Get(inner.Descriptor().Fields().ByName("value")).Float())
		}
	}
	return false
}

// sameList reports whether two paths are items of one repeated field
// (`codes[0]`, `codes[1]`).
func sameList(a, b string) bool {
	ia, ib := strings.LastIndexByte(a, '['), strings.LastIndexByte(b, '[')
	return ia > 0 && ib > 0 && a[:ia] == b[:ib]
}

// oneofAtDivergence reports whether two paths part at a field of a oneof
// (or at a oneof's own name), where PGV's order and protolite's differ.
func oneofAtDivergence(o outcome, a, b string) bool {
	sa, sb := split(a), split(b)
	n := 0
	for n < len(sa) && n < len(sb) && sa[n] == sb[n] {
		n++
	}
	m := o.gcp.ProtoReflect()
	if n > 0 {
		fd, v, ok := resolve(m, strings.Join(sa[:n], "."))
		if !ok || fd == nil || !v.IsValid() || fd.Message() == nil {
			return false
		}
		m = v.Message()
	}
	inOneof := func(segs []string) bool {
		if n >= len(segs) {
			return false
		}
		name, _ := cutIndex(segs[n])
		md := m.Descriptor()
		if od := md.Oneofs().ByName(protoreflect.Name(name)); od != nil && !od.IsSynthetic() {
			return true
		}
		fd := md.Fields().ByName(protoreflect.Name(name))
		return fd != nil && fd.ContainingOneof() != nil && !fd.ContainingOneof().IsSynthetic()
	}
	return inOneof(sa) || inOneof(sb)
}

// split cuts a path into its segments (`a`, `b[2]`, `c["x.y"]`), dots
// inside quoted keys kept.
func split(path string) []string {
	var segs []string
	start, inQuote := 0, false
	for i := 0; i < len(path); i++ {
		switch c := path[i]; {
		case inQuote && c == '\\':
			i++
		case c == '"':
			inQuote = !inQuote
		case c == '.' && !inQuote:
			segs = append(segs, path[start:i])
			start = i + 1
		}
	}
	if path != "" {
		segs = append(segs, path[start:])
	}
	return segs
}

// cutIndex splits `name[...]` into the name and what is in the brackets.
func cutIndex(seg string) (name, index string) {
	i := strings.IndexByte(seg, '[')
	if i < 0 || !strings.HasSuffix(seg, "]") {
		return seg, ""
	}
	return seg[:i], seg[i+1 : len(seg)-1]
}

// resolve returns the field the path ends at and its value there (an
// element's for an indexed last segment; invalid when unset). A path that
// ends at a oneof's name gives a nil field.
func resolve(m protoreflect.Message, path string) (protoreflect.FieldDescriptor, protoreflect.Value, bool) {
	segs := split(path)
	for i, seg := range segs {
		name, idx := cutIndex(seg)
		md := m.Descriptor()
		fd := md.Fields().ByName(protoreflect.Name(name))
		if fd == nil {
			if md.Oneofs().ByName(protoreflect.Name(name)) != nil && i == len(segs)-1 {
				return nil, protoreflect.Value{}, true
			}
			return nil, protoreflect.Value{}, false
		}
		var v protoreflect.Value
		if m.Has(fd) || !fd.HasPresence() {
			v = m.Get(fd)
		}
		switch {
		case idx == "":
		case fd.IsList():
			n, err := strconv.Atoi(idx)
			if err != nil || !v.IsValid() || n >= v.List().Len() {
				return nil, protoreflect.Value{}, false
			}
			v = v.List().Get(n)
		case fd.IsMap():
			key, ok := mapKey(fd.MapKey(), idx)
			if !ok || !v.IsValid() || !v.Map().Has(key) {
				return nil, protoreflect.Value{}, false
			}
			v = v.Map().Get(key)
		default:
			return nil, protoreflect.Value{}, false
		}
		if i == len(segs)-1 {
			return fd, v, true
		}
		if !v.IsValid() {
			return nil, protoreflect.Value{}, false
		}
		if fd.IsMap() {
			if fd.MapValue().Message() == nil {
				return nil, protoreflect.Value{}, false
			}
		} else if fd.Message() == nil {
			return nil, protoreflect.Value{}, false
		}
		m = v.Message()
	}
	return nil, protoreflect.Value{}, false
}

// mapKey parses a path's map key (`"env"`, `42`, `true`).
func mapKey(kd protoreflect.FieldDescriptor, s string) (protoreflect.MapKey, bool) {
	switch kd.Kind() {
	case protoreflect.StringKind:
		u, err := strconv.Unquote(s)
		return protoreflect.ValueOfString(u).MapKey(), err == nil
	case protoreflect.BoolKind:
		b, err := strconv.ParseBool(s)
		return protoreflect.ValueOfBool(b).MapKey(), err == nil
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		n, err := strconv.ParseInt(s, 10, 32)
		return protoreflect.ValueOfInt32(int32(n)).MapKey(), err == nil
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		n, err := strconv.ParseInt(s, 10, 64)
		return protoreflect.ValueOfInt64(n).MapKey(), err == nil
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		n, err := strconv.ParseUint(s, 10, 32)
		return protoreflect.ValueOfUint32(uint32(n)).MapKey(), err == nil
	default:
		n, err := strconv.ParseUint(s, 10, 64)
		return protoreflect.ValueOfUint64(n).MapKey(), err == nil
	}
}
