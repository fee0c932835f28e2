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
	"d2cc5b6/CASE-1/en": {"46c15d7b26f0ef2abc89306781358f16ddc014af77df6f19794e5e80e3175299", chargebackToo + review + typeface},
	"d2cc5b6/CASE-1/nb": {"36dcb59d61cb163c487d023eef54942e9ad1bd77828f90a141a75b1f35a911e5", chargebackToo + review + bokmal + typeface},
	"d2cc5b6/CASE-2/en": {"024063ac6f93a3482cdbf5f36863521d58fee56cfb9864f96cb8508f07c1154f", disputeDecided + disputeWording + typeface},
	"d2cc5b6/CASE-2/nb": {"c3d745609b95d570b9404f60b0b7f1d9eca765913b19a871d02440f2b282107f", disputeDecided + bokmal + kortreklamasjon + typeface},
	"d2cc5b6/CASE-3/en": {"4571e6a49be0d682b4e6face0e9c2c2a4f5d71126c51ec72d4b4e9b20da885b0", angrerett + typeface},
	"d2cc5b6/CASE-3/nb": {"9a800e6a9fe47d669f96bf8e3a3cf163accc063a6b9e665b2e5d1b42c1056706", angrerett + withdrawNB + typeface},
	"2e1c51f/CASE-1/en": {"13e4008aaad61035622321cbdb03e4588d7daf690d431469bb5402760e98992f", chargebackToo + creditCounts + tracking + review + expected + lostOpen + typeface},
	"2e1c51f/CASE-1/nb": {"5e37d13eaa78dec7031db5f3b7711b3a8bd80b27e1ab6924faa77e9ab25e8fd1", chargebackToo + creditCounts + tracking + bokmal + review + expected + lostOpen + typeface},
	"2e1c51f/CASE-2/en": {"d3841900020e37dc64362dc40e01f79ef17b20c9384393110d2da312bfb5e69a", disputeDecided + creditCounts + tracking + expected + disputeWording + typeface},
	"2e1c51f/CASE-2/nb": {"7b97ee8b5e911b90c4534fc19c52b3b7e48aaf95ae1efd2b718d740bc6240a69", disputeDecided + creditCounts + tracking + bokmal + expected + kortreklamasjon + typeface},
	"2e1c51f/CASE-3/en": {"441da88e1b27435b4702b10ec072ba3c23bfc67fa32eb694d7cc11a01e510e90", partialCounts + " " + disputeDecided + angrerett + typeface},
	"2e1c51f/CASE-3/nb": {"57e4737ac6fa757fba81de8093cf965292877dce6c3d13f40d5d6c10eea78ce2", partialCounts + " " + disputeDecided + angrerett + withdrawNB + typeface},
	"2e1c51f/CASE-4/en": {"057757efa9639569696f23f59e9c8c913075913a9890de25b119d6a71f0d7048", partialCounts + review + typeface},
	"2e1c51f/CASE-4/nb": {"4a0ab631e924793bd1ddd651ba1b6966e63c3f1ee91c2ad8433862bad39ad902", partialCounts + review + typeface},
}

// What the dossiers of old vaults show differently since issue 28, since
// the second lawyer's read of issue 29, and since issue 30.
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
	disputeWording  = "The chargeback letter asks the bank to reverse the card payment (#30, items 1 and 11). "
	typeface        = "Set in DejaVu Sans, whose hyphen is a hyphen, not Go's wide one: other fonts, line breaks, and wider label and date columns (#30, item 7). "
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
