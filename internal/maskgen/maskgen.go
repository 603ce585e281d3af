// Package maskgen is the generator behind protoc-gen-fieldmask. For every
// message of the files it is given (unless the message sets
// `option (protolite.fieldmask_disabled) = true;`) it writes, beside
// protoc-gen-go's output, typed field-mask path builders and the FilterMask,
// PruneMask, ApplyMask and ValidateMask methods (plus their *ParsedMask
// forms) as straight-line Go with no reflection on the hot path. A mask whose
// paths are all field names or field.sub becomes a bit set through one
// string switch (the literal route, methods.go); any other mask is parsed
// into a tree that generated walkers visit (the general route, walkers.go
// and write.go, shared code in protoimpl.MaskMethods).
//
// The generated methods agree with the reflective functions of package
// github.com/protolite/protolite/runtime on every input.
package maskgen

import (
	"fmt"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
	"google.golang.org/protobuf/types/gofeaturespb"
	"google.golang.org/protobuf/types/pluginpb"

	"github.com/protolite/protolite/internal/fieldbehavior"
	"github.com/protolite/protolite/internal/version"
	"github.com/protolite/protolite/options"
)

// Version is the version of protoc-gen-fieldmask written in the header of
// generated files: the protolite release.
const Version = version.Version

const (
	runtimePackage   = protogen.GoImportPath("github.com/protolite/protolite/runtime")
	protoimplPackage = protogen.GoImportPath("github.com/protolite/protolite/runtime/protoimpl")
	fieldmaskPackage = protogen.GoImportPath("google.golang.org/protobuf/types/known/fieldmaskpb")
	protoPackage     = protogen.GoImportPath("google.golang.org/protobuf/proto")
	reflectPackage   = protogen.GoImportPath("google.golang.org/protobuf/reflect/protoreflect")
	bytesPackage     = protogen.GoImportPath("bytes")
	slicesPackage    = protogen.GoImportPath("slices")
	mapsPackage      = protogen.GoImportPath("maps")
	mathPackage      = protogen.GoImportPath("math")
)

// Generate writes a _fieldmask.pb.go file for every file to generate that
// has messages to generate.
func Generate(gen *protogen.Plugin) error {
	gen.SupportedFeatures = uint64(pluginpb.CodeGeneratorResponse_FEATURE_PROTO3_OPTIONAL |
		pluginpb.CodeGeneratorResponse_FEATURE_SUPPORTS_EDITIONS)
	gen.SupportedEditionsMinimum = descriptorpb.Edition_EDITION_PROTO2
	gen.SupportedEditionsMaximum = descriptorpb.Edition_EDITION_2023

	g := &generator{gen: gen, local: map[protoreflect.FullName]protogen.GoImportPath{}}
	for _, f := range gen.Files {
		if !f.Generate {
			continue
		}
		for _, m := range allMessages(f.Messages) {
			if !disabled(m) {
				g.local[m.Desc.FullName()] = f.GoImportPath
			}
		}
	}
	// Every plan is checked before any file is written, so that bad input
	// writes nothing.
	var plans []*filePlan
	for _, f := range gen.Files {
		if !f.Generate {
			continue
		}
		p, err := g.plan(f)
		if err != nil {
			return err
		}
		if p != nil {
			plans = append(plans, p)
		}
	}
	g.clonedLists = map[protoreflect.FullName]bool{}
	for _, p := range plans {
		for _, m := range p.messages {
			for _, f := range m.fields {
				if f.list && f.isMessage() && g.hasMethods(f.msg, p.file.GoImportPath) && flat(f.msg) {
					g.clonedLists[f.msg.Desc.FullName()] = true
				}
			}
		}
	}
	for _, p := range plans {
		g.write(p)
	}
	return nil
}

type generator struct {
	gen *protogen.Plugin
	// local maps each message that gets generated methods to its Go
	// package.
	local map[protoreflect.FullName]protogen.GoImportPath
	// clonedLists holds the messages that get a typed list copy,
	// cloneMaskList<M>: flat messages that are elements of a repeated field
	// of a message of their Go package.
	clonedLists map[protoreflect.FullName]bool
	// immutable holds the messages from which an IMMUTABLE field can be
	// reached (see reachesImmutable), computed once.
	immutable map[protoreflect.FullName]bool
}

// reachesImmutable reports whether an IMMUTABLE field (not OUTPUT_ONLY) can
// be reached from message md through its fields, list elements and map
// values: only then can ApplyMask's check find a violation below it.
func (g *generator) reachesImmutable(md protoreflect.MessageDescriptor) bool {
	if g.immutable == nil {
		g.immutable = reachingImmutable(g.gen.Files)
	}
	return g.immutable[md.FullName()]
}

// reachingImmutable returns the messages, among those of files and those
// they refer to, from which an IMMUTABLE field can be reached. It reads
// each field once and walks the reverse references from the messages that
// declare one, so it is linear in the schema however the messages refer to
// each other.
func reachingImmutable(files []*protogen.File) map[protoreflect.FullName]bool {
	referrers := map[protoreflect.FullName][]protoreflect.FullName{}
	seen := map[protoreflect.FullName]bool{}
	var reaching []protoreflect.FullName
	var stack []protoreflect.MessageDescriptor
	push := func(md protoreflect.MessageDescriptor) {
		if !seen[md.FullName()] {
			seen[md.FullName()] = true
			stack = append(stack, md)
		}
	}
	for _, f := range files {
		for _, m := range allMessages(f.Messages) {
			push(m.Desc)
		}
	}
	for len(stack) > 0 {
		md := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fields := md.Fields()
		for i := 0; i < fields.Len(); i++ {
			fd := fields.Get(i)
			outputOnly, immutable := fieldbehavior.Of(fd)
			switch {
			case outputOnly:
				continue // never visited by Apply
			case immutable:
				reaching = append(reaching, md.FullName())
			}
			if fd.IsMap() {
				fd = fd.MapValue()
			}
			if sub := fd.Message(); sub != nil {
				referrers[sub.FullName()] = append(referrers[sub.FullName()], md.FullName())
				push(sub)
			}
		}
	}
	out := map[protoreflect.FullName]bool{}
	for len(reaching) > 0 {
		name := reaching[len(reaching)-1]
		reaching = reaching[:len(reaching)-1]
		if out[name] {
			continue
		}
		out[name] = true
		reaching = append(reaching, referrers[name]...)
	}
	return out
}

type filePlan struct {
	file     *protogen.File
	messages []*messagePlan
}

type messagePlan struct {
	msg    *protogen.Message
	name   string // Go name of the message type, e.g. Book_Chapter
	fields []*fieldPlan
	// jsonNames are the JSON names the checker rejects with a hint, in field
	// order: [json, proto].
	jsonNames [][2]string
}

type fieldPlan struct {
	f          *protogen.Field
	index      int    // declaration order: the field's bit in a bit set
	name       string // proto name
	goName     string
	outputOnly bool
	immutable  bool
	oneof      *protogen.Oneof // real oneof, or nil
	list, mp   bool
	kind       protoreflect.Kind // of the value (element, map value)
	keyKind    protoreflect.Kind // map key kind
	ptr        bool              // scalar held by pointer (explicit presence)
	bytesPres  bool              // bytes with explicit presence (nil is unset)
	msg        *protogen.Message // message value, element or field type
	enum       *protogen.Enum
	keyField   *protogen.Field
	valueField *protogen.Field
}

func allMessages(ms []*protogen.Message) []*protogen.Message {
	var out []*protogen.Message
	for _, m := range ms {
		if m.Desc.IsMapEntry() {
			continue
		}
		out = append(out, m)
		out = append(out, allMessages(m.Messages)...)
	}
	return out
}

func disabled(m *protogen.Message) bool {
	opts := m.Desc.Options()
	return opts != nil && proto.GetExtension(opts, options.E_FieldmaskDisabled).(bool)
}

// Methods and package-level names the generator adds for each message.
var methodNames = []string{
	"FilterMask", "PruneMask", "ApplyMask", "ValidateMask",
	"FilterParsedMask", "PruneParsedMask", "ApplyParsedMask",
}

func (g *generator) plan(f *protogen.File) (*filePlan, error) {
	p := &filePlan{file: f}
	// Names declared in the Go package by protoc-gen-go, to catch clashes
	// with the package-level names generated here.
	taken := map[string]string{}
	for _, other := range g.gen.Files {
		if other.GoImportPath != f.GoImportPath {
			continue
		}
		for _, m := range allMessages(other.Messages) {
			taken[m.GoIdent.GoName] = "message " + string(m.Desc.FullName())
			for _, fld := range m.Fields {
				if fld.Oneof != nil && !fld.Oneof.Desc.IsSynthetic() {
					taken[fld.GoIdent.GoName] = "oneof wrapper of " + string(fld.Desc.FullName())
				}
			}
		}
		for _, e := range allEnums(other) {
			taken[e.GoIdent.GoName] = "enum " + string(e.Desc.FullName())
			for _, v := range e.Values {
				taken[v.GoIdent.GoName] = "enum value " + string(v.Desc.FullName())
			}
		}
	}
	// Names generated for the messages of the other files of the package
	// in this run.
	for _, other := range g.gen.Files {
		if other == f || !other.Generate || other.GoImportPath != f.GoImportPath {
			continue
		}
		for _, m := range allMessages(other.Messages) {
			if !disabled(m) {
				for _, n := range packageNames(m.GoIdent.GoName) {
					taken[n] = "generated for message " + string(m.Desc.FullName())
				}
			}
		}
	}
	for _, m := range allMessages(f.Messages) {
		if disabled(m) {
			continue
		}
		mp, err := g.planMessage(f, m, taken)
		if err != nil {
			return nil, err
		}
		p.messages = append(p.messages, mp)
	}
	if len(p.messages) == 0 {
		return nil, nil
	}
	return p, nil
}

// flat reports whether message m holds only values that copy by assignment
// (or bytes.Clone): no message, list, map or oneof fields, and no extensions.
func flat(m *protogen.Message) bool {
	if m.Desc.ExtensionRanges().Len() > 0 {
		return false
	}
	for _, f := range m.Fields {
		d := f.Desc
		if d.IsList() || d.IsMap() || d.Message() != nil || (f.Oneof != nil && !f.Oneof.Desc.IsSynthetic()) {
			return false
		}
	}
	return true
}

func packageNames(goName string) []string {
	return []string{goName + "Path", goName + "Paths", "New" + goName + "Mask", "Parse" + goName + "Mask",
		"maskCheck" + goName, "fieldmaskZero" + goName, "maskMethods" + goName, "maskBits" + goName, "cloneMaskList" + goName}
}

func allEnums(f *protogen.File) []*protogen.Enum {
	out := append([]*protogen.Enum(nil), f.Enums...)
	for _, m := range allMessages(f.Messages) {
		out = append(out, m.Enums...)
	}
	return out
}

func (g *generator) planMessage(f *protogen.File, m *protogen.Message, taken map[string]string) (*messagePlan, error) {
	// errorf names the file, line and column (as protoc does), the message
	// and, when given, the field.
	errorf := func(field string, format string, args ...any) error {
		var d protoreflect.Descriptor = m.Desc
		if fd := m.Desc.Fields().ByName(protoreflect.Name(field)); fd != nil {
			d = fd
		}
		where := f.Desc.Path()
		if loc := f.Desc.SourceLocations().ByDescriptor(d); loc.Path != nil {
			where = fmt.Sprintf("%s:%d:%d", where, loc.StartLine+1, loc.StartColumn+1)
		}
		where += fmt.Sprintf(": message %s", m.Desc.FullName())
		if field != "" {
			where += ", field " + field
		}
		return fmt.Errorf("%s: %s", where, fmt.Sprintf(format, args...))
	}
	if m.APILevel == gofeaturespb.GoFeatures_API_OPAQUE {
		return nil, errorf("", "the Go opaque API (features.(pb.go).api_level = API_OPAQUE) is not supported yet; "+
			"use API_OPEN or API_HYBRID, or set option (protolite.fieldmask_disabled) = true")
	}
	mp := &messagePlan{msg: m, name: m.GoIdent.GoName}
	for _, n := range packageNames(mp.name) {
		if what, ok := taken[n]; ok {
			return nil, errorf("", "generated name %s clashes with %s; rename one, or set option (protolite.fieldmask_disabled) = true on the message", n, what)
		}
		taken[n] = "generated for message " + string(m.Desc.FullName())
	}
	// Struct members of the message, to catch clashes with the methods.
	members := map[string]string{}
	for _, fld := range m.Fields {
		members[fld.GoName] = string(fld.Desc.Name())
		members["Get"+fld.GoName] = string(fld.Desc.Name())
		if fld.Oneof != nil && !fld.Oneof.Desc.IsSynthetic() {
			members[fld.Oneof.GoName] = string(fld.Oneof.Desc.Name())
			members["Get"+fld.Oneof.GoName] = string(fld.Oneof.Desc.Name())
		}
	}
	for _, n := range methodNames {
		if field, ok := members[n]; ok {
			return nil, errorf(field, "its Go name clashes with the generated method %s; rename the field, or set option (protolite.fieldmask_disabled) = true on the message", n)
		}
	}
	builderMethods := map[string]string{"MaskPath": ""}
	protoNames := map[string]bool{}
	for _, fld := range m.Fields {
		protoNames[string(fld.Desc.Name())] = true
	}
	seenJSON := map[string]bool{}
	for _, fld := range m.Fields {
		fp := &fieldPlan{f: fld, index: len(mp.fields), name: string(fld.Desc.Name()), goName: fld.GoName}
		fp.outputOnly, fp.immutable = fieldbehavior.Of(fld.Desc)
		if fld.Oneof != nil && !fld.Oneof.Desc.IsSynthetic() {
			fp.oneof = fld.Oneof
		}
		switch {
		case fld.Desc.IsMap():
			fp.mp = true
			fp.keyField, fp.valueField = fld.Message.Fields[0], fld.Message.Fields[1]
			fp.keyKind = fp.keyField.Desc.Kind()
			fp.kind = fp.valueField.Desc.Kind()
			fp.msg, fp.enum = fp.valueField.Message, fp.valueField.Enum
		case fld.Desc.IsList():
			fp.list = true
			fp.kind = fld.Desc.Kind()
			fp.msg, fp.enum = fld.Message, fld.Enum
		default:
			fp.kind = fld.Desc.Kind()
			fp.msg, fp.enum = fld.Message, fld.Enum
			if fp.oneof == nil && fld.Desc.HasPresence() {
				switch fp.kind {
				case protoreflect.MessageKind, protoreflect.GroupKind:
				case protoreflect.BytesKind:
					fp.bytesPres = true
				default:
					fp.ptr = true
				}
			}
		}
		for _, n := range g.builderMethodNames(fp) {
			if other, ok := builderMethods[n]; ok {
				what := "the builder method MaskPath"
				if other != "" {
					what = "a path-builder method of field " + other
				}
				return nil, errorf(fp.name, "its path-builder method %s clashes with %s; rename the field, or set option (protolite.fieldmask_disabled) = true on the message", n, what)
			}
			builderMethods[n] = fp.name
		}
		// A JSON name gets a hint in the checker, unless a path segment
		// spelt that way means something else: a field's name, or `*`.
		if j := fld.Desc.JSONName(); j != fp.name && j != "*" && !protoNames[j] && !seenJSON[j] {
			seenJSON[j] = true
			mp.jsonNames = append(mp.jsonNames, [2]string{j, fp.name})
		}
		mp.fields = append(mp.fields, fp)
	}
	return mp, nil
}

// builderMethodNames returns the names of the path-builder methods of a
// field.
func (g *generator) builderMethodNames(fp *fieldPlan) []string {
	names := []string{fp.goName}
	switch {
	case fp.mp:
		names = append(names, fp.goName+"Key")
		if fp.msg != nil && g.hasBuilder(fp.msg) {
			names = append(names, fp.goName+"Each")
		}
	case fp.list:
		if fp.msg != nil && g.hasBuilder(fp.msg) {
			names = append(names, fp.goName+"Each")
		}
	}
	return names
}

// hasMethods reports whether message m gets generated mask methods in the
// Go package pkg, so generated code there can call its unexported methods.
func (g *generator) hasMethods(m *protogen.Message, pkg protogen.GoImportPath) bool {
	p, ok := g.local[m.Desc.FullName()]
	return ok && p == pkg
}

// hasBuilder reports whether message m gets generated path builders in
// this run.
func (g *generator) hasBuilder(m *protogen.Message) bool {
	_, ok := g.local[m.Desc.FullName()]
	return ok
}

func (p *fieldPlan) isMessage() bool {
	return p.kind == protoreflect.MessageKind || p.kind == protoreflect.GroupKind
}
