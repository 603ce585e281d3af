package protoimpl_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"

	// Defines the -update flag that `go test ./... -update` passes to every
	// test binary of the module.
	_ "github.com/protolite/protolite/internal/plugintest"

	"github.com/protolite/protolite/runtime"
	"github.com/protolite/protolite/runtime/protoimpl"
)

var (
	vName  = runtime.FieldViolation{Field: "name", Reason: "STRING_MIN_LEN", Description: "value length must be at least 3 characters"}
	vItem  = runtime.FieldViolation{Field: "items[2].sku", Reason: "REQUIRED", Description: "value is required"}
	vLabel = runtime.FieldViolation{Field: `labels["env"]`, Reason: "STRING_PATTERN", Description: `value does not match regex pattern "^[a-z]+$"`}
	vWhole = runtime.FieldViolation{Field: "", Reason: "MESSAGE_DISABLED", Description: "message is disabled"}
)

// asValidationError returns the *ValidationError err is or wraps.
func asValidationError(t *testing.T, err error) *runtime.ValidationError {
	t.Helper()
	var verr *runtime.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("error %v (%T) is no *runtime.ValidationError", err, err)
	}
	return verr
}

// badRequestOf checks that err converts to an InvalidArgument status carrying
// exactly one BadRequest among its details, and returns that BadRequest.
func badRequestOf(t *testing.T, err error) (*status.Status, *errdetails.BadRequest) {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want an InvalidArgument status with a BadRequest")
	}
	st, ok := status.FromError(err)
	if !ok || st.Code() != codes.InvalidArgument {
		t.Fatalf("status.FromError(%v) = %v, %v; want InvalidArgument, true", err, st, ok)
	}
	var found []*errdetails.BadRequest
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			found = append(found, br)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d BadRequest details among %v, want 1", len(found), st.Details())
	}
	return st, found[0]
}

// fieldViolations flattens a BadRequest for comparisons.
func fieldViolations(br *errdetails.BadRequest) []runtime.FieldViolation {
	var out []runtime.FieldViolation
	for _, fv := range br.GetFieldViolations() {
		out = append(out, runtime.FieldViolation{Field: fv.GetField(), Reason: fv.GetReason(), Description: fv.GetDescription()})
	}
	return out
}

func violationPaths(vs []runtime.FieldViolation) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.Field
	}
	return out
}

// Validators for Include: generated-like code (validatedReq), and others
// that record which of their methods ran.

// validatedReq has the generated API: Validate and ValidateAll. Its value
// must be at least 3 bytes long and lowercase.
type validatedReq struct{ *wrapperspb.StringValue }

func newReq(v string) *validatedReq { return &validatedReq{wrapperspb.String(v)} }

func (r *validatedReq) collect(v *protoimpl.Violations) {
	if r == nil || r.StringValue == nil {
		return
	}
	s := r.GetValue()
	if len(s) < 3 && v.Add("value", "STRING_MIN_LEN", "value length must be at least 3 bytes") {
		return
	}
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			v.Add("value", "STRING_LOWERCASE", "value must be lowercase")
			return
		}
	}
}

func (r *validatedReq) Validate() error {
	v := protoimpl.FirstOnly()
	r.collect(&v)
	return v.Err()
}

func (r *validatedReq) ValidateAll() error {
	v := protoimpl.CollectAll()
	r.collect(&v)
	return v.Err()
}

var (
	violMinLen = runtime.FieldViolation{Field: "value", Reason: "STRING_MIN_LEN", Description: "value length must be at least 3 bytes"}
	violLower  = runtime.FieldViolation{Field: "value", Reason: "STRING_LOWERCASE", Description: "value must be lowercase"}
)

type onlyValidateAll struct{ calls *[]string }

func (m onlyValidateAll) ValidateAll() error {
	*m.calls = append(*m.calls, "ValidateAll")
	return runtime.NewValidationError(violMinLen, violLower)
}

type onlyValidate struct{ calls *[]string }

func (m onlyValidate) Validate() error {
	*m.calls = append(*m.calls, "Validate")
	return runtime.NewValidationError(violMinLen)
}

type bothValidators struct{ calls *[]string }

func (m bothValidators) Validate() error {
	*m.calls = append(*m.calls, "Validate")
	return runtime.NewValidationError(violMinLen)
}

func (m bothValidators) ValidateAll() error {
	*m.calls = append(*m.calls, "ValidateAll")
	return runtime.NewValidationError(violMinLen, violLower)
}

type errValidator struct{ err error }

func (m errValidator) Validate() error { return m.err }

func TestViolations_FirstOnly(t *testing.T) {
	for name, v := range map[string]protoimpl.Violations{"FirstOnly()": protoimpl.FirstOnly(), "zero value": {}} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, 0, v.Len())
			assert.True(t, !v.Stopped())
			assert.NoError(t, v.Err())

			assert.True(t, v.Add("name", "STRING_MIN_LEN", "too short"), "Add must ask to stop")
			assert.True(t, v.Stopped())
			assert.Equal(t, 1, v.Len())
			verr := asValidationError(t, v.Err())
			assert.Equal(t, []runtime.FieldViolation{{Field: "name", Reason: "STRING_MIN_LEN", Description: "too short"}}, verr.Violations())
		})
	}
}

func TestViolations_CollectAll(t *testing.T) {
	v := protoimpl.CollectAll()
	assert.True(t, !v.Add(vName.Field, vName.Reason, vName.Description), "Add must not stop")
	assert.True(t, !v.Add(vItem.Field, vItem.Reason, vItem.Description))
	assert.True(t, !v.Add(vWhole.Field, vWhole.Reason, vWhole.Description))
	assert.True(t, !v.Stopped())
	assert.Equal(t, 3, v.Len())
	assert.Equal(t, []runtime.FieldViolation{vName, vItem, vWhole}, asValidationError(t, v.Err()).Violations())
}

func TestViolations_Err(t *testing.T) {
	for name, v := range map[string]protoimpl.Violations{"all": protoimpl.CollectAll(), "first": protoimpl.FirstOnly()} {
		t.Run(name, func(t *testing.T) {
			err := v.Err()
			assert.True(t, err == nil, "Err() = %#v, want an untyped nil error", err)
			v.Add("a", "R", "d")
			_, br := badRequestOf(t, v.Err())
			assert.Equal(t, []string{"a"}, violationPaths(fieldViolations(br)))
		})
	}
}

func TestViolations_Nest(t *testing.T) {
	t.Run("collect all", func(t *testing.T) {
		v := protoimpl.CollectAll()
		v.Add("id", "REQUIRED", "value is required")
		start := v.Len()
		// What a nested message's validator adds, relative to that message.
		v.Add("name", "STRING_MIN_LEN", "too short")
		v.Add("", "REQUIRED", "value is required")
		v.Add("tags[0]", "STRING_MIN_LEN", "too short")
		assert.True(t, !v.Nest(start, "user"))
		assert.Equal(t, []string{"id", "user.name", "user", "user.tags[0]"}, violationPaths(asValidationError(t, v.Err()).Violations()))

		// Nesting twice composes outward.
		v2 := protoimpl.CollectAll()
		v2.Add("name", "R", "d")
		v2.Nest(0, "user")
		v2.Nest(0, protoimpl.StringKeyPath("users", "ann"))
		assert.Equal(t, []string{`users["ann"].user.name`}, violationPaths(asValidationError(t, v2.Err()).Violations()))
	})
	t.Run("first only", func(t *testing.T) {
		v := protoimpl.FirstOnly()
		start := v.Len()
		assert.True(t, !v.Nest(start, "user"), "nothing added: go on")
		assert.NoError(t, v.Err())
		v.Add("name", "R", "d")
		assert.True(t, v.Nest(start, "user"), "a violation in first-only mode: stop")
		assert.Equal(t, []string{"user.name"}, violationPaths(asValidationError(t, v.Err()).Violations()))
	})
	t.Run("nothing added", func(t *testing.T) {
		v := protoimpl.CollectAll()
		v.Add("id", "R", "d")
		assert.True(t, !v.Nest(v.Len(), "user"))
		assert.Equal(t, []string{"id"}, violationPaths(asValidationError(t, v.Err()).Violations()))
	})
}

func TestViolations_Merge(t *testing.T) {
	nested := runtime.NewValidationError(vName, vWhole, vLabel)

	t.Run("nil adds nothing", func(t *testing.T) {
		for _, v := range []protoimpl.Violations{protoimpl.CollectAll(), protoimpl.FirstOnly()} {
			assert.True(t, !v.Merge("user", nil))
			assert.Equal(t, 0, v.Len())
			assert.NoError(t, v.Err())
		}
	})
	t.Run("collect all keeps every nested violation", func(t *testing.T) {
		v := protoimpl.CollectAll()
		v.Add("id", "REQUIRED", "value is required")
		assert.True(t, !v.Merge("user", nested))
		got := asValidationError(t, v.Err()).Violations()
		assert.Equal(t, []string{"id", "user.name", "user", `user.labels["env"]`}, violationPaths(got))
		assert.Equal(t, vName.Reason, got[1].Reason)
		assert.Equal(t, vName.Description, got[1].Description)
		// The nested error is untouched.
		assert.Equal(t, []string{"name", "", `labels["env"]`}, violationPaths(asValidationError(t, nested).Violations()))
	})
	t.Run("first only keeps the first and stops", func(t *testing.T) {
		v := protoimpl.FirstOnly()
		assert.True(t, v.Merge("user", nested))
		assert.Equal(t, []string{"user.name"}, violationPaths(asValidationError(t, v.Err()).Violations()))
	})
	t.Run("wrapped validation error", func(t *testing.T) {
		v := protoimpl.CollectAll()
		assert.True(t, !v.Merge("user", fmt.Errorf("ctx: %w", nested)))
		assert.Equal(t, []string{"user.name", "user", `user.labels["env"]`}, violationPaths(asValidationError(t, v.Err()).Violations()))
	})
	t.Run("empty field keeps the paths", func(t *testing.T) {
		v := protoimpl.CollectAll()
		v.Merge("", nested)
		assert.Equal(t, []string{"name", "", `labels["env"]`}, violationPaths(asValidationError(t, v.Err()).Violations()))
	})
	t.Run("foreign error becomes one INVALID violation", func(t *testing.T) {
		foreign := errors.New("invalid Address.Zip: value must be 5 digits")
		for name, v := range map[string]protoimpl.Violations{"all": protoimpl.CollectAll(), "first": protoimpl.FirstOnly()} {
			t.Run(name, func(t *testing.T) {
				stop := v.Merge("address", foreign)
				assert.Equal(t, name == "first", stop)
				assert.Equal(t, []runtime.FieldViolation{{Field: "address", Reason: "INVALID", Description: foreign.Error()}}, asValidationError(t, v.Err()).Violations())
			})
		}
	})
}

func TestViolations_Rewind(t *testing.T) {
	v := protoimpl.CollectAll()
	v.Add("id", "REQUIRED", "value is required")
	start := v.Len()
	v.Add(`labels["b"]`, "R", "d")
	v.Add(`labels["a"]`, "R", "d")
	v.Rewind(start)
	assert.Equal(t, start, v.Len())
	// Validate the entries again in key order, as generated code does.
	v.Add(`labels["a"]`, "R", "d")
	v.Add(`labels["b"]`, "R", "d")
	assert.Equal(t, []string{"id", `labels["a"]`, `labels["b"]`}, violationPaths(asValidationError(t, v.Err()).Violations()))

	// Err hands the violations to the error and leaves the collector empty,
	// so later use of the collector cannot change an error already returned.
	assert.Equal(t, 0, v.Len())
	v.Add("x", "R", "d")
	v.Rewind(v.Len()) // no-op
	assert.Equal(t, 1, v.Len())
	v.Rewind(0)
	assert.Equal(t, 0, v.Len())
	assert.NoError(t, v.Err())

	f := protoimpl.FirstOnly()
	f.Add("x", "R", "d")
	assert.True(t, f.Stopped())
	f.Rewind(0)
	assert.True(t, !f.Stopped(), "a rewound first-only collector goes on")
}

// A valid message must cost its validator no allocation: the collector
// allocates only once a violation is added.
func TestViolations_NoAllocationWhenValid(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		for _, v := range []protoimpl.Violations{protoimpl.CollectAll(), protoimpl.FirstOnly()} {
			start := v.Len()
			if v.Nest(start, "user") || v.Merge("address", nil) || v.Stopped() {
				panic("stopped")
			}
			v.Rewind(start)
			if v.Err() != nil {
				panic("error")
			}
		}
	})
	assert.Zero(t, allocs)
}

func TestViolations_Include(t *testing.T) {
	tests := []struct {
		name      string
		all       bool
		msg       func(*[]string) any
		wantCalls []string
		want      []string
	}{
		{"collect all prefers ValidateAll", true, func(c *[]string) any { return bothValidators{c} }, []string{"ValidateAll"}, []string{"user.value", "user.value"}},
		{"collect all falls back to Validate", true, func(c *[]string) any { return onlyValidate{c} }, []string{"Validate"}, []string{"user.value"}},
		{"first only prefers Validate", false, func(c *[]string) any { return bothValidators{c} }, []string{"Validate"}, []string{"user.value"}},
		{"first only falls back to ValidateAll, keeping the first", false, func(c *[]string) any { return onlyValidateAll{c} }, []string{"ValidateAll"}, []string{"user.value"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := protoimpl.FirstOnly()
			if tt.all {
				v = protoimpl.CollectAll()
			}
			var calls []string
			start := v.Len()
			v.Include(tt.msg(&calls))
			assert.Equal(t, !tt.all, v.Nest(start, "user"))
			assert.Equal(t, tt.wantCalls, calls)
			assert.Equal(t, tt.want, violationPaths(asValidationError(t, v.Err()).Violations()))
		})
	}
	t.Run("valid, or no validator, adds nothing", func(t *testing.T) {
		for _, m := range []any{nil, wrapperspb.String(""), newReq("valid"), (*validatedReq)(nil)} {
			v := protoimpl.CollectAll()
			v.Include(m)
			assert.Equal(t, 0, v.Len(), "Include(%T)", m)
		}
	})
	t.Run("foreign error", func(t *testing.T) {
		v := protoimpl.CollectAll()
		v.Include(errValidator{errors.New("bad zip")})
		v.Nest(0, "address")
		assert.Equal(t, []runtime.FieldViolation{{Field: "address", Reason: "INVALID", Description: "bad zip"}}, asValidationError(t, v.Err()).Violations())
	})
	t.Run("no allocation when valid", func(t *testing.T) {
		m := newReq("valid")
		allocs := testing.AllocsPerRun(100, func() {
			v := protoimpl.CollectAll()
			v.Include(m)
			f := protoimpl.FirstOnly()
			f.Include(m)
			if v.Len()+f.Len() != 0 {
				panic("violations")
			}
		})
		assert.Zero(t, allocs)
	})
}

// TestViolations_AddStatic checks static violations: in first-violation
// mode the prebuilt error comes back as is, without allocating, and every
// other use (collect all, nesting, rewinding, more violations) sees an
// ordinary violation.
func TestViolations_AddStatic(t *testing.T) {
	name := protoimpl.NewStaticViolation("name", "STRING_MIN_LEN", "must be at least 1 character long")
	age := protoimpl.NewStaticViolation("age", "INT32_GTE", "must be greater than or equal to 0")

	first := func() error {
		v := protoimpl.FirstOnly()
		if !v.AddStatic(name) {
			t.Fatal("first-violation mode must stop")
		}
		return v.Err()
	}
	err1, err2 := first(), first()
	assert.Same(t, err1, err2, "the prebuilt error")
	assert.Equal(t, "validation failed: name: must be at least 1 character long [STRING_MIN_LEN]", err1.Error())
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = first() }))

	all := protoimpl.CollectAll()
	assert.False(t, all.AddStatic(name))
	assert.False(t, all.AddStatic(age))
	assert.Equal(t, "validation failed: name: must be at least 1 character long [STRING_MIN_LEN]; "+
		"age: must be greater than or equal to 0 [INT32_GTE]", all.Err().Error())

	// Nested under a parent field, the path is built as for Add.
	nested := protoimpl.FirstOnly()
	start := nested.Len()
	nested.AddStatic(name)
	assert.Equal(t, 1, nested.Len())
	assert.True(t, nested.Nest(start, "user"))
	var verr *runtime.ValidationError
	require.ErrorAs(t, nested.Err(), &verr)
	assert.Equal(t, "user.name", verr.Violations()[0].Field)
	assert.Equal(t, "name", name.Err().Violations()[0].Field, "the static violation is unchanged")

	// Rewinding to before it drops it; to after it keeps it.
	rewound := protoimpl.FirstOnly()
	rewound.AddStatic(name)
	rewound.Rewind(1)
	assert.True(t, rewound.Stopped())
	rewound.Rewind(0)
	assert.False(t, rewound.Stopped())
	assert.NoError(t, rewound.Err())
	rewound.Add("other", "R", "d")
	assert.Equal(t, "validation failed: other: d [R]", rewound.Err().Error())
}

// TestViolations_ErrAllocations checks that a collector with up to four
// violations allocates once (the error and its room together), that more
// grow the list, and that each error keeps its own violations.
func TestViolations_ErrAllocations(t *testing.T) {
	fields := []string{"f0", "f1", "f2", "f3", "f4", "f5"}
	collect := func(n int) error {
		v := protoimpl.CollectAll()
		for _, f := range fields[:n] {
			v.Add(f, "R", "d")
		}
		return v.Err()
	}
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _ = collect(3) }))
	first, second := collect(4), collect(6)
	var a, b *runtime.ValidationError
	require.ErrorAs(t, first, &a)
	require.ErrorAs(t, second, &b)
	require.Len(t, a.Violations(), 4)
	require.Len(t, b.Violations(), 6)
	assert.Equal(t, "f3", a.Violations()[3].Field)
	assert.Equal(t, "f5", b.Violations()[5].Field)

	// A rewound collector reports nothing, and starts afresh.
	v := protoimpl.CollectAll()
	v.Add("x", "R", "d")
	v.Rewind(0)
	assert.NoError(t, v.Err())
	v.Add("y", "R", "d")
	assert.Equal(t, "validation failed: y: d [R]", v.Err().Error())
}
