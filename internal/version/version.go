// Package version holds the release version that both protolite plugins
// print in the headers of the files they generate.
package version

// Version is the protolite release, as a Go module version.
const Version = "v0.1.0"
