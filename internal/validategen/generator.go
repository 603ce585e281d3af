// Package validategen is the code generator behind protoc-gen-validate-lite.
// It reads protolite's validation options from the descriptors protoc sends
// and writes, for each .proto file with rules, a _validate.pb.go file with
// Validate, ValidateAll and ValidatePartial methods made of straight-line Go.
//
// The work is split by concern: generator.go (plugin entry, parameters,
// files), message.go (methods and the walk over fields), field.go (reading
// and checking a field's rules), one file per rule kind (numeric.go,
// strings.go, bytes.go, enum.go, repeated.go, maps.go, wkt.go), emit.go (the
// statements every rule shares) and describe.go (reasons, descriptions and Go
// literals).
package validategen

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/internal/pluginrun"
	"github.com/protolite/protolite/internal/version"
)

// Import paths of the packages generated code uses.
const (
	runtimePackage   = protogen.GoImportPath("github.com/protolite/protolite/runtime")
	protoimplPackage = protogen.GoImportPath("github.com/protolite/protolite/runtime/protoimpl")
	utf8Package      = protogen.GoImportPath("unicode/utf8")
	stringsPackage   = protogen.GoImportPath("strings")
	bytesPackage     = protogen.GoImportPath("bytes")
	regexpPackage    = protogen.GoImportPath("regexp")
	mathPackage      = protogen.GoImportPath("math")
	fieldmaskPkg     = protogen.GoImportPath("google.golang.org/protobuf/types/known/fieldmaskpb")
)

// Params are the plugin's own parameters, given to protoc as
// --validate-lite_opt=name=value (protoc-gen-go's paths=, module= and M are
// handled by protogen).
type Params struct {
	// FieldNames selects how violation paths name fields: "proto" (the
	// default) uses proto field names, "json" their JSON names.
	FieldNames string
	// UpdateRequests makes the validators of an AIP-134 update request
	// check its resource on the paths of its update_mask (see update.go);
	// true unless the parameter update_requests=false is given.
	UpdateRequests bool
	// Warnings receives the plugin's warnings, one a line (os.Stderr
	// when nil): rules that a lenient vocabulary accepts but that have no
	// effect.
	Warnings io.Writer
}

// Main runs the plugin over the request on standard input.
func Main() {
	if len(os.Args) == 2 && os.Args[1] == "--version" {
		fmt.Printf("%s %s\n", filepath.Base(os.Args[0]), version.String())
		return
	}
	params, opts := NewOptions()
	pluginrun.Run(opts, func(gen *protogen.Plugin) error { return Generate(gen, params) })
}

// NewOptions returns protogen options that parse the plugin's parameters
// into the returned Params.
func NewOptions() (*Params, protogen.Options) {
	params := &Params{FieldNames: "proto", UpdateRequests: true}
	var flags flag.FlagSet
	flags.BoolVar(&params.UpdateRequests, "update_requests", true, "check an AIP-134 update request's resource on the paths of its update_mask")
	flags.Func("field_names", `"proto" (default) or "json": the names used in violation paths`, func(s string) error {
		if s != "proto" && s != "json" {
			return fmt.Errorf(`field_names must be "proto" or "json", not %q`, s)
		}
		params.FieldNames = s
		return nil
	})
	return params, protogen.Options{ParamFunc: flags.Set}
}

// Generate writes a _validate.pb.go file for each file to generate that has
// rules. When any rule cannot apply, it returns every such problem and
// writes nothing.
func Generate(gen *protogen.Plugin, params *Params) error {
	gen.SupportedFeatures = uint64(pluginpb.CodeGeneratorResponse_FEATURE_PROTO3_OPTIONAL |
		pluginpb.CodeGeneratorResponse_FEATURE_SUPPORTS_EDITIONS)
	gen.SupportedEditionsMinimum = descriptorpb.Edition_EDITION_PROTO2
	gen.SupportedEditionsMaximum = descriptorpb.Edition_EDITION_2023

	if params == nil {
		params = &Params{FieldNames: "proto", UpdateRequests: true}
	}
	ann, problems := readAnnotations(gen.Files)
	g := &generator{
		plugin:         gen,
		ann:            ann,
		jsonNames:      params.FieldNames == "json",
		updateRequests: params.UpdateRequests,
		needs:          map[*protogen.Message]bool{},
		recursive:      map[*protogen.Message]bool{},
		quick:          map[*protogen.Message]bool{},
	}
	g.computeNeeds()

	// Plan twice: the first pass finds the messages with a validQuick
	// predicate, which the second lets their callers use.
	readProblems := problems
	var outputs []*filePlan
	for pass := 1; pass <= 2; pass++ {
		problems, outputs = readProblems, nil
		for _, f := range gen.Files {
			if !f.Generate || !g.fileHasWork(f) {
				continue
			}
			out, errs := g.planFile(f)
			problems = append(problems, errs...)
			outputs = append(outputs, out)
			if pass == 1 {
				for _, mp := range out.messages {
					g.quick[mp.msg] = mp.hasQuick()
				}
			}
		}
	}
	if len(problems) > 0 {
		return errors.Join(problems...)
	}
	warnTo := params.Warnings
	if warnTo == nil {
		warnTo = os.Stderr
	}
	g.warn.writeTo(warnTo)
	for _, out := range outputs {
		g.writeFile(out)
	}
	return nil
}

// generator holds what is shared by all files of one request.
type generator struct {
	plugin    *protogen.Plugin
	jsonNames bool
	// updateRequests is Params.UpdateRequests.
	updateRequests bool
	// ann holds every validation option of the request, as the
	// front-ends read them.
	ann *annotations
	// warn collects warnings about rules that have no effect.
	warn warnings
	// needs records, for every message of the request, whether validating
	// it can ever report a violation (its own rules or a nested message's).
	needs map[*protogen.Message]bool
	// recursive records the messages whose validation can reach themselves.
	recursive map[*protogen.Message]bool
	// quick records the messages that have a validQuick predicate.
	quick map[*protogen.Message]bool
}

// writeFile emits the _validate.pb.go file of out.
func (g *generator) writeFile(out *filePlan) {
	f := out.file
	gf := pluginrun.NewGeneratedFile(g.plugin, f.GeneratedFilenamePrefix+"_validate.pb.go", f.GoImportPath)
	g.writeHeader(gf, f)
	gf.P("// This file requires protolite runtime ", version.Version, " or later.")
	gf.P("const _ = ", gf.QualifiedGoIdent(protoimplPackage.Ident("SupportPackageIsVersion1")))
	gf.P()
	out.declareStaticViolations()
	if !out.decls.empty() {
		out.decls.writeTo(gf)
		gf.P()
	}
	for _, m := range out.messages {
		m.write(gf, g)
	}
}

// writeHeader writes the "Code generated" header, with versions like
// protoc-gen-go's, and the package clause.
func (g *generator) writeHeader(gf *protogen.GeneratedFile, f *protogen.File) {
	gf.P("// Code generated by protoc-gen-validate-lite. DO NOT EDIT.")
	gf.P("// versions:")
	gf.P("// \tprotoc-gen-validate-lite ", version.Version)
	gf.P("// \tprotoc                   ", compilerVersion(g.plugin.Request))
	gf.P("// source: ", f.Desc.Path())
	gf.P()
	gf.P("package ", f.GoPackageName)
	gf.P()
}

// compilerVersion formats protoc's version as protoc-gen-go does.
func compilerVersion(req *pluginpb.CodeGeneratorRequest) string {
	v := req.GetCompilerVersion()
	if v == nil {
		return "(unknown)"
	}
	s := fmt.Sprintf("v%d.%d.%d", v.GetMajor(), v.GetMinor(), v.GetPatch())
	if suffix := v.GetSuffix(); suffix != "" {
		s += "-" + suffix
	}
	return s
}

// fileHasWork reports whether f gets an output file: the run is a PGV run
// (a file to generate imports PGV's options), where every message gets the
// methods, or f has a message whose validation can report a violation.
func (g *generator) fileHasWork(f *protogen.File) bool {
	if g.ann.pgvRun && len(f.Messages) > 0 {
		return true
	}
	var walk func(ms []*protogen.Message) bool
	walk = func(ms []*protogen.Message) bool {
		for _, m := range ms {
			if g.needs[m] || walk(m.Messages) {
				return true
			}
		}
		return false
	}
	return walk(f.Messages)
}

// problem is a generation error located in a .proto file.
type problem struct {
	where string
	what  string
}

func (p *problem) Error() string { return p.where + ": " + p.what }

// fieldProblem returns an error naming the file, line, message and field.
func fieldProblem(field *protogen.Field, format string, args ...any) error {
	return &problem{
		where: locate(field.Desc) + fmt.Sprintf(": message %s, field %s", field.Desc.ContainingMessage().FullName(), field.Desc.Name()),
		what:  fmt.Sprintf(format, args...),
	}
}

// messageProblem returns an error naming the file, line and message.
func messageProblem(m *protogen.Message, format string, args ...any) error {
	return &problem{
		where: locate(m.Desc) + fmt.Sprintf(": message %s", m.Desc.FullName()),
		what:  fmt.Sprintf(format, args...),
	}
}

// oneofProblem returns an error naming the file, line, message and oneof.
func oneofProblem(o *protogen.Oneof, format string, args ...any) error {
	return &problem{
		where: locate(o.Desc) + fmt.Sprintf(": message %s, oneof %s", o.Parent.Desc.FullName(), o.Desc.Name()),
		what:  fmt.Sprintf(format, args...),
	}
}

// locate formats where d is declared as protoc does, "file:line:col", or
// just the file when the request carried no source info.
func locate(d protoreflect.Descriptor) string {
	file := d.ParentFile()
	loc := file.SourceLocations().ByDescriptor(d)
	if loc.Path == nil {
		return file.Path()
	}
	return fmt.Sprintf("%s:%d:%d", file.Path(), loc.StartLine+1, loc.StartColumn+1)
}

// joinNames lists names as "a, b or c".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
