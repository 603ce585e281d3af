package verdict

import (
	"sync"
	"testing"

	core "github.com/envoyproxy/go-control-plane/envoy/config/core/v3"
	route "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
	resource "github.com/envoyproxy/go-control-plane/pkg/test/resource/v3"

	"github.com/protolite/protolite/interop/envoy/internal/corpus"
)

// invalidValues are test resources each broken in one place, deep in
// another Go package than the resource's (the figures of issue 16).
func invalidValues() []corpus.Value {
	routeNoAction := resource.MakeRouteConfig("route-0", "cluster-0")
	routeNoAction.VirtualHosts[0].Routes[0].Action = nil
	crlf := resource.MakeRouteConfig("route-0", "cluster-0")
	crlf.VirtualHosts[0].RequestHeadersToAdd = []*core.HeaderValueOption{{
		Header: &core.HeaderValue{Key: "x-a", Value: "a\r\nInjected: 1"},
	}}
	badDomain := resource.MakeVirtualHost("vh", "cluster-0")
	badDomain.Domains = []string{"a\nb"}
	return []corpus.Value{
		{Name: "Listener{port 70000}", Msg: resource.MakeRouteHTTPListener(resource.Ads, "listener-0", 70000, "route-0")},
		{Name: "TCPListener{port 70000}", Msg: resource.MakeTCPListener("listener-0", 70000, "cluster-0")},
		{Name: "ClusterLoadAssignment{port 70000}", Msg: resource.MakeEndpoint("cluster-0", 70000)},
		{Name: "RouteConfiguration{route without action}", Msg: routeNoAction},
		{Name: "RouteConfiguration{CRLF in a header value}", Msg: crlf},
		{Name: "VirtualHost{LF in a domain}", Msg: badDomain},
		{Name: "Route{empty}", Msg: &route.Route{}},
	}
}

// decoded are values decoded into both worlds, for benchmarks.
type decoded struct {
	name      string
	pgv, lite validator
}

func decodeAll(tb testing.TB, vals []corpus.Value) []decoded {
	var out []decoded
	for _, v := range vals {
		o := check(v)
		if o.problem == "no PGV validator" {
			continue
		}
		if o.problem != "" {
			tb.Fatalf("%s: %s", v.Name, o.problem)
		}
		out = append(out, decoded{benchName(v.Name), o.gcp.(validator), o.lite.(validator)})
	}
	return out
}

// TestInvalidValues checks that both sides find the benchmarks' invalid
// values invalid, at the same path.
func TestInvalidValues(t *testing.T) {
	for _, v := range invalidValues() {
		o := check(v)
		if o.problem != "" {
			t.Errorf("%s: %s", v.Name, o.problem)
			continue
		}
		if len(o.pgvFirst) == 0 || len(o.liteFirst) == 0 || first(o.pgvFirst) != first(o.liteFirst) {
			t.Errorf("%s: PGV %v, protolite %v", v.Name, o.pgvFirst, o.liteFirst)
		}
	}
}

// BenchmarkValidateInvalid times Validate and ValidateAll on each invalid
// value, PGV's and protolite's side by side.
func BenchmarkValidateInvalid(b *testing.B) {
	for _, d := range decodeAll(b, invalidValues()) {
		for _, op := range []struct {
			name      string
			pgv, lite func() error
		}{{"first", d.pgv.Validate, d.lite.Validate}, {"all", d.pgv.ValidateAll, d.lite.ValidateAll}} {
			b.Run("value="+d.name+"/op="+op.name+"/impl=pgv", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if op.pgv() == nil {
						b.Fatal("valid")
					}
				}
			})
			b.Run("value="+d.name+"/op="+op.name+"/impl=protolite", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if op.lite() == nil {
						b.Fatal("valid")
					}
				}
			})
		}
	}
}

// corpusPairs is the whole verdict corpus, decoded into both worlds.
var corpusPairs = sync.OnceValue(func() []decoded {
	vals, _ := values()
	var out []decoded
	for _, v := range vals {
		o := check(v)
		if o.problem != "" {
			continue
		}
		out = append(out, decoded{v.Name, o.gcp.(validator), o.lite.(validator)})
	}
	return out
})

// BenchmarkCorpus validates every value of the verdict corpus once per
// iteration (about two thirds of them invalid): ns/op, B/op and
// allocs/op are totals for the whole corpus.
func BenchmarkCorpus(b *testing.B) {
	pairs := corpusPairs()
	b.Logf("%d values", len(pairs))
	for _, op := range []string{"first", "all"} {
		for _, impl := range []string{"pgv", "protolite"} {
			b.Run("op="+op+"/impl="+impl, func(b *testing.B) {
				fs := make([]func() error, len(pairs))
				for i, p := range pairs {
					v := p.pgv
					if impl == "protolite" {
						v = p.lite
					}
					fs[i] = v.Validate
					if op == "all" {
						fs[i] = v.ValidateAll
					}
				}
				b.ReportAllocs()
				for b.Loop() {
					for _, f := range fs {
						_ = f()
					}
				}
			})
		}
	}
}
