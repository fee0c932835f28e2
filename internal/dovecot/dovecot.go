// Package dovecot runs a real IMAP server for tests: Dovecot (Debian's
// dovecot-imapd), started in the foreground on loopback ports with a
// configuration, a maildir and a log in a temporary directory, one user
// with a password, and, when asked, TLS with a certificate made for the
// test. A test without Dovecot installed skips, naming the package.
package dovecot

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// User and Password log in to every test server.
const (
	User     = "kari@example.no"
	Password = "Tr0ub4dor&3-kari"
)

// Server is a running Dovecot.
type Server struct {
	Addr    string // plain IMAP (STARTTLS when started with TLS), 127.0.0.1:port
	TLSAddr string // IMAP over TLS, when started with TLS
	CA      string // the PEM file of the test's certificate, when started with TLS
	Dir     string // its configuration, maildir and log

	tokenURL string // where Dovecot asks whether a token is good
	tokenBy  string // the mechanisms it takes it by
	cmd      *exec.Cmd
}

// T is what the package needs of a test: testing.TB has it, and a
// testscript command can.
type T interface {
	Helper()
	Fatalf(format string, args ...any)
	Skip(args ...any)
	TempDir() string
	Cleanup(func())
}

// Missing is why the tests that need Dovecot skip without it.
const Missing = "Dovecot is not installed (apt-get install dovecot-imapd): the tests against a real IMAP server skip"

// Bin is the dovecot program, or "" when it is not installed.
func Bin() string {
	if bin, err := exec.LookPath("dovecot"); err == nil {
		return bin
	}
	if _, err := os.Stat("/usr/sbin/dovecot"); err == nil { // not on a user's PATH
		return "/usr/sbin/dovecot"
	}
	return ""
}

// Options say what a test server offers besides plain IMAP and a password.
type Options struct {
	TLS   bool   // IMAP over TLS on a port of its own, and STARTTLS
	Token string // an OAuth2 access token it takes for User
	// TokenBy are the mechanisms it takes the token by; default
	// OAUTHBEARER and XOAUTH2.
	TokenBy []string
}

// Start starts Dovecot for the test; it is killed when the test ends.
// Without Dovecot the test skips, saying so (it fails with
// VAULT_REQUIRE_DOVECOT set, as .ci/run sets it once it installed one).
func Start(t T, o Options) *Server {
	t.Helper()
	bin := Bin()
	if bin == "" && os.Getenv("VAULT_REQUIRE_DOVECOT") != "" {
		t.Fatalf("VAULT_REQUIRE_DOVECOT is set and no Dovecot is installed")
	}
	if bin == "" {
		t.Skip(Missing)
	}
	s := &Server{Dir: t.TempDir(), Addr: freePort(t)}
	if o.TLS {
		s.TLSAddr, s.CA = freePort(t), filepath.Join(s.Dir, "cert.pem")
		writeCert(t, s.Dir)
	}
	if o.Token != "" {
		s.tokenURL, s.tokenBy = introspection(t, o.Token), strings.ToLower(strings.Join(o.TokenBy, " "))
		if s.tokenBy == "" {
			s.tokenBy = "oauthbearer xoauth2"
		}
	}
	writeConfig(t, s)
	s.cmd = exec.Command(bin, "-F", "-c", filepath.Join(s.Dir, "dovecot.conf"))
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its children go with it
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	s.start(t)
	t.Cleanup(s.Kill)
	return s
}

func (s *Server) start(t T) {
	t.Helper()
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	go s.cmd.Wait()
	s.wait(t)
}

// wait waits until Dovecot greets on its port (it takes a second to start).
func (s *Server) wait(t T) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if c, err := net.DialTimeout("tcp", s.Addr, time.Second); err == nil {
			c.Close()
			return
		}
	}
	log, _ := os.ReadFile(filepath.Join(s.Dir, "dovecot.log"))
	t.Fatalf("dovecot did not listen on %s within 20 s; its log:\n%s", s.Addr, log)
}

// Kill kills Dovecot and every process it started: each open connection
// drops, as when a server crashes.
func (s *Server) Kill() {
	if s.cmd.Process != nil {
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
	}
}

// Restart starts Dovecot again after Kill, on the same ports and mail.
func (s *Server) Restart(t T) {
	t.Helper()
	cmd := exec.Command(s.cmd.Path, s.cmd.Args[1:]...)
	cmd.SysProcAttr, cmd.Stdout, cmd.Stderr = s.cmd.SysProcAttr, s.cmd.Stdout, s.cmd.Stderr
	s.cmd = cmd
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) { // the killed one's port
		if c, err := net.DialTimeout("tcp", s.Addr, time.Second); err != nil {
			break
		} else if c.Close(); time.Now().After(deadline) {
			t.Fatalf("the killed dovecot still listens")
		}
	}
	s.start(t)
}

// Client logs in over plain IMAP, for a test to fill and change the
// mailbox as a mail client would.
func (s *Server) Client(t T) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(s.Addr, nil)
	if err == nil {
		err = c.Login(User, Password).Wait()
	}
	if err != nil {
		t.Fatalf("log in to dovecot: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// Append delivers mails to a folder (made if need be), in order: their
// UIDs go up in that order.
func (s *Server) Append(t T, folder string, mails ...[]byte) {
	t.Helper()
	c := s.Client(t)
	c.Create(folder, nil).Wait() // INBOX, or one made before, exists already
	for _, m := range mails {
		cmd := c.Append(folder, int64(len(m)), nil)
		cmd.Write(m)
		cmd.Close()
		if _, err := cmd.Wait(); err != nil {
			t.Fatalf("append to %s: %v", folder, err)
		}
	}
	c.Logout().Wait()
}

// Renumber deletes a folder and makes it again with the same mails, as a
// server does when it rebuilds a folder: a new UIDVALIDITY, which it
// returns with the old one.
func (s *Server) Renumber(t T, folder string) (old, renewed uint32) {
	t.Helper()
	c := s.Client(t)
	sel, err := c.Select(folder, nil).Wait()
	if err != nil {
		t.Fatalf("%v", err)
	}
	old = sel.UIDValidity
	var mails [][]byte
	if sel.NumMessages > 0 {
		msgs, err := c.Fetch(imap.SeqSetNum(seq(sel.NumMessages)...), &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{{}}}).Collect()
		if err != nil {
			t.Fatalf("%v", err)
		}
		for _, m := range msgs {
			for _, b := range m.BodySection {
				mails = append(mails, b.Bytes)
			}
		}
	}
	c.Unselect().Wait()
	if err := c.Delete(folder).Wait(); err != nil {
		t.Fatalf("%v", err)
	}
	s.Append(t, folder, mails...)
	sel, err = c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		t.Fatalf("%v", err)
	}
	return old, sel.UIDValidity
}

func seq(n uint32) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i + 1)
	}
	return out
}

// freePort is a loopback address whose port was free a moment ago.
func freePort(t T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("%v", err)
	}
	defer l.Close()
	return l.Addr().String()
}

// writeConfig writes dovecot.conf: one user whose password is Password
// and whose mail is a maildir under Dir. Dovecot refuses to handle mail
// as root, so under root the mail belongs to the user dovecot, and the
// test's directories are opened to it.
func writeConfig(t T, s *Server) {
	t.Helper()
	me, err := user.Current()
	if err != nil {
		t.Fatalf("%v", err)
	}
	mailUser, loginUser := me, me.Username
	if me.Uid == "0" {
		if mailUser, err = user.Lookup("dovecot"); err != nil {
			t.Skip("Dovecot's user is missing (apt-get install dovecot-imapd)")
		}
		loginUser = "dovenull"
		for d := s.Dir; d != os.TempDir() && d != filepath.Dir(d); d = filepath.Dir(d) { // the test's own directories
			if info, err := os.Stat(d); err == nil && info.Mode().Perm()&0o001 == 0 {
				os.Chmod(d, info.Mode().Perm()|0o011)
			}
		}
	}
	for _, d := range []string{"run", "state", "mail"} {
		if err := os.Mkdir(filepath.Join(s.Dir, d), 0o755); err != nil { // Dovecot wants run/ readable by all
			t.Fatalf("%v", err)
		}
	}
	uid, _ := strconv.Atoi(mailUser.Uid)
	gid, _ := strconv.Atoi(mailUser.Gid)
	os.Chown(filepath.Join(s.Dir, "mail"), uid, gid)
	_, port, _ := net.SplitHostPort(s.Addr)
	mechanisms, oauth := "plain login", ""
	if s.tokenURL != "" { // asked first for a token; the password's passdb does not know the mechanisms
		ext := filepath.Join(s.Dir, "oauth2.conf.ext")
		conf := "introspection_mode = post\nintrospection_url = " + s.tokenURL + "\nusername_attribute = username\n" +
			"active_attribute = active\nactive_value = true\n"
		if err := os.WriteFile(ext, []byte(conf), 0o644); err != nil {
			t.Fatalf("%v", err)
		}
		mechanisms += " " + s.tokenBy
		oauth = "passdb {\n  driver = oauth2\n  mechanisms = " + s.tokenBy + "\n  args = " + ext + "\n}\n"
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `protocols = imap
listen = 127.0.0.1
base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
disable_plaintext_auth = no
auth_mechanisms = %[10]s
auth_failure_delay = 0
default_internal_user = %[2]s
default_internal_group = %[3]s
default_login_user = %[4]s
mail_location = maildir:%[1]s/mail/%%u
first_valid_uid = %[6]d
first_valid_gid = %[7]d
%[11]spassdb {
  driver = static
  args = password=%[5]s
}
userdb {
  driver = static
  args = uid=%[6]d gid=%[7]d home=%[1]s/mail/%%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %[8]s
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = %[9]s
  }
}
`, s.Dir, mailUser.Username, groupName(mailUser.Gid), loginUser, Password, uid, gid, port, tlsPort(s.TLSAddr),
		mechanisms, oauth)
	if s.TLSAddr != "" {
		fmt.Fprintf(&b, "ssl = yes\nssl_cert = <%[1]s/cert.pem\nssl_key = <%[1]s/key.pem\n", s.Dir)
	} else {
		b.WriteString("ssl = no\n")
	}
	if err := os.WriteFile(filepath.Join(s.Dir, "dovecot.conf"), b.Bytes(), 0o644); err != nil {
		t.Fatalf("%v", err)
	}
}

func groupName(gid string) string {
	if g, err := user.LookupGroupId(gid); err == nil {
		return g.Name
	}
	return gid
}

func tlsPort(addr string) string {
	if addr == "" {
		return "0" // no listener
	}
	_, port, _ := net.SplitHostPort(addr)
	return port
}

// writeCert writes a self-signed certificate for 127.0.0.1 and localhost
// (cert.pem) and its key (key.pem).
func writeCert(t T, dir string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatalf("%v", err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "dovecot test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatalf("%v", err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatalf("%v", err)
	}
	err1 := os.WriteFile(filepath.Join(dir, "cert.pem"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	err2 := os.WriteFile(filepath.Join(dir, "key.pem"), pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600)
	if err1 != nil || err2 != nil {
		t.Fatalf("%v %v", err1, err2)
	}
}

// introspection serves OAuth2 token introspection (RFC 7662) for Dovecot:
// token is active, for User; any other is not.
func introspection(t T, token string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.ParseForm() == nil && r.PostForm.Get("token") == token {
			fmt.Fprintf(w, `{"active": true, "username": %q}`, User)
			return
		}
		fmt.Fprint(w, `{"active": false}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/introspect"
}
