package casework

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"vault"
	"vault/internal/testimage"
	"vault/ocr"
)

// orderNumber is a realistic order number of each marketplace, numbered i.
func orderNumber(m vault.Marketplace, i int) string {
	switch m {
	case vault.Temu:
		return fmt.Sprintf("PO-211-%017d", 48213907115362+i*7919)
	case vault.Amazon:
		return fmt.Sprintf("302-%07d-%07d", 4412907+i*31, 5530021+i*97)
	case vault.EBay:
		return fmt.Sprintf("%02d-%05d-%05d", 10+i%80, 12045+i*13, 33170+i*7)
	}
	return strconv.Itoa(8123456789012345 + i*104729)
}

// TestInboxReadsOrders: 100 generated order screenshots (four marketplaces'
// number formats, light and dark, five faces, English and Norwegian) go
// into the inbox from a watched folder; tesseract reads them and the inbox
// names the right order for at least 95 of them, among 100 orders. A
// second scan adds nothing; --auto-link files exactly the sure ones.
func TestInboxReadsOrders(t *testing.T) {
	ctx := context.Background()
	reader, err := ocr.Find(ctx)
	if err != nil {
		if os.Getenv("VAULT_REQUIRE_OCR") != "" {
			t.Fatalf("VAULT_REQUIRE_OCR is set and: %v", err)
		}
		t.Skipf("%v: this test reads screenshots with it", err)
	}
	n := 100
	if testing.Short() {
		n = 4 // one of each marketplace's pages
	}
	s := testVault(t)
	dir := t.TempDir()
	markets := []vault.Marketplace{vault.AliExpress, vault.Temu, vault.Amazon, vault.EBay}
	want := map[string]vault.OrderID{}
	for i := range n {
		m := markets[i%len(markets)]
		o := vault.Order{Marketplace: m, Number: orderNumber(m, i), Seller: fmt.Sprintf("Store %d", i)}
		id := addOrder(t, s, o)
		name := fmt.Sprintf("IMG_%04d.PNG", i)
		want[name] = id
		page := testimage.OrderPage(uint64(i), testimage.Order{Marketplace: m.Name(), Number: o.Number, Seller: o.Seller,
			Item: "USB-C lader 65W", Amount: "NOK 349,00"})
		writeInput(t, dir, name, page)
	}
	results, err := s.ScanInbox(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var ids []vault.EvidenceID
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Path, r.Err)
		}
		ids = append(ids, r.Added.ID)
	}
	start := time.Now()
	reads, err := s.ReadText(ctx, reader, ids, nil)
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	for _, r := range reads {
		if r.Err != nil {
			t.Errorf("%s: %v", r.ID, r.Err)
		}
	}
	items, err := s.Inbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	right := 0
	for _, it := range items {
		if o, ok := Sure(it.Suggested); ok && o == want[it.FileName] {
			right++
		} else if testing.Verbose() {
			t.Logf("%s: suggested %v; read %q", it.FileName, it.Suggested, it.Text)
		}
	}
	t.Logf("OCR of %d screenshots: %v (%v each, %s); the right order suggested for %d", n, took.Round(time.Millisecond),
		(took / time.Duration(n)).Round(time.Millisecond), reader.Name(), right)
	if right*100 < 95*n {
		t.Errorf("the right order for %d of %d screenshots; want at least 95 %%", right, n)
	}
	again, err := s.ScanInbox(ctx, []string{dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range again {
		if !r.Known {
			t.Errorf("second scan: %s not known", r.Path)
		}
	}
	filed, err := s.AutoLink(ctx)
	if err != nil {
		t.Fatal(err)
	}
	left, _ := s.Inbox(ctx)
	if len(filed) < right || len(filed)+len(left) != n {
		t.Errorf("auto-link filed %d, left %d, of %d", len(filed), len(left), n)
	}
	for id, o := range filed {
		for _, it := range items {
			if it.ID == id && want[it.FileName] != o {
				t.Errorf("%s (%s) filed under %s, want %s", id, it.FileName, o, want[it.FileName])
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "IMG_0000.PNG")); err != nil {
		t.Errorf("the user's file: %v", err)
	}
}
