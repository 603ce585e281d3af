package envoyapi

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestFullListsEveryPackage checks that full.go links every package of the
// go-control-plane/envoy module that go.mod selects, so that a version bump
// cannot silently shrink the "whole API".
func TestFullListsEveryPackage(t *testing.T) {
	src, err := os.ReadFile("full.go")
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, m := range regexp.MustCompile(`(?m)^\t_ "([^"]+)"$`).FindAllSubmatch(src, -1) {
		listed = append(listed, string(m[1]))
	}
	out, err := exec.Command("go", "list", "github.com/envoyproxy/go-control-plane/envoy/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var want []string
	for _, p := range strings.Fields(string(out)) {
		if p != "github.com/envoyproxy/go-control-plane/envoy" { // the root only imports the server
			want = append(want, p)
		}
	}
	slices.Sort(listed)
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		for _, p := range want {
			if !slices.Contains(listed, p) {
				t.Errorf("full.go does not import %s", p)
			}
		}
		for _, p := range listed {
			if !slices.Contains(want, p) {
				t.Errorf("full.go imports %s, which the module does not have", p)
			}
		}
	}
	if len(want) < 400 {
		t.Errorf("go list found only %d packages; expected the whole API", len(want))
	}
}
