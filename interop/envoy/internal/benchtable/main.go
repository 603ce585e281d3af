// Command benchtable turns the output of
// `go test -bench . -benchmem -count N ./verdict` into the markdown tables
// of README.md (medians of the N runs, PGV's and protolite's side by side):
//
//   - BenchmarkValidate, on every valid Envoy value, with protolite's
//     targets (0 allocations; never slower than PGV; at least 2× faster
//     where PGV takes over 100 ns);
//   - BenchmarkValidateInvalid, on values broken deep inside, with issue
//     16's target (no slower than PGV);
//   - BenchmarkCorpus, the whole verdict corpus per iteration, with issue
//     16's target (fewer allocations and fewer bytes than PGV).
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// line matches one benchmark result, e.g.
// BenchmarkValidate/value=MakeCluster(ads)/impl=pgv-2  1000  123.4 ns/op  0 B/op  0 allocs/op
var line = regexp.MustCompile(`^Benchmark(\w+)/(\S+)/impl=(\w+)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op\s+(\d+) B/op\s+(\d+) allocs/op`)

type runs struct{ ns, bytes, allocs []float64 }

func (r *runs) med() (ns, bytes, allocs float64) {
	return median(r.ns), median(r.bytes), median(r.allocs)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// bench holds one benchmark's cases, in the order first seen.
type bench struct {
	order []string
	cases map[string]map[string]*runs // case → impl → runs
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("benchtable: ")
	benches := map[string]*bench{}
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		b := benches[m[1]]
		if b == nil {
			b = &bench{cases: map[string]map[string]*runs{}}
			benches[m[1]] = b
		}
		c, impl := m[2], m[3]
		if b.cases[c] == nil {
			b.cases[c] = map[string]*runs{}
			b.order = append(b.order, c)
		}
		r := b.cases[c][impl]
		if r == nil {
			r = &runs{}
			b.cases[c][impl] = r
		}
		for i, dst := range []*[]float64{&r.ns, &r.bytes, &r.allocs} {
			x, err := strconv.ParseFloat(m[4+i], 64)
			if err != nil {
				log.Fatal(err)
			}
			*dst = append(*dst, x)
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	if len(benches) == 0 {
		log.Fatal("no benchmark results on stdin")
	}
	if b := benches["Validate"]; b != nil {
		fmt.Println("### Validate on valid values")
		fmt.Println()
		table(b, "value", func(pns, lns, lallocs, _, _, _ float64) string {
			switch {
			case lallocs != 0:
				return "**allocates**"
			case pns/lns < 1:
				return "**slower**"
			case pns > 100 && pns/lns < 2:
				return "**< 2×**"
			}
			return "met"
		})
	}
	if b := benches["ValidateInvalid"]; b != nil {
		fmt.Println("### Validate and ValidateAll on invalid values (issue 16: no slower than PGV)")
		fmt.Println()
		table(b, "value / op", func(pns, lns, _, _, _, _ float64) string {
			if lns > pns {
				return "**slower**"
			}
			return "met"
		})
	}
	if b := benches["Corpus"]; b != nil {
		fmt.Println("### The whole verdict corpus per iteration (issue 16: fewer allocations and bytes than PGV)")
		fmt.Println()
		table(b, "op", func(_, _, lallocs, lbytes, pbytes, pallocs float64) string {
			if lallocs >= pallocs || lbytes >= pbytes {
				return "**allocates more**"
			}
			return "met"
		})
	}
}

// table writes one benchmark's cases, PGV beside protolite, with the
// verdict target gives for each.
func table(b *bench, what string, target func(pns, lns, lallocs, lbytes, pbytes, pallocs float64) string) {
	fmt.Printf("| %s | PGV ns/op | PGV B/op, allocs | protolite ns/op | protolite B/op, allocs | speed-up | target |\n", what)
	fmt.Println("|---|---:|---:|---:|---:|---:|---|")
	missed := 0
	for _, c := range b.order {
		pgv, lite := b.cases[c]["pgv"], b.cases[c]["protolite"]
		if pgv == nil || lite == nil {
			log.Fatalf("%s: a side is missing", c)
		}
		pns, pbytes, pallocs := pgv.med()
		lns, lbytes, lallocs := lite.med()
		verdict := target(pns, lns, lallocs, lbytes, pbytes, pallocs)
		if strings.HasPrefix(verdict, "**") {
			missed++
		}
		name := strings.NewReplacer("value=", "", "op=", "").Replace(c)
		fmt.Printf("| %s | %s | %s, %s | %s | %s, %s | %.2f× | %s |\n", name,
			num(pns), num(pbytes), num(pallocs), num(lns), num(lbytes), num(lallocs), pns/lns, verdict)
	}
	fmt.Printf("\n%d cases; targets missed on %d.\n\n", len(b.order), missed)
}

// num writes a median with thousands separators.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'f', 0, 64)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
