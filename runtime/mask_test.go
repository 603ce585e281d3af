package runtime_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/dynamicpb"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/golden/fieldmask/library"
	_ "github.com/protolite/protolite/internal/plugintest" // defines -update
	"github.com/protolite/protolite/runtime"
)

func fm(paths ...string) *fieldmaskpb.FieldMask { return &fieldmaskpb.FieldMask{Paths: paths} }

func TestNormalizeMask(t *testing.T) {
	for _, tc := range []struct {
		in, want []string
	}{
		{nil, nil},
		{[]string{"b", "a", "b"}, []string{"a", "b"}},
		{[]string{"user.name", "user"}, []string{"user"}},
		{[]string{"user", "user.name"}, []string{"user"}},
		{[]string{"a.b.c", "a.b", "a.x"}, []string{"a.b", "a.x"}},
		{[]string{"title", "*"}, []string{"*"}},
		{[]string{"labels.`env`", "labels.env"}, []string{"labels.env"}},
		{[]string{"labels.`a.b`", "labels.`x``y`"}, []string{"labels.`a.b`", "labels.`x``y`"}},
		{[]string{"tags.*"}, []string{"tags"}},
		{[]string{"fields.*.*"}, []string{"fields"}}, // found by FuzzMaskPaths: was fields.*, not idempotent
		{[]string{"a.*.*.*", "a.x"}, []string{"a"}},
		{[]string{"a.*.b.*"}, []string{"a.*.b"}},
		{[]string{"m.k.*.*"}, []string{"m.k"}},
		{[]string{"authors.*.name", "authors.*.name"}, []string{"authors.*.name"}},
	} {
		got, err := runtime.NormalizeMask(fm(tc.in...))
		require.NoError(t, err, "%v", tc.in)
		assert.Equal(t, tc.want, got.GetPaths(), "%v", tc.in)
	}
	_, err := runtime.NormalizeMask(fm("ok", "a..b", "`x"))
	var verr *runtime.ValidationError
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Violations(), 2)
	assert.Equal(t, "paths[1]", verr.Violations()[0].Field)
	assert.Equal(t, "FIELD_MASK_INVALID_PATH", verr.Violations()[0].Reason)
}

func TestUnionAndIntersect(t *testing.T) {
	u, err := runtime.UnionMasks(fm("a.b", "c"), fm("a", "d.e"), nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "c", "d.e"}, u.GetPaths())

	for _, tc := range []struct {
		a, b, want []string
	}{
		{[]string{"a", "b"}, []string{"b", "c"}, []string{"b"}},
		{[]string{"user"}, []string{"user.name", "other"}, []string{"user.name"}},
		{[]string{"*"}, []string{"x.y", "z"}, []string{"x.y", "z"}},
		{[]string{"labels.*.v"}, []string{"labels.env"}, []string{"labels.env.v"}},
		{[]string{"labels.*.v", "labels.k.w"}, []string{"labels.*"}, []string{"labels.*.v", "labels.k.v", "labels.k.w"}},
		{[]string{"a"}, nil, nil},
	} {
		got, err := runtime.IntersectMasks(fm(tc.a...), fm(tc.b...))
		require.NoError(t, err)
		assert.Equal(t, tc.want, got.GetPaths(), "%v ∩ %v", tc.a, tc.b)
	}
}

func TestQuoteMaskKey(t *testing.T) {
	assert.Equal(t, "env", runtime.QuoteMaskKey("env"))
	assert.Equal(t, "-42", runtime.QuoteMaskKey("-42"))
	assert.Equal(t, "``", runtime.QuoteMaskKey(""))
	assert.Equal(t, "`a.b`", runtime.QuoteMaskKey("a.b"))
	assert.Equal(t, "`x``y`", runtime.QuoteMaskKey("x`y"))
	assert.Equal(t, "`*`", runtime.QuoteMaskKey("*"))
}

func TestPathAPI(t *testing.T) {
	type M struct{}
	p := runtime.NewPath[*M]("labels")
	assert.Equal(t, "labels.`a b`", p.Key("a b").String())
	assert.Equal(t, "labels.-3", p.IntKey(-3).String())
	assert.Equal(t, "labels.3", p.UintKey(3).String())
	assert.Equal(t, "labels.false", p.BoolKey(false).String())
	assert.Equal(t, "labels.*.x", p.Each().Join("x").String())
	assert.Equal(t, []string{"labels", "labels.*"}, runtime.NewMask[*M](p, p.Each()).GetPaths())
}

// TestReflectiveOnDynamicMessages checks that the reflective functions work
// on dynamicpb messages as they do on generated types.
func TestReflectiveOnDynamicMessages(t *testing.T) {
	book := &library.Book{
		Title:   "T",
		Author:  &library.Author{GivenName: "G", Born: 1},
		Labels:  map[string]string{"a.b": "1", "c": "2"},
		Sizes:   map[int32]int64{-1: 5, 2: 6},
		Authors: []*library.Author{{GivenName: "x", Born: 2}},
		Isbn:    "i",
	}
	wire, err := proto.Marshal(book)
	require.NoError(t, err)
	md := book.ProtoReflect().Descriptor()
	dyn := dynamicpb.NewMessage(md)
	require.NoError(t, proto.Unmarshal(wire, dyn))

	mask := fm("author.given_name", "labels.`a.b`", "sizes.-1", "authors.*.born")
	require.NoError(t, runtime.FilterMask(dyn, mask))
	require.NoError(t, book.FilterMask(mask))
	got, err := proto.Marshal(dyn)
	require.NoError(t, err)
	back := &library.Book{}
	require.NoError(t, proto.Unmarshal(got, back))
	assert.True(t, proto.Equal(book, back), "dynamic %v, generated %v", back, book)

	// Field behavior is read from the dynamic descriptor's options too.
	dst := dynamicpb.NewMessage(md)
	require.NoError(t, proto.Unmarshal(wire, dst))
	err = runtime.ApplyMask(dst, dynamicpb.NewMessage(md), fm("isbn"))
	var verr *runtime.ValidationError
	require.ErrorAs(t, err, &verr)
	assert.Equal(t, "isbn", verr.Violations()[0].Field)
	assert.Equal(t, runtime.ReasonImmutable, verr.Violations()[0].Reason)
}

func TestReflectiveErrors(t *testing.T) {
	var m *descriptorpb.FieldDescriptorProto
	assert.NoError(t, runtime.ValidateMask(m, fm("name", "options.deprecated")))
	err := runtime.ValidateMask(m, fm("jsonName", "json_name.x", "options.*"))
	var verr *runtime.ValidationError
	require.ErrorAs(t, err, &verr)
	require.Len(t, verr.Violations(), 3)
	assert.Contains(t, verr.Violations()[0].Description, `"jsonName" is the JSON name of field "json_name"`)
	assert.Contains(t, verr.Violations()[1].Description, `field "json_name" is not a message`)
	assert.Contains(t, verr.Violations()[2].Description, "`*` may only stand alone or follow a repeated or map field")
	assert.Error(t, runtime.FilterMask(nil, fm("x")))
	// A mask parsed for one type is refused for another.
	pm, err := runtime.ParseMask(m.ProtoReflect().Descriptor(), fm("name"))
	require.NoError(t, err)
	assert.Error(t, runtime.FilterParsedMask(&descriptorpb.DescriptorProto{}, pm))
}
