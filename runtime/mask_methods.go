package runtime

import (
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// MaskMethods is the general route of the field-mask methods that
// protoc-gen-fieldmask generates for a message type T: the mask is checked,
// parsed into a tree (kept in a one-entry MaskCache), and the tree is walked
// by the generated walkers it holds. Generated code declares one MaskMethods
// per message type and calls it for masks its literal fast path does not
// cover (`*`, map keys, paths deeper than field.sub, invalid paths, an empty
// mask for Apply) and for the *ParsedMask methods. It is safe for concurrent
// use.
type MaskMethods[T any] struct {
	// Name is the full name of the message type T.
	Name protoreflect.FullName
	// Check checks the rest of a path into a T; it returns why the path
	// names no field, or "".
	Check func(MaskPathReader) string
	// Zero is an empty T, read in place of a nil source.
	Zero *T
	// Filter keeps only the fields of x that node n names (n has sub-paths).
	Filter func(x *T, n MaskNode)
	// Prune clears the fields of x that node n names.
	Prune func(x *T, n MaskNode)
	// CheckApplyFields, when not nil (T has IMMUTABLE fields), returns the
	// violations of the IMMUTABLE fields whose set value `*` (or, with
	// populated, an empty mask) would change.
	CheckApplyFields func(x, src *T, populated bool) error
	// ApplyFields copies every field of src but the OUTPUT_ONLY ones into x,
	// or with populated only those populated in src.
	ApplyFields func(x, src *T, populated bool)
	// CheckApplyNode, when not nil (an IMMUTABLE field can be reached from
	// T), returns the violations of the IMMUTABLE fields under node n whose
	// set value applying src would change.
	CheckApplyNode func(x, src *T, n MaskNode) error
	// ApplyNode copies the fields of src that node n names into x.
	ApplyNode func(x, src *T, n MaskNode)

	cache MaskCache
}

// ParseMask checks mask against T and returns it parsed.
func (m *MaskMethods[T]) ParseMask(mask *fieldmaskpb.FieldMask) (*ParsedMask, error) {
	return NewParsedMask(mask, m.Name, m.Check)
}

// ValidateMask returns nil when every path of mask names a field of T.
func (m *MaskMethods[T]) ValidateMask(mask *fieldmaskpb.FieldMask) error {
	return CheckMask(mask, m.Check)
}

// FilterMask keeps only the fields of x that mask names.
func (m *MaskMethods[T]) FilterMask(x *T, mask *fieldmaskpb.FieldMask) error {
	t, err := m.cache.Acquire(mask, m.Name, m.Check, false)
	if err != nil {
		return err
	}
	m.filter(x, t)
	t.Release()
	return nil
}

// FilterParsedMask is FilterMask with a mask from ParseMask.
func (m *MaskMethods[T]) FilterParsedMask(x *T, t *ParsedMask) error {
	if err := t.CheckMessage(m.Name); err != nil {
		return err
	}
	m.filter(x, t)
	return nil
}

func (m *MaskMethods[T]) filter(x *T, t *ParsedMask) {
	if x != nil && !t.Empty() && !t.All() {
		m.Filter(x, t.Root())
	}
}

// PruneMask clears the fields of x that mask names.
func (m *MaskMethods[T]) PruneMask(x *T, mask *fieldmaskpb.FieldMask) error {
	t, err := m.cache.Acquire(mask, m.Name, m.Check, false)
	if err != nil {
		return err
	}
	m.prune(x, t)
	t.Release()
	return nil
}

// PruneParsedMask is PruneMask with a mask from ParseMask.
func (m *MaskMethods[T]) PruneParsedMask(x *T, t *ParsedMask) error {
	if err := t.CheckMessage(m.Name); err != nil {
		return err
	}
	m.prune(x, t)
	return nil
}

func (m *MaskMethods[T]) prune(x *T, t *ParsedMask) {
	if x != nil && !t.Empty() {
		m.Prune(x, t.Root())
	}
}

// ApplyMask copies the fields of src that mask names into x.
func (m *MaskMethods[T]) ApplyMask(x, src *T, mask *fieldmaskpb.FieldMask) error {
	t, err := m.cache.Acquire(mask, m.Name, m.Check, true)
	if err != nil {
		return err
	}
	err = m.apply(x, src, t)
	t.Release()
	return err
}

// ApplyParsedMask is ApplyMask with a mask from ParseMask.
func (m *MaskMethods[T]) ApplyParsedMask(x, src *T, t *ParsedMask) error {
	if err := t.CheckMessage(m.Name); err != nil {
		return err
	}
	if err := t.ApplyErr(); err != nil {
		return err
	}
	return m.apply(x, src, t)
}

// apply checks the IMMUTABLE fields, then applies a checked mask.
func (m *MaskMethods[T]) apply(x, src *T, t *ParsedMask) error {
	if x == nil {
		return ErrNilMaskTarget
	}
	if src == nil {
		src = m.Zero
	}
	var err error
	switch {
	case t.Empty() || t.All():
		if m.CheckApplyFields != nil {
			err = m.CheckApplyFields(x, src, t.Empty())
		}
	case m.CheckApplyNode != nil:
		err = m.CheckApplyNode(x, src, t.Root())
	}
	if err != nil {
		return err
	}
	switch {
	case t.Empty() || t.All():
		m.ApplyFields(x, src, t.Empty())
	default:
		m.ApplyNode(x, src, t.Root())
	}
	return nil
}
