// Command envoygen generates Go code for the Envoy xDS API with protoc-gen-go,
// protoc-gen-validate-lite and protoc-gen-fieldmask, from the descriptors
// linked into go-control-plane's generated packages (no .proto source is
// read: the Go packages of github.com/envoyproxy/go-control-plane/envoy
// register their files, with every dependency, in protoregistry).
//
// It builds the CodeGeneratorRequest protoc would send for those files and
// their imports, moves every file's go_package (all but the well-known
// types) under github.com/protolite/protolite/interop/envoy/gen/, keeping
// the rest of each descriptor, PGV's (validate.rules) included, untouched,
// and pipes the request to each plugin binary found in -plugins, as protoc
// would. The output goes to -out (gen/, which git ignores), beside
// gen/index/index.go, the list of every generated message type that the
// verdict tests look types up in.
//
// Which packages are linked, and so generated, is chosen by build tag (see
// internal/envoyapi): the CI subset by default, the whole API with
// -tags envoyfull. With -pgv it also runs PGV's own plugin
// (protoc-gen-validate, lang=go) on the same request, for the comparison of
// plugin time and output size; its output is counted, not written.
// -stats writes the table of what each plugin took and wrote.
//
// Run it through ../../run.sh or ../../ci.sh, which build the plugins first.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/envoyproxy/protoc-gen-validate/validate"
	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protodesc"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/interop/envoy/internal/envoyapi"
)

const (
	// module is this Go module; the plugins get module=<module> so that
	// they write paths relative to its root.
	module = "github.com/protolite/protolite/interop/envoy"
	// prefix is what every moved go_package starts with.
	prefix = module + "/gen/"
	// envoyPackages is where go-control-plane's Envoy packages live; the
	// files whose go_package is under it are the roots of the closure.
	envoyPackages = "github.com/envoyproxy/go-control-plane/envoy/"
)

var (
	pluginDir = flag.String("plugins", "", "directory holding protoc-gen-go, protoc-gen-validate-lite, protoc-gen-fieldmask (and protoc-gen-validate with -pgv)")
	outDir    = flag.String("out", "gen", "directory to write the generated code to (emptied first)")
	runPGV    = flag.Bool("pgv", false, "also run PGV's plugin (protoc-gen-validate) on the same request, counting its output")
	statsFile = flag.String("stats", "", "write the table of plugin time and output size to this file (markdown)")
	repeat    = flag.Int("repeat", 1, "run each plugin this many times and report the median CPU and wall time")
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("envoygen: ")
	flag.Parse()
	if *pluginDir == "" {
		log.Fatal("-plugins is required")
	}
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

// plugin is one plugin to run and what it produced.
type plugin struct {
	name  string // protoc-gen-<name>
	param string // besides module=
	write bool   // write its files into -out

	files, lines, bytes int
	cpu, wall           time.Duration
	runs                int // how many times it ran
}

func run() error {
	orig, req, census, err := request()
	if err != nil {
		return err
	}
	log.Printf("set %q: %d files to generate (%d in the request), %d messages, %d fields with (validate.rules), %d required oneofs, %d messages with (validate.disabled) or (validate.ignored)",
		envoyapi.Set, len(req.FileToGenerate), len(req.ProtoFile), census.messages, census.ruleFields, census.requiredOneofs, census.disabled)

	plugins := []*plugin{
		{name: "go", write: true},
		{name: "validate-lite", write: true},
		{name: "fieldmask", write: true},
	}
	if *runPGV {
		plugins = append(plugins, &plugin{name: "validate", param: "lang=go,"})
	}

	if err := os.RemoveAll(*outDir); err != nil {
		return err
	}
	for _, p := range plugins {
		r := proto.CloneOf(req)
		r.Parameter = proto.String(p.param + "module=" + module)
		var resp *pluginpb.CodeGeneratorResponse
		var cpus, walls []time.Duration
		for range max(*repeat, 1) {
			if resp, err = p.run(r); err != nil {
				return err
			}
			cpus, walls = append(cpus, p.cpu), append(walls, p.wall)
		}
		p.cpu, p.wall = median(cpus), median(walls)
		for _, f := range resp.GetFile() {
			p.files++
			p.bytes += len(f.GetContent())
			p.lines += strings.Count(f.GetContent(), "\n")
			if !p.write {
				continue
			}
			if err := writeFile(f.GetName(), f.GetContent()); err != nil {
				return err
			}
		}
		log.Printf("protoc-gen-%s: %d files, %d lines, %.1f MB, CPU %v, wall %v",
			p.name, p.files, p.lines, float64(p.bytes)/1e6, p.cpu.Round(time.Millisecond), p.wall.Round(time.Millisecond))
	}

	// The two indexes: protolite's types (the moved request) and
	// go-control-plane's (the request as it is: the same names, in the
	// packages that registered the files).
	if err := writeIndex(req, "index", "in protolite's generated packages (gen/)"); err != nil {
		return err
	}
	if err := writeIndex(orig, "gcpindex", "in go-control-plane's Go packages and its dependencies'"); err != nil {
		return err
	}
	if *statsFile != "" {
		return writeStats(*statsFile, req, census, plugins)
	}
	return nil
}

// median returns the middle of ds (the upper one of the two middles).
func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// census counts what the generated files hold, for the log and the stats.
type census struct {
	messages, ruleFields, requiredOneofs, disabled int
}

// request builds the CodeGeneratorRequest for every file whose go_package
// is one of go-control-plane's Envoy packages, and every file they import,
// twice: as it is (for the index of go-control-plane's types) and with
// every go_package but the well-known types' moved under prefix (for the
// plugins).
func request() (orig, moved *pluginpb.CodeGeneratorRequest, c census, err error) {
	var roots []protoreflect.FileDescriptor
	protoregistry.GlobalFiles.RangeFiles(func(fd protoreflect.FileDescriptor) bool {
		if strings.HasPrefix(goPackage(fd), envoyPackages) {
			roots = append(roots, fd)
		}
		return true
	})
	if len(roots) == 0 {
		return nil, nil, c, fmt.Errorf("no file of %s* is registered: is internal/envoyapi linked?", envoyPackages)
	}
	slices.SortFunc(roots, func(a, b protoreflect.FileDescriptor) int { return strings.Compare(a.Path(), b.Path()) })

	orig = &pluginpb.CodeGeneratorRequest{}
	seen := map[string]bool{}
	var add func(fd protoreflect.FileDescriptor) error
	add = func(fd protoreflect.FileDescriptor) error {
		if seen[fd.Path()] {
			return nil
		}
		seen[fd.Path()] = true
		for i := range fd.Imports().Len() {
			if err := add(fd.Imports().Get(i).FileDescriptor); err != nil {
				return err
			}
		}
		if !wellKnown(fd) {
			if goPackage(fd) == "" {
				return fmt.Errorf("%s: no go_package option: cannot tell where its Go code goes", fd.Path())
			}
			orig.FileToGenerate = append(orig.FileToGenerate, fd.Path())
			c.add(fd.Messages())
		}
		orig.ProtoFile = append(orig.ProtoFile, protodesc.ToFileDescriptorProto(fd))
		return nil
	}
	for _, fd := range roots {
		if err := add(fd); err != nil {
			return nil, nil, c, err
		}
	}
	// Round-trip through the wire format, as protoc's request would be: the
	// plugins see options they do not link as unknown fields, as from protoc.
	wire, err := proto.Marshal(orig)
	if err != nil {
		return nil, nil, c, err
	}
	moved = &pluginpb.CodeGeneratorRequest{}
	if err := proto.Unmarshal(wire, moved); err != nil {
		return nil, nil, c, err
	}
	for _, fdp := range moved.ProtoFile {
		if !strings.HasPrefix(fdp.GetName(), "google/protobuf/") {
			fdp.Options.GoPackage = proto.String(prefix + fdp.Options.GetGoPackage())
		}
	}
	return orig, moved, c, nil
}

func (c *census) add(msgs protoreflect.MessageDescriptors) {
	for i := range msgs.Len() {
		md := msgs.Get(i)
		if md.IsMapEntry() {
			continue
		}
		c.messages++
		if proto.GetExtension(md.Options(), validate.E_Disabled).(bool) || proto.GetExtension(md.Options(), validate.E_Ignored).(bool) {
			c.disabled++
		}
		for j := range md.Fields().Len() {
			if proto.HasExtension(md.Fields().Get(j).Options(), validate.E_Rules) {
				c.ruleFields++
			}
		}
		for j := range md.Oneofs().Len() {
			if proto.GetExtension(md.Oneofs().Get(j).Options(), validate.E_Required).(bool) {
				c.requiredOneofs++
			}
		}
		c.add(md.Messages())
	}
}

// goPackage is the Go import path in fd's go_package option ("" if none).
func goPackage(fd protoreflect.FileDescriptor) string {
	opts, _ := fd.Options().(*descriptorpb.FileOptions)
	gp := opts.GetGoPackage()
	if i := strings.IndexByte(gp, ';'); i >= 0 {
		gp = gp[:i]
	}
	return gp
}

// wellKnown reports whether fd is one of protobuf's own files
// (google/protobuf/*.proto), whose Go types stay those of
// google.golang.org/protobuf.
func wellKnown(fd protoreflect.FileDescriptor) bool {
	return strings.HasPrefix(fd.Path(), "google/protobuf/")
}

// run pipes req to the plugin binary and returns its response, recording
// the CPU time (user and system, every thread) and the wall time it took.
func (p *plugin) run(req *pluginpb.CodeGeneratorRequest) (*pluginpb.CodeGeneratorResponse, error) {
	in, err := proto.Marshal(req)
	if err != nil {
		return nil, err
	}
	bin := filepath.Join(*pluginDir, "protoc-gen-"+p.name)
	cmd := exec.Command(bin)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	start := time.Now()
	err = cmd.Run()
	p.wall = time.Since(start)
	if err != nil {
		return nil, fmt.Errorf("protoc-gen-%s: %v\n%s", p.name, err, stderr.Bytes())
	}
	p.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	p.runs++
	if stderr.Len() > 0 && p.runs == 1 {
		// Warnings (PGV rules that cannot do anything, say): shown, once.
		os.Stderr.Write(stderr.Bytes())
	}
	resp := &pluginpb.CodeGeneratorResponse{}
	if err := proto.Unmarshal(stdout.Bytes(), resp); err != nil {
		return nil, fmt.Errorf("protoc-gen-%s: reading its response: %v", p.name, err)
	}
	if resp.Error != nil {
		return nil, fmt.Errorf("protoc-gen-%s refused the Envoy API:\n%s", p.name, resp.GetError())
	}
	return resp, nil
}

// writeFile writes a generated file, whose name starts with gen/ (the
// plugins strip module=), under -out.
func writeFile(name, content string) error {
	rel, ok := strings.CutPrefix(filepath.ToSlash(name), "gen/")
	if !ok {
		return fmt.Errorf("a plugin wrote %s, outside gen/", name)
	}
	path := filepath.Join(*outDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}

// writeIndex writes gen/<pkg>/index.go: a nil pointer of every message
// type of the request's files to generate, in the Go packages their
// go_package names, so that tests can find a type of either world for a
// full name without the global registry (where both worlds register the
// same names; see internal/allowdup).
func writeIndex(req *pluginpb.CodeGeneratorRequest, pkg, whose string) error {
	r := proto.CloneOf(req)
	r.Parameter = proto.String("module=" + module)
	gen, err := protogen.Options{}.New(r)
	if err != nil {
		return err
	}
	g := gen.NewGeneratedFile(prefix+pkg+"/index.go", protogen.GoImportPath(prefix+pkg))
	g.P("// Code generated by envoygen. DO NOT EDIT.")
	g.P()
	g.P("// Package ", pkg, " lists the Go type of every message of the Envoy API (set ", fmt.Sprintf("%q", envoyapi.Set), ")")
	g.P("// and of the files it imports, ", whose, ", as a nil pointer each,")
	g.P("// map entries excepted.")
	g.P("package ", pkg)
	g.P()
	g.P("// Set is the set of go-control-plane packages the code was generated from.")
	g.P("const Set = ", fmt.Sprintf("%q", envoyapi.Set))
	g.P()
	g.P("// Messages holds a nil pointer of every message type.")
	g.P("var Messages = []", protogen.GoIdent{GoName: "Message", GoImportPath: "google.golang.org/protobuf/proto"}, "{")
	var walk func([]*protogen.Message)
	walk = func(msgs []*protogen.Message) {
		for _, m := range msgs {
			if m.Desc.IsMapEntry() {
				continue
			}
			g.P("(*", m.GoIdent, ")(nil),")
			walk(m.Messages)
		}
	}
	for _, f := range gen.Files {
		if f.Generate {
			walk(f.Messages)
		}
	}
	g.P("}")
	resp := gen.Response()
	if resp.Error != nil {
		return fmt.Errorf("index: %s", resp.GetError())
	}
	for _, f := range resp.File {
		if err := writeFile(f.GetName(), f.GetContent()); err != nil {
			return err
		}
	}
	return nil
}

// writeStats writes the markdown table of what each plugin took and wrote.
func writeStats(path string, req *pluginpb.CodeGeneratorRequest, c census, plugins []*plugin) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Set %q: %d .proto files generated (%d in the request), %d messages, %d fields with `(validate.rules)`, %d required oneofs.\n\n",
		envoyapi.Set, len(req.FileToGenerate), len(req.ProtoFile), c.messages, c.ruleFields, c.requiredOneofs)
	fmt.Fprintf(&b, "CPU (user + system, every thread) and wall time: median of %d runs, each plugin fed the whole request on stdin.\n\n", max(*repeat, 1))
	b.WriteString("| plugin | files | lines | MB | CPU (s) | wall (s) | CPU / protoc-gen-go |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	goCPU := plugins[0].cpu
	for _, p := range plugins {
		fmt.Fprintf(&b, "| protoc-gen-%s | %d | %d | %.1f | %.2f | %.2f | %.2f× |\n",
			p.name, p.files, p.lines, float64(p.bytes)/1e6, p.cpu.Seconds(), p.wall.Seconds(), p.cpu.Seconds()/goCPU.Seconds())
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
