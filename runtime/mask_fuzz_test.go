package runtime_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/protolite/protolite/runtime"
)

// FuzzMaskPaths feeds arbitrary paths (split on "|") to the mask parser:
// nothing may panic; a mask that normalises must normalise to itself and
// intersect with itself to itself; checking against a message type either
// accepts the mask or names a bad path by its index.
//
//	go test ./runtime -run '^$' -fuzz FuzzMaskPaths -fuzztime 5m
func FuzzMaskPaths(f *testing.F) {
	for _, seed := range []string{
		"a", "a.b|a", "labels.`a.b`|labels.env", "sizes.42|sizes.-7", "*", "a.*.b",
		"fields.`x``y`", "fields.k.list_value", "``", "a..b", "a.", ".a", "`unclosed",
		"fields.*.number_value|fields", "displayName", "a.0",
	} {
		f.Add(seed)
	}
	md := (&structpb.Struct{}).ProtoReflect().Descriptor()
	f.Fuzz(func(t *testing.T, joined string) {
		mask := &fieldmaskpb.FieldMask{Paths: strings.Split(joined, "|")}
		if normal, err := runtime.NormalizeMask(mask); err == nil {
			again, err := runtime.NormalizeMask(normal)
			require.NoError(t, err, "a normalised mask must parse")
			assert.Equal(t, normal.GetPaths(), again.GetPaths(), "normalising is idempotent")
			self, err := runtime.IntersectMasks(normal, normal)
			require.NoError(t, err)
			assert.Equal(t, normal.GetPaths(), self.GetPaths(), "a mask intersected with itself is itself")
		}
		err := runtime.ValidateMask(&structpb.Struct{}, mask)
		if err == nil {
			_, err = runtime.ParseMask(md, mask)
			assert.NoError(t, err, "ParseMask accepts what ValidateMask accepts")
			return
		}
		var verr *runtime.ValidationError
		require.ErrorAs(t, err, &verr)
		for _, v := range verr.Violations() {
			assert.True(t, strings.HasPrefix(v.Field, "paths["), "violation field %q", v.Field)
			assert.Equal(t, runtime.ReasonInvalidMaskPath, v.Reason)
		}
	})
}
