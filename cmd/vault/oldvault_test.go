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
	"d2cc5b6/CASE-1/en": {"cdbefe2800ad4fb612a54114a129af2bbe8e21c985944aadce033300549e9abe", chargebackToo + review},
	"d2cc5b6/CASE-1/nb": {"c563c2da86c843d396188a8377ed8bb0ddb62f5250f5f022c2da182f6addd120", chargebackToo + review + bokmal},
	"d2cc5b6/CASE-2/en": {"909e32ac83a999f5996fcd3978f176b8c30711c0f7aa59a3e25bb90561df0a86", disputeDecided},
	"d2cc5b6/CASE-2/nb": {"892681ebfb23fb8ab548f9a15242f18d479fe4375335f05ec8e2706c3a49a14e", disputeDecided + bokmal + kortreklamasjon},
	"d2cc5b6/CASE-3/en": {"3fcbe9101a637095c5e1cc4c918fb39de2fbf7db82b99f5d52f1baf2a75bcf3f", angrerett},
	"d2cc5b6/CASE-3/nb": {"591123bb9f43c38223c8c6c80acae19c2f4c24519826c1e32bc53de51bf86359", angrerett + withdrawNB},
	"2e1c51f/CASE-1/en": {"acef3a9e00057e8a98c50be02f975f34b1dd2a85f4525ca57d18aa2e85a6b40b", chargebackToo + creditCounts + tracking + review + expected + lostOpen},
	"2e1c51f/CASE-1/nb": {"dd7eb9097b3d9f0d2cb58dae72175868476c579978851e31c50f43805212f8d5", chargebackToo + creditCounts + tracking + bokmal + review + expected + lostOpen},
	"2e1c51f/CASE-2/en": {"652a9da8d37e23af7486be28741352f18722bb8cc29d56158edf993cec76e3bb", disputeDecided + creditCounts + tracking + expected},
	"2e1c51f/CASE-2/nb": {"69a9d8a8413bb81dfce2bf9fd222fbc3ed199dd1faec52a797f71c02649e3c4e", disputeDecided + creditCounts + tracking + bokmal + expected + kortreklamasjon},
	"2e1c51f/CASE-3/en": {"5577cf5f2eb96b6ad6034a3abcf9ce1209b8add444eea5b7fb7dcc17bb12581e", partialCounts + " " + disputeDecided + angrerett},
	"2e1c51f/CASE-3/nb": {"657be14e767f05c1b79b37cfdcca8c5a81e2c9697263a234fa0d4b0b17d6458a", partialCounts + " " + disputeDecided + angrerett + withdrawNB},
	"2e1c51f/CASE-4/en": {"087c8a2be762154744dc54a8647d02eb3eef1f2443db2690af6a148d5aa6b930", partialCounts + review},
	"2e1c51f/CASE-4/nb": {"c72c3aec16cc46bda9d1fb6a07ccfa7b140f35b8341992561dfbfc488293a16f", partialCounts + review},
}

// What the dossiers of old vaults show differently since issue 28, and
// since the second lawyer's read of issue 29.
const (
	chargebackToo   = "Page 1 and the timeline name the chargeback opened about the same order (the dossier's page 1 never showed the other cases). "
	disputeDecided  = "The chargeback's page 1, letter and timeline say when the AliExpress dispute was opened and decided (lost on 2026-09-20); before, only 'lost', and the letter said nothing of it. "
	creditCounts    = "The statement's 459 NOK credit, confirmed by the buyer, counts as the refund: the claim is nothing, page 1 says everything came back, the timeline dates the credit. "
	partialCounts   = "The Temu dispute's partial outcome (50 NOK back) counts: the claim is 70 of 120 NOK, page 1 says so (a decision's refund has no day of its own). "
	tracking        = "The letters give the tracking number with the day shipped; page 1 marks a refund that is the credit above it. "
	angrerett       = "The withdrawal letter cites angrerettloven § 20 for the right and § 21 for the 14 days (issue 29). "
	bokmal          = "Bokmål: 'Jeg skrev til selgeren DATO, og fikk ett svar' (a past act on a day), 'avgjort i selgerens favør'. "
	review          = "A dispute decided against the buyer has a letter asking to review the decision, with the days it was opened and decided, not one opening it again. "
	expected        = "The order's expected day is said as expected, not promised: a marketplace's estimate is no promise. "
	lostOpen        = "A dispute lost leaves its order's windows in the timeline: the AliExpress dispute window's estimated last day. "
	kortreklamasjon = "Bokmål: a chargeback is a 'kortreklamasjon', not a 'tilbakeføring'. "
	withdrawNB      = "Bokmål: 'Jeg går herved fra kjøpet', 'etter at dere har mottatt'. "
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
