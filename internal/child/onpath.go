package child

import (
	"os"
	"path/filepath"
	"testing"
)

// OnPath puts the running test binary on PATH as vault, for the test: then
// what reads in a child process does so as the product does (a test
// binary's TestMain answers the child's command).
func OnPath(t testing.TB) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if err := os.Symlink(exe, filepath.Join(bin, "vault")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(filepath.ListSeparator)+os.Getenv("PATH"))
	if _, ok := Self(); !ok {
		t.Fatal("no child: this test binary is not the vault on PATH")
	}
}
