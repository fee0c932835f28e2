package receive

import (
	"net"
	"net/netip"
	"slices"
)

// OnLAN reports whether a phone on the same local network can open a page
// served at a: a private IPv4 address (RFC 1918: 10/8, 172.16/12,
// 192.168/16) or a unique local IPv6 address (RFC 4193, fc00::/7; fd00::/8
// in practice). Not loopback (the phone's own), not link-local (169.254/16
// and fe80::/10: no address a browser opens from a QR code), not the
// unspecified address (no host at all), and not a public address: the page
// would be open to the internet.
func OnLAN(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsPrivate() && !a.IsLoopback() && !a.IsLinkLocalUnicast()
}

// LANAddresses are the addresses among a machine's interface addresses
// (InterfaceAddrs) a phone on the same network can reach (OnLAN), each once,
// the one to serve on first: IPv4 before IPv6, a phone's scanner and its
// user read it better; 192.168/16 (home routers) before 10/8 before
// 172.16/12 (Docker's bridges are 172.17 and up, VPNs often 10); else as
// the interfaces list them. None means the machine has no address on a
// local network: only loopback, link-local or public addresses.
func LANAddresses(addrs []netip.Addr) []netip.Addr {
	var out []netip.Addr
	for _, a := range addrs {
		a = a.Unmap().WithZone("")
		if OnLAN(a) && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b netip.Addr) int { return rank(a) - rank(b) })
	return out
}

// rank orders the local network addresses: home routers' first.
func rank(a netip.Addr) int {
	for i, p := range []netip.Prefix{
		netip.MustParsePrefix("192.168.0.0/16"),
		netip.MustParsePrefix("10.0.0.0/8"),
		netip.MustParsePrefix("172.16.0.0/12"),
	} {
		if p.Contains(a) {
			return i
		}
	}
	return 3 // unique local IPv6
}

// InterfaceAddrs are the addresses of this machine's network interfaces
// that are up, for LANAddresses; none when they cannot be listed.
func InterfaceAddrs() []netip.Addr {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var out []netip.Addr
	for _, i := range ifaces {
		if i.Flags&net.FlagUp == 0 {
			continue
		}
		addrs, err := i.Addrs()
		if err != nil {
			continue
		}
		for _, addr := range addrs {
			if n, ok := addr.(*net.IPNet); ok {
				if a, ok := netip.AddrFromSlice(n.IP); ok {
					out = append(out, a.Unmap())
				}
			}
		}
	}
	return out
}
