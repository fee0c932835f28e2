package receive

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Limits bound what the connections to a session may hold: someone on the
// network without the token can open many and send slowly. A zero field
// takes its default.
type Limits struct {
	// Conns is how many connections are open at once (default 256): far
	// below the process's file limit, far above what phones use.
	Conns int
	// ConnsPerAddr is how many connections from one address may wait
	// for their first request with the token (default 64).
	ConnsPerAddr int
	// Header is the time to read a request's header (default 10 s).
	Header time.Duration
	// BodyIdle is the longest wait for more of an upload (default 30 s):
	// each arrival starts it again, so a slow upload lasts as long as it
	// goes on, and a stalled one ends.
	BodyIdle time.Duration
	// Report is how often refusals are counted in the log (default 10 s).
	Report time.Duration
}

func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.Conns, 256)
	def(&l.ConnsPerAddr, 64)
	defDur(&l.Header, 10*time.Second)
	defDur(&l.BodyIdle, 30*time.Second)
	defDur(&l.Report, 10*time.Second)
	return l
}

// maxHeaderBytes bounds a request's header: the page's own are short, and
// each connection open may hold this much.
const maxHeaderBytes = 16 << 10

type connKey struct{}

// Serve answers on ln until ctx ends or the session has been idle longer
// than allowed, within the session's Limits; then it lets uploads under
// way finish (for up to 10 s) and returns. Refusals are logged as counts,
// every Limits.Report and at the end.
func (h *Handler) Serve(ctx context.Context, ln net.Listener) error {
	lim := h.cfg.Limits
	conns := newListener(ln, lim.Conns, lim.ConnsPerAddr)
	h.mu.Lock()
	h.conns = conns
	h.mu.Unlock()
	defer h.report()
	srv := &http.Server{Handler: h, ReadHeaderTimeout: lim.Header, IdleTimeout: time.Minute, MaxHeaderBytes: maxHeaderBytes,
		ConnContext: func(ctx context.Context, c net.Conn) context.Context { return context.WithValue(ctx, connKey{}, c) },
		ErrorLog:    log.New(logWriter(h.cfg.Log), "", 0)}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(conns) }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	report := time.NewTicker(lim.Report)
	defer report.Stop()
	for {
		select {
		case err := <-errc:
			return err
		case <-report.C:
			h.report()
			continue
		case <-ctx.Done():
		case <-tick.C:
			if !h.Expired() {
				continue
			}
		}
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); errors.Is(err, context.DeadlineExceeded) {
			return srv.Close() // a connection that would not finish: cut it, keep what came
		} else if err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// logWriter passes the server's own complaints (an accept that failed) to
// the session's log.
type logWriter func(format string, args ...any)

func (f logWriter) Write(p []byte) (int, error) {
	f("server: %s", strings.TrimSpace(string(p)))
	return len(p), nil
}

// Why a request was refused, as the counts in the log name it.
type reason int

const (
	noToken reason = iota
	expired
	noPage
	reasons
)

var reasonText = [reasons]string{"without the token", "after the session expired", "for a page that does not exist"}

// refusals counts the requests refused since the last report, and from
// where. Addresses are kept up to maxAddrs.
type refusals struct {
	n     [reasons]int
	addrs map[netip.Addr]bool
	order []netip.Addr // as they first came
	more  bool         // addresses past maxAddrs
}

const maxAddrs = 1000

func (h *Handler) countRefusal(r *http.Request, why reason) {
	a, _ := netip.ParseAddrPort(r.RemoteAddr)
	h.mu.Lock()
	defer h.mu.Unlock()
	f := &h.refused
	f.n[why]++
	if f.addrs == nil {
		f.addrs = make(map[netip.Addr]bool)
	}
	switch addr := a.Addr().Unmap(); {
	case f.addrs[addr]:
	case len(f.addrs) >= maxAddrs:
		f.more = true
	default:
		f.addrs[addr] = true
		f.order = append(f.order, addr)
	}
}

// report logs what was refused, and the connections closed over the
// limits, since the last report; nothing when there was none.
func (h *Handler) report() {
	h.mu.Lock()
	f := h.refused
	h.refused = refusals{}
	var dropped int64
	if h.conns != nil {
		_, all, _ := h.conns.stats()
		dropped, h.dropped = all-h.dropped, all
	}
	h.mu.Unlock()
	if line := f.line(); line != "" {
		h.cfg.Log("%s", line)
	}
	if dropped > 0 {
		h.cfg.Log("closed %s that had not shown the token, to keep within %d connections in all and %d waiting from one address",
			counted(dropped, "connection"), h.cfg.Limits.Conns, h.cfg.Limits.ConnsPerAddr)
	}
}

// line is "refused 20,041 requests without the token from 3 addresses
// (192.168.1.23, 192.168.1.40, 192.168.1.41)", with the reasons counted
// apart when there are several.
func (f refusals) line() string {
	total, kinds := 0, []string{}
	for why, n := range f.n {
		if n > 0 {
			total += n
			kinds = append(kinds, thousands(int64(n))+" "+reasonText[why])
		}
	}
	if total == 0 {
		return ""
	}
	from := counted(int64(len(f.addrs)), "address")
	if f.more {
		from = "more than " + from
	}
	shown := f.order[:min(len(f.order), 3)]
	names := make([]string, len(shown))
	for i, a := range shown {
		names[i] = a.String()
	}
	if len(f.order) > len(shown) || f.more {
		names = append(names, "...")
	}
	where := fmt.Sprintf("from %s (%s)", from, strings.Join(names, ", "))
	if len(kinds) == 1 {
		return fmt.Sprintf("refused %s %s %s", counted(int64(total), "request"), reasonText[slices.IndexFunc(f.n[:], func(n int) bool { return n > 0 })], where)
	}
	return fmt.Sprintf("refused %s %s: %s", counted(int64(total), "request"), where, strings.Join(kinds, ", "))
}

// counted is "1 request", "20,041 requests".
func counted(n int64, noun string) string {
	if n != 1 {
		if strings.HasSuffix(noun, "s") {
			noun += "es"
		} else {
			noun += "s"
		}
	}
	return thousands(n) + " " + noun
}

// thousands writes n with commas between the thousands: 20,041.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
