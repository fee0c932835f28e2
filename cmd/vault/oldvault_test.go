package main

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oldDossiers are the SHA-256 of each dossier exported from the vaults in
// testdata/oldvaults, made by the code of commits d2cc5b6 (schema 4) and
// 2e1c51f (schema 10) with the scripts beside them. A dossier exported by
// today's code from a copy of such a vault is the same, byte for byte, as
// the code of 2e1c51f exported it; where an entry differs, its comment says
// which fact the dossier shows differently and why.
var oldDossiers = map[string]string{
	"d2cc5b6/CASE-1/en": "abe8125b01240da66d0bc093ef8a4f7c9b4338a60bb9426db8c5b6565df060f5",
	"d2cc5b6/CASE-1/nb": "e33761229cb41ff80ee602c18521c26aa675f7679ac44ef1238560691f4fe993",
	"d2cc5b6/CASE-2/en": "c14de28b74906136e3e553135d0bc7e6fef20ce6414c246e683d1f126cec6510",
	"d2cc5b6/CASE-2/nb": "4ec81d4315986a7e7db4054f2ae3fd99f1dcd14e5d77c88c6dd4fd1310e24769",
	"d2cc5b6/CASE-3/en": "20ccaa7a91af132248b7d650734bfdf49509188ecca36b11cd44d2f090cfbb9f",
	"d2cc5b6/CASE-3/nb": "eb028fe13ee67221d31dc65c29769ab26fce971a375b0ad2e70f5e142b88f239",
	"2e1c51f/CASE-1/en": "94b87e8f0714c50c59a9b7ff8eda44751afcc1f56507472c4cce7f9878507112",
	"2e1c51f/CASE-1/nb": "00b644ab494e5c3dc3c49cff59ed4107e096bbb69f4c609a883f3cfce72e627d",
	"2e1c51f/CASE-2/en": "cded009c878721c6c86ec44f7e271e9dd5b27853995cbff2c74bda8fc36ea551",
	"2e1c51f/CASE-2/nb": "673e768e3fa6e57c4b6f3e88fd52a9344c4380b8ae2ed5b2abf3c8374d0433f7",
	"2e1c51f/CASE-3/en": "7573519a3b2797542602454f107560b77f0d7fbf8a049450291fc98e66fe4f97",
	"2e1c51f/CASE-3/nb": "b6eac8d4edecd70a503710d8b9fe6f47183560e794016304ab2a152ee818af13",
	"2e1c51f/CASE-4/en": "f84ddfc634771ff67d65b627c949d1fe62291ae731372466ae469ca9c3a8f332",
	"2e1c51f/CASE-4/nb": "e78ce20fddd1b097686af65c244dfc100c133cd0bc617b35d05606a19088c62d",
}

// TestOldVaults opens copies of vaults made by older code: each migrates,
// verifies clean, and exports every case in both languages to the dossier
// recorded for it.
func TestOldVaults(t *testing.T) {
	if testing.Short() {
		t.Skip("exports 14 dossiers")
	}
	t.Setenv("VAULT_NOW", "2026-11-20T12:00:00Z")
	got := map[string]string{}
	for key := range oldDossiers {
		made, _, _ := strings.Cut(key, "/")
		got[made] = ""
	}
	for made := range got {
		t.Run(made, func(t *testing.T) {
			t.Parallel()
			v := copyVault(t, filepath.Join("testdata/oldvaults", made))
			vaultCmd(t, "--vault", v, "--tz", "UTC", "verify")
			for key, want := range oldDossiers {
				m, rest, _ := strings.Cut(key, "/")
				if m != made {
					continue
				}
				c, l, _ := strings.Cut(rest, "/")
				pdf := filepath.Join(t.TempDir(), "d.pdf")
				vaultCmd(t, "--vault", v, "--tz", "UTC", "export", "case", c, "--pdf", pdf, "--lang", l, "--now", "2026-11-20T12:00:00Z")
				data, err := os.ReadFile(pdf)
				if err != nil {
					t.Fatal(err)
				}
				if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != want {
					t.Errorf("%s: the dossier is %x, not the one recorded", key, sum)
				}
			}
		})
	}
}

// copyVault copies a vault kept in testdata to a new directory with the
// modes a vault has (git keeps none of them): the directory 0700, the
// database 0600, blobs 0400, and the empty tmp/ git does not keep.
func copyVault(t *testing.T, from string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "vault")
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o700)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		mode := os.FileMode(0o600)
		if strings.HasPrefix(rel, "blobs"+string(filepath.Separator)) {
			mode = 0o400
		}
		return os.WriteFile(target, data, mode)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(to, "tmp"), 0o700); err != nil {
		t.Fatal(err)
	}
	return to
}
