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
	"d2cc5b6/CASE-1/en": {"732f49de780ecfa8e69ac3ac0de2150ba188c9f2abc6b3d3c2ce7cf0ef8b4834", chargebackToo + review + typeface + library},
	"d2cc5b6/CASE-1/nb": {"a3d212590d8086c10453a556abc903ffd1604ab384f89304d9478f492a179252", chargebackToo + review + bokmal + typeface + library},
	"d2cc5b6/CASE-2/en": {"c624d94295bc7686ce65c5d15bacc212703bc9bf17f5d0c194e901e0d6ca887f", disputeDecided + disputeWording + typeface + library},
	"d2cc5b6/CASE-2/nb": {"4242f442c5aba1dab7febf7d2e7848dd80581e87c00d42f71ab9ded3ac82b99d", disputeDecided + bokmal + kortreklamasjon + typeface + library},
	"d2cc5b6/CASE-3/en": {"dd89eca6f4bf8f2cd9dc835304b6da01041e7dbdd22939006491f8f646877691", angrerett + typeface + library},
	"d2cc5b6/CASE-3/nb": {"b3d62e84b9f08ed1a46114b2f6957162191500aa0e2b49b3aab294c67fef437f", angrerett + withdrawNB + typeface + library},
	"2e1c51f/CASE-1/en": {"96ddf38ca008b71a2b8e334e7b7ffa0b739040a597f277653ebd9dd4ce2c4cfd", chargebackToo + creditCounts + tracking + review + expected + lostOpen + typeface + library},
	"2e1c51f/CASE-1/nb": {"80c0186c9cfdf9a754a2b6b4d5e71a2f402cc223a2098f6270c1b634263ec3af", chargebackToo + creditCounts + tracking + bokmal + review + expected + lostOpen + typeface + library},
	"2e1c51f/CASE-2/en": {"8c5c27349c73cd275dfd2eecfa3c04b91d3dbe14ded7ce95d2b194e918338e69", disputeDecided + creditCounts + tracking + expected + disputeWording + typeface + library},
	"2e1c51f/CASE-2/nb": {"f49a927ef7e8ea63395a61cd46e2b9cb01aca006f73c948fa5377cb8f80ae441", disputeDecided + creditCounts + tracking + bokmal + expected + kortreklamasjon + typeface + library},
	"2e1c51f/CASE-3/en": {"354c59cff194db453cf3bc3adda18a924d78869318fb4dd28cbae065f19f0dbb", partialCounts + " " + disputeDecided + angrerett + typeface + library},
	"2e1c51f/CASE-3/nb": {"e135f29c9605c3186ffd037ecb6fb4e86c8bc8d4afda0f2d29181603abb0ac17", partialCounts + " " + disputeDecided + angrerett + withdrawNB + typeface + library},
	"2e1c51f/CASE-4/en": {"48e8e38128a6549deacf97463c20c63a37d098c85ed2c1719d78c4160195fdbd", partialCounts + review + typeface + library},
	"2e1c51f/CASE-4/nb": {"eb8cf57410a8410a7df30a06ef6a5e730482301ebc4a656ca0a0a597d7381148", partialCounts + review + typeface + library},
}

// What the dossiers of old vaults show differently since issue 28, since
// the second lawyer's read of issue 29, since issue 30, and how they are
// written since issue 31.
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
	library         = "Written by codeberg.org/go-pdf/fpdf v0.12.0, not gofpdf v1.16.2 (#31, item 8): a second header line ('%µ¶', bytes above 127 that mark the file binary) and, where there are images, their names from fpdf's image ID (a hash of the image's fields, not of their gob encoding); the same objects, text and pixels. "
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
