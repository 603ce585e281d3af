package plugintest

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path"
	"slices"
	"strconv"
	"strings"

	"google.golang.org/protobuf/types/pluginpb"
)

// ExportImporter returns a go/types importer that reads the compiler's
// export data of the packages paths and their dependencies, which
// `go list -export` builds once (the source importer would type-check them
// all from source). Importing any other package fails. The importer caches
// what it imports, so a fuzz target builds it once and keeps it.
func ExportImporter(paths ...string) (types.Importer, error) {
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}"}, paths...)
	out, err := exec.Command("go", args...).Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %w", err)
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, file, ok := strings.Cut(line, "="); ok && file != "" {
			exports[path] = file
		}
	}
	lookup := func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}
	return importer.ForCompiler(token.NewFileSet(), "gc", lookup), nil
}

// TypeCheckPackages type-checks the Go files of the responses with go/types,
// one package per directory of the generated file names: under protogen's
// default paths=import, a file's directory is its Go import path, so files
// of the same package from several plugins check together, and a package
// that imports another of the responses is checked after it and sees its
// declarations. imp resolves every other import (see ExportImporter).
//
// It returns the checked packages by import path, or an error listing the
// first type errors (go/types reports unused variables and imports too),
// each with its line of generated code. A response that carries an error
// is an error.
func TypeCheckPackages(imp types.Importer, responses ...*pluginpb.CodeGeneratorResponse) (map[string]*types.Package, error) {
	fset := token.NewFileSet()
	files := map[string][]*ast.File{} // by directory
	sources := map[string][]byte{}    // by file name
	for _, resp := range responses {
		if resp.GetError() != "" {
			return nil, fmt.Errorf("generation failed: %s", resp.GetError())
		}
		for _, gen := range resp.GetFile() {
			if !strings.HasSuffix(gen.GetName(), ".go") {
				continue
			}
			f, err := parser.ParseFile(fset, gen.GetName(), gen.GetContent(), parser.SkipObjectResolution)
			if err != nil {
				return nil, fmt.Errorf("generated code does not parse: %w", err)
			}
			dir := path.Dir(gen.GetName())
			files[dir] = append(files[dir], f)
			sources[gen.GetName()] = []byte(gen.GetContent())
		}
	}
	checked := map[string]*types.Package{}
	chained := importerFunc(func(path string) (*types.Package, error) {
		if p, ok := checked[path]; ok {
			return p, nil
		}
		if _, ok := files[path]; ok {
			return nil, fmt.Errorf("import cycle through %s", path)
		}
		return imp.Import(path)
	})
	visiting := map[string]bool{}
	var check func(dir string) error
	check = func(dir string) error {
		if checked[dir] != nil || visiting[dir] {
			return nil // done, or a cycle that Import reports
		}
		visiting[dir] = true
		for _, f := range files[dir] {
			for _, spec := range f.Imports {
				if p, err := strconv.Unquote(spec.Path.Value); err == nil && p != dir && files[p] != nil {
					if err := check(p); err != nil {
						return err
					}
				}
			}
		}
		var errs []string
		conf := types.Config{
			Importer: chained,
			Error: func(err error) {
				if len(errs) < 10 {
					errs = append(errs, describeTypeError(err, sources))
				}
			},
		}
		pkg, _ := conf.Check(dir, fset, files[dir], nil)
		if len(errs) > 0 {
			return fmt.Errorf("generated package %s does not compile:\n%s", dir, strings.Join(errs, "\n"))
		}
		checked[dir] = pkg
		return nil
	}
	dirs := make([]string, 0, len(files))
	for dir := range files {
		dirs = append(dirs, dir)
	}
	slices.Sort(dirs)
	for _, dir := range dirs {
		if err := check(dir); err != nil {
			return nil, err
		}
	}
	return checked, nil
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// describeTypeError returns a type error with the line of generated code it
// points at.
func describeTypeError(err error, sources map[string][]byte) string {
	terr, ok := err.(types.Error)
	if !ok {
		return "\t" + err.Error()
	}
	pos := terr.Fset.Position(terr.Pos)
	lines := strings.Split(string(sources[pos.Filename]), "\n")
	if pos.Line < 1 || pos.Line > len(lines) {
		return "\t" + err.Error()
	}
	return fmt.Sprintf("\t%v\n\t\t%s", err, strings.TrimSpace(lines[pos.Line-1]))
}
