package validategen_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestUpdateRequestsParameter checks that update_requests=false turns the
// AIP-134 handling off: the resource is then validated whole, as any
// nested message.
func TestUpdateRequestsParameter(t *testing.T) {
	for _, c := range []struct {
		parameter string
		want      string
	}{
		{"", "protoimpl.SelectMask(x.Order.ProtoReflect().Descriptor(), x.UpdateMask)"},
		{"update_requests=false", `x.Order.validateInto(v, sel.Sub("order"))`},
	} {
		resp := generate(t, c.parameter, "validate/update/update.proto")
		require.Empty(t, resp.GetError())
		content := resp.GetFile()[0].GetContent()
		start := strings.Index(content, "func (x *UpdateOrderRequest) validateInto")
		require.GreaterOrEqual(t, start, 0)
		require.Contains(t, content[start:], c.want, "parameter %q", c.parameter)
	}
}
