package runtime

import (
	"errors"
	"strings"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/protolite/protolite/runtime/internal/verr"
)

// FieldViolation is one broken rule: which field, which rule, and a sentence
// for people. It mirrors google.rpc.BadRequest.FieldViolation.
type FieldViolation struct {
	// Field is the path of the field, as google.rpc.BadRequest documents it:
	// proto field names joined by ".", with [i] for list items and ["key"]
	// for map entries, e.g. `items[2].name` or `labels["env"]`.
	Field string
	// Reason is the rule's identifier in UPPER_SNAKE_CASE, e.g. STRING_MIN_LEN.
	Reason string
	// Description says in a sentence what the rule wants.
	Description string
}

// ValidationError is the error that generated Validate, ValidateAll and
// ValidatePartial methods and the field-mask functions return. It carries
// one or more field violations in order, and converts to a gRPC status with
// code InvalidArgument and one google.rpc.BadRequest detail, so a handler can
// return it as is. Its representation is internal to the module (generated
// code builds one without copying); use [NewValidationError] to make one.
type ValidationError verr.Error[FieldViolation]

// rep returns e's representation.
func (e *ValidationError) rep() *verr.Error[FieldViolation] {
	return (*verr.Error[FieldViolation])(e)
}

// NewValidationError returns a *ValidationError carrying violations, or a nil
// error when there are none.
func NewValidationError(violations ...FieldViolation) error {
	if len(violations) == 0 {
		return nil
	}
	e := new(ValidationError)
	e.rep().Set(violations)
	return e
}

// Violations returns the violations in the order they were found. The slice
// is the error's own: do not modify it. A nil error has none.
func (e *ValidationError) Violations() []FieldViolation {
	return e.rep().List()
}

// Error lists the violations as "field: description" pairs.
func (e *ValidationError) Error() string {
	var b strings.Builder
	b.WriteString("validation failed: ")
	for i, v := range e.Violations() {
		if i > 0 {
			b.WriteString("; ")
		}
		if v.Field != "" {
			b.WriteString(v.Field)
			b.WriteString(": ")
		}
		b.WriteString(v.Description)
		if v.Reason != "" {
			b.WriteString(" [")
			b.WriteString(v.Reason)
			b.WriteString("]")
		}
	}
	return b.String()
}

// BadRequest returns the violations as a google.rpc.BadRequest message.
func (e *ValidationError) BadRequest() *errdetails.BadRequest {
	vs := e.Violations()
	br := &errdetails.BadRequest{
		FieldViolations: make([]*errdetails.BadRequest_FieldViolation, len(vs)),
	}
	for i, v := range vs {
		br.FieldViolations[i] = &errdetails.BadRequest_FieldViolation{
			Field:       v.Field,
			Reason:      v.Reason,
			Description: v.Description,
		}
	}
	return br
}

// GRPCStatus returns the InvalidArgument status carrying the BadRequest
// detail. status.FromError and status.Code call it, so the error can be
// returned from a gRPC handler unchanged.
func (e *ValidationError) GRPCStatus() *status.Status {
	st := status.New(codes.InvalidArgument, e.Error())
	if withDetails, err := st.WithDetails(e.BadRequest()); err == nil {
		return withDetails
	}
	return st
}

// WithPrefix returns an error like e whose field paths are placed under field,
// e.g. WithPrefix("user") turns "name" into "user.name" and "items[0]" into
// "user.items[0]"; an empty field returns e itself. Use it to report
// violations of a nested request field.
func (e *ValidationError) WithPrefix(field string) *ValidationError {
	if field == "" {
		return e
	}
	vs := make([]FieldViolation, len(e.Violations()))
	for i, v := range e.Violations() {
		v.Field = joinPath(field, v.Field)
		vs[i] = v
	}
	out := new(ValidationError)
	out.rep().Set(vs)
	return out
}

// PrefixFields places every field path of err under field when err is (or
// wraps) a *ValidationError, and returns err unchanged otherwise. It is the
// error-returning form of [ValidationError.WithPrefix], handy as
// `return runtime.PrefixFields(req.GetUser().Validate(), "user")`.
func PrefixFields(err error, field string) error {
	var verr *ValidationError
	if err == nil || !errors.As(err, &verr) {
		return err
	}
	return verr.WithPrefix(field)
}

// MaxDepth is how deep generated validators descend into recursive message
// types (a message that can contain itself), matching the nesting limit of
// proto.Unmarshal: any message that came off the wire is validated whole.
// A deeper message (or a cycle of pointers built in Go, which would never
// end) gets one violation with reason RECURSION_LIMIT at the level where
// validation stopped.
const MaxDepth = 10000

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
