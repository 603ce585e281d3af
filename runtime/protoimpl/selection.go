package protoimpl

import (
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/runtime"
	"github.com/protolite/protolite/runtime/internal/maskcore"
)

// Selection tells a generated validator which fields to check: every field
// (a nil *Selection, what Validate and ValidateAll pass, whose check is one
// comparison a field) or those a field mask names, for ValidatePartial.
type Selection struct {
	node maskcore.Node
}

// AllFields returns the Selection of every field: nil.
func AllFields() *Selection {
	return nil
}

// SelectMask returns the Selection of the fields mask names in messages of
// type md, or the error runtime.ValidateMask would give for a path that
// names no field. A nil or empty mask, or `*`, selects every field.
func SelectMask(md protoreflect.MessageDescriptor, mask *fieldmaskpb.FieldMask) (*Selection, error) {
	if len(mask.GetPaths()) == 0 {
		return nil, nil
	}
	parsed, err := runtime.ParseMask(md, mask)
	if err != nil {
		return nil, err
	}
	if parsed.All() {
		return nil, nil
	}
	return &Selection{node: (*maskcore.Tree)(parsed).Root()}, nil
}

// Has reports whether the field named name (its proto name) is selected:
// named by the mask, alone or with sub-fields.
func (s *Selection) Has(name string) bool {
	return s == nil || s.node.Child(name).Valid()
}

// Sub returns the selection within the message field named name: every
// field when the mask names name whole, else the sub-fields it names.
func (s *Selection) Sub(name string) *Selection {
	if s == nil {
		return nil
	}
	child := s.node.Child(name)
	if !child.Valid() || child.Whole() {
		return nil
	}
	return &Selection{node: child}
}
