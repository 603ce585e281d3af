package protoimpl

import (
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/protolite/protolite/runtime"
	"github.com/protolite/protolite/runtime/internal/maskcore"
)

// The field-mask core, as generated mask methods see it. The types are
// those of the runtime's internal field-mask core, which the runtime's
// reflective operations use too, so that both agree on every input.

// MaskSegment is one segment of a field-mask path: its Text (without the
// backticks of a quoted segment) and whether it was Quoted.
type MaskSegment = maskcore.Segment

// MaskPathReader reads the segments of one field-mask path in turn (More,
// Next). Generated path checkers receive it by value, after the path's
// syntax has been checked, and pass it on to the checker of a nested
// message.
type MaskPathReader = maskcore.PathReader

// MaskNode is a node of a parsed mask: the root (the message), a field, a
// map key or a `*`. Generated walkers move through it with First and Next,
// Child, Each and Key (KeyInt, KeyUint, KeyBool), and read it with Valid,
// Whole, Name and IntKey (UintKey, BoolKey). The zero MaskNode is invalid:
// it stands for "not in the mask".
type MaskNode = maskcore.Node

// MaskFieldPath is the path of the field ApplyMask is checking for
// IMMUTABLE fields, kept as a stack (Push, PushKey, Pop) and rendered only
// for a violation. Generated code declares one on the stack for each
// ApplyMask call; a nil *MaskFieldPath is the root.
type MaskFieldPath = maskcore.FieldPath

// Reasons for invalid paths. Generated checkers and the reflective checker
// use the same functions, so their errors are identical.

// MaskReasonUnknownField says that message has no field name.
func MaskReasonUnknownField(message, name string) string {
	return maskcore.ReasonUnknownField(message, name)
}

// MaskReasonJSONName says that name is the JSON name of field protoName of
// message, and that masks take proto names (AIP-161).
func MaskReasonJSONName(message, name, protoName string) string {
	return maskcore.ReasonJSONName(message, name, protoName)
}

// MaskReasonNotMessage says that field is not a message field and has no
// sub-fields.
func MaskReasonNotMessage(field string) string { return maskcore.ReasonNotMessage(field) }

// MaskReasonWildcard says that `*` is misplaced.
func MaskReasonWildcard() string { return maskcore.ReasonWildcard() }

// MaskReasonQuoted says that a field name was quoted.
func MaskReasonQuoted(text string) string { return maskcore.ReasonQuoted(text) }

// MaskCheckList checks the rest of a path after the repeated field field:
// nothing, or `*` followed by a path that elem checks (nil when the elements
// are not messages).
func MaskCheckList(r MaskPathReader, field string, elem func(MaskPathReader) string) string {
	return maskcore.CheckList(r, field, elem)
}

// MaskCheckMap checks the rest of a path after the map field field: nothing,
// or a key of kind key (or `*`) followed by a path that value checks (nil
// when the values are not messages).
func MaskCheckMap(r MaskPathReader, field string, key protoreflect.Kind, value func(MaskPathReader) string) string {
	return maskcore.CheckMap(r, field, key, value)
}

// MaskCheckMessage checks the rest of a path after the singular message
// field: nothing, or a path that sub checks.
func MaskCheckMessage(r MaskPathReader, sub func(MaskPathReader) string) string {
	return maskcore.CheckMessage(r, sub)
}

// CheckMaskPathOf checks the rest of a path into message type M by
// reflection, as a function value generated checkers pass on for message
// types without generated methods.
func CheckMaskPathOf[M proto.Message](r MaskPathReader) string {
	var m M
	return maskcore.CheckReflect(m.ProtoReflect().Descriptor(), r)
}

// FilterMaskNode keeps only the fields of m under node n; generated code
// calls it for fields without generated methods.
func FilterMaskNode(m proto.Message, n MaskNode) {
	if m == nil || n.Whole() {
		return
	}
	if pm := m.ProtoReflect(); pm.IsValid() {
		maskcore.Filter(pm, n)
	}
}

// PruneMaskNode clears the fields of m under node n; generated code calls it
// for fields without generated methods.
func PruneMaskNode(m proto.Message, n MaskNode) {
	if m == nil {
		return
	}
	if pm := m.ProtoReflect(); pm.IsValid() {
		maskcore.Prune(pm, n)
	}
}

// ApplyMaskNode copies the fields of src under node n into dst (neither
// nil); generated code calls it for fields without generated methods. A
// nil src reads as an empty message.
func ApplyMaskNode(dst, src proto.Message, n MaskNode) {
	d := dst.ProtoReflect()
	maskcore.ApplyNode(d, maskcore.OrZero(d, src), n)
}

// CheckApplyMaskNode checks the IMMUTABLE fields of dst under node n
// against src (either may be nil, read as empty), adding a violation under
// path p for each one Apply would change; generated code calls it for fields
// without generated methods.
func CheckApplyMaskNode(dst, src proto.Message, n MaskNode, p *MaskFieldPath, inherited bool, v *Violations) {
	d := dst.ProtoReflect()
	if !d.IsValid() {
		d = d.Type().Zero()
	}
	for _, fv := range maskcore.ApplyCheckNode(d, maskcore.OrZero(d, src), n, p, inherited, nil) {
		v.Add(fv.Field, fv.Reason, fv.Description)
	}
}

// AddImmutable records that ApplyMask would change the IMMUTABLE field name
// under p (or the element p is at when name is "").
func AddImmutable(v *Violations, p *MaskFieldPath, name string) {
	fv := maskcore.Immutable(p, name)
	v.Add(fv.Field, fv.Reason, fv.Description)
}

// maskError returns the violations of the field-mask core as a
// *runtime.ValidationError.
func maskError(vs []maskcore.Violation) error {
	out := make([]runtime.FieldViolation, len(vs))
	for i, fv := range vs {
		out[i] = runtime.FieldViolation(fv)
	}
	return runtime.NewValidationError(out...)
}
