package protoimpl

import (
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/runtime"
	"github.com/protolite/protolite/runtime/internal/maskcore"
)

// MaskMethods is the general route of the field-mask methods that
// protoc-gen-fieldmask generates for a message type T: the mask is checked,
// parsed into a tree (the last mask seen twice in a row is kept, so that a
// mask that comes back call after call is parsed once; others are parsed
// into pooled trees and allocate nothing), and the tree is walked by the
// generated walkers it holds. Generated code declares one MaskMethods per
// message type and calls it for masks its literal fast path does not cover
// (`*`, map keys, paths deeper than field.sub, invalid paths, an empty mask
// for Apply) and for the *ParsedMask methods. It is safe for concurrent
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

	cache maskcore.Cache
}

// acquire checks mask against T and returns its tree, to give back with
// Release.
func (m *MaskMethods[T]) acquire(mask *fieldmaskpb.FieldMask, apply bool) (*maskcore.Tree, error) {
	t, vs := m.cache.Acquire(mask, m.Name, m.Check, apply)
	if vs != nil {
		return nil, maskError(vs)
	}
	return t, nil
}

// parsed returns the tree of t, after checking that t was parsed for T.
func (m *MaskMethods[T]) parsed(t *runtime.ParsedMask) (*maskcore.Tree, error) {
	tree := (*maskcore.Tree)(t)
	if err := tree.CheckMessage(m.Name); err != nil {
		return nil, err
	}
	return tree, nil
}

// ParseMask checks mask against T and returns it parsed.
func (m *MaskMethods[T]) ParseMask(mask *fieldmaskpb.FieldMask) (*runtime.ParsedMask, error) {
	t, vs := maskcore.New(mask, m.Name, m.Check)
	if vs != nil {
		return nil, maskError(vs)
	}
	return (*runtime.ParsedMask)(t), nil
}

// ValidateMask returns nil when every path of mask names a field of T.
func (m *MaskMethods[T]) ValidateMask(mask *fieldmaskpb.FieldMask) error {
	if vs := maskcore.CheckPaths(mask.GetPaths(), m.Check, false); vs != nil {
		return maskError(vs)
	}
	return nil
}

// FilterMask keeps only the fields of x that mask names.
func (m *MaskMethods[T]) FilterMask(x *T, mask *fieldmaskpb.FieldMask) error {
	t, err := m.acquire(mask, false)
	if err != nil {
		return err
	}
	m.filter(x, t)
	t.Release()
	return nil
}

// FilterParsedMask is FilterMask with a mask from ParseMask.
func (m *MaskMethods[T]) FilterParsedMask(x *T, pm *runtime.ParsedMask) error {
	t, err := m.parsed(pm)
	if err != nil {
		return err
	}
	m.filter(x, t)
	return nil
}

func (m *MaskMethods[T]) filter(x *T, t *maskcore.Tree) {
	if x != nil && !t.Empty() && !t.All() {
		m.Filter(x, t.Root())
	}
}

// PruneMask clears the fields of x that mask names.
func (m *MaskMethods[T]) PruneMask(x *T, mask *fieldmaskpb.FieldMask) error {
	t, err := m.acquire(mask, false)
	if err != nil {
		return err
	}
	m.prune(x, t)
	t.Release()
	return nil
}

// PruneParsedMask is PruneMask with a mask from ParseMask.
func (m *MaskMethods[T]) PruneParsedMask(x *T, pm *runtime.ParsedMask) error {
	t, err := m.parsed(pm)
	if err != nil {
		return err
	}
	m.prune(x, t)
	return nil
}

func (m *MaskMethods[T]) prune(x *T, t *maskcore.Tree) {
	if x != nil && !t.Empty() {
		m.Prune(x, t.Root())
	}
}

// ApplyMask copies the fields of src that mask names into x.
func (m *MaskMethods[T]) ApplyMask(x, src *T, mask *fieldmaskpb.FieldMask) error {
	t, err := m.acquire(mask, true)
	if err != nil {
		return err
	}
	err = m.apply(x, src, t)
	t.Release()
	return err
}

// ApplyParsedMask is ApplyMask with a mask from ParseMask.
func (m *MaskMethods[T]) ApplyParsedMask(x, src *T, pm *runtime.ParsedMask) error {
	t, err := m.parsed(pm)
	if err != nil {
		return err
	}
	if vs := t.ApplyViolations(); vs != nil {
		return maskError(vs)
	}
	return m.apply(x, src, t)
}

// apply checks the IMMUTABLE fields, then applies a checked mask.
func (m *MaskMethods[T]) apply(x, src *T, t *maskcore.Tree) error {
	if x == nil {
		return runtime.ErrNilMaskTarget
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
