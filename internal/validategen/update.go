package validategen

import (
	"strconv"

	"google.golang.org/protobuf/compiler/protogen"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// An AIP-134 update request carries a resource and the mask of the fields
// to change:
//
//	message UpdateOrderRequest {
//	  Order order = 1;
//	  google.protobuf.FieldMask update_mask = 2;
//	}
//
// Validating the whole resource would reject a valid partial update (a
// required field the update leaves out is empty), so the request's
// validators check the resource on the paths update_mask names, as its
// ValidatePartial does; an empty mask, or "*", checks all of it. Paths that
// name no field of the resource are violations of update_mask.paths[i].
//
// updateResource returns the resource field of m when m has that shape: a
// singular google.protobuf.FieldMask field named update_mask, and exactly one
// other singular message field, outside any oneof, whose type is not a
// google.protobuf type and gets validators in this run. message.skip on the
// resource field opts out (nothing of the resource is checked), as does
// the plugin parameter update_requests=false (the whole resource is).
func (g *generator) updateResource(m *protogen.Message) *protogen.Field {
	if !g.updateRequests {
		return nil
	}
	var mask, resource *protogen.Field
	candidates := 0
	for _, f := range m.Fields {
		if f.Message == nil || f.Desc.IsList() || f.Desc.IsMap() {
			continue
		}
		if f.Desc.Name() == "update_mask" && f.Message.Desc.FullName() == "google.protobuf.FieldMask" {
			mask = f
			continue
		}
		if f.Message.Desc.ParentFile().Package() == "google.protobuf" {
			continue
		}
		candidates++
		resource = f
	}
	if mask == nil || candidates != 1 || (resource.Oneof != nil && !resource.Oneof.Desc.IsSynthetic()) {
		return nil
	}
	target := g.plugin.FilesByPath[resource.Message.Desc.ParentFile().Path()]
	if target == nil || !target.Generate || !g.needs[resource.Message] || g.fieldRules(resource).GetMessage().GetSkip() {
		return nil
	}
	return resource
}

// updateMaskField returns the update_mask field of an update request.
func updateMaskField(m *protogen.Message) *protogen.Field {
	for _, f := range m.Fields {
		if f.Desc.Name() == "update_mask" {
			return f
		}
	}
	return nil
}

// resourceChecks writes the checks of an update request's resource field:
// its presence when message.required says so, then its validation on the
// paths of update_mask.
func (p *filePlan) resourceChecks(out *code, field *protogen.Field) {
	expr := "x." + field.GoName
	maskExpr := "x." + updateMaskField(field.Parent).GoName
	path := quotePath(p.pathName(field))
	maskPath := strconv.Quote(p.pathName(updateMaskField(field.Parent)))
	t := &target{field: field, kind: protoreflect.MessageKind, expr: expr, path: path, name: p.helperName(field, "")}
	if p.g.fieldRules(field).GetMessage().GetRequired() {
		out.P("if ", expr, " == nil {")
		addViolation(out, t, check{reason: "REQUIRED", description: "is required"}, "\t")
		out.P("}")
	}
	if !p.g.hasDirectValidator(field.Message, p.file) {
		// The resource's validators are in another Go package of this run.
		out.P("if ", expr, " != nil {")
		out.P("if err := ", runtimePackage.Ident("ValidateMask"), "(", expr, ", ", maskExpr, "); err != nil {")
		out.P("if v.Merge(", maskPath, ", err) {")
		out.P("return")
		out.P("}")
		out.P(cat("} else if v.Merge(", path, ", ", expr, ".ValidatePartial(", maskExpr, ")) {")...)
		out.P("return")
		out.P("}")
		out.P("}")
		return
	}
	out.P("if ", expr, " != nil {")
	out.P("if resource, err := ", protoimplPackage.Ident("SelectMask"), "(", expr, ".ProtoReflect().Descriptor(), ", maskExpr, "); err != nil {")
	out.P("if v.Merge(", maskPath, ", err) {")
	out.P("return")
	out.P("}")
	out.P("} else {")
	out.P("start := v.Len()")
	out.P(expr, ".validateInto(v, resource)")
	out.P(cat("if v.Nest(start, ", path, ") {")...)
	out.P("return")
	out.P("}")
	out.P("}")
	out.P("}")
}
