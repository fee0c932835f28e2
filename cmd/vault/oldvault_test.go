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
	"d2cc5b6/CASE-1/nb": {"c5128fdd4077011565d65d3d503371dbb2d5bb492c1220fc5e9d5012751e9928", chargebackToo},
	"d2cc5b6/CASE-2/en": {"909e32ac83a999f5996fcd3978f176b8c30711c0f7aa59a3e25bb90561df0a86", disputeDecided},
	"d2cc5b6/CASE-2/nb": {"350f817e63310d4f16568dc5a5fbc95a4cb634b6ba5bf013e322b5b5d53f422a", disputeDecided},
	"d2cc5b6/CASE-3/en": {"20ccaa7a91af132248b7d650734bfdf49509188ecca36b11cd44d2f090cfbb9f", ""},
	"d2cc5b6/CASE-3/nb": {"eb028fe13ee67221d31dc65c29769ab26fce971a375b0ad2e70f5e142b88f239", ""},
	"2e1c51f/CASE-1/en": {"60fa7bf718df32cd04dcd5039d87ba391967a1b93ce8fb3f40c0bcc4428acf54", chargebackToo + creditCounts},
	"2e1c51f/CASE-1/nb": {"9d43c9dddb078a7d23b8a5831fc5633a1b806712399131257c6c52a0f26d7c78", chargebackToo + creditCounts},
	"2e1c51f/CASE-2/en": {"26a93e4e6972c5a538d475882c16899558432af6d517cb88cb0f55021ec63f6e", disputeDecided + creditCounts},
	"2e1c51f/CASE-2/nb": {"1c2560e5422781542c165118bdfbf8272e0c806cc7c5dd2eac36ca72b4284e9a", disputeDecided + creditCounts},
	"2e1c51f/CASE-3/en": {"68e85e40cf114437c2d36109d572504ab4338873d0480f2f683a5178902a6ac9", partialCounts + " " + disputeDecided},
	"2e1c51f/CASE-3/nb": {"2c20309031da5116c28f2edaafbcea6774244c94dd88cb3bb3ba7a187d5407cf", partialCounts + " " + disputeDecided},
	"2e1c51f/CASE-4/en": {"80adde2c3a333ee69bc71095b4e4f305e53f5f4c61a48bd9bf6d2b853fa28d68", partialCounts},
	"2e1c51f/CASE-4/nb": {"4aec51434573e9dcc66d5fd7e31f7a631e769195222b4d5c62a6c6e06e96afb3", partialCounts},
}

// What the dossiers of old vaults show differently since issue 28.
const (
	chargebackToo  = "Page 1 and the timeline name the chargeback opened about the same order (the dossier's page 1 never showed the other cases). "
	disputeDecided = "The chargeback's page 1, letter and timeline say when the AliExpress dispute was opened and decided (lost on 2026-09-20); before, only 'lost', and the letter said nothing of it. "
	creditCounts   = "The statement's 459 NOK credit, confirmed by the buyer, counts as the refund: the claim is nothing, page 1 says everything came back, the timeline dates the credit. "
	partialCounts  = "The Temu dispute's partial outcome (50 NOK back) counts: the claim is 70 of 120 NOK, page 1 says so."
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
