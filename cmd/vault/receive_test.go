package main

import (
	"bytes"
	"context"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"vault/receive"
)

func addrList(ss ...string) []netip.Addr {
	var out []netip.Addr
	for _, s := range ss {
		out = append(out, netip.MustParseAddr(s))
	}
	return out
}

// TestListenAddress: 'vault receive' serves where --listen says, else on
// the machine's first local network address, else on loopback; the URL
// names where it serves, or, served on every address, the first local
// network one; the others are named when vault chose (#30, item 10).
func TestListenAddress(t *testing.T) {
	port := func(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }
	for _, c := range []struct {
		flag   string
		addrs  []netip.Addr
		listen string
		at     netip.AddrPort // where the server listens
		url    netip.AddrPort // and what the URL names
		others []netip.Addr
	}{
		{"", nil, "127.0.0.1:0", port("127.0.0.1:5"), port("127.0.0.1:5"), nil},
		{"", addrList("127.0.0.1", "::1"), "127.0.0.1:0", port("127.0.0.1:5"), port("127.0.0.1:5"), nil},
		{"", addrList("203.0.113.5", "2001:db8::5", "169.254.3.4", "fe80::1"), "127.0.0.1:0", port("127.0.0.1:5"), port("127.0.0.1:5"), nil},
		{"", addrList("127.0.0.1", "192.168.1.20"), "192.168.1.20:0", port("192.168.1.20:5"), port("192.168.1.20:5"), nil},
		{"", addrList("172.17.0.1", "10.0.0.12", "192.168.1.20"), "192.168.1.20:0", port("192.168.1.20:5"), port("192.168.1.20:5"),
			addrList("10.0.0.12", "172.17.0.1")},
		{"", addrList("fe80::1", "fd12::5"), "[fd12::5]:0", port("[fd12::5]:5"), port("[fd12::5]:5"), nil},
		{"10.0.0.12:8765", addrList("192.168.1.20", "10.0.0.12"), "10.0.0.12:8765", port("10.0.0.12:8765"), port("10.0.0.12:8765"), nil},
		{":8765", addrList("192.168.1.20", "10.0.0.12"), ":8765", port("[::]:8765"), port("192.168.1.20:8765"), addrList("10.0.0.12")},
		{":8765", addrList("127.0.0.1"), ":8765", port("[::]:8765"), port("[::]:8765"), nil},
	} {
		lan := receive.LANAddresses(c.addrs)
		listen := listenAddress(c.flag, lan)
		url, others := urlAddress(c.at, c.flag == "", lan)
		if listen != c.listen || url != c.url || !cmp.Equal(others, c.others, cmp.Comparer(func(a, b netip.Addr) bool { return a == b }), cmpopts.EquateEmpty()) {
			t.Errorf("--listen %q on %v: listens on %q, the URL names %s and the others %v; want %q, %s, %v",
				c.flag, c.addrs, listen, url, others, c.listen, c.url, c.others)
		}
	}
}

// TestUnreachable: what the warning says of each address a phone cannot
// use, and nothing of one it can.
func TestUnreachable(t *testing.T) {
	for _, c := range []struct {
		addr  string
		noLAN bool
		want  string // a part of the warning; "" for none
	}{
		{"192.168.1.20", false, ""},
		{"10.0.0.12", false, ""},
		{"fd12::5", false, ""},
		{"127.0.0.1", true, "this computer has no address on a local network, and a phone cannot reach 127.0.0.1, its loopback address"},
		{"127.0.0.1", false, "a phone cannot reach 127.0.0.1: it is this computer's loopback address"},
		{"::1", false, "a phone cannot reach [::1]"},
		{"::", true, "this computer has no address on a local network: [::] stands for every address it has"},
		{"169.254.3.4", false, "a phone cannot open 169.254.3.4: it is a link-local address"},
		{"203.0.113.5", false, "203.0.113.5 is a public address: the page is open to anyone on the internet"},
	} {
		got := unreachable(netip.MustParseAddr(c.addr), c.noLAN)
		if c.want == "" && got != "" || !strings.Contains(got, c.want) {
			t.Errorf("unreachable(%s, no LAN %v) = %q, want %q", c.addr, c.noLAN, got, c.want)
		}
	}
}

// cancelOnWrite ends a context once something is written to it: a receive
// session stops as soon as it has announced its address.
type cancelOnWrite struct {
	bytes.Buffer
	cancel context.CancelFunc
}

func (w *cancelOnWrite) Write(p []byte) (int, error) {
	defer w.cancel()
	return w.Buffer.Write(p)
}

// TestReceiveWithoutLAN runs a session on a machine with no local network
// address: it serves on loopback, says no phone reaches it and how to give
// one, and offers no QR code or "open it on your phone".
func TestReceiveWithoutLAN(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "v")
	vaultCmd(t, "--vault", dir, "init")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &cancelOnWrite{cancel: cancel}
	var errOut bytes.Buffer
	a := &app{stdout: out, stderr: &errOut, getenv: os.Getenv, now: time.Now, loc: time.UTC, vaultFlag: dir}
	defer a.close()
	o := &receiveOptions{idle: time.Minute, maxFile: "1MB", maxTotal: "1MB", noRead: true,
		interfaces: func() []netip.Addr { return addrList("127.0.0.1", "::1", "203.0.113.5", "169.254.3.4", "fe80::1") }}
	if err := a.runReceive(ctx, o); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^http://127\.0\.0\.1:\d+/[0-9a-f]{32}\n$`).MatchString(out.String()) {
		t.Errorf("stdout: %q, want the loopback URL", out.String())
	}
	for _, want := range []string{
		"vault: warning: this computer has no address on a local network, and a phone cannot reach 127.0.0.1, its loopback address.\n",
		"with --listen ADDR:PORT, as in 'vault receive --listen 192.168.1.20:8765'",
		"stopped receiving: 0 new files",
	} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
		}
	}
	if strings.Contains(errOut.String(), "open the address on your phone") {
		t.Errorf("stderr tells to open an address no phone reaches:\n%s", errOut.String())
	}
}
