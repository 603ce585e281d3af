package runtime_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	// Defines the -update flag that `go test ./... -update` passes to every
	// test binary of the module.
	_ "github.com/protolite/protolite/internal/plugintest"

	"github.com/protolite/protolite/runtime"
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

func TestNewValidationError(t *testing.T) {
	t.Run("none gives a nil error", func(t *testing.T) {
		err := runtime.NewValidationError()
		assert.True(t, err == nil, "NewValidationError() = %#v, want an untyped nil error", err)
		assert.NoError(t, runtime.NewValidationError([]runtime.FieldViolation{}...))
	})
	t.Run("violations kept in order", func(t *testing.T) {
		err := runtime.NewValidationError(vName, vItem, vLabel)
		verr, ok := err.(*runtime.ValidationError)
		if !ok {
			t.Fatalf("got %T, want *runtime.ValidationError", err)
		}
		assert.Equal(t, []runtime.FieldViolation{vName, vItem, vLabel}, verr.Violations())
	})
}

func TestValidationError_Error(t *testing.T) {
	tests := []struct {
		name string
		in   []runtime.FieldViolation
		want string
	}{
		{"one", []runtime.FieldViolation{vName}, "validation failed: name: value length must be at least 3 characters [STRING_MIN_LEN]"},
		{
			"several",
			[]runtime.FieldViolation{vItem, vLabel},
			`validation failed: items[2].sku: value is required [REQUIRED]; labels["env"]: value does not match regex pattern "^[a-z]+$" [STRING_PATTERN]`,
		},
		{"no field", []runtime.FieldViolation{vWhole}, "validation failed: message is disabled [MESSAGE_DISABLED]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, runtime.NewValidationError(tt.in...).Error())
		})
	}
}

func TestValidationError_BadRequest(t *testing.T) {
	verr := asValidationError(t, runtime.NewValidationError(vName, vItem, vWhole))
	want := &errdetails.BadRequest{FieldViolations: []*errdetails.BadRequest_FieldViolation{
		{Field: "name", Reason: "STRING_MIN_LEN", Description: "value length must be at least 3 characters"},
		{Field: "items[2].sku", Reason: "REQUIRED", Description: "value is required"},
		{Field: "", Reason: "MESSAGE_DISABLED", Description: "message is disabled"},
	}}
	assert.True(t, proto.Equal(want, verr.BadRequest()), "BadRequest() = %v, want %v", verr.BadRequest(), want)
	// Each call builds a fresh message: changing one leaves the error alone.
	br := verr.BadRequest()
	br.FieldViolations[0].Field = "changed"
	assert.Equal(t, "name", verr.BadRequest().GetFieldViolations()[0].GetField())
	assert.Equal(t, "name", verr.Violations()[0].Field)
}

func TestValidationError_GRPCStatus(t *testing.T) {
	err := runtime.NewValidationError(vName, vLabel)
	verr := asValidationError(t, err)

	t.Run("direct", func(t *testing.T) {
		st := verr.GRPCStatus()
		assert.Equal(t, codes.InvalidArgument, st.Code())
		assert.Equal(t, err.Error(), st.Message())
		assert.Equal(t, codes.InvalidArgument, status.Code(err))

		st2, br := badRequestOf(t, err)
		assert.Equal(t, err.Error(), st2.Message())
		assert.Equal(t, []runtime.FieldViolation{vName, vLabel}, fieldViolations(br))
	})
	t.Run("wrapped with %w", func(t *testing.T) {
		wrapped := fmt.Errorf("create user: %w", err)
		assert.Equal(t, codes.InvalidArgument, status.Code(wrapped))
		st, br := badRequestOf(t, wrapped)
		assert.Equal(t, wrapped.Error(), st.Message())
		assert.Equal(t, []runtime.FieldViolation{vName, vLabel}, fieldViolations(br))
	})
	t.Run("survives the wire form", func(t *testing.T) {
		// What a gRPC server sends: the google.rpc.Status proto, marshaled.
		b, merr := proto.Marshal(verr.GRPCStatus().Proto())
		require.NoError(t, merr)
		back := new(spb.Status)
		require.NoError(t, proto.Unmarshal(b, back))
		_, br := badRequestOf(t, status.FromProto(back).Err())
		assert.Equal(t, []runtime.FieldViolation{vName, vLabel}, fieldViolations(br))
	})
}

func TestValidationError_ErrorsAs(t *testing.T) {
	err := runtime.NewValidationError(vName)
	for name, wrapped := range map[string]error{
		"as is":       err,
		"%w once":     fmt.Errorf("validate request: %w", err),
		"%w twice":    fmt.Errorf("handler: %w", fmt.Errorf("validate request: %w", err)),
		"errors.Join": errors.Join(errors.New("other"), err),
	} {
		t.Run(name, func(t *testing.T) {
			verr := asValidationError(t, wrapped)
			assert.True(t, err.(*runtime.ValidationError) == verr)
			assert.Equal(t, []runtime.FieldViolation{vName}, verr.Violations())
		})
	}
	var verr *runtime.ValidationError
	assert.True(t, !errors.As(errors.New("plain"), &verr))
	assert.True(t, !errors.As(fmt.Errorf("wrapped: %w", errors.New("plain")), &verr))
}

func TestValidationError_WithPrefix(t *testing.T) {
	orig := asValidationError(t, runtime.NewValidationError(vName, vItem, vLabel, vWhole))

	got := orig.WithPrefix("user")
	assert.Equal(t, []string{"user.name", "user.items[2].sku", `user.labels["env"]`, "user"}, violationPaths(got.Violations()))
	// Reasons and descriptions are kept; the original is untouched.
	assert.Equal(t, vItem.Reason, got.Violations()[1].Reason)
	assert.Equal(t, vItem.Description, got.Violations()[1].Description)
	assert.Equal(t, []string{"name", "items[2].sku", `labels["env"]`, ""}, violationPaths(orig.Violations()))

	// Prefixes compose outward, and a prefix may be an indexed path.
	nested := orig.WithPrefix("user").WithPrefix("users[1]")
	assert.Equal(t, []string{"users[1].user.name", "users[1].user.items[2].sku", `users[1].user.labels["env"]`, "users[1].user"}, violationPaths(nested.Violations()))

	// An empty prefix changes nothing.
	assert.Equal(t, orig.Violations(), orig.WithPrefix("").Violations())

	// The prefixed error converts to a status like any other.
	_, br := badRequestOf(t, got)
	assert.Equal(t, "user.name", br.GetFieldViolations()[0].GetField())
}

func TestPrefixFields(t *testing.T) {
	t.Run("nil", func(t *testing.T) {
		assert.NoError(t, runtime.PrefixFields(nil, "user"))
	})
	t.Run("foreign error unchanged", func(t *testing.T) {
		plain := errors.New("boom")
		assert.True(t, plain == runtime.PrefixFields(plain, "user"))
	})
	t.Run("validation error", func(t *testing.T) {
		err := runtime.PrefixFields(runtime.NewValidationError(vName, vWhole), "user")
		assert.Equal(t, []string{"user.name", "user"}, violationPaths(asValidationError(t, err).Violations()))
	})
	t.Run("wrapped validation error", func(t *testing.T) {
		err := runtime.PrefixFields(fmt.Errorf("ctx: %w", runtime.NewValidationError(vName)), "update_mask")
		assert.Equal(t, []string{"update_mask.name"}, violationPaths(asValidationError(t, err).Violations()))
		_, br := badRequestOf(t, err)
		assert.Equal(t, "update_mask.name", br.GetFieldViolations()[0].GetField())
	})
	t.Run("empty prefix", func(t *testing.T) {
		err := runtime.PrefixFields(runtime.NewValidationError(vName), "")
		assert.Equal(t, []string{"name"}, violationPaths(asValidationError(t, err).Violations()))
	})
}
