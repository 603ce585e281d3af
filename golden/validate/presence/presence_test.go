package presence

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/protobuf/proto"

	_ "github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/runtime"
)

func reasons(err error) []string {
	if err == nil {
		return nil
	}
	var out []string
	for _, v := range err.(*runtime.ValidationError).Violations() {
		out = append(out, v.Field+" "+v.Reason)
	}
	return out
}

// Proto2 optional and required fields are checked only when set; a set
// member of a oneof is checked even when its value is zero.
func TestProto2Presence(t *testing.T) {
	assert.Empty(t, reasons((&Legacy{}).ValidateAll()), "unset proto2 fields are not checked")
	assert.Equal(t,
		[]string{"count INT32_GT", "name STRING_MIN_LEN", "data BYTES_LEN", "id STRING_LEN", "values[1] INT32_GTE", "number INT32_GT"},
		reasons((&Legacy{
			Count:  proto.Int32(0),
			Name:   proto.String(""),
			Data:   []byte{},
			Id:     proto.String("ab"),
			Values: []int32{1, -1},
			Choice: &Legacy_Number{Number: 0},
		}).ValidateAll()))
	assert.Empty(t, reasons((&Legacy{Count: proto.Int32(1), Data: []byte("ok"), Choice: &Legacy_Word{}}).ValidateAll()))
}
