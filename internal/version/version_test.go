package version

import (
	"runtime/debug"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	main := func(v string) *debug.BuildInfo {
		return &debug.BuildInfo{Main: debug.Module{Path: modulePath, Version: v}}
	}
	dep := func(m *debug.Module) *debug.BuildInfo {
		return &debug.BuildInfo{
			Main: debug.Module{Path: "example.com/shop", Version: "(devel)"},
			Deps: []*debug.Module{{Path: "google.golang.org/protobuf", Version: "v1.36.12"}, m},
		}
	}
	for _, tc := range []struct {
		name string
		info *debug.BuildInfo
		want string
	}{
		{"go install @tag", main("v0.1.0"), "v0.1.0"},
		{"go install @later tag", main("v0.2.0"), "v0.2.0"},
		{"go install @prerelease tag", main("v0.2.0-rc.1"), "v0.2.0-rc.1"},
		{"clone, no stamping", main("(devel)"), Version + " (development build)"},
		{"no version recorded", main(""), Version + " (development build)"},
		{"clone, stamped, no tag", main("v0.0.0-20261126153229-5e22ff9a8b0c"),
			Version + " (development build v0.0.0-20261126153229-5e22ff9a8b0c)"},
		{"clone, stamped after a tag", main("v0.1.1-0.20261126153229-5e22ff9a8b0c+dirty"),
			Version + " (development build v0.1.1-0.20261126153229-5e22ff9a8b0c+dirty)"},
		{"clone, stamped after a prerelease", main("v0.2.0-rc.1.0.20261126153229-5e22ff9a8b0c"),
			Version + " (development build v0.2.0-rc.1.0.20261126153229-5e22ff9a8b0c)"},
		{"clone at a tag, uncommitted changes", main("v0.1.0+dirty"), Version + " (development build v0.1.0+dirty)"},
		{"go tool dependency at a tag", dep(&debug.Module{Path: modulePath, Version: "v0.1.0"}), "v0.1.0"},
		{"go tool dependency at a commit", dep(&debug.Module{Path: modulePath, Version: "v0.1.1-0.20261126153229-5e22ff9a8b0c"}),
			Version + " (development build v0.1.1-0.20261126153229-5e22ff9a8b0c)"},
		{"go tool dependency replaced by a directory", dep(&debug.Module{
			Path: modulePath, Version: "v0.0.0-00010101000000-000000000000",
			Replace: &debug.Module{Path: "../protolite"},
		}), Version + " (development build from ../protolite)"},
		{"go tool dependency replaced by a fork's tag", dep(&debug.Module{
			Path: modulePath, Version: "v0.1.0",
			Replace: &debug.Module{Path: "example.com/fork/protolite", Version: "v0.1.2"},
		}), "v0.1.2"},
		{"not built with protolite's module", &debug.BuildInfo{Main: debug.Module{Path: "example.com/other"}}, Version},
	} {
		if got := fromBuildInfo(tc.info); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}

// A build of this package's test binary is a development build of the
// protolite module: String says so, and starts with Version.
func TestString(t *testing.T) {
	got := String()
	if want := Version + " (development build"; len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("String() = %q, want it to start with %q", got, want)
	}
}
