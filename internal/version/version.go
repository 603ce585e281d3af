// Package version holds the release version of protolite's plugins: the one
// they write in the headers of the files they generate, and the one they
// report for --version.
package version

import (
	"runtime/debug"
	"strings"
)

// Version is the protolite release this source is, as a Go module version.
// Generated files' headers name it, so the same plugin source always writes
// the same bytes however it was built. It is raised before a release is
// tagged, so that a tag and the source at it agree.
const Version = "v0.1.0"

// modulePath is protolite's Go module path.
const modulePath = "github.com/protolite/protolite"

// String is what a plugin prints after its name for --version.
//
// Installed at a published version (go install ...@v0.1.0, or a go tool
// dependency required at v0.1.0), it is that version, as the Go command
// recorded it in the binary. Otherwise it is Version followed by how the
// binary was built, which the Go command records too:
//
//	v0.1.0 (development build)                    go build or go install in a clone
//	v0.1.0 (development build v0.1.1-0.20261126153229-5e22ff9a8b0c+dirty)
//	                                              the same, with version control stamping
//	v0.1.0 (development build from ../protolite)  a go tool dependency replaced by a directory
func String() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return Version
	}
	return fromBuildInfo(info)
}

// fromBuildInfo is String for the build information of a binary.
func fromBuildInfo(info *debug.BuildInfo) string {
	mod := protoliteModule(info)
	if mod == nil {
		return Version
	}
	if r := mod.Replace; r != nil {
		if r.Version == "" {
			return Version + " (development build from " + r.Path + ")"
		}
		mod = r
	}
	switch v := mod.Version; {
	case v == "" || v == "(devel)":
		return Version + " (development build)"
	case isRelease(v):
		return v
	default:
		return Version + " (development build " + v + ")"
	}
}

// protoliteModule returns the protolite module of a binary's build
// information: the main module when the binary was built in protolite's
// module (from a clone, or by go install ...@version), else the dependency
// (a go tool dependency of another module), or nil.
func protoliteModule(info *debug.BuildInfo) *debug.Module {
	if info.Main.Path == modulePath {
		return &info.Main
	}
	for _, dep := range info.Deps {
		if dep.Path == modulePath {
			return dep
		}
	}
	return nil
}

// isRelease reports whether v is the version of a tag: neither a
// pseudo-version (vX.Y.Z-[pre.]0.yyyymmddhhmmss-abcdefabcdef, which the Go
// command gives a commit that no tag names) nor a version with build
// metadata such as +dirty (uncommitted changes).
func isRelease(v string) bool {
	v = strings.TrimSuffix(v, "+incompatible")
	if !strings.HasPrefix(v, "v") || strings.Contains(v, "+") {
		return false
	}
	parts := strings.Split(v, "-")
	if len(parts) < 3 {
		return true
	}
	stamp, rev := parts[len(parts)-2], parts[len(parts)-1]
	if i := strings.LastIndexByte(stamp, '.'); i >= 0 {
		stamp = stamp[i+1:]
	}
	return !(len(stamp) == 14 && allOf(stamp, "0123456789") &&
		len(rev) == 12 && allOf(rev, "0123456789abcdef"))
}

// allOf reports whether every byte of s is one of set.
func allOf(s, set string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) < 0 {
			return false
		}
	}
	return true
}
