package protoimpl_test

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/protolite/protolite/runtime/protoimpl"
)

func TestIndexPath(t *testing.T) {
	tests := []struct {
		field string
		i     int
		want  string
	}{
		{"items", 0, "items[0]"},
		{"items", 2, "items[2]"},
		{"items", 1234567, "items[1234567]"},
		{"user.items", 3, "user.items[3]"},
		{"", 1, "[1]"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, protoimpl.IndexPath(tt.field, tt.i))
		assert.Equal(t, tt.want, string(protoimpl.AppendIndex(nil, tt.field, tt.i)))
	}
}

// String keys are quoted exactly as strconv.Quote quotes them: escaped
// quotes and backslashes, printable Unicode kept as is, control characters,
// non-printable runes and invalid UTF-8 escaped.
func TestStringKeyPath(t *testing.T) {
	tests := []struct {
		key  string
		want string
	}{
		{"env", `labels["env"]`},
		{"", `labels[""]`},
		{"a.b[0]", `labels["a.b[0]"]`},
		{`say "hi"`, `labels["say \"hi\""]`},
		{`back\slash`, `labels["back\\slash"]`},
		{"héllo wörld", `labels["héllo wörld"]`},
		{"日本語", `labels["日本語"]`},
		{"🙂", `labels["🙂"]`},
		{"tab\there", `labels["tab\there"]`},
		{"line\nbreak\r", `labels["line\nbreak\r"]`},
		{"nul\x00bell\a", `labels["nul\x00bell\a"]`},
		{"esc\x1b del\x7f", `labels["esc\x1b del\x7f"]`},
		{"bad\xffutf8", `labels["bad\xffutf8"]`},
		{"sep\u2028", `labels["sep\u2028"]`},
		{"zero\u200bwidth", `labels["zero\u200bwidth"]`},
		{"bom\ufeff", `labels["bom\ufeff"]`},
	}
	for _, tt := range tests {
		got := protoimpl.StringKeyPath("labels", tt.key)
		assert.Equal(t, tt.want, got, "StringKeyPath(%q)", tt.key)
		assert.Equal(t, "labels["+strconv.Quote(tt.key)+"]", got, "StringKeyPath(%q) against strconv.Quote", tt.key)
		assert.Equal(t, tt.want, string(protoimpl.AppendStringKey(nil, "labels", tt.key)), "AppendStringKey(%q)", tt.key)
		// The quoted key reads back as the key.
		unq, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(got, "labels["), "]"))
		assert.NoError(t, err)
		assert.Equal(t, tt.key, unq)
	}
}

func TestIntKeyPath(t *testing.T) {
	for key, want := range map[int64]string{
		0:             "sizes[0]",
		42:            "sizes[42]",
		-7:            "sizes[-7]",
		math.MaxInt64: "sizes[9223372036854775807]",
		math.MinInt64: "sizes[-9223372036854775808]",
	} {
		assert.Equal(t, want, protoimpl.IntKeyPath("sizes", key))
		assert.Equal(t, want, string(protoimpl.AppendIntKey(nil, "sizes", key)))
	}
}

func TestUintKeyPath(t *testing.T) {
	for key, want := range map[uint64]string{
		0:              "ids[0]",
		42:             "ids[42]",
		math.MaxUint64: "ids[18446744073709551615]",
	} {
		assert.Equal(t, want, protoimpl.UintKeyPath("ids", key))
		assert.Equal(t, want, string(protoimpl.AppendUintKey(nil, "ids", key)))
	}
}

func TestBoolKeyPath(t *testing.T) {
	assert.Equal(t, "flags[true]", protoimpl.BoolKeyPath("flags", true))
	assert.Equal(t, "flags[false]", protoimpl.BoolKeyPath("flags", false))
	assert.Equal(t, "flags[true]", string(protoimpl.AppendBoolKey(nil, "flags", true)))
	assert.Equal(t, "flags[false]", string(protoimpl.AppendBoolKey(nil, "flags", false)))
}

// The Append functions extend dst, keeping what it holds, so a path is built
// element by element.
func TestAppendComposes(t *testing.T) {
	b := []byte("orders")
	b = append(b, '.')
	b = protoimpl.AppendIndex(b, "items", 2)
	b = append(b, '.')
	b = protoimpl.AppendStringKey(b, "attrs", `k"1`)
	b = append(b, '.')
	b = protoimpl.AppendIntKey(b, "by_size", -3)
	b = append(b, '.')
	b = protoimpl.AppendUintKey(b, "by_id", 9)
	b = append(b, '.')
	b = protoimpl.AppendBoolKey(b, "by_flag", true)
	assert.Equal(t, `orders.items[2].attrs["k\"1"].by_size[-3].by_id[9].by_flag[true]`, string(b))
}

// Paths longer than the string forms' stack buffer still come out whole.
func TestPathLongerThanBuffer(t *testing.T) {
	field := strings.Repeat("nested_field.", 10) + "items"
	key := strings.Repeat("k", 100) + "\n"
	assert.Equal(t, field+"[99]", protoimpl.IndexPath(field, 99))
	assert.Equal(t, field+"["+strconv.Quote(key)+"]", protoimpl.StringKeyPath(field, key))
	assert.Equal(t, field+"[-1]", protoimpl.IntKeyPath(field, -1))
	assert.Equal(t, field+"[1]", protoimpl.UintKeyPath(field, 1))
	assert.Equal(t, field+"[false]", protoimpl.BoolKeyPath(field, false))
}

// Appending into a buffer with room allocates nothing, whatever the key
// (escapes included); the string forms allocate only their result.
func TestPathAllocations(t *testing.T) {
	buf := make([]byte, 0, 256)
	appends := map[string]func(){
		"AppendIndex":     func() { buf = protoimpl.AppendIndex(buf[:0], "items", 123456) },
		"AppendStringKey": func() { buf = protoimpl.AppendStringKey(buf[:0], "labels", "héllo \"wörld\"\n\x00\xff") },
		"AppendIntKey":    func() { buf = protoimpl.AppendIntKey(buf[:0], "sizes", math.MinInt64) },
		"AppendUintKey":   func() { buf = protoimpl.AppendUintKey(buf[:0], "ids", math.MaxUint64) },
		"AppendBoolKey":   func() { buf = protoimpl.AppendBoolKey(buf[:0], "flags", false) },
	}
	for name, f := range appends {
		assert.Zero(t, testing.AllocsPerRun(100, f), "%s allocations", name)
	}

	var sink string
	strs := map[string]func(){
		"IndexPath":     func() { sink = protoimpl.IndexPath("items", 123456) },
		"StringKeyPath": func() { sink = protoimpl.StringKeyPath("labels", "héllo \"wörld\"\n") },
		"IntKeyPath":    func() { sink = protoimpl.IntKeyPath("sizes", math.MinInt64) },
		"UintKeyPath":   func() { sink = protoimpl.UintKeyPath("ids", math.MaxUint64) },
		"BoolKeyPath":   func() { sink = protoimpl.BoolKeyPath("flags", true) },
	}
	for name, f := range strs {
		if allocs := testing.AllocsPerRun(100, f); allocs > 1 {
			t.Errorf("%s: %v allocations, want at most 1 (the result)", name, allocs)
		}
	}
	_ = sink
}
