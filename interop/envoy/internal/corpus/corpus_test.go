package corpus

import (
	"math"
	"strings"
	"testing"

	"google.golang.org/protobuf/proto"

	core "github.com/envoyproxy/go-control-plane/envoy/config/core/v3"
	route "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
	typev3 "github.com/envoyproxy/go-control-plane/envoy/type/v3"
)

func TestRules(t *testing.T) {
	fd := (&core.HeaderValue{}).ProtoReflect().Descriptor().Fields().ByName("key")
	r := Rules(fd)
	if r.GetString_().GetMinLen() != 1 || r.GetString_().GetMaxBytes() != 16384 || r.GetString_().GetWellKnownRegex() == 0 {
		t.Errorf("HeaderValue.key rules: got %v", r)
	}
	if r := Rules((&core.HeaderValue{}).ProtoReflect().Descriptor().Fields().ByName("raw_value")); r.GetBytes().GetMaxLen() != 16384 {
		t.Errorf("HeaderValue.raw_value rules: got %v", r)
	}
}

func TestMutations(t *testing.T) {
	v := Value{Name: "vh", Msg: &route.VirtualHost{
		Name:    "vh",
		Domains: []string{"*"},
		Routes: []*route.Route{{
			Match:  &route.RouteMatch{PathSpecifier: &route.RouteMatch_Prefix{Prefix: "/"}},
			Action: &route.Route_Route{Route: &route.RouteAction{ClusterSpecifier: &route.RouteAction_Cluster{Cluster: "c"}}},
		}},
		RequestHeadersToAdd: []*core.HeaderValueOption{{Header: &core.HeaderValue{Key: "x-a", Value: "b"}}},
	}}
	orig, _ := proto.MarshalOptions{Deterministic: true}.Marshal(v.Msg)
	muts := Mutations(v, true)
	names := map[string]bool{}
	for _, m := range muts {
		names[strings.TrimPrefix(m.Name, "vh | ")] = true
		wire, _ := proto.MarshalOptions{Deterministic: true}.Marshal(m.Msg)
		if string(wire) == string(orig) {
			t.Errorf("%s: the same as the original", m.Name)
		}
	}
	if !proto.Equal(v.Msg, &route.VirtualHost{Name: "vh", Domains: []string{"*"}, Routes: v.Msg.(*route.VirtualHost).Routes,
		RequestHeadersToAdd: v.Msg.(*route.VirtualHost).RequestHeadersToAdd}) {
		t.Error("Mutations changed the original")
	}
	for _, want := range []string{
		`name cleared`,
		`domains cleared`, // "with 0 items" is the same value
		`domains = ["a\r\nInjected: 1"]`,
		`routes[0].route cleared`,
		`request_headers_to_add[0].header.value = "a\r\nInjected: 1"`,
		`request_headers_to_add[0].header.key = ":authority"`,
		`request_headers_to_add with 1001 items`,
	} {
		if !names[want] {
			t.Errorf("no mutation %q among %d", want, len(muts))
		}
	}
	// Only the root's own fields when not deep.
	for _, m := range Mutations(v, false) {
		if p := strings.TrimPrefix(m.Name, "vh | "); strings.ContainsAny(strings.Fields(p)[0], ".[") {
			t.Errorf("shallow mutation of a nested field: %s", m.Name)
		}
	}
}

func TestNumberValues(t *testing.T) {
	// uint32 gte 1, lte 65535 (a port): both bounds and both sides.
	fd := (&core.SocketAddress{}).ProtoReflect().Descriptor().Fields().ByName("port_value")
	got := map[uint32]bool{}
	for _, v := range scalarValues(fd, Rules(fd)) {
		got[uint32(v.Uint())] = true
	}
	for _, want := range []uint32{0, 1, 65535, 65536} {
		if !got[want] {
			t.Errorf("port_value candidates lack %d: %v", want, got)
		}
	}
	// A double under a range (a percentage, 0 to 100): NaN and the
	// infinities are tried, and each bound with its neighbours.
	pfd := (&typev3.Percent{}).ProtoReflect().Descriptor().Fields().ByName("value")
	var nan, inf, above bool
	for _, v := range scalarValues(pfd, Rules(pfd)) {
		f := v.Float()
		nan = nan || math.IsNaN(f)
		inf = inf || math.IsInf(f, 1)
		above = above || f == math.Nextafter(100, 200)
	}
	if !nan || !inf || !above {
		t.Errorf("Percent.value candidates: NaN %v, +Inf %v, just above 100 %v", nan, inf, above)
	}
}

func TestDurationValuesIncludeInvalid(t *testing.T) {
	invalid := 0
	for _, d := range durationValues(nil) {
		if d.CheckValid() != nil {
			invalid++
		}
	}
	if invalid != 3 {
		t.Errorf("%d invalid Durations, want 3", invalid)
	}
}
