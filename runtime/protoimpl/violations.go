package protoimpl

import (
	"errors"

	"github.com/protolite/protolite/runtime"
	"github.com/protolite/protolite/runtime/internal/verr"
)

// rep is the representation of a *runtime.ValidationError.
type rep = verr.Error[runtime.FieldViolation]

// Violations collects violations while a generated validator runs. In
// first-violation mode (Validate) it stops the validator at the first
// violation; in collect-all mode (ValidateAll) it keeps every one. The zero
// value is in first-violation mode. It allocates only when a violation is
// added.
type Violations struct {
	all   bool
	depth int
	// list holds the violations found; parents, once a violation has been
	// placed under an enclosing field, holds for each the fields that
	// enclose it, innermost first. Paths are joined once, in Err, so that
	// placing a violation under its parents costs one append a level,
	// however deep it is.
	list    []runtime.FieldViolation
	parents [][]string
	// first, in first-violation mode, is the violation found when it is
	// static (see [Violations.AddStatic]) and list is empty; it stands
	// for list[0] until an operation needs the list.
	first *StaticViolation
	// out is the error Err returns, allocated with the list's first room
	// (see newError).
	out *newError
}

// newError is a ValidationError allocated together with room for its first
// few violations: a validator that finds up to four allocates once.
type newError struct {
	err  rep
	room [4]runtime.FieldViolation
}

// StaticViolation is a violation whose path, reason and description are
// constants, with its *runtime.ValidationError built once: generated code
// declares one per rule on a field of the message being validated. In
// first-violation mode a validator that finds it reports that error as is,
// without allocating.
type StaticViolation struct {
	err rep
	one [1]runtime.FieldViolation
}

// NewStaticViolation returns the static violation of a rule; generated code
// calls it at package initialization.
func NewStaticViolation(field, reason, description string) *StaticViolation {
	s := &StaticViolation{one: [1]runtime.FieldViolation{{Field: field, Reason: reason, Description: description}}}
	s.err.Set(s.one[:])
	return s
}

// Err returns the violation's error: the one Validate reports when it is
// the first violation found at the top level.
func (s *StaticViolation) Err() *runtime.ValidationError { return (*runtime.ValidationError)(&s.err) }

// AddStatic is [Violations.Add] for a static violation.
func (v *Violations) AddStatic(s *StaticViolation) (stop bool) {
	if !v.all && len(v.list) == 0 && v.first == nil {
		v.first = s
		return true
	}
	v.materialize()
	v.push(s.one[0])
	return !v.all
}

// push appends a violation to the list. The list starts in the room of the
// error Err will return, so that up to four violations cost one
// allocation, and Err hands the list to that error.
func (v *Violations) push(fv runtime.FieldViolation) {
	if v.list == nil {
		v.out = &newError{}
		v.list = v.out.room[:0]
	}
	v.list = append(v.list, fv)
	if v.parents != nil {
		v.parents = append(v.parents, nil)
	}
}

// materialize moves a static first violation into the list, for the
// operations that place or drop violations.
func (v *Violations) materialize() {
	if v.first != nil {
		v.push(v.first.one[0])
		v.first = nil
	}
}

// joinParents returns the path of field under parents (innermost first).
func joinParents(field string, parents []string) string {
	if len(parents) == 0 {
		return field
	}
	n := len(field)
	for _, parent := range parents {
		n += len(parent) + 1
	}
	b := make([]byte, 0, n)
	for i := len(parents) - 1; i >= 0; i-- {
		if len(b) > 0 {
			b = append(b, '.')
		}
		b = append(b, parents[i]...)
	}
	if field != "" {
		b = append(b, '.')
		b = append(b, field...)
	}
	return string(b)
}

// CollectAll returns a collector that keeps every violation.
func CollectAll() Violations {
	return Violations{all: true}
}

// FirstOnly returns a collector that stops at the first violation.
func FirstOnly() Violations {
	return Violations{}
}

// Add records a violation and reports whether the validator should stop
// (first-violation mode). Generated code reads `if v.Add(...) { return }`.
func (v *Violations) Add(field, reason, description string) (stop bool) {
	v.materialize()
	v.push(runtime.FieldViolation{Field: field, Reason: reason, Description: description})
	return !v.all
}

// Len returns the number of violations so far; generated code notes it
// before validating a nested message, to place what that adds under the
// nested field with [Violations.Nest].
func (v *Violations) Len() int {
	if v.first != nil {
		return 1
	}
	return len(v.list)
}

// Stopped reports whether a violation was found in first-violation mode.
func (v *Violations) Stopped() bool {
	return !v.all && v.Len() > 0
}

// Nest places the violations added since start under field (see
// [runtime.ValidationError.WithPrefix]) and reports whether the validator
// should stop.
func (v *Violations) Nest(start int, field string) (stop bool) {
	v.materialize()
	if start < len(v.list) && v.parents == nil {
		v.parents = make([][]string, len(v.list))
	}
	for i := start; i < len(v.list); i++ {
		v.parents[i] = append(v.parents[i], field)
	}
	return v.Stopped()
}

// Enter notes that a validator descends one level into a recursive message
// type. It returns false, after adding a RECURSION_LIMIT violation, when
// [runtime.MaxDepth] levels are already open; otherwise the caller must call
// [Violations.Leave] when done.
func (v *Violations) Enter() bool {
	if v.depth >= runtime.MaxDepth {
		v.Add("", "RECURSION_LIMIT", "is nested too deeply to validate (more than 10000 levels)")
		return false
	}
	v.depth++
	return true
}

// Leave closes the level that Enter opened.
func (v *Violations) Leave() {
	v.depth--
}

// Merge adds the violations of err, a nested message's validation error,
// under field, and reports whether the validator should stop. An error that
// is not a *runtime.ValidationError (from another validator library) becomes
// one violation with reason INVALID and the error's text. A nil err adds
// nothing.
func (v *Violations) Merge(field string, err error) (stop bool) {
	if err == nil {
		return false
	}
	var verr *runtime.ValidationError
	if !errors.As(err, &verr) {
		return v.Add(field, "INVALID", err.Error())
	}
	v.materialize()
	for _, nested := range verr.Violations() {
		nested.Field = joinPath(field, nested.Field)
		v.push(nested)
		if !v.all {
			break
		}
	}
	return v.Stopped()
}

// Include validates m, a nested message that may have been generated
// elsewhere, adding its violations with paths relative to m (place them with
// [Violations.Nest]). It calls ValidateAll or, in first-violation mode,
// Validate, when m has them (code from protoc-gen-validate-lite, or PGV's),
// and does nothing otherwise. Generated code calls it for message types of
// other packages; within a package it calls the validator directly.
func (v *Violations) Include(m any) {
	var err error
	if v.all {
		if x, ok := m.(interface{ ValidateAll() error }); ok {
			err = x.ValidateAll()
		} else if x, ok := m.(interface{ Validate() error }); ok {
			err = x.Validate()
		}
	} else {
		if x, ok := m.(interface{ Validate() error }); ok {
			err = x.Validate()
		} else if x, ok := m.(interface{ ValidateAll() error }); ok {
			err = x.ValidateAll()
		}
	}
	if err != nil {
		v.Merge("", err)
	}
}

// Rewind drops the violations added since start. Generated code validates
// map entries in Go's map order, and when any fails, rewinds and validates
// them again in sorted key order, so that the valid case needs no sorting.
func (v *Violations) Rewind(start int) {
	if v.first != nil {
		if start == 0 {
			v.first = nil
		}
		return
	}
	clear(v.list[start:])
	v.list = v.list[:start]
	if v.parents != nil {
		clear(v.parents[start:])
		v.parents = v.parents[:start]
	}
}

// Err returns the collected violations as a *runtime.ValidationError, or
// nil when there are none. The collector is empty afterwards.
func (v *Violations) Err() error {
	if s := v.first; s != nil {
		v.first = nil
		return s.Err()
	}
	list, out := v.list, v.out
	v.list, v.out = nil, nil
	if len(list) == 0 {
		v.parents = nil
		return nil
	}
	for i, parents := range v.parents {
		list[i].Field = joinParents(list[i].Field, parents)
	}
	v.parents = nil
	out.err.Set(list)
	return (*runtime.ValidationError)(&out.err)
}

// joinPath places path under prefix: "a" + "b" gives "a.b"; an empty path
// (a rule on the field itself) gives the prefix alone.
func joinPath(prefix, path string) string {
	switch {
	case path == "":
		return prefix
	case prefix == "":
		return path
	default:
		return prefix + "." + path
	}
}
