package main

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"filippo.io/age"
)

// TestBackupToRecipient round-trips an archive encrypted to an age key.
func TestBackupToRecipient(t *testing.T) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	v := filepath.Join(dir, "v")
	vaultCmd(t, "--vault", v, "init")
	vaultCmd(t, "--vault", v, "add", "order", "--marketplace", "m", "--number", "1")
	archive := filepath.Join(dir, "b.age")
	vaultCmd(t, "--vault", v, "backup", "--recipient", id.Recipient().String(), archive)
	idFile := filepath.Join(dir, "key.txt")
	os.WriteFile(idFile, []byte(id.String()+"\n"), 0o600)
	out := vaultCmd(t, "--vault", filepath.Join(dir, "r"), "restore", archive, "--identity", idFile)
	if !strings.Contains(out, "restored and verified") {
		t.Errorf("restore: %s", out)
	}
	var errOut bytes.Buffer
	if code := run(context.Background(), []string{"--vault", filepath.Join(dir, "r2"), "restore", archive}, nil, &bytes.Buffer{}, &errOut); code != 1 {
		t.Errorf("restore without the identity: exit %d: %s", code, errOut.String())
	}
}

// tarOf builds a tar archive of name -> content.
func tarOf(t *testing.T, members ...[2]string) string {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, m := range members {
		tw.WriteHeader(&tar.Header{Name: m[0], Mode: 0o600, Size: int64(len(m[1]))})
		tw.Write([]byte(m[1]))
	}
	tw.Close()
	path := filepath.Join(t.TempDir(), "evil.tar")
	os.WriteFile(path, buf.Bytes(), 0o600)
	return path
}

// TestRestoreRefusesBadArchives: hostile or damaged archives restore nothing.
func TestRestoreRefusesBadArchives(t *testing.T) {
	dir := t.TempDir()
	v := filepath.Join(dir, "v")
	vaultCmd(t, "--vault", v, "init")
	good := filepath.Join(dir, "good.tar")
	vaultCmd(t, "--vault", v, "add", "order", "--marketplace", "m", "--number", "1")
	os.WriteFile(filepath.Join(dir, "r.txt"), []byte("receipt"), 0o600)
	vaultCmd(t, "--vault", v, "attach", "file", filepath.Join(dir, "r.txt"), "--order", "ORD-1")
	vaultCmd(t, "--vault", v, "backup", good)
	data, _ := os.ReadFile(good)
	tampered := bytes.Replace(data, []byte("receipt"), []byte("RECEIPT"), 1)
	os.WriteFile(filepath.Join(dir, "tampered.tar"), tampered, 0o600)
	var symlink bytes.Buffer
	tw := tar.NewWriter(&symlink)
	tw.WriteHeader(&tar.Header{Name: "vault.db", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"})
	tw.Close()
	os.WriteFile(filepath.Join(dir, "symlink.tar"), symlink.Bytes(), 0o600)
	// The manifest's head says which log the archive holds (#18, item 2).
	head := regexp.MustCompile(`"audit_head": "([0-9a-f]{64})"`).FindSubmatch(data)
	if head == nil {
		t.Fatal("the manifest has no audit head")
	}
	otherHead := slices.Clone(data) // the manifest is the last member; the database holds the head too
	copy(otherHead[bytes.LastIndex(data, head[1]):], bytes.Repeat([]byte("ab"), 32))
	otherCount := bytes.Replace(data, []byte(`"audit_entries": 2,`), []byte(`"audit_entries": 9,`), 1)
	if bytes.Equal(otherCount, data) {
		t.Fatal("the manifest has no audit entry count")
	}
	for name, archive := range map[string]string{
		"path traversal":  tarOf(t, [2]string{"../../escape.txt", "x"}),
		"absolute path":   tarOf(t, [2]string{"/tmp/escape.txt", "x"}),
		"no manifest":     tarOf(t, [2]string{"vault.db", "x"}),
		"a blob misnamed": tarOf(t, [2]string{"blobs/00/" + strings.Repeat("0", 64), "not that"}),
		"tampered blob":   filepath.Join(dir, "tampered.tar"),
		"symlink member":  filepath.Join(dir, "symlink.tar"),
		"truncated":       writeTemp(t, data[:len(data)/2]),
		"another head":    writeTemp(t, otherHead),
		"another count":   writeTemp(t, otherCount),
		"not an archive":  writeTemp(t, []byte("hello")),
	} {
		target := filepath.Join(dir, "r-"+strings.ReplaceAll(name, " ", "-"))
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"--vault", target, "restore", archive}, nil, &out, &errOut); code != 1 {
			t.Errorf("%s: exit %d: %s", name, code, errOut.String())
		}
		if strings.HasPrefix(name, "another") && !strings.Contains(out.String(), "the manifest records audit head") {
			t.Errorf("%s: refused for another reason: %s%s", name, out.String(), errOut.String())
		}
		if _, err := os.Stat(target); err == nil {
			t.Errorf("%s: a failed restore left %s behind", name, target)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "..", "escape.txt")); err == nil {
		t.Error("a member escaped the target directory")
	}
}

func writeTemp(t *testing.T, data []byte) string {
	path := filepath.Join(t.TempDir(), "x.tar")
	os.WriteFile(path, data, 0o600)
	return path
}

// TestBackupWhileWriting takes backups while other processes add orders:
// each archive restores into a vault that verifies.
func TestBackupWhileWriting(t *testing.T) {
	bin := vaultBinary(t)
	dir := t.TempDir()
	v := filepath.Join(dir, "v")
	vaultCmd(t, "--vault", v, "init")
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 15 {
				exec.Command(bin, "--vault", v, "add", "order", "--marketplace", "m", "--number", fmt.Sprintf("%d-%d", w, i)).Run()
			}
		}()
	}
	for i := range 4 {
		archive := filepath.Join(dir, fmt.Sprintf("b%d.tar", i))
		if out, err := exec.Command(bin, "--vault", v, "backup", archive).CombinedOutput(); err != nil {
			t.Fatalf("backup %d: %v: %s", i, err, out)
		}
		if out := vaultCmd(t, "--vault", filepath.Join(dir, fmt.Sprint("r", i)), "restore", archive); !strings.Contains(out, "verified") {
			t.Errorf("restore %d: %s", i, out)
		}
	}
	wg.Wait()
}

// TestConcurrentBackupsOneClock: two backups at once with one VAULT_NOW
// both succeed; their snapshots took one name before (#18, item 19).
func TestConcurrentBackupsOneClock(t *testing.T) {
	bin := vaultBinary(t)
	dir := t.TempDir()
	v := filepath.Join(dir, "v")
	vaultCmd(t, "--vault", v, "init")
	vaultCmd(t, "--vault", v, "add", "order", "--marketplace", "m", "--number", "1")
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(bin, "--vault", v, "backup", filepath.Join(dir, fmt.Sprintf("b%d.tar", i)))
			cmd.Env = append(os.Environ(), "VAULT_NOW=2026-11-25T12:00:00Z")
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("%v: %s", err, out)
			}
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("backup %d: %v", i, err)
		}
	}
}

// TestScryptWorkFactorBounded: a tiny .age file asking for scrypt at 2^22
// is refused before the work (age accepts it, at 4.2 GB and 15 s for a
// wrong passphrase); vault's own backups (2^18) still restore (TestOwnWorkFactorRestores).
func TestScryptWorkFactorBounded(t *testing.T) {
	// testdata/age/scrypt22.age: age.NewScryptRecipient("the right one")
	// with SetWorkFactor(22) over 14 bytes (making it takes 20 s).
	dir := t.TempDir()
	archive := filepath.Join("testdata", "age", "scrypt22.age")
	t.Setenv("VAULT_PASSPHRASE", "a wrong one")
	var errOut bytes.Buffer
	code := run(context.Background(), []string{"--vault", filepath.Join(dir, "r"), "restore", archive}, nil, &bytes.Buffer{}, &errOut)
	if code == 0 || !strings.Contains(errOut.String(), "work factor") { // age refuses it before any scrypt work
		t.Errorf("exit %d: the refusal does not say why: %s", code, errOut.String())
	}
}

// TestOwnWorkFactorRestores: a backup encrypted at the product's own
// scrypt cost (2^18; the test binary's children use 2^10) restores.
func TestOwnWorkFactorRestores(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: two seconds of scrypt; backup.txtar runs the same code at 2^10")
	}
	defer func(f int) { workFactor = f }(workFactor)
	workFactor = maxWorkFactor
	dir := t.TempDir()
	t.Setenv("VAULT_PASSPHRASE", "correct horse battery staple")
	v, archive := filepath.Join(dir, "v"), filepath.Join(dir, "b.tar.age")
	vaultCmd(t, "--vault", v, "init")
	vaultCmd(t, "--vault", v, "backup", "--encrypt", archive)
	vaultCmd(t, "--vault", filepath.Join(dir, "restored"), "restore", archive)
}
