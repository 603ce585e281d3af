// Package corpus builds the Envoy values the verdict tests compare
// protolite's validators with PGV's on, all in go-control-plane's Go types:
//
//   - go-control-plane's own test resources (pkg/test/resource/v3), every
//     constructor in every xDS mode and a TLS snapshot (Resources);
//   - the configurations packed in their Any fields (typed_config),
//     unpacked (Unpacked);
//   - the empty value of every message type of the set (Empty);
//   - single-field mutations of each (Mutations): for every field of every
//     message reached, the field cleared, and values chosen from the field's
//     PGV rules to sit on, inside and outside each bound (NaN and infinities,
//     invalid Durations, CRLF in header values, strings one rune too long,
//     lists one item too many, duplicates for unique, undefined enum
//     numbers, ...).
//
// A Value is transferred to protolite's Go types by proto.Marshal and
// proto.Unmarshal (same wire format, other Go packages).
package corpus

import (
	"fmt"
	"slices"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	rsrc "github.com/envoyproxy/go-control-plane/pkg/resource/v3"
	resource "github.com/envoyproxy/go-control-plane/pkg/test/resource/v3"
)

// Value is one message to validate, in go-control-plane's Go types.
type Value struct {
	// Name tells where the value comes from, e.g.
	// `MakeCluster(ads) | load_assignment.cluster_name = ""`.
	Name string
	Msg  proto.Message
}

// modes are the xDS modes the resource constructors take.
var modes = []string{resource.Ads, resource.Xds, resource.Rest, resource.Delta, resource.DeltaAds}

// Resources returns go-control-plane's test resources: each constructor of
// pkg/test/resource/v3 in each mode, and the resources of a snapshot with
// TLS on every listener and SDS secrets, as go-control-plane's integration
// test builds them.
func Resources() []Value {
	var out []Value
	add := func(name string, m proto.Message) { out = append(out, Value{Name: name, Msg: m}) }

	add("MakeEndpoint", resource.MakeEndpoint("cluster-0", 18080))
	for _, mode := range modes {
		add(fmt.Sprintf("MakeCluster(%s)", mode), resource.MakeCluster(mode, "cluster-0"))
		add(fmt.Sprintf("MakeVHDSRouteConfig(%s)", mode), resource.MakeVHDSRouteConfig(mode, "route-0"))
		add(fmt.Sprintf("MakeRouteHTTPListener(%s)", mode), resource.MakeRouteHTTPListener(mode, "listener-0", 9000, "route-0"))
		add(fmt.Sprintf("MakeRouteHTTPListenerDefaultFilterChain(%s)", mode), resource.MakeRouteHTTPListenerDefaultFilterChain(mode, "listener-0", 9000, "route-0"))
		add(fmt.Sprintf("MakeScopedRouteHTTPListener(%s)", mode), resource.MakeScopedRouteHTTPListener(mode, "listener-0", 9000))
		add(fmt.Sprintf("MakeScopedRouteHTTPListenerForRoute(%s)", mode), resource.MakeScopedRouteHTTPListenerForRoute(mode, "listener-0", 9000, "route-0"))
		add(fmt.Sprintf("MakeExtensionConfig(%s)", mode), resource.MakeExtensionConfig(mode, "extension-0", "route-0"))
	}
	add("MakeRouteConfig", resource.MakeRouteConfig("route-0", "cluster-0"))
	add("MakeScopedRouteConfig", resource.MakeScopedRouteConfig("scoped-route-0", "route-0", []string{"127.0.0.1:9000"}))
	add("MakeVirtualHost", resource.MakeVirtualHost("route-0/127.0.0.1:9000", "cluster-0"))
	add("MakeTCPListener", resource.MakeTCPListener("listener-0", 9000, "cluster-0"))
	add("MakeRuntime", resource.MakeRuntime("runtime-0"))
	for i, s := range resource.MakeSecrets("tls_certificate", "root_validation") {
		add(fmt.Sprintf("MakeSecrets[%d]", i), s)
	}

	// A snapshot with TLS: the listeners get DownstreamTlsContext transport
	// sockets pointing at SDS.
	snap := (&resource.TestSnapshot{
		Xds: resource.Ads, Version: "1", UpstreamPort: 18080, BasePort: 9000,
		NumClusters: 1, NumHTTPListeners: 1, NumScopedHTTPListeners: 1, NumVHDSHTTPListeners: 1,
		NumTCPListeners: 1, NumRuntimes: 1, TLS: true, NumExtension: 1,
	}).Generate()
	for _, typ := range []string{
		rsrc.EndpointType, rsrc.ClusterType, rsrc.RouteType, rsrc.ScopedRouteType, rsrc.VirtualHostType,
		rsrc.ListenerType, rsrc.RuntimeType, rsrc.SecretType, rsrc.ExtensionConfigType,
	} {
		res := snap.GetResources(typ)
		names := make([]string, 0, len(res))
		for name := range res {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			add(fmt.Sprintf("TestSnapshot{TLS}[%s %s]", shortType(typ), name), res[name])
		}
	}
	return out
}

// shortType is the message name at the end of a type URL.
func shortType(typeURL string) string {
	for i := len(typeURL) - 1; i >= 0; i-- {
		if typeURL[i] == '.' {
			return typeURL[i+1:]
		}
	}
	return typeURL
}

// Empty returns the empty value of each message type, named after it.
func Empty(types []protoreflect.MessageType) []Value {
	out := make([]Value, 0, len(types))
	for _, mt := range types {
		out = append(out, Value{Name: string(mt.Descriptor().FullName()) + "{}", Msg: mt.New().Interface()})
	}
	return out
}
