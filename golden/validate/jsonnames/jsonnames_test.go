package jsonnames

import (
	"testing"

	"github.com/stretchr/testify/assert"

	_ "github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/runtime"
)

// With field_names=json, paths use the JSON names that BadRequest's
// documentation shows for JSON clients.
func TestJSONFieldNames(t *testing.T) {
	c := &Contact{
		EmailAddresses: []*Address{{Email: "a@example.com"}, {Email: "bad", DisplayName: "much too long"}},
		ExtraLabels:    map[string]string{"team": ""},
	}
	var got []string
	for _, v := range c.ValidateAll().(*runtime.ValidationError).Violations() {
		got = append(got, v.Field+" "+v.Reason+" "+v.Description)
	}
	assert.Equal(t, []string{
		"emailAddresses[1].email STRING_EMAIL must be a valid email address",
		"emailAddresses[1].displayName STRING_MAX_LEN must be at most 8 characters long",
		`extraLabels["team"] STRING_MIN_LEN must be at least 1 character long`,
		"preferredChannel ONEOF_REQUIRED must have phoneNumber set",
	}, got)
}
