// Package pgverr reads the errors of PGV's generated validators (the
// *.pb.validate.go files in go-control-plane) as protolite reports its
// violations: one field path per broken rule, in google.rpc.BadRequest's
// form (`virtual_hosts[0].routes[1].match`, `labels["env"]`).
//
// PGV's errors are a tree: each message's error names a field by its Go
// name (`Routes[1]`, `Labels[env]`, a oneof's Go name for a required
// oneof), with the nested message's error as its cause; ValidateAll
// returns a MultiError (a list) at each level.
package pgverr

import (
	"strconv"
	"strings"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// fieldError is the method set of every PGV <Message>ValidationError.
type fieldError interface {
	error
	Field() string
	Reason() string
	Cause() error
	Key() bool
}

// multiError is the method set of every PGV <Message>MultiError.
type multiError interface {
	error
	AllErrors() []error
}

// Violation is one broken rule of a PGV error.
type Violation struct {
	Path   string // proto field path
	Reason string // PGV's sentence, e.g. "value length must be at least 1 runes"
}

// Violations flattens a PGV error from a message of type md into its
// broken rules, in PGV's order. A field name that md does not have is kept
// as "?Name", so that it shows up as a disagreement rather than vanish.
func Violations(err error, md protoreflect.MessageDescriptor) []Violation {
	var out []Violation
	flatten(err, md, "", &out)
	return out
}

func flatten(err error, md protoreflect.MessageDescriptor, prefix string, out *[]Violation) {
	if err == nil {
		return
	}
	if m, ok := err.(multiError); ok {
		for _, e := range m.AllErrors() {
			flatten(e, md, prefix, out)
		}
		return
	}
	fe, ok := err.(fieldError)
	if !ok {
		*out = append(*out, Violation{Path: prefix, Reason: err.Error()})
		return
	}
	seg, child := segment(fe.Field(), md)
	path := seg
	if prefix != "" {
		path = prefix + "." + seg
	}
	cause := fe.Cause()
	_, nestedField := cause.(fieldError)
	_, nestedMulti := cause.(multiError)
	if child != nil && (nestedField || nestedMulti) {
		flatten(cause, child, path, out)
		return
	}
	*out = append(*out, Violation{Path: path, Reason: fe.Reason()})
}

// segment turns PGV's field name at md (`Routes[1]`, `Labels[env]`,
// `Action`) into a path segment (`routes[1]`, `labels["env"]`, `action`)
// and returns the message type an error nested under it is about.
func segment(name string, md protoreflect.MessageDescriptor) (string, protoreflect.MessageDescriptor) {
	base, suffix := name, ""
	if i := strings.IndexByte(name, '['); i >= 0 && strings.HasSuffix(name, "]") {
		base, suffix = name[:i], name[i:]
	}
	fields := md.Fields()
	for i := range fields.Len() {
		fd := fields.Get(i)
		if norm(string(fd.Name())) != norm(base) {
			continue
		}
		seg := string(fd.Name())
		switch {
		case fd.IsMap():
			if suffix != "" && fd.MapKey().Kind() == protoreflect.StringKind {
				suffix = "[" + strconv.Quote(suffix[1:len(suffix)-1]) + "]"
			}
			return seg + suffix, fd.MapValue().Message()
		default:
			return seg + suffix, fd.Message()
		}
	}
	oneofs := md.Oneofs()
	for i := range oneofs.Len() {
		if od := oneofs.Get(i); norm(string(od.Name())) == norm(base) {
			return string(od.Name()), nil
		}
	}
	return "?" + name, nil
}

// norm folds a proto name and its Go name to one form: lower case, no
// underscores (max_items and MaxItems, http2_options and Http2Options).
func norm(s string) string {
	return strings.ToLower(strings.ReplaceAll(s, "_", ""))
}
