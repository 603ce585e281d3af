// Package fieldbehavior reads the (google.api.field_behavior) option of a
// field. protoc-gen-fieldmask reads it at generation time and the runtime's
// ApplyMask at run time, through this one function, so both see the same
// behaviors. It depends only on the protobuf module and genproto's
// annotations, so the plugin that imports it links no gRPC package.
package fieldbehavior

import (
	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// Of reports whether fd is OUTPUT_ONLY and whether it is IMMUTABLE, from
// its (google.api.field_behavior) option (extension 1052, whichever copy of
// google/api/field_behavior.proto declared it).
func Of(fd protoreflect.FieldDescriptor) (outputOnly, immutable bool) {
	opts := fd.Options()
	if opts == nil || !proto.HasExtension(opts, annotations.E_FieldBehavior) {
		return false, false
	}
	for _, b := range proto.GetExtension(opts, annotations.E_FieldBehavior).([]annotations.FieldBehavior) {
		switch b {
		case annotations.FieldBehavior_OUTPUT_ONLY:
			outputOnly = true
		case annotations.FieldBehavior_IMMUTABLE:
			immutable = true
		}
	}
	return outputOnly, immutable
}
