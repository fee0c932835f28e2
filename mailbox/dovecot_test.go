package mailbox

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"

	"vault"
	"vault/internal/dovecot"
)

// limits are the client's bounds in these tests: the product's.
var limits = Limits{Read: time.Minute, Header: 64 << 10, Message: 64 << 20}

func plain(s *dovecot.Server) Config {
	return Config{Server: s.Addr, User: dovecot.User, Security: vault.MailPlain, Auth: vault.MailPassword,
		Secret: dovecot.Password, Limits: limits}
}

// mail is a small message; a base64 HTML body when html is set.
func mail(n int, from, subject, body string, html bool) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: %s\r\nTo: kari@example.no\r\nSubject: %s\r\nDate: Tue, 6 Oct 2026 10:%02d:00 +0200\r\nMessage-ID: <m%d@test>\r\nMIME-Version: 1.0\r\n", from, subject, n%60, n)
	if html {
		b.WriteString("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
		enc := encode64("<html><body><p>" + body + "</p></body></html>")
		b.WriteString(enc + "\r\n")
	} else {
		b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n")
	}
	return []byte(b.String())
}

func TestDovecot(t *testing.T) {
	s := dovecot.Start(t, dovecot.Options{})
	m1 := mail(1, "AliExpress <transaction@notice.aliexpress.com>", "Order confirmed", "Order 8123456789012345", false)
	m2 := mail(2, "Ola <ola@example.no>", "Middag?", "Kommer du?", false)
	m3 := mail(3, "Seller <shop@example.cn>", "Your parcel", "Tracking LP00123456789CN is on its way", true)
	s.Append(t, "INBOX", m1, m2, m3)

	ctx := context.Background()
	c, err := Dial(ctx, plain(s))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	f, err := c.Examine("INBOX")
	if err != nil || f.Messages != 3 || f.UIDValidity == 0 {
		t.Fatalf("examine: %+v, %v", f, err)
	}
	all, err := c.New(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := all.After(0, 10); fmt.Sprint(got) != "[1 2 3]" {
		t.Fatalf("new after 0: %v", got)
	}
	after2, err := c.New(f, 2)
	if err != nil || fmt.Sprint(after2.After(2, 10)) != "[3]" {
		t.Fatalf("new after 2: %v, %v", after2.After(2, 10), err)
	}
	none, err := c.New(f, 3) // "4:*" names the last mail, 3: it is not new
	if err != nil || len(none.After(3, 10)) != 0 {
		t.Fatalf("new after 3: %v, %v", none.After(3, 10), err)
	}

	heads, err := c.Heads([]uint32{1, 2, 3, 99})
	if err != nil || len(heads) != 3 {
		t.Fatalf("heads: %d, %v", len(heads), err)
	}
	if h := heads[0]; h.UID != 1 || h.Size != int64(len(m1)) || !bytes.Contains(h.Header, []byte("notice.aliexpress.com")) ||
		bytes.Contains(h.Header, []byte("To:")) {
		t.Errorf("head 1: %+v %q", h, h.Header)
	}

	// The server decodes the base64 HTML part to search it.
	found, err := c.Search(f, []uint32{1, 2, 3}, []string{"LP00123456789CN", "8123456789012345"})
	if err != nil || !found.Contains(1) || found.Contains(2) || !found.Contains(3) {
		t.Fatalf("search: %v, %v", found.After(0, 10), err)
	}
	if found, err := c.Search(f, []uint32{2, 3}, []string{"8123456789012345"}); err != nil || found.Contains(1) {
		t.Fatalf("search among 2 and 3 found %v, %v", found.After(0, 10), err)
	}

	var got [][]byte
	err = c.Fetch([]uint32{1, 3}, func(uid uint32, raw []byte) error {
		got = append(got, raw)
		return nil
	})
	if err != nil || len(got) != 2 || !bytes.Equal(got[0], m1) || !bytes.Equal(got[1], m3) {
		t.Fatalf("fetch: %d mails, %v", len(got), err)
	}

	// Nothing was marked read.
	cl := s.Client(t)
	if _, err := cl.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	seen, err := cl.UIDSearch(&imapSeen, nil).Wait()
	if err != nil || len(seen.AllUIDs()) != 0 {
		t.Errorf("marked seen: %v, %v", seen.AllUIDs(), err)
	}
}

// TestDovecotLogin logs in every way there is, and fails to as it should:
// three Dovecots, one with TLS and tokens, one that takes tokens only by
// XOAUTH2 (as Outlook.com), one with passwords only.
func TestDovecotLogin(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: TestDovecot logs in with a password; TLS and tokens in the full run")
	}
	s := dovecot.Start(t, dovecot.Options{TLS: true, Token: "ya29.a0-the-token"})
	xoauth2 := dovecot.Start(t, dovecot.Options{Token: "ya29.a0-the-token", TokenBy: []string{"XOAUTH2"}}) // as Outlook.com
	plainOnly := dovecot.Start(t, dovecot.Options{})
	ctx := context.Background()
	pem, err := os.ReadFile(s.CA)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(pem)

	for _, tt := range []struct {
		name   string
		change func(*Config)
		err    string
	}{
		{"tls", func(c *Config) { c.Server, c.Security, c.RootCAs = s.TLSAddr, vault.MailTLS, pool }, ""},
		{"starttls", func(c *Config) { c.Security, c.RootCAs = vault.MailStartTLS, pool }, ""},
		{"untrusted certificate", func(c *Config) { c.Server, c.Security = s.TLSAddr, vault.MailTLS }, "certificate signed by unknown authority"},
		{"a token by OAUTHBEARER", func(c *Config) { c.Auth, c.Secret = vault.MailToken, "ya29.a0-the-token" }, ""},
		{"an expired token", func(c *Config) { c.Auth, c.Secret = vault.MailToken, "ya29.expired" }, "OAUTHBEARER authentication error"},
		{"a token by XOAUTH2", func(c *Config) { c.Server, c.Auth, c.Secret = xoauth2.Addr, vault.MailToken, "ya29.a0-the-token" }, ""},
		{"an expired token by XOAUTH2", func(c *Config) { c.Server, c.Auth, c.Secret = xoauth2.Addr, vault.MailToken, "ya29.expired" },
			"the server refused the token"},
		// Late: Dovecot slows the logins from an address after a wrong password (anvil's penalty).
		{"wrong password", func(c *Config) { c.Secret = "hunter2" }, "log in as kari@example.no at 127.0.0.1:"},
		{"no token mechanism", func(c *Config) { c.Server, c.Auth = plainOnly.Addr, vault.MailToken }, "the server takes no OAuth2 token"},
		{"plain to another machine", func(c *Config) { c.Server = "192.0.2.1:143" }, "plain IMAP to 192.0.2.1 refused"},
		{"plain to a name that is not this machine", func(c *Config) { c.Server = "192.0.2.1.nip.invalid:143" }, "--plain to 192.0.2.1.nip.invalid"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := plain(s)
			tt.change(&cfg)
			c, err := Dial(ctx, cfg)
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				if _, err := c.Examine("INBOX"); err != nil {
					t.Fatal(err)
				}
				c.Close()
				return
			}
			if err == nil {
				c.Close()
				t.Fatal("logged in")
			}
			if !strings.Contains(err.Error(), tt.err) || strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), dovecot.Password) {
				t.Fatalf("error %q, want %q and no password", err, tt.err)
			}
		})
	}
	var plainErr *PlainError
	_, err = Dial(ctx, Config{Server: "192.0.2.1:143", Security: vault.MailPlain, Limits: limits})
	if !errors.As(err, &plainErr) {
		t.Errorf("plain to 192.0.2.1: %v", err)
	}
}

var imapSeen = imap.SearchCriteria{Flag: []imap.Flag{imap.FlagSeen}}

// encode64 is base64 in lines of 76, as mailers write it.
func encode64(s string) string {
	enc := base64.StdEncoding.EncodeToString([]byte(s))
	var lines []string
	for len(enc) > 76 {
		lines, enc = append(lines, enc[:76]), enc[76:]
	}
	return strings.Join(append(lines, enc), "\r\n")
}
