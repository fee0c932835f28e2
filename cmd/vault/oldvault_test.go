package main

import (
	"cmp"
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
// 2e1c51f (schema 10) with the scripts beside them, with a fixed clock. Each
// is the dossier the code of 2e1c51f exported, byte for byte, unless its
// entry says which fact it shows differently since, and why.
var oldDossiers = map[string]struct{ sha, changed string }{
	"d2cc5b6/CASE-1/en": {"249fbd82ba2339266169907cbd30e0c8caf503e92e41b929461a27828f55a824", chargebackToo},
	"d2cc5b6/CASE-1/nb": {"4f06521bc7956ef200f686de9785f8144ee15ed6fa9e8951ee78e645f2b33ba8", chargebackToo + bokmal},
	"d2cc5b6/CASE-2/en": {"909e32ac83a999f5996fcd3978f176b8c30711c0f7aa59a3e25bb90561df0a86", disputeDecided},
	"d2cc5b6/CASE-2/nb": {"5cf0c973a5ab370ce9031cda23e3cbbb5315e144cf53e9f274c6618741f1f85c", disputeDecided + bokmal},
	"d2cc5b6/CASE-3/en": {"3fcbe9101a637095c5e1cc4c918fb39de2fbf7db82b99f5d52f1baf2a75bcf3f", angrerett},
	"d2cc5b6/CASE-3/nb": {"0d12f6559e210c331b963d43f0da684c946b11f10d45d07e2f88efa0bc00384b", angrerett},
	"2e1c51f/CASE-1/en": {"7ba5ed964e3e9674495991c87f4395f32b4f08c81a797b4e83acbd9c7cc00f42", chargebackToo + creditCounts + tracking},
	"2e1c51f/CASE-1/nb": {"987305ce14727b119d3edcbeda88e954b035c1b7f2cce055520b59c3c3c53cd2", chargebackToo + creditCounts + tracking + bokmal},
	"2e1c51f/CASE-2/en": {"2728695ce8c66e0ced01c8d6ebc4d1c077bef9d6b59904ff4e7c5110d6f44b52", disputeDecided + creditCounts + tracking},
	"2e1c51f/CASE-2/nb": {"3eca1eda1ae224c599c2b51381d9bb95ac5eb948172d601b9afc22c7faf128a8", disputeDecided + creditCounts + tracking + bokmal},
	"2e1c51f/CASE-3/en": {"5577cf5f2eb96b6ad6034a3abcf9ce1209b8add444eea5b7fb7dcc17bb12581e", partialCounts + " " + disputeDecided + angrerett},
	"2e1c51f/CASE-3/nb": {"aae8306de00a0dccb5b95ae6a38d78c47e5d56b3b3d30f32821e2f676f081ace", partialCounts + " " + disputeDecided + angrerett},
	"2e1c51f/CASE-4/en": {"73131fc61ce0f50e8a2749acaf80d85fcced9c2b201ec2925a2cac187ef58e9d", partialCounts},
	"2e1c51f/CASE-4/nb": {"6bdeefad8c07db1980ae50693d7a208544727c2157d49e638c117fa7669f5c2d", partialCounts},
}

// What the dossiers of old vaults show differently since issue 28.
const (
	chargebackToo  = "Page 1 and the timeline name the chargeback opened about the same order (the dossier's page 1 never showed the other cases). "
	disputeDecided = "The chargeback's page 1, letter and timeline say when the AliExpress dispute was opened and decided (lost on 2026-09-20); before, only 'lost', and the letter said nothing of it. "
	creditCounts   = "The statement's 459 NOK credit, confirmed by the buyer, counts as the refund: the claim is nothing, page 1 says everything came back, the timeline dates the credit. "
	partialCounts  = "The Temu dispute's partial outcome (50 NOK back) counts: the claim is 70 of 120 NOK, page 1 says so (a decision's refund has no day of its own). "
	tracking       = "The letters give the tracking number with the day shipped; page 1 marks a refund that is the credit above it. "
	angrerett      = "The withdrawal letter cites angrerettloven § 20 for the right and § 21 for the 14 days (issue 29). "
	bokmal         = "Bokmål: 'Jeg skrev til selgeren DATO, og fikk ett svar' (a past act on a day), 'avgjort i selgerens favør'."
)

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
			for key, old := range oldDossiers {
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
				if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != old.sha {
					t.Errorf("%s: the dossier is %x, not the one recorded (%s)", key, sum, cmp.Or(old.changed, "the same as 2e1c51f's"))
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
