package library_test

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/protolite/protolite/golden/fieldmask/library"
	"github.com/protolite/protolite/runtime"
)

func mask(paths ...string) *fieldmaskpb.FieldMask { return &fieldmaskpb.FieldMask{Paths: paths} }

// impl is one implementation of the four operations on a Book: the
// generated methods or the reflective runtime.
type impl struct {
	name     string
	filter   func(*library.Book, *fieldmaskpb.FieldMask) error
	prune    func(*library.Book, *fieldmaskpb.FieldMask) error
	apply    func(dst, src *library.Book, m *fieldmaskpb.FieldMask) error
	validate func(*library.Book, *fieldmaskpb.FieldMask) error
}

var impls = []impl{
	{
		name:     "generated",
		filter:   (*library.Book).FilterMask,
		prune:    (*library.Book).PruneMask,
		apply:    (*library.Book).ApplyMask,
		validate: (*library.Book).ValidateMask,
	},
	{
		name:     "reflective",
		filter:   func(b *library.Book, m *fieldmaskpb.FieldMask) error { return runtime.FilterMask(b, m) },
		prune:    func(b *library.Book, m *fieldmaskpb.FieldMask) error { return runtime.PruneMask(b, m) },
		apply:    func(d, s *library.Book, m *fieldmaskpb.FieldMask) error { return runtime.ApplyMask(d, s, m) },
		validate: func(b *library.Book, m *fieldmaskpb.FieldMask) error { return runtime.ValidateMask(b, m) },
	},
}

type violation struct{ field, reason string }

func violationsOf(t *testing.T, err error) []violation {
	t.Helper()
	if err == nil {
		return nil
	}
	var verr *runtime.ValidationError
	require.True(t, errors.As(err, &verr), "error %v is not a *runtime.ValidationError", err)
	var out []violation
	for _, v := range verr.Violations() {
		out = append(out, violation{v.Field, v.Reason})
	}
	return out
}

func invalid(i string) violation { return violation{"paths[" + i + "]", "FIELD_MASK_INVALID_PATH"} }

type opCase struct {
	name     string
	op       string // filter, prune, apply, validate
	dst, src *library.Book
	mask     *fieldmaskpb.FieldMask
	want     *library.Book // nil: dst unchanged
	errs     []violation
}

func fullBook() *library.Book {
	return &library.Book{
		Name:       "shelves/1/books/2",
		Title:      "Dune",
		Author:     &library.Author{GivenName: "Frank", FamilyName: "Herbert", Born: 1920, Id: "a1"},
		Authors:    []*library.Author{{GivenName: "A", FamilyName: "B"}, {GivenName: "C", Born: 3}},
		Tags:       []string{"sf", "classic"},
		Labels:     map[string]string{"env": "prod", "a.b": "dotted", "x`y": "tick"},
		Sizes:      map[int32]int64{42: 1, -7: 2},
		Flags:      map[bool]string{true: "yes", false: "no"},
		ById:       map[uint64]*library.Author{7: {GivenName: "Seven", Born: 7}},
		Genre:      library.Genre_GENRE_FICTION,
		Rating:     4.5,
		Edition:    proto.Int32(2),
		InPrint:    true,
		CreateTime: timestamppb.New(timestamppb.Now().AsTime().Truncate(1e9)),
		Isbn:       "978-0441013593",
		Editor:     &library.Author{GivenName: "Ed"},
		Format:     &library.Book_Paperback{Paperback: &library.Paperback{Pages: 412, Printer: "Chilton"}},
		Counts:     map[string]int32{"reads": 3},
		Shelves:    map[string]*library.Shelf{"top": {Name: "top", Capacity: 3}, "low": {Name: "low", Capacity: 9}},
		Etag:       "etag-1",
	}
}

func with(b *library.Book, change func(*library.Book)) *library.Book {
	c := proto.CloneOf(b)
	change(c)
	return c
}

func TestMaskOperations(t *testing.T) {
	full := fullBook()
	cases := []opCase{
		// Filter.
		{name: "filter nil mask keeps everything", op: "filter", dst: full, mask: nil, want: full},
		{name: "filter empty mask keeps everything", op: "filter", dst: full, mask: mask(), want: full},
		{name: "filter star keeps everything", op: "filter", dst: full, mask: mask("*"), want: full},
		{name: "filter fields", op: "filter", dst: full, mask: mask("title", "author.given_name"),
			want: &library.Book{Title: "Dune", Author: &library.Author{GivenName: "Frank"}}},
		{name: "filter parent absorbs child", op: "filter", dst: full, mask: mask("author.given_name", "author"),
			want: &library.Book{Author: full.Author}},
		{name: "filter child then parent, any order", op: "filter", dst: full, mask: mask("author", "author.born", "author"),
			want: &library.Book{Author: full.Author}},
		{name: "filter map key", op: "filter", dst: full, mask: mask("labels.env"),
			want: &library.Book{Labels: map[string]string{"env": "prod"}}},
		{name: "filter backtick keys", op: "filter", dst: full, mask: mask("labels.`a.b`", "labels.`x``y`"),
			want: &library.Book{Labels: map[string]string{"a.b": "dotted", "x`y": "tick"}}},
		{name: "filter integer and bool keys", op: "filter", dst: full, mask: mask("sizes.-7", "flags.true"),
			want: &library.Book{Sizes: map[int32]int64{-7: 2}, Flags: map[bool]string{true: "yes"}}},
		{name: "filter map value sub-path", op: "filter", dst: full, mask: mask("by_id.7.born"),
			want: &library.Book{ById: map[uint64]*library.Author{7: {Born: 7}}}},
		{name: "filter wildcard over list", op: "filter", dst: full, mask: mask("authors.*.given_name"),
			want: &library.Book{Authors: []*library.Author{{GivenName: "A"}, {GivenName: "C"}}}},
		{name: "filter wildcard over map with a named key", op: "filter", dst: full, mask: mask("shelves.*.name", "shelves.low.capacity"),
			want: &library.Book{Shelves: map[string]*library.Shelf{"top": {Name: "top"}, "low": {Name: "low", Capacity: 9}}}},
		{name: "filter oneof member kept", op: "filter", dst: full, mask: mask("paperback.pages"),
			want: &library.Book{Format: &library.Book_Paperback{Paperback: &library.Paperback{Pages: 412}}}},
		{name: "filter other oneof member drops the set one", op: "filter", dst: full, mask: mask("ebook_url"),
			want: &library.Book{}},
		{name: "filter ignores field behavior", op: "filter", dst: full, mask: mask("create_time", "isbn"),
			want: &library.Book{CreateTime: full.CreateTime, Isbn: full.Isbn}},
		{name: "filter invalid path changes nothing", op: "filter", dst: full, mask: mask("title", "nope", "authors.0"),
			errs: []violation{invalid("1"), invalid("2")}},
		{name: "filter JSON name is rejected", op: "filter", dst: full, mask: mask("displayName"), errs: []violation{invalid("0")}},

		// Prune.
		{name: "prune nil mask clears nothing", op: "prune", dst: full, mask: nil, want: full},
		{name: "prune star clears everything", op: "prune", dst: full, mask: mask("*"), want: &library.Book{}},
		{name: "prune fields", op: "prune", dst: full, mask: mask("title", "author.given_name", "labels.env", "authors.*.born"),
			want: with(full, func(b *library.Book) {
				b.Title = ""
				b.Author.GivenName = ""
				delete(b.Labels, "env")
				for _, a := range b.Authors {
					a.Born = 0
				}
			})},
		{name: "prune oneof member", op: "prune", dst: full, mask: mask("paperback"),
			want: with(full, func(b *library.Book) { b.Format = nil })},
		{name: "prune unset oneof member leaves the set one", op: "prune", dst: full, mask: mask("ebook_url"), want: full},
		{name: "prune invalid key", op: "prune", dst: full, mask: mask("sizes.x", "sizes.042", "flags.yes"),
			errs: []violation{invalid("0"), invalid("1"), invalid("2")}},

		// Apply.
		{name: "apply sets and clears", op: "apply", dst: full,
			src:  &library.Book{Title: "New"},
			mask: mask("title", "in_print", "edition", "tags", "author"),
			want: with(full, func(b *library.Book) {
				b.Title = "New"
				b.InPrint = false
				b.Edition = nil
				b.Tags = nil
				b.Author = nil
			})},
		{name: "apply sub-paths copy only those", op: "apply", dst: full,
			src:  &library.Book{Author: &library.Author{GivenName: "G", FamilyName: "ignored"}},
			mask: mask("author.given_name"),
			want: with(full, func(b *library.Book) { b.Author.GivenName = "G" })},
		{name: "apply message field whole replaces it", op: "apply", dst: full,
			src:  &library.Book{Author: &library.Author{GivenName: "G"}},
			mask: mask("author"),
			want: with(full, func(b *library.Book) { b.Author = &library.Author{GivenName: "G"} })},
		{name: "apply map key sets and deletes", op: "apply", dst: full,
			src:  &library.Book{Labels: map[string]string{"new": "v", "env": "dev"}},
			mask: mask("labels.new", "labels.env", "labels.`a.b`"),
			want: with(full, func(b *library.Book) {
				b.Labels["new"] = "v"
				b.Labels["env"] = "dev"
				delete(b.Labels, "a.b")
			})},
		{name: "apply map replaced whole", op: "apply", dst: full,
			src:  &library.Book{Labels: map[string]string{"only": "1"}},
			mask: mask("labels"),
			want: with(full, func(b *library.Book) { b.Labels = map[string]string{"only": "1"} })},
		{name: "apply oneof member", op: "apply", dst: full,
			src:  &library.Book{Format: &library.Book_EbookUrl{EbookUrl: "https://e"}},
			mask: mask("ebook_url"),
			want: with(full, func(b *library.Book) { b.Format = &library.Book_EbookUrl{EbookUrl: "https://e"} })},
		{name: "apply unset oneof member clears only itself", op: "apply", dst: full,
			src: &library.Book{}, mask: mask("ebook_url"), want: full},
		{name: "apply nil mask copies populated fields", op: "apply", dst: full,
			src:  &library.Book{Title: "T", Author: &library.Author{Born: 1}, Etag: "client"},
			mask: nil,
			want: with(full, func(b *library.Book) {
				b.Title = "T"
				b.Author = &library.Author{Born: 1}
			})},
		{name: "apply star copies src but keeps OUTPUT_ONLY", op: "apply", dst: full,
			src:  &library.Book{Title: "T", Isbn: full.Isbn, Counts: full.Counts, Editor: full.Editor, CreateTime: timestamppb.New(timestamppb.Now().AsTime().Add(1e12))},
			mask: mask("*"),
			want: &library.Book{Title: "T", Isbn: full.Isbn, Counts: full.Counts, Editor: full.Editor, CreateTime: full.CreateTime, Etag: full.Etag}},
		{name: "apply OUTPUT_ONLY named is ignored", op: "apply", dst: full,
			src: &library.Book{}, mask: mask("create_time", "etag"), want: full},
		{name: "apply IMMUTABLE change fails", op: "apply", dst: full,
			src: &library.Book{Isbn: "other", Title: "x"}, mask: mask("title", "isbn"),
			errs: []violation{{"isbn", "FIELD_IMMUTABLE"}}},
		{name: "apply IMMUTABLE clear fails", op: "apply", dst: full,
			src: &library.Book{}, mask: mask("isbn", "counts.reads", "editor.given_name"),
			errs: []violation{{"isbn", "FIELD_IMMUTABLE"}, {"counts[\"reads\"]", "FIELD_IMMUTABLE"}, {"editor.given_name", "FIELD_IMMUTABLE"}}},
		{name: "apply IMMUTABLE same value is fine", op: "apply", dst: full,
			src: &library.Book{Isbn: full.Isbn}, mask: mask("isbn"), want: full},
		{name: "apply IMMUTABLE set where unset is fine", op: "apply", dst: &library.Book{},
			src: &library.Book{Isbn: "new", Editor: &library.Author{Id: "e"}}, mask: mask("isbn", "editor"),
			want: &library.Book{Isbn: "new", Editor: &library.Author{Id: "e"}}},
		{name: "apply nested IMMUTABLE field", op: "apply", dst: full,
			src: &library.Book{Author: &library.Author{Id: "other"}}, mask: mask("author.id"),
			errs: []violation{{"author.id", "FIELD_IMMUTABLE"}}},
		{name: "apply rejects wildcard after a collection", op: "apply", dst: full,
			src: full, mask: mask("authors.*.given_name", "labels.*"),
			errs: []violation{invalid("0"), invalid("1")}},
		{name: "apply invalid path changes nothing", op: "apply", dst: full,
			src: &library.Book{}, mask: mask("title", "author.nope"),
			errs: []violation{invalid("1")}},

		// Validate.
		{name: "validate good paths", op: "validate", dst: full,
			mask: mask("*", "title", "author.mentor.mentor.given_name", "labels.`a.b`", "sizes.-7", "by_id.*.born",
				"shelves.top.books.*.title", "create_time.seconds", "archive.curator.id", "paperback.pages", "note.text")},
		{name: "validate bad paths", op: "validate", dst: full,
			mask: mask("", "title.x", "author.*", "*.title", "tags.0", "tags.*.x", "labels.a.b", "`title`", "a..b",
				"labels.`unclosed", "sizes.1.5", "createTime", "archive.nope"),
			errs: []violation{invalid("0"), invalid("1"), invalid("2"), invalid("3"), invalid("4"), invalid("5"),
				invalid("6"), invalid("7"), invalid("8"), invalid("9"), invalid("10"), invalid("11"), invalid("12")}},
	}
	for _, tc := range cases {
		for _, im := range impls {
			t.Run(tc.name+"/"+im.name, func(t *testing.T) {
				dst := proto.CloneOf(tc.dst)
				var src *library.Book
				if tc.src != nil {
					src = proto.CloneOf(tc.src)
				}
				var err error
				switch tc.op {
				case "filter":
					err = im.filter(dst, tc.mask)
				case "prune":
					err = im.prune(dst, tc.mask)
				case "apply":
					err = im.apply(dst, src, tc.mask)
				case "validate":
					err = im.validate(dst, tc.mask)
				}
				assert.Equal(t, tc.errs, violationsOf(t, err))
				want := tc.want
				if want == nil {
					want = tc.dst // untouched
				}
				assert.True(t, proto.Equal(want, dst), "got  %v\nwant %v", dst, want)
				if tc.src != nil {
					assert.True(t, proto.Equal(tc.src, src), "src changed")
				}
			})
		}
	}
}

func TestApplyDoesNotAlias(t *testing.T) {
	for _, im := range impls {
		t.Run(im.name, func(t *testing.T) {
			for _, m := range []*fieldmaskpb.FieldMask{nil, mask("*"), mask("author", "authors", "labels", "by_id", "cover", "paperback", "shelves.top")} {
				src := fullBook()
				src.Cover = []byte("cover")
				dst := &library.Book{}
				require.NoError(t, im.apply(dst, src, m))
				got := proto.CloneOf(dst)
				src.Author.GivenName = "changed"
				src.Authors[0].Born = 99
				src.Labels["env"] = "changed"
				src.ById[7].Born = 99
				src.Cover[0] = 'X'
				src.GetPaperback().Pages = 1
				src.Shelves["top"].Name = "changed"
				assert.True(t, proto.Equal(got, dst), "mask %v: dst changed with src", m.GetPaths())
			}
		})
	}
}

// TestApplyCopiesFlatLists checks the typed list copy of flat messages
// (Book.reprints): the copies equal proto.CloneOf's, unknown fields, nil
// elements, presence and empty bytes included, and share nothing with src.
func TestApplyCopiesFlatLists(t *testing.T) {
	binding := "hardcover"
	first := &library.Paperback{Pages: 320, Printer: "Penguin", Binding: &binding, Scan: []byte("scan")}
	first.ProtoReflect().SetUnknown([]byte{0xf8, 0x06, 0x01}) // field 111, varint 1
	src := &library.Book{Reprints: []*library.Paperback{first, {Binding: new(string), Scan: []byte{}}, {}}}
	for _, im := range impls {
		t.Run(im.name, func(t *testing.T) {
			dst := &library.Book{Reprints: []*library.Paperback{{Pages: 1}}}
			require.NoError(t, im.apply(dst, src, mask("reprints", "title")))
			want := proto.CloneOf(src)
			assert.True(t, proto.Equal(want, dst), "got %v", dst)
			assert.Equal(t, []byte(first.ProtoReflect().GetUnknown()), []byte(dst.Reprints[0].ProtoReflect().GetUnknown()))
			require.NotNil(t, dst.Reprints[1].Binding, "an empty optional string stays set")
			dst.Reprints[0].Scan[0] = 'X'
			*dst.Reprints[0].Binding = "paperback"
			dst.Reprints[0].ProtoReflect().SetUnknown(nil)
			assert.Equal(t, "scan", string(first.Scan))
			assert.Equal(t, "hardcover", *first.Binding)
			assert.NotEmpty(t, first.ProtoReflect().GetUnknown())
		})
	}
}

func TestNilReceivers(t *testing.T) {
	var b *library.Book
	assert.NoError(t, b.FilterMask(mask("title")))
	assert.NoError(t, b.PruneMask(mask("title")))
	assert.NoError(t, b.ValidateMask(mask("title")))
	assert.ErrorIs(t, b.ApplyMask(&library.Book{}, mask("title")), runtime.ErrNilMaskTarget)
	assert.NoError(t, runtime.FilterMask(b, mask("title")))
	assert.NoError(t, runtime.PruneMask(b, mask("title")))
	assert.ErrorIs(t, runtime.ApplyMask(b, &library.Book{}, mask("title")), runtime.ErrNilMaskTarget)
	// The mask is still checked.
	assert.Error(t, b.FilterMask(mask("nope")))
	assert.Error(t, runtime.FilterMask(b, mask("nope")))
	// A nil src reads as an empty message.
	dst := fullBook()
	require.NoError(t, dst.ApplyMask(nil, mask("title")))
	assert.Empty(t, dst.Title)
}

func TestErrorIsBadRequest(t *testing.T) {
	for _, im := range impls {
		t.Run(im.name, func(t *testing.T) {
			err := im.filter(fullBook(), mask("title", "displayName", "authors.0"))
			st, ok := status.FromError(err)
			require.True(t, ok)
			assert.Equal(t, codes.InvalidArgument, st.Code())
			var brs []*errdetails.BadRequest
			for _, d := range st.Details() {
				if br, ok := d.(*errdetails.BadRequest); ok {
					brs = append(brs, br)
				}
			}
			require.Len(t, brs, 1)
			vs := brs[0].GetFieldViolations()
			require.Len(t, vs, 2)
			assert.Equal(t, "paths[1]", vs[0].GetField())
			assert.Equal(t, "FIELD_MASK_INVALID_PATH", vs[0].GetReason())
			assert.Contains(t, vs[0].GetDescription(), `"displayName" is the JSON name of field "display_name"`)
			assert.Equal(t, "paths[2]", vs[1].GetField())
			assert.Contains(t, vs[1].GetDescription(), `"authors.0"`)
			// Prefixed with the request's mask field.
			prefixed := runtime.PrefixFields(err, "update_mask")
			var verr *runtime.ValidationError
			require.ErrorAs(t, prefixed, &verr)
			assert.Equal(t, "update_mask.paths[1]", verr.Violations()[0].Field)
		})
	}
}

func TestPathBuilders(t *testing.T) {
	m := library.NewBookMask(
		library.BookPaths().Title(),
		library.BookPaths().Author().GivenName(),
		library.BookPaths().Author().Mentor().Mentor(),
		library.BookPaths().LabelsKey("a.b"),
		library.BookPaths().LabelsKey("env"),
		library.BookPaths().SizesKey(-7),
		library.BookPaths().FlagsKey(true),
		library.BookPaths().ByIdKey(7).Born(),
		library.BookPaths().AuthorsEach().FamilyName(),
		library.BookPaths().ShelvesEach().Books(),
		library.BookPaths().Paperback().Pages(),
		library.BookPaths().CreateTime(),
		library.BookPaths(),
	)
	assert.Equal(t, []string{
		"title", "author.given_name", "author.mentor.mentor", "labels.`a.b`", "labels.env", "sizes.-7", "flags.true",
		"by_id.7.born", "authors.*.family_name", "shelves.*.books", "paperback.pages", "create_time", "*",
	}, m.GetPaths())
	assert.NoError(t, (*library.Book)(nil).ValidateMask(m))
	// Recursive types nest without end.
	assert.Equal(t, "parent.parent.named.`a b`.children.*.value",
		library.NodePaths().Parent().Parent().NamedKey("a b").ChildrenEach().Value().String())
}

func TestParsedMask(t *testing.T) {
	pm, err := library.ParseBookMask(mask("author.given_name", "title", "author"))
	require.NoError(t, err)
	assert.Equal(t, []string{"author", "title"}, pm.Paths())
	for range 3 {
		b := fullBook()
		require.NoError(t, b.FilterParsedMask(pm))
		assert.True(t, proto.Equal(&library.Book{Title: "Dune", Author: fullBook().Author}, b))
	}
	// The reflective parse gives the same tree.
	rpm, err := runtime.ParseMask((&library.Book{}).ProtoReflect().Descriptor(), mask("author.given_name", "title", "author"))
	require.NoError(t, err)
	assert.Equal(t, pm.Paths(), rpm.Paths())
	// A mask parsed for another type is refused.
	npm, err := library.ParseNodeMask(mask("value"))
	require.NoError(t, err)
	assert.Error(t, fullBook().FilterParsedMask(npm))
	// A wildcard path parses, and only Apply refuses it.
	wpm, err := library.ParseBookMask(mask("authors.*.born"))
	require.NoError(t, err)
	require.NoError(t, fullBook().PruneParsedMask(wpm))
	assert.Equal(t, []violation{invalid("0")}, violationsOf(t, fullBook().ApplyParsedMask(&library.Book{}, wpm)))
	// Invalid paths fail the parse.
	_, err = library.ParseBookMask(mask("nope"))
	assert.Equal(t, []violation{invalid("0")}, violationsOf(t, err))
	// A nil *ParsedMask is the empty mask.
	b := fullBook()
	require.NoError(t, b.FilterParsedMask(nil))
	assert.True(t, proto.Equal(fullBook(), b))
}

func TestDisabledMessageHasNoMethods(t *testing.T) {
	var a any = &library.Archive{}
	_, ok := a.(interface {
		FilterMask(*fieldmaskpb.FieldMask) error
	})
	assert.False(t, ok)
	// Generated code reaches it by reflection.
	b := &library.Book{Archive: &library.Archive{Location: "vault", Box: 3}}
	require.NoError(t, b.FilterMask(mask("archive.box")))
	assert.True(t, proto.Equal(&library.Book{Archive: &library.Archive{Box: 3}}, b))
}
