// Command report turns the output of the benchmarks (Go benchmark format,
// several runs each) into bench/RESULTS.md — ratio tables against the
// hand-written baseline and each peer, allocations, and the targets met or
// missed — and into bench/results.svg, a plot of ns/op per implementation
// per scenario. run.sh calls it; it draws the SVG itself (no plotting tool).
//
//	go run ./internal/report -micro results/micro.txt -gen results/gen.txt \
//	    -env results/env.txt -md RESULTS.md -svg results.svg
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// stat is one benchmark's measurements over its runs.
type stat struct {
	ns, cpu, bytes, allocs []float64
}

// summary is the median and 95% confidence interval of a sample.
type summary struct{ center, lo, hi float64 }

func summarize(v []float64) summary {
	if len(v) == 0 {
		return summary{math.NaN(), math.NaN(), math.NaN()}
	}
	s := benchmath.AssumeNothing.Summary(benchmath.NewSample(v, &benchmath.DefaultThresholds), 0.95)
	return summary{s.Center, s.Lo, s.Hi}
}

// results maps a benchmark's name without GOMAXPROCS suffix (e.g.
// "Validate/msg=mid/input=valid/op=first/impl=lite") to its runs.
type results map[string]*stat

var procSuffix = regexp.MustCompile(`-\d+$`)

func read(path string, into results) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var cpu []string
	r := benchfmt.NewReader(f, path)
	for r.Scan() {
		res, ok := r.Result().(*benchfmt.Result)
		if !ok {
			continue
		}
		if c := res.GetConfig("cpu"); c != "" && !slices.Contains(cpu, c) {
			cpu = append(cpu, c)
		}
		name := procSuffix.ReplaceAllString(string(res.Name), "")
		st := into[name]
		if st == nil {
			st = &stat{}
			into[name] = st
		}
		for _, v := range res.Values {
			unit, value := v.OrigUnit, v.OrigValue
			if unit == "" { // not converted by the reader
				unit, value = v.Unit, v.Value
			}
			switch unit {
			case "ns/op":
				st.ns = append(st.ns, value)
			case "cpu-ns/op":
				st.cpu = append(st.cpu, value)
			case "B/op":
				st.bytes = append(st.bytes, value)
			case "allocs/op":
				st.allocs = append(st.allocs, value)
			}
		}
	}
	return cpu, r.Err()
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("report: ")
	micro := flag.String("micro", "results/micro.txt", "output of the bench module's benchmarks")
	gen := flag.String("gen", "results/gen.txt", "output of internal/genbench's benchmarks")
	env := flag.String("env", "results/env.txt", "machine, Go version, date and load, as run.sh writes them")
	md := flag.String("md", "RESULTS.md", "Markdown report to write")
	svg := flag.String("svg", "results.svg", "SVG plot to write")
	flag.Parse()

	res := results{}
	var cpus []string
	for _, p := range []string{*micro, *gen} {
		c, err := read(p, res)
		if err != nil {
			log.Fatal(err)
		}
		for _, x := range c {
			if !slices.Contains(cpus, x) {
				cpus = append(cpus, x)
			}
		}
	}
	envText, err := os.ReadFile(*env)
	if err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	writeReport(&b, res, strings.TrimSpace(string(envText)), cpus)
	if err := os.WriteFile(*md, b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*svg, plot(res), 0o644); err != nil {
		log.Fatal(err)
	}
	os.Stdout.Write(b.Bytes())
}

// ns returns the median ns/op (or NaN).
func (r results) ns(name string) float64 {
	if st := r[name]; st != nil {
		return summarize(st.ns).center
	}
	return math.NaN()
}

// cpuNs returns the median CPU time per op, all threads (or NaN).
func (r results) cpuNs(name string) float64 {
	if st := r[name]; st != nil && len(st.cpu) > 0 {
		return summarize(st.cpu).center
	}
	return math.NaN()
}

func (r results) allocs(name string) float64 {
	if st := r[name]; st != nil {
		return summarize(st.allocs).center
	}
	return math.NaN()
}

func (r results) bytesOp(name string) float64 {
	if st := r[name]; st != nil {
		return summarize(st.bytes).center
	}
	return math.NaN()
}

// cell prints the median ns/op with its interval as ±%.
func (r results) cell(name string) string {
	st := r[name]
	if st == nil || len(st.ns) == 0 {
		return "—"
	}
	s := summarize(st.ns)
	pct := 0.0
	if s.center > 0 {
		pct = math.Max(s.center-s.lo, s.hi-s.center) / s.center * 100
	}
	return fmt.Sprintf("%s ±%.0f%%", fmtDur(s.center), pct)
}

func fmtDur(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.1f ns", ns)
	}
}

func ratio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return "—"
	}
	r := a / b
	if r >= 100 {
		return fmt.Sprintf("%.0f×", r)
	}
	if r >= 10 {
		return fmt.Sprintf("%.1f×", r)
	}
	return fmt.Sprintf("%.2f×", r)
}

func fmtCount(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return fmt.Sprintf("%.0f", v)
}

var (
	validateMsgs   = []string{"small", "mid", "large"}
	validateInputs = []string{"valid", "invalid"}
	validateOps    = []string{"first", "all"}
	validateImpls  = []string{"hand", "lite", "pgv", "protovalidate"}
	maskOps        = []string{"filter", "prune", "apply", "validate"}
	maskPaths      = []string{"1", "5", "20"}
	maskImpls      = []string{"hand", "lite", "lite-uncached", "lite-parsed", "reflect", "fmutils", "aip"}
	plugins        = []string{"protoc-gen-go", "validate-lite", "fieldmask"}
)

func vname(msg, input, op, impl string) string {
	return "Validate/msg=" + msg + "/input=" + input + "/op=" + op + "/impl=" + impl
}

func mname(op, paths, impl string) string {
	return "Mask/op=" + op + "/paths=" + paths + "/impl=" + impl
}

func gname(plugin string) string { return "Generate/schema=2000msgs/plugin=" + plugin }

// target is one checked goal.
type target struct {
	what   string
	met    bool
	detail string
}

func writeReport(w *bytes.Buffer, r results, env string, cpus []string) {
	fmt.Fprintf(w, "# Benchmark results\n\n")
	fmt.Fprintf(w, "Written by `bench/run.sh` (do not edit: rerun it). Ratios are of medians of ns/op over the\n"+
		"runs (`-count`), on one machine in one run; ± is the 95%% confidence interval of the median,\n"+
		"as benchstat computes it. The machine is shared and was loaded (see the load averages): read\n"+
		"the ratios, not the absolute times, and only differences well outside the ± intervals.\n\n")
	fmt.Fprintf(w, "```\n%s\ncpu: %s\n```\n\n", env, strings.Join(cpus, "; "))
	fmt.Fprintf(w, "![ns/op per implementation per scenario](results.svg)\n\n")

	// targets are the issue's, for valid input; secondary the same
	// comparisons on invalid input (error construction), reported apart.
	var targets, secondary []target

	// Validation.
	fmt.Fprintf(w, "## Validation\n\n")
	fmt.Fprintf(w, "`op=first` is `Validate()` (stop at the first violation; protovalidate with `WithFailFast()`),\n"+
		"`op=all` is `ValidateAll()` (protovalidate's default). `hand` is bench/handwritten, `lite` protolite's\n"+
		"generated code, `pgv` protoc-gen-validate v1.3.3's, `protovalidate` buf.build/go/protovalidate v1.4.0\n"+
		"with a validator built once. Ratios: `lite/hand` is lite's time over hand's (< 1 is faster);\n"+
		"`pgv/lite` and `pv/lite` are how many times faster lite is than each peer.\n\n")
	fmt.Fprintf(w, "| scenario | hand | lite | pgv | protovalidate | lite/hand | pgv/lite | pv/lite | allocs hand/lite/pgv/pv |\n")
	fmt.Fprintf(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, msg := range validateMsgs {
		for _, input := range validateInputs {
			for _, op := range validateOps {
				n := func(impl string) string { return vname(msg, input, op, impl) }
				hand, lite, pgv, pv := r.ns(n("hand")), r.ns(n("lite")), r.ns(n("pgv")), r.ns(n("protovalidate"))
				fmt.Fprintf(w, "| %s/%s/%s | %s | %s | %s | %s | %s | %s | %s | %s/%s/%s/%s |\n",
					msg, input, op, r.cell(n("hand")), r.cell(n("lite")), r.cell(n("pgv")), r.cell(n("protovalidate")),
					ratio(lite, hand), ratio(pgv, lite), ratio(pv, lite),
					fmtCount(r.allocs(n("hand"))), fmtCount(r.allocs(n("lite"))), fmtCount(r.allocs(n("pgv"))), fmtCount(r.allocs(n("protovalidate"))))
				label := msg + "/" + input + "/" + op
				if input == "valid" {
					targets = append(targets,
						target{"Validate ≤ 1.2× hand-written, " + label, lite <= 1.2*hand, "lite/hand " + ratio(lite, hand)},
						target{"Validate 0 allocs, " + label, r.allocs(n("lite")) == 0, fmtCount(r.allocs(n("lite"))) + " allocs/op"},
						target{"≥ 20× faster than protovalidate, " + label, pv >= 20*lite, "pv/lite " + ratio(pv, lite)},
						target{"no slower than PGV, " + label, lite <= pgv, "pgv/lite " + ratio(pgv, lite)})
				} else {
					secondary = append(secondary,
						target{"≥ 20× faster than protovalidate, " + label, pv >= 20*lite, "pv/lite " + ratio(pv, lite)},
						target{"no slower than PGV, " + label, lite <= pgv, "pgv/lite " + ratio(pgv, lite)})
				}
			}
		}
	}

	// Field masks.
	fmt.Fprintf(w, "\n## Field masks\n\n")
	fmt.Fprintf(w, "On `Mid` (16 fields, a nested `Address`, 10 items, 5 labels) with masks of 1, 5 and 20 paths.\n"+
		"`lite` is the generated `FilterMask`/`PruneMask`/`ApplyMask`/`ValidateMask` given the same mask call after\n"+
		"call; `uncached` (`lite-uncached`) the same methods given two masks in turn (the paths reversed; \"email\"\n"+
		"for the 1-path mask). Every benchmark mask is literal (field names and `address.city`-style paths), so\n"+
		"both take the literal route and the general route's one-entry mask cache plays no part.\n"+
		"`lite-parsed` the `*ParsedMask` methods with a mask parsed once (the general route's tree), `reflect` protolite's\n"+
		"`runtime.FilterMask` etc., `fmutils` github.com/mennanov/fieldmask-utils v1.1.6 (`MaskFromProtoFieldMask`\n"+
		"then `StructToStruct`; filter and prune copy into a new message, it has no in-place form), `aip`\n"+
		"go.einride.tech/aip/fieldmask v0.86.3 (`Validate`, and `Validate`+`Update` for apply). Ratios are times\n"+
		"over lite's (`lite/hand`: lite over hand, < 1 is faster; `X/lite`: how many times faster lite is).\n\n")
	fmt.Fprintf(w, "| scenario | hand | lite | uncached | lite-parsed | reflect | fmutils | aip | lite/hand | uncached/hand | parsed/hand | reflect/lite | fmutils/lite | aip/lite | allocs hand/lite/fmutils/aip |\n")
	fmt.Fprintf(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	for _, op := range maskOps {
		for _, paths := range maskPaths {
			n := func(impl string) string { return mname(op, paths, impl) }
			hand, lite, parsed := r.ns(n("hand")), r.ns(n("lite")), r.ns(n("lite-parsed"))
			refl, fmu, aip := r.ns(n("reflect")), r.ns(n("fmutils")), r.ns(n("aip"))
			unc := r.ns(n("lite-uncached"))
			fmt.Fprintf(w, "| %s/%s paths | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s/%s/%s/%s |\n",
				op, paths, r.cell(n("hand")), r.cell(n("lite")), r.cell(n("lite-uncached")), r.cell(n("lite-parsed")), r.cell(n("reflect")),
				r.cell(n("fmutils")), r.cell(n("aip")),
				ratio(lite, hand), ratio(unc, hand), ratio(parsed, hand), ratio(refl, lite), ratio(fmu, lite), ratio(aip, lite),
				fmtCount(r.allocs(n("hand"))), fmtCount(r.allocs(n("lite"))), fmtCount(r.allocs(n("fmutils"))), fmtCount(r.allocs(n("aip"))))
			if op == "filter" || op == "apply" {
				label := op + " " + paths + " paths"
				targets = append(targets,
					target{"generated ≤ 1.5× hand-written, " + label + " (same mask)", lite <= 1.5*hand, "lite/hand " + ratio(lite, hand)},
					target{"generated ≤ 1.5× hand-written, " + label + " (alternating masks)", unc <= 1.5*hand, "uncached/hand " + ratio(unc, hand)})
				if !math.IsNaN(fmu) {
					targets = append(targets,
						target{"≥ 10× faster than fieldmask-utils, " + label + " (same mask)", fmu >= 10*lite, "fmutils/lite " + ratio(fmu, lite)},
						target{"≥ 10× faster than fieldmask-utils, " + label + " (alternating masks)", fmu >= 10*unc, "fmutils/uncached " + ratio(fmu, unc)})
				}
				if !math.IsNaN(aip) {
					targets = append(targets,
						target{"≥ 10× faster than aip-go, " + label + " (same mask)", aip >= 10*lite, "aip/lite " + ratio(aip, lite)},
						target{"≥ 10× faster than aip-go, " + label + " (alternating masks)", aip >= 10*unc, "aip/uncached " + ratio(aip, unc)})
				}
			}
		}
	}

	// Generation.
	fmt.Fprintf(w, "\n## Plugin generation time\n\n")
	fmt.Fprintf(w, "One CodeGeneratorRequest of 100 files of 20 messages (2,000), with rules on every field\n"+
		"(internal/genbench), given to each plugin in-process: unmarshal the request, generate, marshal the\n"+
		"response (process start-up excluded; protoc-gen-go is the google.golang.org/protobuf version of the\n"+
		"root module). `time` is wall-clock time, what a user waits for: protolite's plugins format their\n"+
		"output files on every core at once (internal/pluginrun), protoc-gen-go one after the other. `CPU` is\n"+
		"the CPU time of all threads, the work done.\n\n")
	fmt.Fprintf(w, "| plugin | time | ÷ protoc-gen-go | CPU | CPU ÷ protoc-gen-go | B/op | allocs/op |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
	goNs, goCPU := r.ns(gname("protoc-gen-go")), r.cpuNs(gname("protoc-gen-go"))
	for _, p := range plugins {
		cpu := "—"
		if c := r.cpuNs(gname(p)); !math.IsNaN(c) {
			cpu = fmtDur(c)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", p, r.cell(gname(p)), ratio(r.ns(gname(p)), goNs),
			cpu, ratio(r.cpuNs(gname(p)), goCPU), fmtBytes(r.bytesOp(gname(p))), fmtCount(r.allocs(gname(p))))
		if p != "protoc-gen-go" {
			targets = append(targets, target{"plugin time ≤ 1.5× protoc-gen-go, " + p, r.ns(gname(p)) <= 1.5*goNs, p + "/go " + ratio(r.ns(gname(p)), goNs)})
		}
	}

	// Targets.
	fmt.Fprintf(w, "\n## Targets\n\n")
	writeTargets(w, "The issue's targets (validation on valid input; masks; plugins)", targets)
	writeTargets(w, "The same validation comparisons on invalid input (error construction; not among the issue's targets)", secondary)
	fmt.Fprintf(w, "\nThe analysis of each miss (profiles, cause, fix) is in [ANALYSIS.md](ANALYSIS.md).\n")
}

func writeTargets(w *bytes.Buffer, title string, targets []target) {
	met := 0
	for _, t := range targets {
		if t.met {
			met++
		}
	}
	fmt.Fprintf(w, "%s: %d of %d met in this run.\n\n| target | result | |\n| --- | --- | --- |\n", title, met, len(targets))
	for _, t := range targets {
		mark := "met"
		if !t.met {
			mark = "**missed**"
		}
		fmt.Fprintf(w, "| %s | %s | %s |\n", t.what, t.detail, mark)
	}
	fmt.Fprintf(w, "\n")
}

func fmtBytes(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	switch {
	case v >= 1<<30:
		return fmt.Sprintf("%.2f GiB", v/(1<<30))
	case v >= 1<<20:
		return fmt.Sprintf("%.1f MiB", v/(1<<20))
	default:
		return fmt.Sprintf("%.0f B", v)
	}
}

// plot draws horizontal bars of ns/op, log scale, one group per scenario,
// one bar per implementation.
func plot(r results) []byte {
	type group struct {
		title string
		names []string // benchmark names, one per impl
		impls []string
	}
	var groups []group
	var sections []struct {
		title string
		start int
	}
	sections = append(sections, struct {
		title string
		start int
	}{"Validation (Validate = first, ValidateAll = all)", 0})
	for _, msg := range validateMsgs {
		for _, input := range validateInputs {
			for _, op := range validateOps {
				g := group{title: msg + " " + input + " " + op}
				for _, impl := range validateImpls {
					g.names = append(g.names, vname(msg, input, op, impl))
					g.impls = append(g.impls, impl)
				}
				groups = append(groups, g)
			}
		}
	}
	sections = append(sections, struct {
		title string
		start int
	}{"Field masks on Mid", len(groups)})
	for _, op := range maskOps {
		for _, paths := range maskPaths {
			g := group{title: op + " " + paths + " paths"}
			for _, impl := range maskImpls {
				g.names = append(g.names, mname(op, paths, impl))
				g.impls = append(g.impls, impl)
			}
			groups = append(groups, g)
		}
	}
	colors := map[string]string{
		"hand": "#4d4d4d", "lite": "#1b9e77", "lite-parsed": "#66c2a5", "reflect": "#7570b3",
		"pgv": "#d95f02", "protovalidate": "#e7298a", "fmutils": "#e6ab02", "aip": "#a6761d",
	}
	order := []string{"hand", "lite", "lite-uncached", "lite-parsed", "reflect", "pgv", "protovalidate", "fmutils", "aip"}

	// Scale: log10 of ns from 10 ns to the largest value.
	maxNs := 100.0
	for _, g := range groups {
		for _, n := range g.names {
			if v := r.ns(n); !math.IsNaN(v) && v > maxNs {
				maxNs = v
			}
		}
	}
	lo, hi := 1.0, math.Ceil(math.Log10(maxNs))
	const (
		left, plotW, barH, gap = 150.0, 600.0, 7.0, 8.0
		top                    = 60.0
	)
	x := func(ns float64) float64 { return left + (math.Log10(ns)-lo)/(hi-lo)*plotW }
	var body bytes.Buffer
	y := top
	sec := 0
	for gi, g := range groups {
		if sec < len(sections) && sections[sec].start == gi {
			y += 14
			fmt.Fprintf(&body, `<text x="4" y="%.1f" font-weight="bold">%s</text>`+"\n", y, sections[sec].title)
			y += 8
			sec++
		}
		n := 0
		for _, name := range g.names {
			if !math.IsNaN(r.ns(name)) {
				n++
			}
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(&body, `<text x="%.1f" y="%.1f" text-anchor="end">%s</text>`+"\n", left-6, y+float64(n)*barH/2+4, g.title)
		for i, name := range g.names {
			v := r.ns(name)
			if math.IsNaN(v) {
				continue
			}
			fmt.Fprintf(&body, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s</title></rect>`+"\n",
				left, y, math.Max(x(v)-left, 1), barH-1, colors[g.impls[i]], g.impls[i], fmtDur(v))
			y += barH
		}
		y += gap
	}
	height := y + 30
	var out bytes.Buffer
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="11">`+"\n", left+plotW+30, height)
	fmt.Fprintf(&out, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&out, `<text x="4" y="16" font-size="14" font-weight="bold">ns/op per implementation per scenario (log scale, median of the runs; shorter is faster)</text>`+"\n")
	// Legend.
	lx := 4.0
	for _, impl := range order {
		fmt.Fprintf(&out, `<rect x="%.1f" y="28" width="10" height="10" fill="%s"/><text x="%.1f" y="37">%s</text>`+"\n", lx, colors[impl], lx+13, impl)
		lx += 20 + float64(len(impl))*6.5
	}
	// Grid.
	for e := lo; e <= hi; e++ {
		gx := x(math.Pow(10, e))
		fmt.Fprintf(&out, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#ddd"/>`+"\n", gx, top, gx, y)
		fmt.Fprintf(&out, `<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>`+"\n", gx, y+14, fmtDur(math.Pow(10, e)))
	}
	out.Write(body.Bytes())
	out.WriteString("</svg>\n")
	return out.Bytes()
}
