package pgverr

import (
	"slices"
	"testing"

	"google.golang.org/protobuf/proto"

	route "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
)

type validator interface {
	proto.Message
	Validate() error
	ValidateAll() error
}

func pathsOf(vs []Violation) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Path)
	}
	return out
}

func TestViolations(t *testing.T) {
	tests := []struct {
		name     string
		msg      validator
		first    string
		all      []string
		firstWhy string
	}{{
		name:     "own fields, in PGV's order",
		msg:      &route.VirtualHost{},
		first:    "name",
		all:      []string{"name", "domains"},
		firstWhy: "value length must be at least 1 runes",
	}, {
		name: "nested through a list, with the index",
		msg: &route.RouteConfiguration{VirtualHosts: []*route.VirtualHost{
			{Name: "a", Domains: []string{"*"}},
			{Name: "", Domains: []string{"a\nb"}},
		}},
		first: "virtual_hosts[1].name",
		all:   []string{"virtual_hosts[1].name", "virtual_hosts[1].domains[0]"},
	}, {
		name:  "an unset required oneof: the oneof's name",
		msg:   &route.Route{Match: &route.RouteMatch{PathSpecifier: &route.RouteMatch_Prefix{Prefix: "/"}}},
		first: "action",
		all:   []string{"action"},
	}, {
		name: "a oneof member's nested violation",
		msg: &route.Route{
			Match:  &route.RouteMatch{PathSpecifier: &route.RouteMatch_Prefix{Prefix: "/"}},
			Action: &route.Route_Redirect{Redirect: &route.RedirectAction{HostRedirect: "a\r\nb"}},
		},
		first: "redirect.host_redirect",
		all:   []string{"redirect.host_redirect"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := tt.msg.ProtoReflect().Descriptor()
			first := Violations(tt.msg.Validate(), md)
			if len(first) != 1 || first[0].Path != tt.first {
				t.Errorf("Validate: got %v, want one violation at %q", first, tt.first)
			}
			if tt.firstWhy != "" && len(first) == 1 && first[0].Reason != tt.firstWhy {
				t.Errorf("Validate: reason %q, want %q", first[0].Reason, tt.firstWhy)
			}
			if got := pathsOf(Violations(tt.msg.ValidateAll(), md)); !slices.Equal(got, tt.all) {
				t.Errorf("ValidateAll: got %q, want %q", got, tt.all)
			}
		})
	}
	if got := Violations(nil, (&route.Route{}).ProtoReflect().Descriptor()); got != nil {
		t.Errorf("nil error: got %v", got)
	}
}

func TestSegment(t *testing.T) {
	md := (&route.RouteConfiguration{}).ProtoReflect().Descriptor()
	for in, want := range map[string]string{
		"VirtualHosts[3]":                "virtual_hosts[3]",
		"RequestHeadersToAdd":            "request_headers_to_add",
		"MaxDirectResponseBodySizeBytes": "max_direct_response_body_size_bytes",
		"NoSuchField":                    "?NoSuchField",
	} {
		if got, _ := segment(in, md); got != want {
			t.Errorf("segment(%q) = %q, want %q", in, got, want)
		}
	}
	// A map with string keys: the key is quoted as in protolite's paths.
	rmd := (&route.Route{}).ProtoReflect().Descriptor()
	if got, _ := segment("TypedPerFilterConfig[envoy.filters.http.a b]", rmd); got != `typed_per_filter_config["envoy.filters.http.a b"]` {
		t.Errorf("map key: got %s", got)
	}
}
