package example

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// update, set by `go test -run TestBuf -update` in example/, rewrites gen/
// with buf generate's output instead of comparing with it (scripts/demo.sh
// and `go generate` regenerate it too).
var update = flag.Bool("update", false, "rewrite gen/ with buf generate's output instead of comparing")

// modulePath is the Go module path of the example; the module= variants pass it.
const modulePath = "github.com/protolite/protolite/example"

// binDir holds the plugins built once for the whole test binary (see TestMain).
var binDir string

func TestMain(m *testing.M) {
	flag.Parse()
	dir, err := os.MkdirTemp("", "protolite-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildPlugins builds the four plugins into binDir, once: protolite's two
// from this checkout (the example module replaces protolite with ../), and
// protoc-gen-go and protoc-gen-go-grpc at the versions go.mod pins.
var pluginsBuilt = struct {
	done bool
	err  error
}{}

func buildPlugins(t *testing.T) {
	t.Helper()
	if !pluginsBuilt.done {
		pluginsBuilt.done = true
		pluginsBuilt.err = run(t, ".", "go", "build", "-o", binDir+string(filepath.Separator),
			"github.com/protolite/protolite/cmd/protoc-gen-validate-lite",
			"github.com/protolite/protolite/cmd/protoc-gen-fieldmask",
			"google.golang.org/protobuf/cmd/protoc-gen-go",
			"google.golang.org/grpc/cmd/protoc-gen-go-grpc",
		)
	}
	if pluginsBuilt.err != nil {
		t.Fatalf("building the plugins: %v", pluginsBuilt.err)
	}
}

func plugin(name string) string { return filepath.Join(binDir, name) }

// run runs a command in dir and returns an error carrying its output when
// it fails.
func run(t *testing.T, dir string, name string, args ...string) error {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	// buf keeps a cache (of remote modules, which the example has none of);
	// keep it out of the user's home.
	cmd.Env = append(os.Environ(), "BUF_CACHE_DIR="+filepath.Join(binDir, "buf-cache"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

// protoFiles lists the example's .proto files, relative to proto/.
func protoFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir("proto", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(path, ".proto") {
			rel, _ := filepath.Rel("proto", path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestProtocGenerate generates the example's code with protoc (Debian's
// protobuf-compiler, installed by scripts/test.sh) and the freshly built
// plugins, with paths=source_relative and with module=, and checks that the
// output is the checked-in gen/ (so it compiles, and gen/ is not stale).
func TestProtocGenerate(t *testing.T) {
	protoc, err := exec.LookPath("protoc")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("protoc is not installed (scripts/test.sh installs it)")
		}
		t.Skip("protoc is not installed (Debian: apt-get install protobuf-compiler; scripts/test.sh does it)")
	}
	buildPlugins(t)
	for _, variant := range []struct{ name, opt string }{
		{"source_relative", "paths=source_relative"},
		{"module", "module=" + modulePath},
	} {
		t.Run(variant.name, func(t *testing.T) {
			out := t.TempDir()
			args := []string{"-I", "proto", "-I", "third_party"}
			for _, p := range []struct{ plugin, flag string }{
				{"protoc-gen-go", "go"},
				{"protoc-gen-go-grpc", "go-grpc"},
				{"protoc-gen-validate-lite", "validate-lite"},
				{"protoc-gen-fieldmask", "fieldmask"},
			} {
				args = append(args,
					"--plugin="+p.plugin+"="+plugin(p.plugin),
					"--"+p.flag+"_out="+out,
					"--"+p.flag+"_opt="+variant.opt)
			}
			args = append(args, protoFiles(t)...)
			if err := run(t, ".", protoc, args...); err != nil {
				t.Fatal(err)
			}
			compareTree(t, variantRoot(out, variant.name), "gen", "protoc "+variant.opt)
		})
	}
}

// TestBufGenerate runs the pinned buf (a tool dependency of this module)
// with the checked-in buf.gen.yaml (local plugins, paths=source_relative),
// and with a module= variant of it, and checks that both outputs are the
// checked-in gen/. With -update it rewrites gen/ from the first.
func TestBufGenerate(t *testing.T) {
	if testing.Short() {
		t.Skip("builds buf, which takes minutes the first time")
	}
	buildPlugins(t)
	checkedIn, err := os.ReadFile("buf.gen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, variant := range []struct{ name, opt string }{
		{"source_relative", "paths=source_relative"},
		{"module", "module=" + modulePath},
	} {
		t.Run(variant.name, func(t *testing.T) {
			out := t.TempDir()
			// The checked-in template, with protolite's plugins taken from
			// this test's build instead of ../bin, and gen/ moved to out.
			template := string(checkedIn)
			for old, new := range map[string]string{
				"local: ../bin/":               "local: " + filepath.ToSlash(binDir) + "/",
				"out: gen\n":                   "out: " + filepath.ToSlash(out) + "\n",
				"opt: paths=source_relative\n": "opt: " + variant.opt + "\n",
			} {
				if !strings.Contains(template, old) {
					t.Fatalf("buf.gen.yaml has no %q to replace", old)
				}
				template = strings.ReplaceAll(template, old, new)
			}
			templateFile := filepath.Join(t.TempDir(), "buf.gen.yaml")
			if err := os.WriteFile(templateFile, []byte(template), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := run(t, ".", "go", "tool", "buf", "generate", "--template", templateFile); err != nil {
				t.Fatal(err)
			}
			if *update && variant.name == "source_relative" {
				if err := os.RemoveAll("gen"); err != nil {
					t.Fatal(err)
				}
				if err := os.CopyFS("gen", os.DirFS(out)); err != nil {
					t.Fatal(err)
				}
				return
			}
			compareTree(t, variantRoot(out, variant.name), "gen", "buf generate with "+variant.opt)
		})
	}
}

// variantRoot returns where the generated tree written to out starts: with
// paths=source_relative the files sit at their .proto files' paths
// (out/user/v1/...), with module= at their Go package's path below the module
// (out/gen/user/v1/...).
func variantRoot(out, variant string) string {
	if variant == "module" {
		return filepath.Join(out, "gen")
	}
	return out
}

// headerProtocVersion matches the line of a generated file's header that
// names the compiler's version: protoc sends its own (v3.21.12 for Debian's
// protoc), buf sends none ("(unknown)"). protoc-gen-go, protoc-gen-go-grpc
// and protolite's plugins all write it, in two styles:
//
//	// 	protoc        v3.21.12
//	// - protoc             (unknown)
//
// It is the only difference between the two compilers' output, so the
// comparison ignores it (only in the header, before the package clause).
var headerProtocVersion = regexp.MustCompile(`^// (\t|- )protoc +\S+$`)

// normalize drops the compiler version line of a generated file's header.
func normalize(content []byte) []byte {
	var out bytes.Buffer
	inHeader := true
	for line := range bytes.Lines(content) {
		if inHeader && bytes.HasPrefix(line, []byte("package ")) {
			inHeader = false
		}
		if inHeader && headerProtocVersion.Match(bytes.TrimRight(line, "\n")) {
			continue
		}
		out.Write(line)
	}
	return out.Bytes()
}

// compareTree checks that the generated tree got holds the same files as
// want, byte for byte apart from the compiler version line.
func compareTree(t *testing.T, got, want, what string) {
	t.Helper()
	gotFiles, wantFiles := listFiles(t, got), listFiles(t, want)
	if len(gotFiles) == 0 {
		t.Fatalf("%s generated no file", what)
	}
	for _, f := range gotFiles {
		if !slices.Contains(wantFiles, f) {
			t.Errorf("%s generates %s, which gen/ lacks: regenerate gen/ (../scripts/demo.sh, or go generate in example/)", what, f)
		}
	}
	for _, f := range wantFiles {
		if !slices.Contains(gotFiles, f) {
			t.Errorf("gen/%s is checked in but %s does not generate it", f, what)
			continue
		}
		g, err := os.ReadFile(filepath.Join(got, f))
		if err != nil {
			t.Fatal(err)
		}
		w, err := os.ReadFile(filepath.Join(want, f))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(normalize(g), normalize(w)) {
			t.Errorf("gen/%s is stale: %s generates something else (regenerate it with ../scripts/demo.sh, or go generate in example/)\n%s",
				f, what, firstDifference(string(normalize(w)), string(normalize(g))))
		}
	}
}

func listFiles(t *testing.T, root string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(root, path)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// firstDifference describes the first line where got departs from want.
func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("first difference, line %d:\n  checked in: %q\n  generated:  %q", i+1, w, g)
		}
	}
	return "(no line differs)"
}
