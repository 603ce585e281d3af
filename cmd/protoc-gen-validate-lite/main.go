// Command protoc-gen-validate-lite is a protoc plugin that generates
// Validate, ValidateAll and ValidatePartial methods from protolite's
// validation options. Run it through protoc (--validate-lite_out=.) or buf
// (a local plugin entry); see the protolite README.
package main

import "github.com/protolite/protolite/internal/validategen"

func main() {
	validategen.Main()
}
