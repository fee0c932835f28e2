package receive_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"vault/receive"
)

// TestSlowConnectionsWithoutToken: 2,000 connections without the token
// (300 with -short, within smaller limits), from eight addresses and the
// phone's own, trickling their requests (half a header that never ends,
// half a body that never ends) leave the page answering the token's holder
// (#31, item 5: before, such connections were each held, past 65 s, until
// the process ran out of files). The session holds no more connections
// than its limit, and logs the refusals as one count. The GET's deadline
// is a safety net; the time it took is logged.
func TestSlowConnectionsWithoutToken(t *testing.T) {
	n, lim := 2000, receive.Limits{}
	if testing.Short() {
		n, lim = 300, receive.Limits{Conns: 64, ConnsPerAddr: 16}
	}
	lim.Report = time.Hour // one report, at the end
	n = fitFileLimit(t, n)
	s := newServed(t, 1<<20, 1<<20, lim)
	if lim.Conns == 0 {
		lim.Conns = 256 // the default
	}
	from := loopbacks(8)
	target := strings.TrimPrefix(s.base, "http://")
	before := openFiles(t)
	header := func(i int) bool { return i/len(from)%2 == 0 } // the ones that never end their header; the others their body

	conns := make([]net.Conn, 0, n)
	var mu sync.Mutex // conns' entries, nil once closed
	closeAll := func() {
		mu.Lock()
		defer mu.Unlock()
		for i, c := range conns {
			if c != nil {
				c.Close()
				conns[i] = nil
			}
		}
	}
	defer closeAll()
	for i := range n {
		d := net.Dialer{LocalAddr: &net.TCPAddr{IP: from[i%len(from)]}, Timeout: 30 * time.Second}
		c, err := d.Dial("tcp", target)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		c.SetWriteDeadline(time.Now().Add(time.Second))
		if header(i) {
			fmt.Fprintf(c, "GET /%032x HTTP/1.1\r\nHost: x\r\n", i)
		} else {
			fmt.Fprintf(c, "POST /%032x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n", i)
		}
		mu.Lock()
		conns = append(conns, c)
		mu.Unlock()
	}
	stop := make(chan struct{})
	trickled := make(chan struct{})
	go func() { // one more line or chunk on each, every 200 ms
		defer close(trickled)
		for round := 0; ; round++ {
			select {
			case <-stop:
				return
			case <-time.After(200 * time.Millisecond):
			}
			mu.Lock()
			for i, c := range conns {
				if c == nil {
					continue
				}
				c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
				var err error
				if header(i) {
					_, err = fmt.Fprintf(c, "X-Round-%d: slow\r\n", round)
				} else {
					_, err = io.WriteString(c, "1\r\nx\r\n")
				}
				if err != nil { // the server closed it
					c.Close()
					conns[i] = nil
				}
			}
			mu.Unlock()
		}
	}()
	var once sync.Once
	stopTrickle := func() { once.Do(func() { close(stop); <-trickled }) }
	defer stopTrickle()

	// The attack is in place once the server has taken every connection.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if accepted, _, _ := s.h.ConnStats(); accepted >= int64(n) {
			break
		}
		if time.Now().After(deadline) {
			accepted, _, _ := s.h.ConnStats()
			t.Fatalf("the server took %d of %d connections", accepted, n)
		}
	}
	during := openFiles(t)
	accepted, dropped, live := s.h.ConnStats()

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	start := time.Now()
	resp, err := client.Get(s.url)
	took := time.Since(start)
	if err != nil {
		t.Fatalf("the token's holder, under %d slow connections without it: %v after %v", n, err, took)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Send to vault") {
		t.Fatalf("the token's holder: %d %.100q", resp.StatusCode, page)
	}
	t.Logf("%d slow connections without the token from %d addresses: the page answered the token's holder in %v; "+
		"the server accepted %d, closed %d over the limits, held %d; files open in the process: %d before, %d during (%d of them the test's own connections)",
		n, len(from), took.Round(time.Millisecond), accepted, dropped, live, before, during, n)
	if live > lim.Conns {
		t.Errorf("the server holds %d connections, over its limit of %d", live, lim.Conns)
	}
	if server := during - before - n; server > lim.Conns+8 {
		t.Errorf("the server holds %d files for connections (%d open in all, %d before, %d the test's), over its limit of %d",
			server, during, before, n, lim.Conns)
	}

	stopTrickle()
	closeAll()
	s.stop()
	s.mu.Lock()
	defer s.mu.Unlock()
	var refusals int
	for _, l := range s.log {
		if strings.HasPrefix(l, "refused") {
			refusals++
			if !strings.Contains(l, "requests without the token from") {
				t.Errorf("the refusals: %q", l)
			}
		}
		if strings.HasPrefix(l, "server:") {
			t.Errorf("the server complained: %s", l)
		}
	}
	if refusals != 1 || len(s.log) > 3 {
		t.Errorf("the log, %d lines; want the refusals counted in one:\n%s", len(s.log), strings.Join(s.log, "\n"))
	}
	t.Logf("the log:\n%s", strings.Join(s.log, "\n"))
}

// fitFileLimit raises the process's soft limit on open files to what n
// connections (both ends of some) need, as far as the hard limit allows;
// fewer connections when it does not.
func fitFileLimit(t *testing.T, n int) int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		t.Fatal(err)
	}
	const spare = 1024 // the server's end of each connection it keeps, the vault, the test's own
	if need := uint64(n + spare); lim.Cur < need && lim.Cur < lim.Max {
		was := lim
		lim.Cur = min(need, lim.Max)
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { syscall.Setrlimit(syscall.RLIMIT_NOFILE, &was) })
	}
	if fit := int(lim.Cur) - spare; fit < n {
		if fit < 100 {
			t.Skipf("the file limit (%d, at most %d) leaves no room for the connections", lim.Cur, lim.Max)
		}
		t.Logf("the file limit (%d) leaves room for %d connections, not %d", lim.Cur, fit, n)
		n = fit
	}
	return n
}

// openFiles counts the process's open file descriptors.
func openFiles(t *testing.T) int {
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(fds)
}

// loopbacks are up to n loopback addresses to connect from: Linux answers
// on all of 127/8.
func loopbacks(n int) []net.IP {
	out := []net.IP{net.IPv4(127, 0, 0, 1)}
	for i := 2; i <= n; i++ {
		ip := net.IPv4(127, 0, 0, byte(i))
		ln, err := net.ListenTCP("tcp", &net.TCPAddr{IP: ip})
		if err != nil {
			break
		}
		ln.Close()
		out = append(out, ip)
	}
	return out
}
