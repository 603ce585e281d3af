package library

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/protolite/protolite/internal/plugintest"
	"github.com/protolite/protolite/runtime"
)

// TestRuntimeErrorCatalogue triggers every error of the mask operations, on
// the generated methods and on the runtime's reflective functions (which
// must give the same error), and writes docs/runtime-errors.md from them
// with -update; otherwise it checks the page is current.
func TestRuntimeErrorCatalogue(t *testing.T) {
	stored := func() *Book {
		return &Book{Isbn: "978-0", Editor: &Author{GivenName: "E"}, Counts: map[string]int32{"a": 1}}
	}
	type call struct {
		name, call string
		run        func(generated bool) error
	}
	mask := func(paths ...string) *fieldmaskpb.FieldMask { return &fieldmaskpb.FieldMask{Paths: paths} }
	validate := func(paths ...string) func(bool) error {
		return func(generated bool) error {
			if generated {
				return (&Book{}).ValidateMask(mask(paths...))
			}
			return runtime.ValidateMask(&Book{}, mask(paths...))
		}
	}
	apply := func(src *Book, paths ...string) func(bool) error {
		return func(generated bool) error {
			if generated {
				return stored().ApplyMask(src, mask(paths...))
			}
			return runtime.ApplyMask(stored(), src, mask(paths...))
		}
	}
	calls := []call{
		{"unknown field", `ValidateMask(["title", "nickname"])`, validate("title", "nickname")},
		{"JSON name instead of proto name", `ValidateMask(["displayName"])`, validate("displayName")},
		{"sub-field of a scalar", `ValidateMask(["title.text"])`, validate("title.text")},
		{"index into a repeated field", `ValidateMask(["authors.0.given_name"])`, validate("authors.0.given_name")},
		{"sub-field of scalar list elements", `ValidateMask(["tags.*.x"])`, validate("tags.*.x")},
		{"sub-field of scalar map values", `ValidateMask(["labels.env.x"])`, validate("labels.env.x")},
		{"map key of the wrong type", `ValidateMask(["sizes.x", "flags.yes"])`, validate("sizes.x", "flags.yes")},
		{"integer key not canonical", `ValidateMask(["sizes.042"])`, validate("sizes.042")},
		{"misplaced wildcard", `ValidateMask(["author.*"])`, validate("author.*")},
		{"quoted field name", "ValidateMask([\"`title`\"])", validate("`title`")},
		{"syntax: empty segment", `ValidateMask(["author..given_name", ""])`, validate("author..given_name", "")},
		{"syntax: unclosed backtick", "ValidateMask([\"labels.`a\"])", validate("labels.`a")},
		{"wildcard after a list in Apply", `ApplyMask(src, ["authors.*.given_name"])`, apply(&Book{}, "authors.*.given_name")},
		{"changing an IMMUTABLE field", `ApplyMask(&Book{Isbn: "979-1"}, ["isbn"])`, apply(&Book{Isbn: "979-1"}, "isbn")},
		{"clearing an IMMUTABLE field", `ApplyMask(&Book{}, ["isbn", "editor.given_name", "counts.a"])`, apply(&Book{}, "isbn", "editor.given_name", "counts.a")},
	}

	var page strings.Builder
	page.WriteString(runtimeCatalogueHeader)
	for _, c := range calls {
		generatedErr, reflectiveErr := c.run(true), c.run(false)
		require.Error(t, generatedErr, c.name)
		assert.Equal(t, reflectiveErr, generatedErr, "%s: generated and reflective errors differ", c.name)
		var verr *runtime.ValidationError
		require.ErrorAs(t, generatedErr, &verr, c.name)
		fmt.Fprintf(&page, "\n### %s\n\n`` %s ``\n\n| Field | Reason | Description |\n| --- | --- | --- |\n", c.name, c.call)
		for _, v := range verr.Violations() {
			fmt.Fprintf(&page, "| `%s` | `%s` | %s |\n", v.Field, v.Reason, strings.ReplaceAll(v.Description, "|", `\|`))
		}
	}

	var nilBook *Book
	nilErr := nilBook.ApplyMask(&Book{}, nil)
	assert.True(t, errors.Is(nilErr, runtime.ErrNilMaskTarget))
	assert.Equal(t, nilErr, runtime.ApplyMask(nilBook, &Book{}, nil))
	fmt.Fprintf(&page, "\n### Apply into a nil message\n\n`(*Book)(nil).ApplyMask(src, mask)` returns `runtime.ErrNilMaskTarget`: `%s` "+
		"(not a `ValidationError`: it is a programming error, not bad input).\n", nilErr)

	root, err := plugintest.RepoRoot()
	require.NoError(t, err)
	path := filepath.Join(root, "docs", "runtime-errors.md")
	if *plugintest.Update {
		require.NoError(t, os.WriteFile(path, []byte(page.String()), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./golden/fieldmask/library -update")
	assert.Equal(t, string(want), page.String(), "docs/runtime-errors.md is stale: run go test ./golden/fieldmask/library -update")
}

const runtimeCatalogueHeader = `# Runtime errors of the mask operations

Every error of ` + "`FilterMask`, `PruneMask`, `ApplyMask` and `ValidateMask`" + ` (generated, and the
runtime's reflective functions, which return the same errors) is a ` + "`*runtime.ValidationError`" + `:
a gRPC ` + "`InvalidArgument`" + ` status with one ` + "`google.rpc.BadRequest`" + `, one violation per bad path
(` + "`Field`" + ` is ` + "`paths[i]`" + `, i the path's index in the mask: prefix it with the request's mask field,
` + "`runtime.PrefixFields(err, \"update_mask\")`" + `) or per IMMUTABLE field changed (` + "`Field`" + ` is that
field's path). On any error the target message is left untouched.

Each entry below is a call on the test message ` + "`Book`" + ` (testdata/fieldmask/library/library.proto,
where ` + "`isbn`, `editor` and `counts`" + ` are IMMUTABLE) made by ` + "`TestRuntimeErrorCatalogue`" + `
(golden/fieldmask/library/errors_doc_test.go), which writes this page with
` + "`go test ./golden/fieldmask/library -update`" + ` and fails when it is stale. The reasons and messages
of the validators are in [validation.md](validation.md) (` + "`RECURSION_LIMIT`" + ` and ` + "`INVALID`" + `
included), and the generation errors in [generation-errors.md](generation-errors.md).
`
