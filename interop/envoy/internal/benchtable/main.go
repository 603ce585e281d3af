// Command benchtable turns the output of
// `go test -bench Validate -benchmem -count N ./verdict` into the markdown
// table of README.md: per valid Envoy value, the median time, bytes and
// allocations of PGV's Validate and protolite's, the speed-up, and whether
// protolite meets its targets (0 allocations; never slower than PGV; at
// least 2× faster where PGV takes over 100 ns).
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"regexp"
	"slices"
	"strconv"
)

// line matches one benchmark result, e.g.
// BenchmarkValidate/value=MakeCluster(ads)/impl=pgv-2  1000  123.4 ns/op  0 B/op  0 allocs/op
var line = regexp.MustCompile(`^BenchmarkValidate/value=(\S+)/impl=(\w+)(?:-\d+)?\s+\d+\s+([\d.]+) ns/op\s+(\d+) B/op\s+(\d+) allocs/op`)

type runs struct{ ns, bytes, allocs []float64 }

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("benchtable: ")
	results := map[string]map[string]*runs{} // value → impl → runs
	var order []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		value, impl := m[1], m[2]
		if results[value] == nil {
			results[value] = map[string]*runs{}
			order = append(order, value)
		}
		r := results[value][impl]
		if r == nil {
			r = &runs{}
			results[value][impl] = r
		}
		for i, dst := range []*[]float64{&r.ns, &r.bytes, &r.allocs} {
			x, err := strconv.ParseFloat(m[3+i], 64)
			if err != nil {
				log.Fatal(err)
			}
			*dst = append(*dst, x)
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	if len(order) == 0 {
		log.Fatal("no BenchmarkValidate results on stdin")
	}
	fmt.Println("| value | PGV ns/op | PGV B/op, allocs | protolite ns/op | protolite B/op, allocs | speed-up | target |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---|")
	missed := 0
	for _, value := range order {
		pgv, lite := results[value]["pgv"], results[value]["protolite"]
		if pgv == nil || lite == nil {
			log.Fatalf("%s: a side is missing", value)
		}
		pns, lns := median(pgv.ns), median(lite.ns)
		speedup := pns / lns
		verdict := "met"
		switch {
		case median(lite.allocs) != 0:
			verdict = "**allocates**"
		case speedup < 1:
			verdict = "**slower**"
		case pns > 100 && speedup < 2:
			verdict = "**< 2×**"
		}
		if verdict != "met" {
			missed++
		}
		fmt.Printf("| %s | %.0f | %.0f, %.0f | %.0f | %.0f, %.0f | %.1f× | %s |\n", value,
			pns, median(pgv.bytes), median(pgv.allocs), lns, median(lite.bytes), median(lite.allocs), speedup, verdict)
	}
	fmt.Printf("\n%d values; targets met on %d, missed on %d.\n", len(order), len(order)-missed, missed)
}
