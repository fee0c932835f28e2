package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPermissionsIgnoreUmask: whatever the umask, the vault is 0700, its
// database and temp files 0600, its blobs 0400.
func TestPermissionsIgnoreUmask(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	v := filepath.Join(dir, "v")
	vaultCmd(t, "--vault", v, "init")
	vaultCmd(t, "--vault", v, "add", "order", "--marketplace", "m", "--number", "1")
	writeRandomFiles(t, filepath.Join(dir, "in"), 1, 1000)
	vaultCmd(t, "--vault", v, "attach", "file", filepath.Join(dir, "in", "f0.bin"), "--order", "ORD-1")
	err := filepath.Walk(v, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		want := os.FileMode(0o600)
		switch {
		case info.IsDir():
			want = 0o700
		case strings.Contains(path, "/blobs/"):
			want = 0o400
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: mode %04o, want %04o", path, info.Mode().Perm(), want)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRefusesUnsafeVaultDir: a vault others can write to, or that another
// user owns, is refused.
func TestRefusesUnsafeVaultDir(t *testing.T) {
	v := filepath.Join(t.TempDir(), "v")
	vaultCmd(t, "--vault", v, "init")
	os.Chmod(v, 0o777)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"--vault", v, "list", "orders"}, nil, &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "writable by others (mode 0777)") {
		t.Errorf("world-writable vault: exit %d, %s", code, errOut.String())
	}
	os.Chmod(v, 0o700)
	if os.Getuid() != 0 {
		t.Skip("changing a directory's owner needs root")
	}
	os.Chown(v, 12345, 12345)
	errOut.Reset()
	if code := run(context.Background(), []string{"--vault", v, "list", "orders"}, nil, &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "belongs to user 12345") {
		t.Errorf("vault of another user: exit %d, %s", code, errOut.String())
	}
}

// TestFullDisk lowers the file size limit (ulimit -f) so that writing a blob
// or a dossier fails: a clear error, and the vault still verifies.
func TestFullDisk(t *testing.T) {
	bin := vaultBinary(t)
	dir := t.TempDir()
	v := filepath.Join(dir, "v")
	vaultCmd(t, "--vault", v, "init")
	vaultCmd(t, "--vault", v, "add", "order", "--marketplace", "m", "--number", "1")
	vaultCmd(t, "--vault", v, "add", "case", "--kind", "dispute", "--order", "ORD-1")
	writeRandomFiles(t, filepath.Join(dir, "in"), 1, 3<<20)
	noise := image.NewRGBA(image.Rect(0, 0, 400, 400))
	rand.Read(noise.Pix)
	for i := 3; i < len(noise.Pix); i += 4 {
		noise.Pix[i] = 255
	}
	var pngBuf bytes.Buffer
	png.Encode(&pngBuf, noise)
	shot := filepath.Join(dir, "noise.png")
	os.WriteFile(shot, pngBuf.Bytes(), 0o600)
	vaultCmd(t, "--vault", v, "attach", "file", shot, "--case", "CASE-1")
	limited := func(kb int, args ...string) (string, error) {
		cmd := exec.Command("sh", append([]string{"-c", `ulimit -f "$0" && exec "$@"`, itoa(int64(kb)), bin, "--vault", v}, args...)...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := limited(1024, "attach", "file", filepath.Join(dir, "in", "f0.bin"), "--order", "ORD-1")
	if err == nil || !strings.Contains(out, "file too large") {
		t.Errorf("attach past the limit: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "d.pdf")
	out, err = limited(200, "export", "case", "CASE-1", "--pdf", pdf)
	if err == nil || !strings.Contains(out, "file too large") {
		t.Errorf("export past the limit: %v\n[%s]", err, out)
	}
	if _, err := os.Stat(pdf); err == nil {
		t.Error("a failed export left a file at the target")
	}
	if out := vaultCmd(t, "--vault", v, "verify"); !strings.Contains(out, "ok: nothing lost") {
		t.Errorf("after the failures: %s", out)
	}
	if list := vaultCmd(t, "--vault", v, "list", "evidence"); strings.Contains(list, "f0.bin") {
		t.Errorf("a failed attach left a record:\n%s", list)
	}
}

// TestSecondInterruptEnds: a command blocked where it cannot see the first
// Ctrl-C (reading a pipe that never ends) ends at the second (#18, item 13).
func TestSecondInterruptEnds(t *testing.T) {
	bin := vaultBinary(t)
	v := filepath.Join(t.TempDir(), "v")
	vaultCmd(t, "--vault", v, "init")
	cmd := exec.Command(bin, "--vault", v, "import", "email", "-")
	stdin, err := cmd.StdinPipe() // held open, never written
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	time.Sleep(500 * time.Millisecond) // let it reach the read
	for range 2 {
		cmd.Process.Signal(os.Interrupt)
		time.Sleep(200 * time.Millisecond)
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		t.Fatal("two Ctrl-C did not end the command")
	}
}
