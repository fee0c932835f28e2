package receive

import (
	"net/netip"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLANAddresses(t *testing.T) {
	addrs := func(ss ...string) []netip.Addr {
		var out []netip.Addr
		for _, s := range ss {
			out = append(out, netip.MustParseAddr(s))
		}
		return out
	}
	for _, c := range []struct {
		name  string
		addrs []netip.Addr
		want  []netip.Addr // the one to serve on first
	}{
		{"none", nil, nil},
		{"loopback only", addrs("127.0.0.1", "::1"), nil},
		{"a public address only", addrs("127.0.0.1", "203.0.113.5", "2001:db8::5"), nil},
		{"link-local only", addrs("169.254.10.20", "fe80::1%eth0", "fe80::2"), nil},
		{"unspecified", addrs("0.0.0.0", "::"), nil},
		{"10/8", addrs("127.0.0.1", "10.0.0.12"), addrs("10.0.0.12")},
		{"172.16/12", addrs("172.16.0.1"), addrs("172.16.0.1")},
		{"172.31 is in, 172.32 and 172.15 are not", addrs("172.32.0.1", "172.15.0.1", "172.31.255.254"), addrs("172.31.255.254")},
		{"192.168/16", addrs("192.168.1.20"), addrs("192.168.1.20")},
		{"IPv4 in IPv6", addrs("::ffff:192.168.1.20"), addrs("192.168.1.20")},
		{"unique local IPv6 (fd00::/8)", addrs("fe80::1", "fd12:3456:789a::5"), addrs("fd12:3456:789a::5")},
		{"several: home router's first, IPv6 last, each once", addrs("127.0.0.1", "fd00::5", "172.17.0.1", "10.8.0.2", "203.0.113.5", "192.168.1.20", "10.8.0.2"),
			addrs("192.168.1.20", "10.8.0.2", "172.17.0.1", "fd00::5")},
		{"several of a kind: as the interfaces list them", addrs("10.0.0.12", "10.8.0.2"), addrs("10.0.0.12", "10.8.0.2")},
	} {
		got := LANAddresses(c.addrs)
		if diff := cmp.Diff(c.want, got, cmp.Comparer(func(a, b netip.Addr) bool { return a == b })); diff != "" {
			t.Errorf("%s: LANAddresses(%v) (-want +got):\n%s", c.name, c.addrs, diff)
		}
		for _, a := range got {
			if !OnLAN(a) {
				t.Errorf("%s: %s chosen, but not OnLAN", c.name, a)
			}
		}
	}
}

func TestOnLAN(t *testing.T) {
	for s, want := range map[string]bool{
		"192.168.0.1": true, "10.255.255.255": true, "172.16.0.0": true, "fd00::1": true, "fc00::1": true, "::ffff:10.0.0.1": true,
		"127.0.0.1": false, "::1": false, "169.254.1.1": false, "fe80::1": false, "0.0.0.0": false, "::": false,
		"8.8.8.8": false, "2001:db8::1": false, "100.64.0.1": false, "224.0.0.1": false,
	} {
		if got := OnLAN(netip.MustParseAddr(s)); got != want {
			t.Errorf("OnLAN(%s) = %v, want %v", s, got, want)
		}
	}
}
