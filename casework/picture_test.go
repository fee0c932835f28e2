package casework

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"strings"
	"testing"

	"vault"
	"vault/pages"
)

// needChromium skips a test without Chromium (fails with
// VAULT_REQUIRE_BROWSER set, as .ci/run sets it once it installed one).
func needChromium(t *testing.T) {
	t.Helper()
	if _, err := pages.FindChromium(); err == nil {
		return
	}
	if os.Getenv("VAULT_REQUIRE_BROWSER") != "" {
		t.Fatal("VAULT_REQUIRE_BROWSER is set and no Chromium is installed")
	}
	t.Skip("Chromium is not installed (apt-get install chromium): pages' pictures are not tested")
}

// savedPage attaches an HTML listing to a new order with a case about it.
func savedPage(t *testing.T, s *Service) (vault.EvidenceID, vault.CaseID) {
	t.Helper()
	ctx := context.Background()
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8123456789012345"})
	c, err := s.DB.AddCase(ctx, vault.Case{Kind: vault.Dispute, Orders: []vault.OrderID{o}})
	if err != nil {
		t.Fatal(err)
	}
	path := writeInput(t, t.TempDir(), "listing.html", []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Robot vacuum X200</title></head>
<body><h1>Robot vacuum X200</h1><p>NOK 1 299,00 · Shenzhen Gadget Store · blåbær</p></body></html>`))
	got, err := s.Attach(ctx, AttachRequest{Paths: []string{path}, Kind: vault.EvidenceListing, Links: vault.Links{Orders: []vault.OrderID{o}}}, nil)
	if err != nil || got[0].Err != nil {
		t.Fatal(err, got)
	}
	return got[0].Added.ID, c
}

// pictureItem is the checklist's item asking for a page's picture.
func pictureItem(t *testing.T, s *Service, c vault.CaseID) *Item {
	t.Helper()
	list, err := s.Check(context.Background(), c.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range list.Items {
		if strings.HasPrefix(it.What, "a picture of the saved page") {
			return &it
		}
	}
	return nil
}

// TestPicturePage: a saved page's picture is drawn once, stored beside
// it and named by the page; the checklist asks for it before, not after.
func TestPicturePage(t *testing.T) {
	needChromium(t)
	ctx := context.Background()
	s := testVault(t)
	page, c := savedPage(t, s)
	if it := pictureItem(t, s, c); it == nil || it.Fix == nil || *it.Fix != (vault.Fix{Do: vault.DoPicture, Record: page.String()}) {
		t.Fatalf("the checklist's item: %+v", it)
	}
	added, err := s.PicturePage(ctx, page)
	if err != nil || added.Duplicate {
		t.Fatalf("%+v, %v", added, err)
	}
	e, _, err := s.DB.Evidence(ctx, added.ID)
	if err != nil || !e.IsPicture() || e.Parent != page || e.Blob.MediaType != "image/png" || !strings.Contains(e.Note, "picture of "+page.String()) {
		t.Fatalf("the picture: %+v, %v", e, err)
	}
	data, err := os.ReadFile(s.Blobs.Path(e.Blob.SHA256))
	if err != nil {
		t.Fatal(err)
	}
	if cfg, err := png.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Width != pages.Width {
		t.Errorf("the PNG: %+v, %v", cfg, err)
	}
	if again, err := s.PicturePage(ctx, page); err != nil || again != (vault.Added{ID: added.ID, Duplicate: true}) {
		t.Errorf("again: %+v, %v", again, err)
	}
	if it := pictureItem(t, s, c); it != nil {
		t.Errorf("the checklist still asks: %+v", it)
	}
}

// TestPicturePageRefused: what is no page, or is retracted, gets no
// picture; without Chromium the error says so and nothing is recorded.
func TestPicturePageRefused(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	page, c := savedPage(t, s)
	o := vault.OrderID(1)
	shot, err := s.Attach(ctx, AttachRequest{Paths: []string{writeInput(t, t.TempDir(), "a.png", pngOf(t, 20, 20))},
		Links: vault.Links{Orders: []vault.OrderID{o}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PicturePage(ctx, shot[0].Added.ID); err == nil || !strings.Contains(err.Error(), "not a saved web page") {
		t.Errorf("a screenshot: %v", err)
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := s.PicturePage(ctx, page); !errors.Is(err, pages.ErrNoChromium) {
		t.Errorf("without Chromium: %v", err)
	}
	if _, err := s.PicturePages(ctx, nil, nil); !errors.Is(err, pages.ErrNoChromium) {
		t.Errorf("without Chromium, all: %v", err)
	}
	if _, parts, _ := s.DB.Evidence(ctx, page); len(parts) != 0 {
		t.Errorf("recorded without Chromium: %+v", parts)
	}
	if it := pictureItem(t, s, c); it == nil || !strings.Contains(it.Todo, "apt-get install chromium") {
		t.Errorf("the checklist's item: %+v", it)
	}
	if err := s.DB.Retract(ctx, page.String(), "wrong page"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PicturePage(ctx, page); !errors.Is(err, vault.ErrRetracted) {
		t.Errorf("a retracted page: %v", err)
	}
}

// TestCaptureName: a captured page's file name from its address: safe in
// any file system, never empty, bounded.
func TestCaptureName(t *testing.T) {
	at := today
	for address, want := range map[string]string{
		"https://sporing.posten.no/sporing/LP00123456789CN":   "sporing.posten.no-sporing-LP00123456789CN-20261125T120000Z",
		"https://www.aliexpress.com/item/100500.html?spm=a#x": "www.aliexpress.com-item-100500.html-20261125T120000Z",
		"https://例え.jp/商品/📦":                                  "jp-20261125T120000Z",
		"https://shop.example/../../etc/passwd":               "shop.example-..-..-etc-passwd-20261125T120000Z",
		"https://blåbær.no/æøå":                               "bl-b-r.no-20261125T120000Z",
		"":                                                    "page-20261125T120000Z",
		"https://x.example/" + strings.Repeat("a", 500):       "x.example-" + strings.Repeat("a", 70) + "-20261125T120000Z",
	} {
		if got := captureName(address, at); got != want {
			t.Errorf("%q: got %q, want %q", address, got, want)
		}
	}
}
