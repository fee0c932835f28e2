package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"maps"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"

	"vault/internal/pdftest"
)

// vaultCmd runs vault in-process (as the shell would) and fails the test on a non-zero exit.
func vaultCmd(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(context.Background(), args, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("vault %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errOut.String())
	}
	return out.String()
}

// vaultBinary is the vault command that testscript.Main puts on PATH: real
// processes to kill and to race.
func vaultBinary(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("vault")
	if err != nil {
		t.Skip("no vault binary on PATH (testscript.Main puts it there):", err)
	}
	return bin
}

// writeRandomFiles writes n files of size bytes of fresh random content into
// dir. Each starts with a fixed prefix: random bytes that happen to begin
// like an image (FF D8 FF is a JPEG, one file in 16 million) would be
// decoded, refused as a broken image, and fail the test by chance.
func writeRandomFiles(t *testing.T, dir string, n, size int) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		data := make([]byte, size)
		rand.Read(data)
		copy(data, "random\x00")
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%d.bin", i)), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// writeMbox writes an mbox of n new messages, each with an attachment.
func writeMbox(t *testing.T, path string, trial, n int) {
	t.Helper()
	if err := os.WriteFile(path, mbox(trial, n), 0o600); err != nil {
		t.Fatal(err)
	}
}

// mbox is n messages about order 8123456789012345, each with a random
// attachment; trial makes their Message-IDs differ from other trials'.
func mbox(trial, n int) []byte {
	var b bytes.Buffer
	for i := range n {
		att := make([]byte, 3000)
		rand.Read(att)
		fmt.Fprintf(&b, "From x@example.com Mon Oct  5 09:15:00 2026\nFrom: x@example.com\nSubject: trial %d message %d\n"+
			"Message-ID: <%d.%d@crash>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n--b\n"+
			"Content-Type: text/plain\n\nhello 8123456789012345\n--b\nContent-Type: application/octet-stream\n"+
			"Content-Disposition: attachment; filename=a.bin\nContent-Transfer-Encoding: base64\n\n%x\n--b--\n\n",
			trial, i, trial, i, att)
	}
	return b.Bytes()
}

// TestImportInterrupt interrupts an import (SIGINT, as Ctrl-C sends) after
// its 7th message: it stops there, records what it stored, and exits 130.
func TestImportInterrupt(t *testing.T) {
	t.Parallel() // processes of its own, a vault of its own
	bin := vaultBinary(t)
	dir := t.TempDir()
	v := filepath.Join(dir, "v")
	vaultCmd(t, "--vault", v, "init")
	writeMbox(t, filepath.Join(dir, "in.mbox"), 0, 25)
	cmd := exec.Command(bin, "--vault", v, "import", "email", filepath.Join(dir, "in.mbox"))
	cmd.Env = append(os.Environ(), "VAULT_TEST_POINT=email.message:7:int")
	out, _ := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 130 {
		t.Errorf("exit code %d, want 130:\n%s", code, out)
	}
	if want := "vault: interrupted after 7 of 25 messages"; !strings.HasPrefix(string(out), want) {
		t.Errorf("got:\n%s\nwant it to start with %q", out, want)
	}
	if got := vaultCmd(t, "--vault", v, "verify"); strings.Contains(got, "no record refers") || !strings.Contains(got, "ok: nothing lost") {
		t.Errorf("verify after the interrupt:\n%s", got)
	}
}

// TestCrashSafety kills vault attach, import and export with SIGKILL in the
// middle of their work: each run is told (VAULT_TEST_POINT, see stopAt) to
// stop at a named point — a blob written to tmp/ or stored but not yet
// recorded, rows written but not committed, a dossier written but not
// renamed — and the kill comes only once it says it is there, so every
// kill lands mid-work on any machine. After each kill the vault must verify
// (no row without its file, no partial file among the blobs, the audit
// chain whole) and the export target must be absent or a complete PDF.
// 150 trials, 15 with -short.
func TestCrashSafety(t *testing.T) {
	t.Parallel() // processes of its own, a vault of its own
	trials := 150
	if testing.Short() {
		trials = 15
	}
	bin := vaultBinary(t)
	dir, v := caseVault(t)
	// Each kind of work, and the points it passes (how often, at least).
	type work struct {
		args   func(i int) []string
		points map[string]int
	}
	works := []work{
		{func(i int) []string {
			in := filepath.Join(dir, fmt.Sprint("in", i))
			writeRandomFiles(t, in, 4, 256<<10)
			return []string{"attach", "file", "-r", in, "--order", "ORD-1"}
		}, map[string]int{"blob.written": 4, "blob.stored": 4, "db.commit": 1}},
		{func(i int) []string {
			in := filepath.Join(dir, fmt.Sprint("in", i, ".mbox"))
			writeMbox(t, in, i, 20)
			return []string{"import", "email", in}
		}, map[string]int{"blob.written": 40, "blob.stored": 40, "db.commit": 1}},
		{func(i int) []string {
			return []string{"export", "case", "CASE-1", "--profile", "none", "--pdf", filepath.Join(dir, fmt.Sprintf("d%d.pdf", i))}
		}, map[string]int{"file.written": 1}},
	}
	stops := map[string]int{}
	for i := range trials {
		w := works[i%len(works)]
		args := w.args(i)
		point, n := pickPoint(w.points, i)
		stopAndKill(t, bin, v, point, n, args)
		stops[args[0]+" at "+point]++
		if out := vaultCmd(t, "--vault", v, "verify"); !strings.Contains(out, "ok: nothing lost") {
			t.Fatalf("trial %d (%s stopped at %s %d): verify:\n%s", i, args[0], point, n, out)
		}
		if pdf := args[len(args)-1]; args[0] == "export" {
			if _, err := os.Stat(pdf); err == nil {
				if _, err := pdftest.Read(pdf); err != nil {
					t.Fatalf("trial %d: a partial PDF at the target: %v", i, err)
				}
			}
		}
	}
	t.Logf("%d trials, each killed mid-work, the vault verified after each: %v", trials, stops)
}

// pickPoint chooses, for trial i, one of the points and which time it is
// reached (1 to its count), in a fixed order: the trials cover every point.
func pickPoint(points map[string]int, i int) (string, int) {
	names := slices.Sorted(maps.Keys(points))
	name := names[(i/3)%len(names)]
	return name, 1 + mrand.IntN(points[name])
}

// stopAndKill runs vault with args until it reports the n-th time it
// reached point, then kills it with SIGKILL. A run that ends without
// reaching it fails the test.
func stopAndKill(t *testing.T, bin, v, point string, n int, args []string) {
	t.Helper()
	cmd, _ := startAt(t, bin, v, point, n, args)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
}

// startAt starts vault with args and returns once it says it is held at
// the n-th time it reached point (see stopAt), with the rest of its
// standard error to read. A run that ends without reaching it fails the test.
func startAt(t *testing.T, bin, v, point string, n int, args []string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--vault", v}, args...)...)
	cmd.Env = append(os.Environ(), fmt.Sprintf("VAULT_TEST_POINT=%s:%d", point, n))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var said strings.Builder
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		if lines.Text() == fmt.Sprintf("testpoint %s %d", point, n) {
			return cmd, lines
		}
		said.WriteString(lines.Text() + "\n")
	}
	cmd.Wait()
	t.Fatalf("vault %s ended (%v) without reaching %s %d times:\n%s", strings.Join(args, " "), cmd.ProcessState, point, n, said.String())
	return nil, nil
}

// caseVault makes a vault with order ORD-1 and case CASE-1 in a temp dir,
// and returns the dir and the vault's path.
func caseVault(t *testing.T) (dir, v string) {
	dir = t.TempDir()
	v = filepath.Join(dir, "v")
	vaultCmd(t, "--vault", v, "init")
	vaultCmd(t, "--vault", v, "add", "order", "--marketplace", "aliexpress", "--number", "8123456789012345")
	vaultCmd(t, "--vault", v, "add", "case", "--kind", "dispute", "--order", "ORD-1")
	return dir, v
}

// TestConcurrentProcesses runs 2, then 8 vault processes at once, each adding
// orders and attaching files: every write must land, and no "database is
// locked" may reach the user.
func TestConcurrentProcesses(t *testing.T) {
	t.Parallel() // processes of its own, a vault of its own
	bin := vaultBinary(t)
	for _, workers := range []int{2, 8} {
		dir := t.TempDir()
		v := filepath.Join(dir, "v")
		vaultCmd(t, "--vault", v, "init")
		each := 6
		if testing.Short() {
			each = 3
		}
		var wg sync.WaitGroup
		errs := make(chan string, workers*each*2)
		for w := range workers {
			in := filepath.Join(dir, fmt.Sprint("in", w))
			writeRandomFiles(t, in, each, 64<<10)
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					number := fmt.Sprintf("%d-%d", w, i)
					for _, args := range [][]string{
						{"add", "order", "--marketplace", "m", "--number", number},
						{"attach", "file", filepath.Join(in, fmt.Sprintf("f%d.bin", i)), "--order", number},
					} {
						out, err := exec.Command(bin, append([]string{"--vault", v}, args...)...).CombinedOutput()
						if err != nil {
							errs <- fmt.Sprintf("vault %s: %v: %s", strings.Join(args, " "), err, out)
						}
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		orders := strings.Count(vaultCmd(t, "--vault", v, "list", "orders"), "\nORD-")
		files := strings.Count(vaultCmd(t, "--vault", v, "list", "evidence"), "\nEV-")
		if orders != workers*each || files != workers*each {
			t.Errorf("%d processes: %d orders and %d files landed, want %d of each", workers, orders, files, workers*each)
		}
		if out := vaultCmd(t, "--vault", v, "verify"); !strings.Contains(out, "ok: nothing lost") {
			t.Errorf("%d processes: verify:\n%s", workers, out)
		}
	}
}

// TestSignalEndsStuckWork: work that does not stop when asked (here an
// export held at a point by the test hook) ends after SIGTERM all the
// same, with exit code 130, and the vault verifies; the dossier it was
// writing is neither there nor left as a temp file beside it.
func TestSignalEndsStuckWork(t *testing.T) {
	t.Parallel() // processes of its own, a vault of its own
	bin := vaultBinary(t)
	dir, v := caseVault(t)
	cmd, lines := startAt(t, bin, v, "file.written", 1, []string{"export", "case", "CASE-1", "--pdf", filepath.Join(dir, "d.pdf")})
	cmd.Process.Signal(syscall.SIGTERM)
	var said strings.Builder
	for lines.Scan() {
		said.WriteString(lines.Text() + "\n")
	}
	cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 130 || !strings.Contains(said.String(), "vault: stopped: interrupted") {
		t.Errorf("exit %d after SIGTERM, want 130; stderr:\n%s", code, said.String())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*d.pdf*")); len(left) != 0 {
		t.Errorf("left after the stop: %v", left)
	}
	if out := vaultCmd(t, "--vault", v, "verify"); !strings.Contains(out, "ok: nothing lost") {
		t.Errorf("verify:\n%s", out)
	}
}
