package mailbox

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"vault"
)

// A hostile server is a raw TCP server that speaks just enough IMAP to
// reach the point where it misbehaves: these tests need no mock of the
// protocol's normal path (that is Dovecot's, in dovecot_test.go).

// hostile serves one connection: it greets, logs in anyone, opens any
// folder, and hands every other command to answer with its tag; or, with
// greet, it only calls greet. It returns the address and a counter of the
// bytes it managed to send.
func hostile(t *testing.T, greet func(w io.Writer), answer func(w io.Writer, tag, command string)) (string, *atomic.Int64) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	sent := &atomic.Int64{}
	done := make(chan struct{})
	t.Cleanup(func() { l.Close(); <-done })
	go func() {
		defer close(done)
		conn, err := l.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		w := &counter{w: conn, n: sent}
		r := bufio.NewReader(conn)
		if greet != nil {
			greet(w)
		} else {
			io.WriteString(w, ready)
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				tag, command, _ := strings.Cut(strings.TrimSpace(line), " ")
				switch verb, _, _ := strings.Cut(command, " "); verb {
				case "CAPABILITY": // which the client asks after logging in
					io.WriteString(w, "* CAPABILITY IMAP4rev1\r\n"+tag+" OK done\r\n")
				case "LOGIN":
					io.WriteString(w, tag+" OK logged in\r\n")
				case "EXAMINE":
					io.WriteString(w, "* 3 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n"+tag+" OK [READ-ONLY] done\r\n")
				case "LOGOUT":
					io.WriteString(w, "* BYE\r\n"+tag+" OK bye\r\n")
					return
				default:
					answer(w, tag, command)
				}
			}
		}
		io.Copy(io.Discard, r) // until the client hangs up
	}()
	return l.Addr().String(), sent
}

const ready = "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"

type counter struct {
	w io.Writer
	n *atomic.Int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n.Add(int64(n))
	return n, err
}

// endless writes what fill gives until the client hangs up.
func endless(w io.Writer, fill string) {
	chunk := []byte(strings.Repeat(fill, 64<<10/len(fill)))
	for {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

func dialHostile(ctx context.Context, addr string, read time.Duration) (*Conn, error) {
	lim := limits
	lim.Read = read
	return Dial(ctx, Config{Server: addr, User: "kari", Security: vault.MailPlain, Auth: vault.MailPassword, Secret: "secret", Limits: lim})
}

// openHostile logs in and opens INBOX, failing the test otherwise.
func openHostile(t *testing.T, addr string, read time.Duration) (*Conn, Folder) {
	t.Helper()
	c, err := dialHostile(context.Background(), addr, read)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	f, err := c.Examine("INBOX")
	if err != nil {
		t.Fatal(err)
	}
	return c, f
}

func TestServerStopsAnswering(t *testing.T) {
	// Deadlines are short here so that the test is quick; each is the
	// only way the call can end, whatever the machine's speed.
	t.Run("no greeting", func(t *testing.T) {
		addr, _ := hostile(t, func(io.Writer) {}, nil)
		_, err := dialHostile(context.Background(), addr, 50*time.Millisecond)
		var timeout *TimeoutError
		if !errors.As(err, &timeout) || timeout.Command != "the greeting" {
			t.Fatalf("got %v, want a timeout waiting for the greeting", err)
		}
	})
	t.Run("no answer to a fetch", func(t *testing.T) {
		addr, _ := hostile(t, nil, func(io.Writer, string, string) {}) // reads the command, says nothing
		c, _ := openHostile(t, addr, 50*time.Millisecond)
		_, err := c.Heads([]uint32{1, 2, 3})
		var timeout *TimeoutError
		if !errors.As(err, &timeout) || !strings.Contains(err.Error(), "did not answer UID FETCH (headers) within 50ms") {
			t.Fatalf("got %v, want a timeout", err)
		}
	})
	t.Run("an answer a byte at a time, without end", func(t *testing.T) {
		addr, _ := hostile(t, nil, func(w io.Writer, tag, command string) {
			io.WriteString(w, "* SEARCH")
			for {
				if _, err := io.WriteString(w, " 1"); err != nil {
					return
				}
				time.Sleep(time.Millisecond) // each read gets something: only the context can end it
			}
		})
		c, f := openHostile(t, addr, time.Minute)
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		stop := context.AfterFunc(ctx, func() { c.g.abort(context.Cause(ctx)) }) // as Dial arranges for its own context
		defer stop()
		_, err := c.New(f, 0)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("got %v, want the context's deadline", err)
		}
	})
}

func TestServerSendsTooMuch(t *testing.T) {
	t.Run("a greeting without end", func(t *testing.T) {
		addr, _ := hostile(t, func(w io.Writer) { io.WriteString(w, "* OK "); endless(w, "ready ") }, nil)
		_, err := dialHostile(context.Background(), addr, time.Minute)
		var limit *LimitError
		if !errors.As(err, &limit) || limit.Command != "the greeting" {
			t.Fatalf("got %v, want the greeting's budget", err)
		}
	})
	t.Run("a 200 MB mail said to be 1 KB", func(t *testing.T) {
		addr, sent := hostile(t, nil, func(w io.Writer, tag, command string) {
			io.WriteString(w, "* 1 FETCH (UID 7 BODY[] {209715200}\r\n")
			endless(w, "x")
		})
		c, _ := openHostile(t, addr, time.Minute)
		err := c.Fetch([]uint32{7}, func(uint32, []byte) error { t.Error("a mail was handed on"); return nil })
		var large *TooLargeError
		if !errors.As(err, &large) || large.UID != 7 || large.Size != 200<<20 {
			t.Fatalf("got %v, want uid 7 too large", err)
		}
		if n := sent.Load(); n > 32<<20 {
			t.Errorf("the client read %d MB of it", n>>20)
		}
		if _, err := c.Heads([]uint32{1}); err == nil {
			t.Error("the connection is still used")
		}
	})
	t.Run("a 200 MB header", func(t *testing.T) {
		addr, _ := hostile(t, nil, func(w io.Writer, tag, command string) {
			io.WriteString(w, "* 1 FETCH (UID 1 RFC822.SIZE 300 BODY[HEADER.FIELDS (From Subject Date Message-ID)]<0> {209715200}\r\n")
			endless(w, "Subject: x\r\n")
		})
		c, _ := openHostile(t, addr, time.Minute)
		_, err := c.Heads([]uint32{1})
		var large *TooLargeError
		if !errors.As(err, &large) || large.Max != 64<<10 {
			t.Fatalf("got %v, want a header too large", err)
		}
	})
	t.Run("a 200 MB literal where no literal is read", func(t *testing.T) {
		addr, _ := hostile(t, nil, func(w io.Writer, tag, command string) {
			io.WriteString(w, "* SEARCH 1 2 3\r\n* LIST () \"/\" {209715200}\r\n") // buffered whole by the IMAP library
			endless(w, "INBOX")
		})
		c, f := openHostile(t, addr, time.Minute)
		_, err := c.New(f, 0)
		var limit *LimitError
		if !errors.As(err, &limit) || limit.Command != "UID SEARCH" {
			t.Fatalf("got %v, want the search's budget", err)
		}
	})
	t.Run("a line without end", func(t *testing.T) {
		addr, _ := hostile(t, nil, func(w io.Writer, tag, command string) {
			io.WriteString(w, "* 1 FETCH (UID 1 FLAGS (")
			endless(w, "\\Seen ")
		})
		c, _ := openHostile(t, addr, time.Minute)
		_, err := c.Heads([]uint32{1})
		var limit *LimitError
		if !errors.As(err, &limit) {
			t.Fatalf("got %v, want the fetch's budget", err)
		}
	})
	t.Run("a mail for every UID there is", func(t *testing.T) {
		addr, _ := hostile(t, nil, func(w io.Writer, tag, command string) {
			io.WriteString(w, "* ESEARCH (TAG \""+tag+"\") UID ALL 1:4294967295\r\n"+tag+" OK done\r\n")
		})
		c, f := openHostile(t, addr, time.Minute)
		got, err := c.New(f, 0)
		if err != nil {
			t.Fatal(err)
		}
		if first := got.After(0, 3); len(first) != 3 || first[2] != 3 || !got.Contains(4294967295) {
			t.Errorf("the set: %v", first)
		}
	})
}
