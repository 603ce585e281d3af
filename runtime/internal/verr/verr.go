// Package verr is the representation of runtime.ValidationError, which
// package runtime declares as verr.Error[FieldViolation]. Package protoimpl
// converts between the two to build an error without copying: a collector's
// error allocated together with room for its first violations, or the
// prebuilt error of a static violation. Users cannot reach it, so runtime
// exports nothing for it.
package verr

// Error holds the violations of a validation error, in order.
type Error[V any] struct {
	list []V
}

// List returns the violations of e; a nil e has none. The slice is e's own.
func (e *Error[V]) List() []V {
	if e == nil {
		return nil
	}
	return e.list
}

// Set makes list the violations of e, without copying it.
func (e *Error[V]) Set(list []V) { e.list = list }
