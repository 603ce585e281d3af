// Command protoc-gen-fieldmask is a protoc plugin that generates typed
// field-mask path builders and FilterMask, PruneMask, ApplyMask and
// ValidateMask methods for the messages of .proto files, beside
// protoc-gen-go's output:
//
//	protoc --go_out=. --fieldmask_out=. foo.proto
//
// It accepts protoc-gen-go's parameters (paths=source_relative, M...,
// module=). See docs/fieldmask.md.
package main

import (
	"fmt"
	"os"

	"google.golang.org/protobuf/compiler/protogen"

	"github.com/protolite/protolite/internal/maskgen"
	"github.com/protolite/protolite/internal/pluginrun"
	"github.com/protolite/protolite/internal/version"
)

func main() {
	if len(os.Args) == 2 && os.Args[1] == "--version" {
		fmt.Println("protoc-gen-fieldmask", version.String())
		return
	}
	pluginrun.Run(protogen.Options{}, maskgen.Generate)
}
