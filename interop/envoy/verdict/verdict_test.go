package verdict

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/protolite/protolite/interop/envoy/gen/index"
	"github.com/protolite/protolite/interop/envoy/internal/envoyapi"
)

var reportFile = flag.String("report", "", "write the verdict report (markdown) to this file")

// TestVerdicts compares, on every value of the corpus, protolite's
// Validate and ValidateAll with PGV's (go-control-plane's generated
// validators): the verdict, the first violation's field path and the set
// of violation paths. Every disagreement must fall in a documented class
// (classify_test.go); the test fails on any other, listing each kind once
// with examples.
func TestVerdicts(t *testing.T) {
	if index.Set != envoyapi.Set {
		t.Fatalf("gen/ holds the %q set but the test is built for %q: regenerate (./ci.sh or ./run.sh) or change -tags", index.Set, envoyapi.Set)
	}
	vals, counts := values()

	type group struct {
		count    int
		examples []outcome
	}
	var (
		agreed      int
		skipped     = map[string]int{} // type → values
		documented  = map[string]*group{}
		unexplained = map[string]*group{}
		invalid     int
	)
	note := func(groups map[string]*group, key string, o outcome) {
		g := groups[key]
		if g == nil {
			g = &group{}
			groups[key] = g
		}
		g.count++
		if len(g.examples) < 3 {
			g.examples = append(g.examples, o)
		}
	}
	for _, v := range vals {
		o := check(v)
		switch {
		case o.problem == "no PGV validator":
			// A type of googleapis or of the annotation files: PGV
			// generated nothing for it.
			skipped[string(v.Msg.ProtoReflect().Descriptor().ParentFile().Package())]++
			continue
		}
		if len(o.pgvFirst) > 0 {
			invalid++
		}
		if o.problem != "" {
			note(unexplained, o.problem, o)
			continue
		}
		if msg := liteConsistency(o); msg != "" {
			note(unexplained, msg, o)
			continue
		}
		if o.agree() {
			agreed++
			continue
		}
		if classes := classify(o); classes != nil {
			slices.Sort(classes)
			note(documented, strings.Join(classes, " + "), o)
			continue
		}
		note(unexplained, signature(o), o)
	}

	var b strings.Builder
	nSkipped := 0
	for _, n := range skipped {
		nSkipped += n
	}
	fmt.Fprintf(&b, "Set %q: %d values compared (%d invalid by PGV); %d values of types without a PGV validator left out (%d packages: %s)\n\n",
		set, len(vals)-nSkipped, invalid, nSkipped, len(skipped), strings.Join(slices.Sorted(maps.Keys(skipped)), ", "))
	b.WriteString("| source | values |\n|---|---:|\n")
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		fmt.Fprintf(&b, "| %s | %d |\n", k, counts[k])
	}
	nUnexplained := 0
	for _, g := range unexplained {
		nUnexplained += g.count
	}
	fmt.Fprintf(&b, "\n| verdicts | values |\n|---|---:|\n| agree | %d |\n", agreed)
	for _, k := range slices.Sorted(maps.Keys(documented)) {
		fmt.Fprintf(&b, "| documented: %s | %d |\n", k, documented[k].count)
	}
	fmt.Fprintf(&b, "| **unexplained** | %d |\n", nUnexplained)
	for _, k := range slices.Sorted(maps.Keys(documented)) {
		fmt.Fprintf(&b, "\n#### documented: %s (%d)\n\n", k, documented[k].count)
		for _, o := range documented[k].examples {
			b.WriteString(describe(o))
		}
	}
	keys := slices.SortedFunc(maps.Keys(unexplained), func(a, b string) int {
		return unexplained[b].count - unexplained[a].count
	})
	for _, k := range keys {
		fmt.Fprintf(&b, "\n#### unexplained: %s (%d)\n\n", k, unexplained[k].count)
		for _, o := range unexplained[k].examples {
			b.WriteString(describe(o))
		}
	}
	if *reportFile != "" {
		if err := os.WriteFile(*reportFile, []byte(b.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
	if nUnexplained > 0 {
		report := b.String()
		if len(report) > 40000 {
			rest := "run with -report FILE for the rest"
			if *reportFile != "" {
				rest = "the rest is in " + *reportFile
			}
			report = report[:40000] + "\n… (" + rest + ")\n"
		}
		t.Errorf("%d values on which protolite and PGV disagree without a documented reason, %d kinds:\n%s", nUnexplained, len(unexplained), report)
		return
	}
	t.Logf("\n%s", b.String())
}

// liteConsistency checks protolite's own contract on one value: Validate
// is nil exactly when ValidateAll is, and its violation is ValidateAll's
// first.
func liteConsistency(o outcome) string {
	switch {
	case len(o.liteFirst) > 1:
		return "protolite: Validate returned more than one violation"
	case (len(o.liteFirst) == 0) != (len(o.liteAll) == 0):
		return "protolite: Validate and ValidateAll disagree on the verdict"
	case len(o.liteFirst) == 1 && o.liteFirst[0] != o.liteAll[0]:
		return "protolite: Validate's violation is not ValidateAll's first"
	}
	return ""
}

// indexes matches list indexes and map keys in a path, to group
// disagreements of one kind.
var indexes = regexp.MustCompile(`\[[^\]]*\]`)

// signature names the kind of a disagreement: the type of the value, the
// paths one side alone reports (indexes folded), and the first
// violations' when they alone differ.
func signature(o outcome) string {
	fold := func(ps []string) string {
		var out []string
		for _, p := range ps {
			p = indexes.ReplaceAllString(p, "[*]")
			if !slices.Contains(out, p) {
				out = append(out, p)
			}
		}
		return strings.Join(out, ", ")
	}
	pgvSet, liteSet := paths(o.pgvAll), paths(o.liteAll)
	var onlyPGV, onlyLite []string
	for _, p := range pgvSet {
		if !slices.Contains(liteSet, p) {
			onlyPGV = append(onlyPGV, p)
		}
	}
	for _, p := range liteSet {
		if !slices.Contains(pgvSet, p) {
			onlyLite = append(onlyLite, p)
		}
	}
	typ := string(o.gcp.ProtoReflect().Descriptor().FullName())
	switch {
	case len(onlyPGV) > 0 && len(onlyLite) > 0:
		return fmt.Sprintf("%s: only PGV: %s; only protolite: %s", typ, fold(onlyPGV), fold(onlyLite))
	case len(onlyPGV) > 0:
		return fmt.Sprintf("%s: only PGV: %s", typ, fold(onlyPGV))
	case len(onlyLite) > 0:
		return fmt.Sprintf("%s: only protolite: %s", typ, fold(onlyLite))
	}
	return fmt.Sprintf("%s: first violation PGV %s, protolite %s", typ,
		fold([]string{first(o.pgvFirst)}), fold([]string{first(o.liteFirst)}))
}

// describe writes one outcome for the report.
func describe(o outcome) string {
	var b strings.Builder
	fmt.Fprintf(&b, "- `%s`\n", strings.ReplaceAll(o.value.Name, "`", "'"))
	if o.problem != "" {
		fmt.Fprintf(&b, "  - %s\n", o.problem)
		return b.String()
	}
	side := func(name string, firstV, all []violation) {
		if len(firstV) == 0 && len(all) == 0 {
			fmt.Fprintf(&b, "  - %s: valid\n", name)
			return
		}
		fmt.Fprintf(&b, "  - %s: Validate %s; ValidateAll:", name, list(firstV))
		fmt.Fprintf(&b, " %s\n", list(all))
	}
	side("PGV", o.pgvFirst, o.pgvAll)
	side("protolite", o.liteFirst, o.liteAll)
	return b.String()
}

func list(vs []violation) string {
	if len(vs) == 0 {
		return "nil"
	}
	var parts []string
	for i, v := range vs {
		if i == 6 {
			parts = append(parts, fmt.Sprintf("… %d more", len(vs)-i))
			break
		}
		reason := v.reason
		if len(reason) > 120 {
			reason = reason[:120] + "…"
		}
		parts = append(parts, fmt.Sprintf("`%s` (%s)", v.path, reason))
	}
	return strings.Join(parts, ", ")
}
