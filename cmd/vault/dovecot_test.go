package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/rogpeppe/go-internal/testscript"

	"vault/internal/dovecot"
)

// servers are the scripts' Dovecots, one a script.
var servers sync.Map // *testscript.TestScript -> *dovecot.Server

// dovecot start [tls] starts a real IMAP server for the script (a script
// that uses it begins with "[!dovecot] skip"), and sets $IMAP (its
// address, plain and STARTTLS), $IMAPS and $IMAP_CA (with tls), $IMAP_USER
// and $IMAP_PASSWORD. dovecot put FOLDER FILE... delivers mails in that
// order; dovecot renumber FOLDER makes the folder again with its mails
// under a new UIDVALIDITY; dovecot kill and dovecot restart stop and start
// the server.
func cmdDovecot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: dovecot start [tls] | put FOLDER FILE... | renumber FOLDER | kill | restart")
	}
	t := scriptT{ts}
	if args[0] == "start" {
		s := dovecot.Start(t, dovecot.Options{TLS: len(args) > 1 && args[1] == "tls"})
		servers.Store(ts, s)
		ts.Setenv("IMAP", s.Addr)
		ts.Setenv("IMAPS", s.TLSAddr)
		ts.Setenv("IMAP_CA", s.CA)
		ts.Setenv("IMAP_USER", dovecot.User)
		ts.Setenv("IMAP_PASSWORD", dovecot.Password)
		return
	}
	v, ok := servers.Load(ts)
	if !ok {
		ts.Fatalf("dovecot %s: no 'dovecot start' before", args[0])
	}
	s := v.(*dovecot.Server)
	switch {
	case args[0] == "put" && len(args) >= 3:
		var mails [][]byte
		for _, f := range args[2:] {
			mails = append(mails, []byte(ts.ReadFile(f)))
		}
		s.Append(t, args[1], mails...)
	case args[0] == "renumber" && len(args) == 2:
		old, renewed := s.Renumber(t, args[1])
		if old == renewed {
			ts.Fatalf("dovecot renumber: UIDVALIDITY %d did not change", old)
		}
	case args[0] == "kill":
		s.Kill()
	case args[0] == "restart":
		s.Restart(t)
	default:
		ts.Fatalf("dovecot %s: unknown", strings.Join(args, " "))
	}
}

// scriptT is a script as the dovecot package's test.
type scriptT struct{ ts *testscript.TestScript }

func (scriptT) Helper()                             {}
func (s scriptT) Fatalf(format string, args ...any) { s.ts.Fatalf(format, args...) }
func (s scriptT) Skip(args ...any)                  { s.ts.Fatalf("%s", fmt.Sprint(args...)) } // "[!dovecot] skip" comes first
func (s scriptT) Cleanup(f func())                  { s.ts.Defer(f) }

func (s scriptT) TempDir() string {
	dir, err := os.MkdirTemp(s.ts.MkAbs("."), "dovecot")
	s.ts.Check(err)
	abs, err := filepath.Abs(dir)
	s.ts.Check(err)
	return abs
}
