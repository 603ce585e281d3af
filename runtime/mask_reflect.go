package runtime

import (
	"errors"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/internal/fieldbehavior"
	"github.com/protolite/protolite/runtime/internal/maskcore"
)

// The reflective field-mask operations. They work on any proto.Message and
// give the same results and errors as the methods protoc-gen-fieldmask
// generates.

var errNilMessage = errors.New("protolite: field mask used with a nil proto.Message")

// ParseMask checks mask against message type md and returns it parsed, to
// reuse with FilterParsedMask, PruneParsedMask and ApplyParsedMask (or the
// generated *ParsedMask methods, which accept it too).
func ParseMask(md protoreflect.MessageDescriptor, mask *fieldmaskpb.FieldMask) (*ParsedMask, error) {
	t, vs := maskcore.New(mask, md.FullName(), maskcore.Checker(md))
	if vs != nil {
		return nil, maskError(vs)
	}
	return (*ParsedMask)(t), nil
}

// acquire checks mask against m's type and returns m and the mask's tree,
// from the pool: give it back with Release.
func acquire(m proto.Message, mask *fieldmaskpb.FieldMask, apply bool) (protoreflect.Message, *maskcore.Tree, error) {
	if m == nil {
		return nil, nil, errNilMessage
	}
	pm := m.ProtoReflect()
	t, vs := maskcore.Acquire(mask, pm.Descriptor().FullName(), maskcore.Checker(pm.Descriptor()), apply)
	if vs != nil {
		return nil, nil, maskError(vs)
	}
	return pm, t, nil
}

// parsed returns m and the tree of t, after checking that t was parsed for
// m's type.
func parsed(m proto.Message, t *ParsedMask) (protoreflect.Message, *maskcore.Tree, error) {
	if m == nil {
		return nil, nil, errNilMessage
	}
	pm := m.ProtoReflect()
	if err := t.tree().CheckMessage(pm.Descriptor().FullName()); err != nil {
		return nil, nil, err
	}
	return pm, t.tree(), nil
}

// ValidateMask returns nil when every path of mask names a field of m's type
// (`*` after repeated and map fields included), else a *ValidationError with
// one violation per bad path. m may be a typed nil.
func ValidateMask(m proto.Message, mask *fieldmaskpb.FieldMask) error {
	if m == nil {
		return errNilMessage
	}
	if vs := maskcore.CheckPaths(mask.GetPaths(), maskcore.Checker(m.ProtoReflect().Descriptor()), false); vs != nil {
		return maskError(vs)
	}
	return nil
}

// FilterMask keeps only the fields of m that mask names and clears the
// others (AIP-157). A nil or empty mask keeps everything; a nil m is left as
// it is, but the mask is still checked.
func FilterMask(m proto.Message, mask *fieldmaskpb.FieldMask) error {
	pm, t, err := acquire(m, mask, false)
	if err != nil {
		return err
	}
	filter(pm, t)
	t.Release()
	return nil
}

// FilterParsedMask is FilterMask with a mask from ParseMask.
func FilterParsedMask(m proto.Message, t *ParsedMask) error {
	pm, tree, err := parsed(m, t)
	if err != nil {
		return err
	}
	filter(pm, tree)
	return nil
}

func filter(pm protoreflect.Message, t *maskcore.Tree) {
	if pm.IsValid() && !t.Empty() && !t.All() {
		maskcore.Filter(pm, t.Root())
	}
}

// PruneMask clears the fields of m that mask names. A nil or empty mask
// clears nothing; `*` clears every field.
func PruneMask(m proto.Message, mask *fieldmaskpb.FieldMask) error {
	pm, t, err := acquire(m, mask, false)
	if err != nil {
		return err
	}
	prune(pm, t)
	t.Release()
	return nil
}

// PruneParsedMask is PruneMask with a mask from ParseMask.
func PruneParsedMask(m proto.Message, t *ParsedMask) error {
	pm, tree, err := parsed(m, t)
	if err != nil {
		return err
	}
	prune(pm, tree)
	return nil
}

func prune(pm protoreflect.Message, t *maskcore.Tree) {
	if pm.IsValid() && !t.Empty() {
		maskcore.Prune(pm, t.Root())
	}
}

// ApplyMask copies the fields of src that mask names into dst (an update or
// PATCH): a named field unset in src is cleared in dst; a named message
// field is replaced whole, or only its named sub-fields are copied; repeated
// and map fields are replaced whole unless a map key is named. A nil or
// empty mask names every field populated in src; `*` names every field.
// OUTPUT_ONLY fields are never changed; changing or clearing the set value
// of an IMMUTABLE field is an error (reason FIELD_IMMUTABLE), and then dst is
// left untouched. Copied values never alias src, and src is never modified.
// dst and src must be of the same type; a nil src reads as an empty message.
func ApplyMask(dst, src proto.Message, mask *fieldmaskpb.FieldMask) error {
	pm, t, err := acquire(dst, mask, true)
	if err != nil {
		return err
	}
	defer t.Release()
	return apply(pm, src, t)
}

// ApplyParsedMask is ApplyMask with a mask from ParseMask.
func ApplyParsedMask(dst, src proto.Message, t *ParsedMask) error {
	pm, tree, err := parsed(dst, t)
	if err != nil {
		return err
	}
	if vs := tree.ApplyViolations(); vs != nil {
		return maskError(vs)
	}
	return apply(pm, src, tree)
}

func apply(dst protoreflect.Message, src proto.Message, t *maskcore.Tree) error {
	if !dst.IsValid() {
		return ErrNilMaskTarget
	}
	var sm protoreflect.Message
	if src != nil {
		sm = src.ProtoReflect()
	}
	if sm == nil || !sm.IsValid() {
		sm = dst.Type().Zero()
	} else if sm.Descriptor().FullName() != dst.Descriptor().FullName() {
		return errors.New("protolite: ApplyMask from a " + string(sm.Descriptor().FullName()) +
			" into a " + string(dst.Descriptor().FullName()))
	}
	var vs []maskcore.Violation
	switch {
	case t.Empty():
		vs = maskcore.ApplyCheckFields(dst, sm, nil, true, nil)
	case t.All():
		vs = maskcore.ApplyCheckFields(dst, sm, nil, false, nil)
	default:
		var p maskcore.FieldPath
		vs = maskcore.ApplyCheckNode(dst, sm, t.Root(), &p, false, nil)
	}
	if vs != nil {
		return maskError(vs)
	}
	switch {
	case t.Empty():
		maskcore.ApplyFields(dst, sm, true)
	case t.All():
		maskcore.ApplyFields(dst, sm, false)
	default:
		maskcore.ApplyNode(dst, sm, t.Root())
	}
	return nil
}

// FieldBehavior reports whether fd is OUTPUT_ONLY and whether it is
// IMMUTABLE, from its (google.api.field_behavior) option (extension 1052,
// whichever copy of google/api/field_behavior.proto declared it).
// protoc-gen-fieldmask reads it at generation time, ApplyMask at run time,
// so both see the same behaviors.
func FieldBehavior(fd protoreflect.FieldDescriptor) (outputOnly, immutable bool) {
	return fieldbehavior.Of(fd)
}
