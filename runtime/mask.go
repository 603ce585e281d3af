package runtime

import (
	"errors"
	"strconv"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/runtime/internal/maskcore"
)

// Field masks (AIP-134, AIP-157, AIP-161, AIP-203).
//
// A path is a list of segments joined by ".": proto field names through
// singular message fields, a map key after a map field (`labels.env`,
// `sizes.42`, or backtick-quoted when it has other characters,
// “labels.`a.b`“, a literal backtick doubled), and `*` after a repeated or
// map field for every element. `*` alone means every field.
//
// Every operation first checks each path against the message type, then
// builds a tree of the paths (a ParsedMask) in which a parent absorbs its
// children, siblings are deduplicated, and the sub-paths of an `x.*`
// wildcard are merged into every named key of x. Generated methods and the
// reflective functions of this package walk the same tree, so they agree on
// every input.

// ReasonInvalidMaskPath is the FieldViolation reason of a path that names no
// field of the message.
const ReasonInvalidMaskPath = "FIELD_MASK_INVALID_PATH"

// ReasonImmutable is the FieldViolation reason of an ApplyMask that would
// change or clear the set value of a field marked
// (google.api.field_behavior) = IMMUTABLE.
const ReasonImmutable = "FIELD_IMMUTABLE"

// ErrNilMaskTarget is returned by ApplyMask when the message to change is
// nil.
var ErrNilMaskTarget = errors.New("protolite: ApplyMask into a nil message")

// The field-mask core reports violations in its own type, of the same
// fields (its reasons are this package's: see TestMaskCoreReasons).
var _ = FieldViolation(maskcore.Violation{})

// maskError returns the violations of the field-mask core as a
// *ValidationError.
func maskError(vs []maskcore.Violation) error {
	out := make([]FieldViolation, len(vs))
	for i, v := range vs {
		out[i] = FieldViolation(v)
	}
	return NewValidationError(out...)
}

// ParsedMask is a field mask checked against one message type and
// normalised into a tree. Parse a mask once with the generated ParseXMask
// function (or ParseMask) and pass it to the generated *ParsedMask methods
// (or FilterParsedMask, PruneParsedMask, ApplyParsedMask) to reuse it for
// many messages at no further cost. A ParsedMask is immutable and safe for
// concurrent use; a nil *ParsedMask is the empty mask. Its representation
// is internal to the module.
type ParsedMask maskcore.Tree

// tree returns t's representation.
func (t *ParsedMask) tree() *maskcore.Tree { return (*maskcore.Tree)(t) }

// Empty reports whether the mask has no paths (nil or empty FieldMask).
func (t *ParsedMask) Empty() bool { return t.tree().Empty() }

// All reports whether the mask is `*` (or holds it).
func (t *ParsedMask) All() bool { return t.tree().All() }

// Message returns the full name of the message type the mask was checked
// against.
func (t *ParsedMask) Message() protoreflect.FullName { return t.tree().Message() }

// Paths returns the normalised paths of the mask, sorted, with parents
// absorbing their children.
func (t *ParsedMask) Paths() []string { return t.tree().Paths() }

// QuoteMaskKey returns a map key as a path segment: as it is when it is
// made of ASCII letters, digits, "_" and "-" (and is not empty), else
// between backticks with inner backticks doubled.
func QuoteMaskKey(key string) string { return maskcore.QuoteKey(key) }

// Mask algebra on paths alone (no message type): normalisation, union and
// intersection that understand map keys, backticks and `*`.

// NormalizeMask returns the paths of mask normalised: a path that has one
// of its parents in the mask is dropped (`user.name` beside `user`, every
// path beside `*`), `x.*` at the end of a path becomes `x`, map keys are
// written in one way (backticks only where needed), duplicates are dropped
// and the paths are sorted. Paths are checked only for syntax: see
// ValidateMask and the generated ValidateMask methods for field names.
func NormalizeMask(mask *fieldmaskpb.FieldMask) (*fieldmaskpb.FieldMask, error) {
	return UnionMasks(mask)
}

// UnionMasks returns the normalised union of masks: every path that one of
// them names.
func UnionMasks(masks ...*fieldmaskpb.FieldMask) (*fieldmaskpb.FieldMask, error) {
	paths, vs := maskcore.Union(masks...)
	if vs != nil {
		return nil, maskError(vs)
	}
	return &fieldmaskpb.FieldMask{Paths: paths}, nil
}

// IntersectMasks returns the normalised intersection of a and b: the paths
// both name, where `user` and `user.name` meet in `user.name` and `a.*.b`
// and `a.k` in `a.k.b`. A nil or empty mask is empty here (it names no
// path), whatever it means to Filter or Apply.
func IntersectMasks(a, b *fieldmaskpb.FieldMask) (*fieldmaskpb.FieldMask, error) {
	paths, vs := maskcore.Intersect(a, b)
	if vs != nil {
		return nil, maskError(vs)
	}
	return &fieldmaskpb.FieldMask{Paths: paths}, nil
}

// Path is a field-mask path into messages of type R (a generated message
// pointer type, such as *library.Book), made by generated path builders, so
// that a mask is written without string literals and checked by the
// compiler.
type Path[R any] struct{ path string }

// NewPath returns the path p into messages of type R. Generated path builders
// call it; code elsewhere should rarely need to.
func NewPath[R any](p string) Path[R] { return Path[R]{path: p} }

// String returns the path as a FieldMask writes it.
func (p Path[R]) String() string { return p.path }

// MaskPath returns p itself, so a Path is a Pather.
func (p Path[R]) MaskPath() Path[R] { return p }

// Pather is anything that stands for a path into messages of type R: a Path,
// or a generated builder of the paths below a message field.
type Pather[R any] interface {
	MaskPath() Path[R]
}

// NewMask returns a FieldMask of the given paths into messages of type R, in
// the order given. Generated NewXMask functions call it.
func NewMask[R any](paths ...Pather[R]) *fieldmaskpb.FieldMask {
	m := &fieldmaskpb.FieldMask{Paths: make([]string, len(paths))}
	for i, p := range paths {
		m.Paths[i] = p.MaskPath().path
	}
	return m
}

// Join returns the path of the field (or key) segment below p. Generated path
// builders call it.
func (p Path[R]) Join(segment string) Path[R] {
	if p.path == "" {
		return Path[R]{path: segment}
	}
	return Path[R]{path: p.path + "." + segment}
}

// Key returns the path of the map entry with string key k below p, quoted
// with backticks when needed.
func (p Path[R]) Key(k string) Path[R] { return p.Join(QuoteMaskKey(k)) }

// IntKey returns the path of the map entry with integer key k below p.
func (p Path[R]) IntKey(k int64) Path[R] { return p.Join(strconv.FormatInt(k, 10)) }

// UintKey returns the path of the map entry with unsigned integer key k
// below p.
func (p Path[R]) UintKey(k uint64) Path[R] { return p.Join(strconv.FormatUint(k, 10)) }

// BoolKey returns the path of the map entry with bool key k below p.
func (p Path[R]) BoolKey(k bool) Path[R] { return p.Join(strconv.FormatBool(k)) }

// Each returns the path p.*: every element of the repeated or map field p.
func (p Path[R]) Each() Path[R] { return p.Join("*") }
