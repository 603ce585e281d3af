package runtime

import (
	"net/mail"
	"net/netip"
	"net/url"
	"testing"
)

var formatBenchSink bool

// formatBenchmarks are typical valid inputs, and one invalid input each.
var formatBenchmarks = []struct {
	name  string
	check func(string) bool
	valid string
	bad   string
}{
	{"Email", IsEmail, "first.last+tag@mail.example.com", "first.last@example.com."},
	{"Hostname", IsHostname, "api.eu-west-1.example.com", "api.eu_west.example.com"},
	{"IP/v4", IsIP, "192.168.100.200", "192.168.100.256"},
	{"IP/v6", IsIP, "2001:db8:85a3::8a2e:370:7334", "2001:db8::1%eth0"},
	{"IPv4", IsIPv4, "192.168.100.200", "192.168.100.025"},
	{"IPv6", IsIPv6, "2001:db8:85a3::8a2e:370:7334", "2001:db8::85a3::1"},
	{"IPv6/mapped", IsIPv6, "::ffff:192.168.100.200", "::ffff:192.168.100"},
	{"URI", IsURI, "https://user@api.example.com:8443/v1/items/42?fields=a,b&page=2#top", "https://api.example.com/a b"},
	{"URIRef", IsURIRef, "../items/42?fields=a%2Cb#top", "../items/42?fields=a%zz"},
	{"Address/host", IsAddress, "api.example.com", "api.example.com:80"},
	{"Address/v6", IsAddress, "2001:db8::1", "[2001:db8::1]"},
	{"UUID", IsUUID, "123e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-42661417400g"},
}

func BenchmarkFormats(b *testing.B) {
	for _, bm := range formatBenchmarks {
		b.Run(bm.name+"/valid", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				formatBenchSink = bm.check(bm.valid)
			}
			if !bm.check(bm.valid) {
				b.Fatalf("%q is not valid", bm.valid)
			}
		})
		b.Run(bm.name+"/invalid", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				formatBenchSink = bm.check(bm.bad)
			}
			if bm.check(bm.bad) {
				b.Fatalf("%q is valid", bm.bad)
			}
		})
	}
}

func BenchmarkIPBytes(b *testing.B) {
	ip := []byte{192, 0, 2, 1}
	b.ReportAllocs()
	for b.Loop() {
		formatBenchSink = IsIPBytes(ip) && IsIPv4Bytes(ip) && !IsIPv6Bytes(ip)
	}
}

// The standard-library parsers, for comparison with the checkers above.

func BenchmarkStdlib(b *testing.B) {
	b.Run("netip.ParseAddr/v4", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := netip.ParseAddr("192.168.100.200")
			formatBenchSink = err == nil
		}
	})
	b.Run("netip.ParseAddr/v6", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := netip.ParseAddr("2001:db8:85a3::8a2e:370:7334")
			formatBenchSink = err == nil
		}
	})
	b.Run("netip.ParseAddr/invalid", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := netip.ParseAddr("192.168.100.256")
			formatBenchSink = err == nil
		}
	})
	b.Run("mail.ParseAddress", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := mail.ParseAddress("first.last+tag@mail.example.com")
			formatBenchSink = err == nil
		}
	})
	b.Run("url.Parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, err := url.Parse("https://user@api.example.com:8443/v1/items/42?fields=a,b&page=2#top")
			formatBenchSink = err == nil
		}
	})
}
