package editions

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/protobuf/proto"

	_ "github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/runtime"
)

func paths(err error) []string {
	var out []string
	for _, v := range runtime.PrefixFields(err, "").(*runtime.ValidationError).Violations() {
		out = append(out, v.Field+" "+v.Reason)
	}
	return out
}

// In edition 2023 fields have explicit presence unless a feature says
// otherwise: unset explicit fields are not checked, implicit ones always.
func TestEditionsPresence(t *testing.T) {
	assert.Equal(t, []string{"quota INT32_GT"}, paths((&Account{}).ValidateAll()),
		"only the implicit-presence field is checked when nothing is set")
	assert.NoError(t, (&Account{Quota: 1}).ValidateAll())
	assert.Equal(t, []string{"name STRING_MIN_LEN", "id STRING_LEN"},
		paths((&Account{Name: proto.String(""), Quota: 1, Id: proto.String("abc")}).ValidateAll()),
		"explicit-presence fields set to their zero value are checked")
	assert.Equal(t, []string{"emails[1] STRING_EMAIL", "parent.parent.quota INT32_GT"},
		paths((&Account{Quota: 1, Emails: []string{"a@b.c", "nope"}, Parent: &Account{Quota: 2, Parent: &Account{}}}).ValidateAll()))
}
