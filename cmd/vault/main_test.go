package main

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"vault/casework"
	"vault/internal/dovecot"
	"vault/internal/pdftest"
	"vault/internal/testpoint"
	"vault/pages"
	"vault/store"

	"vault/internal/testimage"
)

// TestMain runs the tests, or, when the test binary runs under the name
// vault (the crash tests, 'exec vault' in a script, the README's lines in
// sh), the vault command itself.
func TestMain(m *testing.M) {
	workFactor = 10 // scrypt at 2^10, not 2^18: a backup test's passphrase in milliseconds
	if filepath.Base(os.Args[0]) == "vault" {
		grace = 300 * time.Millisecond // the same ending after a signal, sooner
		if at := os.Getenv("VAULT_TEST_POINT"); at != "" {
			testpoint.SetHook(stopAt(at))
		}
		main()
		os.Exit(0)
	}
	os.Exit(runTests(m))
}

// vaultBin is the directory that holds this binary as vault: on PATH, and
// $VAULTBIN in scripts (a PATH with vault and nothing else).
var vaultBin string

// runTests puts this binary on PATH as vault, and runs the tests.
func runTests(m *testing.M) int {
	bin, err := os.MkdirTemp("", "vault-test-bin")
	vaultBin = bin
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(bin)
	exe, err := os.Executable()
	if err == nil {
		err = os.Symlink(exe, filepath.Join(bin, "vault"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	os.Setenv("PATH", bin+string(filepath.ListSeparator)+os.Getenv("PATH"))
	return m.Run()
}

// cmdVault is the scripts' vault: the command run in this process, as
// the shell would run it in the script's directory with the script's
// environment, without starting a process (about 30 ms of CPU each, most
// of a short command's cost). The command runs on a thread of its own
// whose working directory is the script's (unshare CLONE_FS), so scripts
// run in parallel. 'exec vault' starts the binary, for what needs a
// process: standard input, signals.
func cmdVault(ts *testscript.TestScript, neg bool, args []string) {
	dir, stdout, stderr := ts.MkAbs("."), ts.Stdout(), ts.Stderr()
	code := make(chan int, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread, and its working directory, end with this goroutine
		if err := syscall.Unshare(syscall.CLONE_FS); err != nil {
			fmt.Fprintf(stderr, "unshare: %v\n", err)
			code <- -1
			return
		}
		if err := syscall.Chdir(dir); err != nil {
			fmt.Fprintf(stderr, "chdir: %v\n", err)
			code <- -1
			return
		}
		loc, err := time.LoadLocation(ts.Getenv("TZ"))
		if err != nil {
			loc = time.UTC
		}
		code <- runApp(context.Background(), newApp(strings.NewReader(""), stdout, stderr, ts.Getenv, loc), args)
	}()
	switch c := <-code; {
	case c < 0:
		ts.Fatalf("vault could not run in %s", dir)
	case c != 0 && !neg:
		ts.Fatalf("vault %s: exit %d", strings.Join(args, " "), c)
	case c == 0 && neg:
		ts.Fatalf("vault %s: succeeded unexpectedly", strings.Join(args, " "))
	}
}

// stopAt returns a testpoint hook for VAULT_TEST_POINT=NAME:N[:int|:pause]:
// the N-th time the work reaches the point NAME, the process says so on
// stderr ("testpoint NAME N") and waits to be killed; with ":int" it sends
// itself an interrupt (the user's Ctrl-C) there and goes on; with ":pause"
// it writes the file testpoint.paused in its working directory, waits
// there until the test removes it (another command runs meanwhile), and
// goes on. Only test binaries read the variable.
func stopAt(at string) func(string) {
	const pauseFile = "testpoint.paused"
	name, rest, _ := strings.Cut(at, ":")
	count, action, _ := strings.Cut(rest, ":")
	n, err := strconv.Atoi(count)
	if err != nil || n < 1 {
		fmt.Fprintf(os.Stderr, "VAULT_TEST_POINT=%q: want NAME:N or NAME:N:int\n", at)
		os.Exit(2)
	}
	var mu sync.Mutex
	seen := 0
	return func(point string) {
		mu.Lock()
		defer mu.Unlock()
		if point != name {
			return
		}
		if seen++; seen != n {
			return
		}
		if action == "int" {
			syscall.Kill(os.Getpid(), syscall.SIGINT)
			<-interrupted // the command's context is done when the work goes on
			return
		}
		if action == "pause" {
			if err := os.WriteFile(pauseFile, []byte(name+"\n"), 0o600); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			for {
				if _, err := os.Stat(pauseFile); err != nil {
					return
				}
				time.Sleep(10 * time.Millisecond)
			}
		}
		fmt.Fprintf(os.Stderr, "testpoint %s %d\n", name, n)
		select {} // until the test's SIGKILL
	}
}

func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("VAULT_DIR", env.WorkDir+"/vault")
			env.Setenv("TZ", "UTC")
			emails, err1 := filepath.Abs("../../evidence/testdata/email")
			exif, err2 := filepath.Abs("../../evidence/testdata/exif")
			mailbox, err3 := filepath.Abs("testdata/imap")
			pagesDir, err4 := filepath.Abs("../../pages/testdata")
			env.Setenv("EMAILS", emails)
			env.Setenv("EXIF", exif)
			env.Setenv("MAILBOX", mailbox)
			env.Setenv("PAGES", pagesDir)
			env.Setenv("VAULTBIN", vaultBin)
			env.Setenv("ORIGPATH", os.Getenv("PATH"))
			return errors.Join(err1, err2, err3, err4)
		},
		Condition: func(cond string) (bool, error) {
			if cond == "dovecot" {
				if dovecot.Bin() == "" && os.Getenv("VAULT_REQUIRE_DOVECOT") != "" {
					return false, errors.New("VAULT_REQUIRE_DOVECOT is set and no Dovecot is installed")
				}
				return dovecot.Bin() != "", nil
			}
			if cond == "chromium" {
				_, err := pages.FindChromium()
				return err == nil || os.Getenv("VAULT_REQUIRE_BROWSER") != "", nil // required: the script fails without it
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"mkimage":     cmdMkimage,
			"pdftext":     cmdPdftext,
			"mkorderpage": cmdMkorderpage,
			"perm":        cmdPerm,
			"sql":         cmdSQL,
			"flip":        cmdFlip,
			"age":         cmdAge,
			"jsonenv":     cmdJSONEnv,
			"unzip":       cmdUnzip,
			"mkmbox":      cmdMkmbox,
			"confirmall":  cmdConfirmAll,
			"dovecot":     cmdDovecot,
			"shop":        cmdShop,
			"vault":       cmdVault,
		},
	})
}

// confirmall ORD-n WORD confirms every statement line whose text has WORD
// as the order's, as 'vault match confirm TX-n ORD-n' does one line at a
// time: thousands of such commands would take a script minutes.
func cmdConfirmAll(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: confirmall ORD-n WORD")
	}
	ctx, now := context.Background(), time.Now
	if at, err := time.Parse(time.RFC3339, ts.Getenv("VAULT_NOW")); err == nil {
		now = func() time.Time { return at }
	}
	svc, err := casework.Open(ctx, ts.Getenv("VAULT_DIR"), now, time.UTC)
	ts.Check(err)
	defer svc.Close()
	o, err := svc.DB.ResolveOrder(ctx, args[0])
	ts.Check(err)
	lines, err := svc.DB.Transactions(ctx, store.TransactionFilter{})
	ts.Check(err)
	var confirm []store.Match
	for _, t := range lines {
		if strings.Contains(t.Text, args[1]) {
			confirm = append(confirm, store.Match{Transaction: t.ID, Order: o, State: "linked", Why: "decided by the user", By: "user"})
		}
	}
	ts.Check(svc.DB.SetMatches(ctx, confirm))
	fmt.Fprintf(ts.Stdout(), "%d confirmed\n", len(confirm))
}

// mkmbox FILE N writes an mbox of N mails about order 8123456789012345,
// each with a small attachment.
func cmdMkmbox(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mkmbox FILE N")
	}
	n, err := strconv.Atoi(args[1])
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), mbox(0, n), 0o600))
}

// mkorderpage FILE NUMBER [SEED] writes a phone screenshot of an AliExpress
// order page showing that order number in its pixels (testimage.OrderPage).
func cmdMkorderpage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: mkorderpage FILE NUMBER [SEED]")
	}
	seed := uint64(1)
	if len(args) == 3 {
		n, err := strconv.ParseUint(args[2], 10, 64)
		ts.Check(err)
		seed = n
	}
	page := testimage.OrderPage(seed, testimage.Order{Marketplace: "AliExpress", Number: args[1], Seller: "Shenzhen Gadget Store",
		Item: "USB-C charger 65W", Amount: "NOK 349,00"})
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), page, 0o600))
}

// mkimage FILE FORMAT W H writes a generated image of that size. FORMAT is
// png, jpeg, truncated (half a PNG), badcrc (a PNG with a flipped byte),
// bomb (a PNG header claiming W x H pixels, and nothing else) or heic (an
// HEIF container header, as iPhones write).
func cmdMkimage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: mkimage FILE png|jpeg|truncated|badcrc|bomb|heic W H")
	}
	w, err1 := strconv.Atoi(args[2])
	h, err2 := strconv.Atoi(args[3])
	if err1 != nil || err2 != nil {
		ts.Fatalf("bad size")
	}
	var buf bytes.Buffer
	var err error
	switch args[1] {
	case "jpeg":
		err = jpeg.Encode(&buf, testImage(w, h), nil)
	case "bomb":
		buf.Write(testimage.PNGHeader(uint32(w), uint32(h)))
	case "heic":
		buf.WriteString("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic")
		buf.Write(make([]byte, 64))
	default:
		err = png.Encode(&buf, testImage(w, h))
	}
	ts.Check(err)
	data := buf.Bytes()
	switch args[1] {
	case "truncated":
		data = data[:len(data)/2]
	case "badcrc":
		data[len(data)/2] ^= 0xff
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
}

// testImage draws stripes and a gradient, so encoders cannot shrink it to nothing.
func testImage(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.NRGBA{uint8(x * 255 / max(w, 1)), uint8((y / 8 % 2) * 200), uint8(y * 255 / max(h, 1)), 255})
		}
	}
	return img
}

// pdftext FILE [PAGE] validates the PDF strictly and prints its page
// count, bookmarks and text (of one page, when given), for stdout assertions.
func cmdPdftext(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 && len(args) != 2 {
		ts.Fatalf("usage: pdftext FILE [PAGE]")
	}
	info, err := pdftest.Read(ts.MkAbs(args[0]))
	if neg {
		if err == nil {
			ts.Fatalf("%s is a valid PDF", args[0])
		}
		return
	}
	ts.Check(err)
	text := info.Text
	if len(args) == 2 {
		n, err := strconv.Atoi(args[1])
		if err != nil || n < 1 || n > len(info.PageText) {
			ts.Fatalf("pdftext: no page %s in %d", args[1], len(info.PageText))
		}
		text = info.PageText[n-1]
	}
	fmt.Fprintf(ts.Stdout(), "pages: %d\nbookmarks: %s\nattachments: %s\n%s\n", info.Pages, strings.Join(info.Bookmarks, " | "),
		strings.Join(info.Attachments, " | "), text)
}

// perm MODE FILE... checks the permission bits of each file.
func cmdPerm(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: perm MODE FILE...")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	for _, f := range args[1:] {
		info, err := os.Stat(ts.MkAbs(f))
		ts.Check(err)
		if got := info.Mode().Perm(); uint64(got) != want {
			ts.Fatalf("%s: mode %o, want %o", f, got, want)
		}
	}
}

// TestExitCodes checks what a shell sees: 0 for success, 1 for a failed
// command, 2 for a command called wrongly, and always one "vault: " line.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("VAULT_DIR", dir+"/v")
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"list", "orders"}, 1, "vault: no vault at " + dir + "/v (run 'vault init')"},
		{[]string{"init"}, 0, ""},
		{[]string{"init"}, 1, "vault: a vault already exists at"},
		{[]string{"bogus"}, 2, `vault: unknown command "bogus" for "vault"`},
		{[]string{"add", "bogus"}, 2, `vault: unknown command "bogus" for "vault add"`},
		{[]string{"add", "order", "--number", "1"}, 2, "vault: vault add order needs --marketplace"},
		{[]string{"add", "order", "--marketplace", "x", "--number", "1", "--total", "12.345 USD"}, 2, "3 decimals, but the currency has 2"},
		{[]string{"add", "order", "--bogus"}, 2, "unknown flag: --bogus"},
		{[]string{"add", "order", "--marketplace", "x", "--number", "1"}, 0, ""},
		{[]string{"add", "order", "--marketplace", "X", "--number", "1"}, 1, "vault: order X 1 is already recorded as ORD-1"},
		{[]string{"show", "order", "ORD-9"}, 1, "vault: order ORD-9: not found"},
		{[]string{"show", "order"}, 2, "needs an order id"},
		{[]string{"list", "orders"}, 0, ""},
		{[]string{"--help"}, 0, ""},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run(context.Background(), tt.args, strings.NewReader(""), &out, &errOut)
		if code != tt.code || !strings.Contains(errOut.String(), tt.err) {
			t.Errorf("vault %s: exit %d, stderr %q; want exit %d, stderr containing %q",
				strings.Join(tt.args, " "), code, errOut.String(), tt.code, tt.err)
		}
		if strings.Contains(errOut.String(), "goroutine ") || strings.Contains(errOut.String(), "panic") {
			t.Errorf("vault %s: stack trace on stderr: %s", strings.Join(tt.args, " "), errOut.String())
		}
	}
}

// sql DB STATEMENT runs SQL on a vault's database behind vault's back, as a
// tamperer (or a well-meaning sqlite3 user) would.
func cmdSQL(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sql DB STATEMENT")
	}
	db, err := sql.Open("sqlite", "file:"+ts.MkAbs(args[0])+"?_pragma=foreign_keys(0)")
	ts.Check(err)
	defer db.Close()
	_, err = db.Exec(args[1])
	if neg != (err != nil) {
		ts.Fatalf("sql: %v", err)
	}
}

// flip FILE changes one byte in the middle of a (read-only) file.
func cmdFlip(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: flip FILE")
	}
	path := ts.MkAbs(args[0])
	data, err := os.ReadFile(path)
	ts.Check(err)
	data[len(data)/2] ^= 0x01
	ts.Check(os.Chmod(path, 0o600))
	ts.Check(os.WriteFile(path, data, 0o400))
}

// age DURATION FILE... sets the files' modification time that far back.
func cmdAge(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: age DURATION FILE...")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	for _, f := range args[1:] {
		t := time.Now().Add(-d)
		ts.Check(os.Chtimes(ts.MkAbs(f), t, t))
	}
}

// jsonenv FILE KEY NAME sets $NAME to the string at KEY of the JSON object in FILE.
func cmdJSONEnv(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: jsonenv FILE KEY NAME")
	}
	var obj map[string]any
	ts.Check(json.Unmarshal([]byte(ts.ReadFile(args[0])), &obj))
	v, ok := obj[args[1]].(string)
	if !ok {
		ts.Fatalf("%s: no string at %q", args[0], args[1])
	}
	ts.Setenv(args[2], v)
}

// unzip ZIP DIR extracts a zip archive (without needing the unzip tool).
func cmdUnzip(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: unzip ZIP DIR")
	}
	zr, err := zip.OpenReader(ts.MkAbs(args[0]))
	ts.Check(err)
	defer zr.Close()
	for _, f := range zr.File {
		if !filepath.IsLocal(f.Name) {
			ts.Fatalf("zip entry %q is not local", f.Name)
		}
		r, err := f.Open()
		ts.Check(err)
		data, err := io.ReadAll(r)
		r.Close()
		ts.Check(err)
		dst := filepath.Join(ts.MkAbs(args[1]), f.Name)
		ts.Check(os.MkdirAll(filepath.Dir(dst), 0o755))
		ts.Check(os.WriteFile(dst, data, 0o644))
	}
}
