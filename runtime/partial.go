package runtime

import (
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
)

// Selection tells a generated validator which fields to check: every field
// (the zero Selection, what Validate and ValidateAll use) or those a field
// mask names, for ValidatePartial. Checking a field against the zero
// Selection costs one comparison.
type Selection struct {
	node    MaskNode
	partial bool
}

// SelectMask returns the Selection of the fields mask names in messages of
// type md, or the error ValidateMask would give for a path that names no
// field. A nil or empty mask, or `*`, selects every field.
func SelectMask(md protoreflect.MessageDescriptor, mask *fieldmaskpb.FieldMask) (Selection, error) {
	if len(mask.GetPaths()) == 0 {
		return Selection{}, nil
	}
	parsed, err := ParseMask(md, mask)
	if err != nil {
		return Selection{}, err
	}
	if parsed.All() {
		return Selection{}, nil
	}
	return Selection{node: parsed.Root(), partial: true}, nil
}

// Has reports whether the field named name (its proto name) is selected:
// named by the mask, alone or with sub-fields.
func (s Selection) Has(name string) bool {
	if !s.partial {
		return true
	}
	return s.node.Child(name).Valid()
}

// Sub returns the selection within the message field named name: every
// field when the mask names name whole, else the sub-fields it names.
func (s Selection) Sub(name string) Selection {
	if !s.partial {
		return s
	}
	child := s.node.Child(name)
	if !child.Valid() || child.Whole() {
		return Selection{}
	}
	return Selection{node: child, partial: true}
}

// AllFields returns the Selection of every field, the zero Selection.
func AllFields() Selection {
	return Selection{}
}
