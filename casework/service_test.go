package casework

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
	"vault/store"
)

var today = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// testVault creates a real vault (SQLite file, blob store) in a temp dir,
// with the clock at today.
func testVault(t *testing.T) *Service {
	t.Helper()
	s, err := Create(context.Background(), filepath.Join(t.TempDir(), "v"), func() time.Time { return today }, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func day(s string) date.Value {
	v, err := date.Parse(s, time.UTC)
	if err != nil {
		panic(err)
	}
	return v
}

func nok(minor int64) money.Money { return money.Money{Minor: minor, Currency: "NOK"} }

// amount is a whole amount in a currency.
func amount(units int64, currency string) money.Money {
	return money.Money{Minor: units * 100, Currency: currency}
}

// addOrder records an order and returns its id.
func addOrder(t testing.TB, s *Service, o vault.Order) vault.OrderID {
	t.Helper()
	id, err := s.DB.AddOrder(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// writeInput writes data into dir/name and returns the path.
func writeInput(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func pngOf(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestOpenAndCreate(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "v")
	var noVault *NoVaultError
	if _, err := Open(ctx, dir, time.Now, time.UTC); !errors.As(err, &noVault) || noVault.Dir != dir {
		t.Fatalf("open of nothing: %v", err)
	}
	s, err := Create(ctx, dir, time.Now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Create(ctx, dir, time.Now, time.UTC); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second create: %v", err)
	}
	os.Chmod(dir, 0o777)
	if _, err := Open(ctx, dir, time.Now, time.UTC); err == nil || !strings.Contains(err.Error(), "writable by others") {
		t.Errorf("world-writable vault opened: %v", err)
	}
	os.Chmod(dir, 0o700)
	s, err = Open(ctx, dir, time.Now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

// TestAttach: good files land together, with kinds from their content and
// a warning for a lying name; refused files leave nothing; the same bytes
// again are a duplicate.
func TestAttach(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "81"})
	in := t.TempDir()
	shot := writeInput(t, in, "shot.png", pngOf(t, 30, 60))
	liar := writeInput(t, in, "liar.jpg", pngOf(t, 10, 10))
	broken := writeInput(t, in, "broken.png", pngOf(t, 40, 40)[:100])
	text := writeInput(t, in, "receipt.txt", []byte("Kvittering 81: 49,90 NOK"))
	var last, total int64
	got, err := s.Attach(ctx, AttachRequest{Paths: []string{shot, liar, broken, text, shot, filepath.Join(in, "missing")},
		Links: vault.Links{Orders: []vault.OrderID{o}}, Note: "from the phone"}, func(done, all int64) { last, total = done, all })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Fatalf("%d results", len(got))
	}
	for i, want := range []struct {
		ok, dup bool
		warn    string
	}{{true, false, ""}, {true, false, "named .jpg but the content is image/png; kept as image/png"}, {}, {true, false, ""}, {true, true, ""}, {}} {
		r := got[i]
		if (r.Err == nil) != want.ok || r.Added.Duplicate != want.dup || r.Warning != want.warn {
			t.Errorf("%s: %+v", r.Path, r)
		}
	}
	if last == 0 || last != total {
		t.Errorf("progress ended at %d of %d bytes", last, total)
	}
	list, err := s.DB.ListEvidence(ctx, store.EvidenceFilter{Order: o})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]vault.EvidenceKind{}
	for _, e := range list {
		kinds[e.FileName] = e.Kind
		if e.Note != "from the phone" {
			t.Errorf("%s: note %q", e.FileName, e.Note)
		}
	}
	want := map[string]vault.EvidenceKind{"shot.png": vault.EvidenceScreenshot, "liar.jpg": vault.EvidenceScreenshot, "receipt.txt": vault.EvidenceOther}
	if len(kinds) != 3 || kinds["shot.png"] != want["shot.png"] || kinds["liar.jpg"] != want["liar.jpg"] || kinds["receipt.txt"] != want["receipt.txt"] {
		t.Errorf("recorded %v, want %v", kinds, want)
	}
	if r, err := s.Verify(ctx, nil); err != nil || !r.OK || len(r.Temp)+len(r.Orphans) != 0 {
		t.Errorf("after attach: %+v %v", r, err)
	}
}

// TestImportMail imports an mbox (one message of it has no headers), then
// again: the second import adds nothing; a confirmation creates its order.
func TestImportMail(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8123456789012345"})
	run := func(path string, create bool) (*Importer, []Imported) {
		var got []Imported
		imp := s.NewImporter(vault.Links{}, create, func(m Imported) { got = append(got, m) })
		if err := imp.File(ctx, path, nil); err != nil {
			t.Fatal(err)
		}
		imp.Flush(ctx)
		return imp, got
	}
	mbox := filepath.Join("..", "evidence", "testdata", "email", "three.mbox")
	imp, got := run(mbox, false)
	if imp.Added != 2 || imp.Skipped != 1 || len(got) != 3 {
		t.Fatalf("first import: %d added, %d skipped: %+v", imp.Added, imp.Skipped, got)
	}
	if got[0].Source != mbox+" message 1" || len(got[0].Added.Matched) != 1 || got[0].Added.Matched[0] != o {
		t.Errorf("the message naming order 8123456789012345: %+v", got[0])
	}
	if imp, _ = run(mbox, false); imp.Added != 0 || imp.Duplicates != 2 {
		t.Errorf("second import: %d added, %d duplicate", imp.Added, imp.Duplicates)
	}
	s = testVault(t) // a vault where the confirmed order is not recorded yet
	_, got = run(filepath.Join("..", "evidence", "testdata", "email", "aliexpress-confirmation.eml"), true)
	if len(got) != 1 || got[0].Created == nil || got[0].Created.Marketplace != vault.AliExpress || got[0].Created.ID == 0 {
		t.Fatalf("confirmation: %+v", got)
	}
	created, err := s.DB.Order(ctx, got[0].Created.ID)
	if err != nil || created.Total.IsZero() || created.Ordered.IsZero() {
		t.Errorf("created order %+v, %v", created, err)
	}
}

// TestImportForwarded: a mail forwarded as an attachment imports as two:
// the forwarding mail, and the seller's original with its own sender and
// date, which names the order and is linked to it.
func TestImportForwarded(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8123456789012345"})
	var got []Imported
	imp := s.NewImporter(vault.Links{}, false, func(m Imported) { got = append(got, m) })
	if err := imp.File(ctx, filepath.Join("..", "evidence", "testdata", "email", "forwarded.eml"), nil); err != nil {
		t.Fatal(err)
	}
	imp.Flush(ctx)
	if imp.Added != 2 || len(got) != 2 || !strings.HasSuffix(got[1].Source, "forwarded message 1") {
		t.Fatalf("%d added: %+v", imp.Added, got)
	}
	es, err := s.DB.ListEvidence(ctx, store.EvidenceFilter{Order: o})
	if err != nil {
		t.Fatal(err)
	}
	var froms []string
	for _, e := range es {
		froms = append(froms, e.From)
	}
	if len(es) != 2 || !slices.Contains(froms, "Guangzhou Audio <seller@aliexpress.example>") {
		t.Errorf("linked to the order: %q", froms)
	}
}

func TestNewCase(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-1", Total: nok(1000)})
	addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-2", Total: nok(2550)})
	addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-3", Total: money.Money{Minor: 100, Currency: "EUR"}})
	c, orders, err := s.NewCase(ctx, vault.Case{Kind: vault.Chargeback}, []string{"PO-1", "ORD-2"})
	if err != nil || len(orders) != 2 {
		t.Fatal(err)
	}
	if c.Title != "Chargeback: Temu order PO-1 and 1 more" || c.Amount != nok(3550) || len(c.Orders) != 2 {
		t.Errorf("case %+v", c)
	}
	c, _, _ = s.NewCase(ctx, vault.Case{Kind: vault.Dispute}, []string{"PO-1", "PO-3"})
	if !c.Amount.IsZero() {
		t.Errorf("two currencies summed: %v", c.Amount)
	}
	c, _, _ = s.NewCase(ctx, vault.Case{Kind: vault.Dispute, Title: "Mine", Amount: nok(1)}, []string{"PO-1"})
	if c.Title != "Mine" || c.Amount != nok(1) {
		t.Errorf("given title and amount replaced: %+v", c)
	}
	if _, _, err := s.NewCase(ctx, vault.Case{Kind: vault.Dispute}, []string{"PO-9"}); !errors.Is(err, vault.ErrNotFound) {
		t.Errorf("unknown order: %v", err)
	}
}

// TestImportKeepsRawBytes: an imported mail is stored byte for byte, CRLF
// line ends included; a message from an mbox as it was before mboxrd
// quoted it (#18, item 21).
func TestImportKeepsRawBytes(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	dir := filepath.Join("..", "evidence", "testdata", "email")
	for _, name := range []string{"seller-latin1.eml", "three.mbox"} {
		imp := s.NewImporter(vault.Links{}, false, func(Imported) {})
		if err := imp.File(ctx, filepath.Join(dir, name), nil); err != nil {
			t.Fatal(err)
		}
		imp.Flush(ctx)
	}
	stored := map[string][]byte{}
	list, err := s.DB.ListEvidence(ctx, store.EvidenceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e.Kind == vault.EvidenceEmail && e.Blob != nil {
			f, err := s.Blobs.Open(e.Blob.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := io.ReadAll(f)
			f.Close()
			stored[e.Title] = data
		}
	}
	want, _ := os.ReadFile(filepath.Join(dir, "seller-latin1.eml"))
	if !bytes.Contains(want, []byte("\r\n")) {
		t.Fatal("the fixture lost its CRLF line ends")
	}
	found := false
	for _, data := range stored {
		found = found || bytes.Equal(data, want)
	}
	if !found {
		t.Errorf("seller-latin1.eml is not stored byte for byte among %d mails", len(stored))
	}
	second := stored["Second"]
	if !bytes.Contains(second, []byte("\nFrom here on, all is well.\n>From a nested quote.")) {
		t.Errorf("the mbox message is not stored unquoted: %q", second)
	}
}
