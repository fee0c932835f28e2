package mailbox

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"
)

// guard is the connection as the IMAP client sees it, with the bounds a
// server that is hostile or broken must not pass: while a command waits
// for its answer (armed), every read has a deadline, and the bytes read
// for the command have a budget. A line, a list or a literal longer than
// the budget, or an answer that never ends, fails the read, and with it
// the command; a server that stops answering fails it at the deadline. The
// IMAP client sets deadlines of its own (30 seconds, 5 minutes for a
// literal); the guard sets them itself instead.
type guard struct {
	net.Conn
	timeout time.Duration

	mu      sync.Mutex
	command string // the command waiting for its answer, or ""
	paused  bool   // the client is busy with what came: the server may wait
	start   int64  // bytes read when it was sent
	limit   int64  // reads fail at this many bytes
	read    int64
	failed  error // why the connection failed, once it did
}

func newGuard(c net.Conn, timeout time.Duration) *guard {
	return &guard{Conn: c, timeout: timeout}
}

// arm starts waiting for command's answer: reads get deadlines, and the
// answer may be budget bytes (more when a literal is allowed).
func (g *guard) arm(command string, budget int64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.command, g.start, g.limit = command, g.read, g.read+budget
	g.Conn.SetReadDeadline(time.Now().Add(g.timeout))
}

// allow adds n bytes to the budget: a literal of that size, checked.
func (g *guard) allow(n int64) {
	g.mu.Lock()
	g.limit += n
	g.mu.Unlock()
}

// disarm ends the wait: an idle connection has no deadline, and nothing
// more to read; what a server sends unasked still counts.
func (g *guard) disarm() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.command, g.paused = "", false
	g.Conn.SetReadDeadline(time.Time{})
}

// pause stops the reads' clock while the client works on what came (the
// server, done sending, may then wait for the client's next command).
func (g *guard) pause() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.paused = true
	g.Conn.SetReadDeadline(time.Time{})
}

// resume starts it again.
func (g *guard) resume() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.paused = false
	if g.command != "" {
		g.Conn.SetReadDeadline(time.Now().Add(g.timeout))
	}
}

func (g *guard) Read(p []byte) (int, error) {
	g.mu.Lock()
	if g.failed != nil {
		g.mu.Unlock()
		return 0, g.failed
	}
	left := g.limit - g.read
	if left <= 0 {
		g.failed = &LimitError{Command: g.command, Bytes: g.limit - g.start}
		g.mu.Unlock()
		g.Conn.Close()
		return 0, g.failed
	}
	if int64(len(p)) > left {
		p = p[:left]
	}
	if g.command != "" && !g.paused { // under the lock, so that disarm's clearing cannot be overtaken
		g.Conn.SetReadDeadline(time.Now().Add(g.timeout))
	}
	g.mu.Unlock()
	n, err := g.Conn.Read(p)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.read += int64(n)
	if err != nil && errors.Is(err, os.ErrDeadlineExceeded) && g.failed == nil {
		g.failed = &TimeoutError{Command: g.command, After: g.timeout}
	}
	if g.failed != nil {
		return n, g.failed
	}
	return n, err
}

// SetReadDeadline leaves the read deadlines to the guard.
func (g *guard) SetReadDeadline(time.Time) error { return nil }

// SetDeadline sets the write deadline only; the guard keeps the reads'.
func (g *guard) SetDeadline(t time.Time) error { return g.Conn.SetWriteDeadline(t) }

// abort closes the connection for a reason of the caller's, which every
// read and command then fails with.
func (g *guard) abort(reason error) {
	g.mu.Lock()
	if g.failed == nil {
		g.failed = reason
	}
	g.mu.Unlock()
	g.Conn.Close()
}

// failure is why the connection failed, or nil.
func (g *guard) failure() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.failed
}

// TimeoutError is a server that did not answer a command in time.
type TimeoutError struct {
	Command string
	After   time.Duration
}

func (e *TimeoutError) Error() string {
	if e.Command == "" {
		return fmt.Sprintf("the server sent nothing for %v", e.After)
	}
	return fmt.Sprintf("the server did not answer %s within %v", e.Command, e.After)
}

// LimitError is a server that sent more in answer to a command than any
// answer to it needs: a line, a list or a literal without end.
type LimitError struct {
	Command string
	Bytes   int64
}

func (e *LimitError) Error() string {
	what := "unasked"
	if e.Command != "" {
		what = "in answer to " + e.Command
	}
	return fmt.Sprintf("the server sent more than %s %s, more than an answer needs: a broken or hostile server", size(e.Bytes), what)
}

// size writes a number of bytes for people: 64 KB, 200 MB.
func size(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 10<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
