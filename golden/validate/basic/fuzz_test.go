package basic

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
)

// FuzzValidators decodes arbitrary bytes into each test message and
// validates it: no input may panic, and Validate's violation must be
// ValidateAll's first.
//
//	go test ./golden/validate/basic -run '^$' -fuzz FuzzValidators -fuzztime 5m
func FuzzValidators(f *testing.F) {
	for _, m := range []proto.Message{validUser(), validNumbers(), validStrings(), validBytes(),
		&User{Scores: map[string]int32{"a": -1, "bb": -2}, ById: map[int64]*Profile{1: nil, -3: {}}, Contact: &User_Email{}},
		&Times{}, &Wrappers{}, &Flags{Status: 9}} {
		wire, err := proto.Marshal(m)
		require.NoError(f, err)
		f.Add(uint8(0), wire)
	}
	newMessages := []func() validator{
		func() validator { return &User{} },
		func() validator { return &Numbers{} },
		func() validator { return &Strings{} },
		func() validator { return &Bytes{} },
		func() validator { return &Flags{} },
		func() validator { return &Wrappers{} },
		func() validator { return &Times{} },
		func() validator { return &Holder{} },
		func() validator { return &Profile{} },
	}
	f.Fuzz(func(t *testing.T, which uint8, wire []byte) {
		m := newMessages[int(which)%len(newMessages)]()
		if proto.Unmarshal(wire, m) != nil {
			return
		}
		all := violationsOf(t, m.ValidateAll())
		first := violationsOf(t, m.Validate())
		if len(all) == 0 {
			assert.Empty(t, first)
			return
		}
		assert.Equal(t, all[:1], first, "Validate must report ValidateAll's first violation")
	})
}
