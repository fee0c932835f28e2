// Package mailbox reads a mailbox over IMAP (RFC 3501, 9051) with
// emersion/go-imap v2: it logs in (a password, or an OAuth2 token by
// OAUTHBEARER or XOAUTH2), lists a folder's mails by UID, reads their
// headers, searches them for words, and fetches whole the mails asked
// for, never marking them read. It trusts nothing the server sends: every
// answer has a byte budget and every read a deadline (guard.go), a literal
// larger than asked for is refused before it is read, and a context ends
// whatever is under way.
package mailbox

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strings"
	"syscall"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"

	"vault"
)

// Config is how to reach and log in to a mailbox.
type Config struct {
	Server   string // host:port
	User     string
	Security vault.MailSecurity
	RootCAs  *x509.CertPool // the authorities to trust; nil for the system's
	Auth     vault.MailAuth
	Secret   string // the password, or the OAuth2 access token
	Limits   Limits
}

// Limits bound what a server may make the client wait for and hold.
type Limits struct {
	Read    time.Duration // how long a read may wait while a command waits for its answer
	Header  int64         // the largest header read of a mail
	Message int64         // the largest mail fetched
}

// answer is the budget of a command's answer besides its literals: status
// lines, a folder's flags, the framing of fetched items.
const answer = 1 << 20

// Conn is a logged-in connection to a mailbox.
type Conn struct {
	c      *imapclient.Client
	g      *guard
	limits Limits
	stop   func() bool // ends the watch on the context
}

// Dial connects to the server, secures the connection as cfg says, and
// logs in. Until Close, ctx ending closes the connection.
func Dial(ctx context.Context, cfg Config) (*Conn, error) {
	host, _, err := net.SplitHostPort(cfg.Server)
	if err != nil {
		return nil, fmt.Errorf("server %q: give HOST or HOST:PORT", cfg.Server)
	}
	addr := cfg.Server
	if cfg.Security == vault.MailPlain {
		if addr, err = loopback(ctx, cfg.Server); err != nil {
			return nil, err
		}
	}
	d := net.Dialer{Timeout: cfg.Limits.Read}
	raw, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	tlsConfig := &tls.Config{ServerName: host, RootCAs: cfg.RootCAs, MinVersion: tls.VersionTLS12, NextProtos: []string{"imap"}}
	var conn net.Conn = raw
	if cfg.Security == vault.MailTLS {
		tc := tls.Client(raw, tlsConfig)
		hctx, cancel := context.WithTimeout(ctx, cfg.Limits.Read)
		err := tc.HandshakeContext(hctx)
		cancel()
		if err != nil {
			raw.Close()
			return nil, fmt.Errorf("TLS with %s: %w", cfg.Server, err)
		}
		conn = tc
	}
	g := newGuard(conn, cfg.Limits.Read)
	c := &Conn{g: g, limits: cfg.Limits}
	c.stop = context.AfterFunc(ctx, func() { g.abort(context.Cause(ctx)) })
	opts := &imapclient.Options{TLSConfig: tlsConfig}
	if err := c.start(cfg, opts); err != nil {
		c.close()
		return nil, c.fail(err)
	}
	return c, nil
}

// start waits for the greeting, upgrades with STARTTLS when asked, and
// logs in.
func (c *Conn) start(cfg Config, opts *imapclient.Options) error {
	c.g.arm("the greeting", answer)
	defer c.g.disarm()
	if cfg.Security == vault.MailStartTLS {
		var err error
		if c.c, err = imapclient.NewStartTLS(c.g, opts); err != nil {
			return fmt.Errorf("STARTTLS with %s: %w", cfg.Server, err)
		}
	} else {
		c.c = imapclient.New(c.g, opts)
	}
	if err := c.c.WaitGreeting(); err != nil {
		return err
	}
	if c.c.State() != imap.ConnStateNotAuthenticated {
		return errors.New("the server logged in before it was asked (PREAUTH): refused, it would not be this account")
	}
	c.g.arm("LOGIN", answer)
	if err := c.login(cfg); err != nil {
		return fmt.Errorf("log in as %s at %s: %w", cfg.User, cfg.Server, err)
	}
	return nil
}

// login logs in with the password, or with the token by OAUTHBEARER
// (RFC 7628) or else XOAUTH2 (Google's and Microsoft's older form).
func (c *Conn) login(cfg Config) error {
	if cfg.Auth != vault.MailToken {
		return c.c.Login(cfg.User, cfg.Secret).Wait()
	}
	caps := c.c.Caps()
	switch {
	case caps.Has(imap.Cap("AUTH=OAUTHBEARER")):
		host, port, _ := net.SplitHostPort(cfg.Server)
		var p int
		fmt.Sscan(port, &p)
		return c.c.Authenticate(sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: cfg.User, Token: cfg.Secret, Host: host, Port: p}))
	case caps.Has(imap.Cap("AUTH=XOAUTH2")):
		return c.c.Authenticate(xoauth2{user: cfg.User, token: cfg.Secret})
	}
	var offers []string
	for cp := range caps {
		if s := string(cp); strings.HasPrefix(s, "AUTH=") {
			offers = append(offers, strings.TrimPrefix(s, "AUTH="))
		}
	}
	return fmt.Errorf("the server takes no OAuth2 token (neither OAUTHBEARER nor XOAUTH2; it offers %s): log in with a password", strings.Join(offers, ", "))
}

// loopback resolves a server for plain IMAP: every address of the host
// must be one of this machine's loopback addresses, since without TLS the
// password and every mail cross the network readable.
func loopback(ctx context.Context, server string) (string, error) {
	host, port, _ := net.SplitHostPort(server)
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return "", fmt.Errorf("--plain to %s: %w", host, err)
	}
	for _, a := range addrs {
		if !a.Unmap().IsLoopback() {
			return "", &PlainError{Host: host, Addr: a.Unmap()}
		}
	}
	return net.JoinHostPort(addrs[0].Unmap().String(), port), nil
}

// PlainError refuses plain IMAP to a server that is not on this machine.
type PlainError struct {
	Host string
	Addr netip.Addr
}

func (e *PlainError) Error() string {
	at := e.Host
	if e.Addr.String() != e.Host {
		at += " (" + e.Addr.String() + ")"
	}
	return fmt.Sprintf("plain IMAP to %s refused: without TLS the password and every mail cross the network readable; "+
		"plain is only for a server on this machine (127.0.0.1, ::1), such as Proton Mail Bridge", at)
}

// Close logs out and closes the connection.
func (c *Conn) Close() error {
	if c.g.failure() == nil {
		c.g.arm("LOGOUT", answer)
		c.c.Logout().Wait()
		c.g.disarm()
	}
	return c.close()
}

func (c *Conn) close() error {
	c.stop()
	if c.c == nil {
		return c.g.Close()
	}
	c.c.Close()
	return nil
}

// fail is the error a command failed with: why the connection failed (a
// deadline, a budget, the context), when it did, else the server's answer.
func (c *Conn) fail(err error) error {
	if f := c.g.failure(); f != nil {
		return f
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) {
		return fmt.Errorf("the server closed the connection in the middle of an answer (%w)", err)
	}
	return err
}

// Broken is why the connection can carry no more commands, or nil.
func (c *Conn) Broken() error {
	if f := c.g.failure(); f != nil {
		return f
	}
	if c.c.State() == imap.ConnStateLogout {
		return errors.New("the server closed the connection")
	}
	return nil
}
