package receive

import (
	"net"
	"net/netip"
	"sync"
)

// listener bounds the connections a session holds open: max in all, and
// perAddr from one address that have not yet shown the token (waiting).
// Over either limit a new connection does not wait and is not turned away:
// the oldest waiting one of the address with the most waiting goes
// instead. A flood from one address (or a few) then only pushes out its
// own connections, and the phone with the token, whose connections show it
// in their first request, gets in. Connections that showed the token
// (proven) are never pushed out: only the token's holder has them.
type listener struct {
	net.Listener
	max, perAddr int

	mu       sync.Mutex
	live     int                    // connections open
	waiting  map[netip.Addr][]*conn // not proven, oldest first
	accepted int64
	dropped  int64 // closed to make room, or for want of it
}

func newListener(ln net.Listener, max, perAddr int) *listener {
	return &listener{Listener: ln, max: max, perAddr: perAddr, waiting: make(map[netip.Addr][]*conn)}
}

// conn is an accepted connection the listener counts until it is closed.
type conn struct {
	net.Conn
	l        *listener
	addr     netip.Addr
	proven   bool // under l.mu
	released bool // under l.mu: no longer counted
}

// Accept returns the next connection within the limits, closing others
// to make room for it.
func (l *listener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if tc := l.admit(c); tc != nil {
			return tc, nil
		}
	}
}

func (l *listener) admit(c net.Conn) *conn {
	var addr netip.Addr
	if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		addr = a.AddrPort().Addr().Unmap()
	}
	var out []*conn
	l.mu.Lock()
	l.accepted++
	if q := l.waiting[addr]; len(q) >= l.perAddr {
		out = append(out, q[0])
		q[0].releaseLocked()
	}
	if l.live >= l.max {
		v := l.busiestLocked()
		if v == nil { // every one has shown the token: the newcomer waits for none
			l.dropped++
			l.mu.Unlock()
			c.Close()
			closeAll(out)
			return nil
		}
		out = append(out, v)
		v.releaseLocked()
	}
	tc := &conn{Conn: c, l: l, addr: addr}
	l.live++
	l.waiting[addr] = append(l.waiting[addr], tc)
	l.dropped += int64(len(out))
	l.mu.Unlock()
	closeAll(out)
	return tc
}

func closeAll(cs []*conn) {
	for _, c := range cs {
		c.Conn.Close()
	}
}

// busiestLocked is the oldest waiting connection of the address with the
// most waiting; nil when none waits.
func (l *listener) busiestLocked() *conn {
	var q []*conn
	for _, w := range l.waiting {
		if len(w) > len(q) {
			q = w
		}
	}
	if len(q) == 0 {
		return nil
	}
	return q[0]
}

// releaseLocked stops counting c (once).
func (c *conn) releaseLocked() {
	if c.released {
		return
	}
	c.released = true
	c.l.live--
	if !c.proven {
		c.l.unwaitLocked(c)
	}
}

func (l *listener) unwaitLocked(c *conn) {
	q := l.waiting[c.addr]
	for i, w := range q {
		if w == c {
			q = append(q[:i:i], q[i+1:]...)
			break
		}
	}
	if len(q) == 0 {
		delete(l.waiting, c.addr)
	} else {
		l.waiting[c.addr] = q
	}
}

// prove marks c as one that showed the token: it is never closed to make
// room.
func (c *conn) prove() {
	c.l.mu.Lock()
	defer c.l.mu.Unlock()
	if c.proven || c.released {
		return
	}
	c.proven = true
	c.l.unwaitLocked(c)
}

// Close closes the connection and stops counting it.
func (c *conn) Close() error {
	c.l.mu.Lock()
	c.releaseLocked()
	c.l.mu.Unlock()
	return c.Conn.Close()
}

// stats are the connections accepted and the ones closed over the limits.
func (l *listener) stats() (accepted, dropped int64, live int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.accepted, l.dropped, l.live
}
