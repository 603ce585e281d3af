// Package pluginrun runs protolite's generators as protoc plugins. It does
// what protogen.Options.Run does, with one change: the Go files a generator
// creates through NewGeneratedFile are formatted (protogen's gofmt pass,
// GeneratedFile.Content, most of a plugin's time on a large schema) on
// every core at once rather than one after the other. The output is
// byte for byte what protogen.Plugin.Response would give.
package pluginrun

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/pluginpb"
)

// file is a generated file created through NewGeneratedFile.
type file struct {
	name string
	gf   *protogen.GeneratedFile
}

// created holds, per plugin run, the files made by NewGeneratedFile until
// Response writes them.
var created = struct {
	sync.Mutex
	files map[*protogen.Plugin][]file
}{files: map[*protogen.Plugin][]file{}}

// NewGeneratedFile is gen.NewGeneratedFile, for a file that Response
// formats concurrently with the others. The file is remembered until
// Response(gen) writes it, so a run must end with Response, not
// gen.Response.
func NewGeneratedFile(gen *protogen.Plugin, filename string, goImportPath protogen.GoImportPath) *protogen.GeneratedFile {
	gf := gen.NewGeneratedFile(filename, goImportPath)
	created.Lock()
	created.files[gen] = append(created.files[gen], file{name: filename, gf: gf})
	created.Unlock()
	return gf
}

// Response is gen.Response, with the files from NewGeneratedFile formatted
// concurrently.
func Response(gen *protogen.Plugin) *pluginpb.CodeGeneratorResponse {
	created.Lock()
	files := created.files[gen]
	delete(created.files, gen)
	created.Unlock()

	params := parameters(gen.Request.GetParameter())
	if annotate, ok := params["annotate_code"]; len(files) == 0 || ok && (annotate == "" || annotate == "true") {
		return gen.Response() // protogen writes the annotations
	}
	contents := make([][]byte, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				contents[i], errs[i] = files[i].gf.Content()
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()

	for _, f := range files {
		f.gf.Skip()
	}
	resp := gen.Response()
	if resp.Error != nil {
		return resp
	}
	if err := errors.Join(errs...); err != nil {
		return &pluginpb.CodeGeneratorResponse{Error: proto.String(err.Error())}
	}
	module := params["module"]
	for i, f := range files {
		name := f.name
		if module != "" {
			trimmed, ok := strings.CutPrefix(name, module+"/")
			if !ok {
				return &pluginpb.CodeGeneratorResponse{
					Error: proto.String(fmt.Sprintf("%v: generated file does not match prefix %q", name, module)),
				}
			}
			name = trimmed
		}
		resp.File = append(resp.File, &pluginpb.CodeGeneratorResponse_File{
			Name:    proto.String(name),
			Content: proto.String(string(contents[i])),
		})
	}
	return resp
}

// parameters splits a plugin parameter string as protogen does.
func parameters(s string) map[string]string {
	out := map[string]string{}
	for _, p := range strings.Split(s, ",") {
		if p == "" {
			continue
		}
		k, v, _ := strings.Cut(p, "=")
		out[k] = v
	}
	return out
}

// Run is protogen.Options.Run with Response in place of gen.Response: it
// reads a CodeGeneratorRequest from stdin, runs generate and writes the
// response to stdout. Generation errors go into the response; a request
// that cannot be read is reported on stderr with exit status 1.
func Run(opts protogen.Options, generate func(*protogen.Plugin) error) {
	if err := run(opts, generate); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", filepath.Base(os.Args[0]), err)
		os.Exit(1)
	}
}

func run(opts protogen.Options, generate func(*protogen.Plugin) error) error {
	if len(os.Args) > 1 {
		return fmt.Errorf("unknown argument %q (this program should be run by protoc, not directly)", os.Args[1])
	}
	in, err := io.ReadAll(os.Stdin)
	if err != nil {
		return err
	}
	req := &pluginpb.CodeGeneratorRequest{}
	if err := proto.Unmarshal(in, req); err != nil {
		return err
	}
	gen, err := opts.New(req)
	if err != nil {
		return err
	}
	if err := generate(gen); err != nil {
		gen.Error(err)
	}
	out, err := proto.Marshal(Response(gen))
	if err != nil {
		return err
	}
	_, err = os.Stdout.Write(out)
	return err
}
