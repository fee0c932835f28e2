package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"vault"
)

// TestPictures: a saved page's picture is a child of the page made by
// vault, with no links of its own; the case file holds it apart from the
// evidence; a page has one live picture; OCR skips it; retracting the page
// takes it too, retracting the picture alone lets another be made.
func TestPictures(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: "aliexpress", Number: "8123456789012345"})
	c, _ := db.AddCase(ctx, vault.Case{Kind: "dispute", Orders: []vault.OrderID{o}})
	blob := func(b byte, media string) *vault.Blob {
		return &vault.Blob{SHA256: strings.Repeat(string([]byte{"0123456789abcdef"[b]}), 64), Size: 10, MediaType: media}
	}
	added, err := db.AddEvidence(ctx, []vault.Evidence{{Kind: vault.EvidenceListing, Source: vault.SourceFile, FileName: "listing.html",
		Blob: blob(1, "text/html; charset=utf-8")}}, vault.Links{Orders: []vault.OrderID{o}})
	if err != nil {
		t.Fatal(err)
	}
	page := added[0].ID
	if todo, err := db.Unpictured(ctx); err != nil || len(todo) != 1 || todo[0].ID != page {
		t.Fatalf("unpictured: %+v, %v", todo, err)
	}
	pic := vault.Evidence{Kind: vault.EvidenceScreenshot, Source: vault.SourceFile, FileName: "listing.png", Blob: blob(2, "image/png")}
	first, err := db.AddPicture(ctx, page, pic)
	if err != nil || first.Duplicate {
		t.Fatalf("first picture: %+v, %v", first, err)
	}
	if again, err := db.AddPicture(ctx, page, pic); err != nil || again != (vault.Added{ID: first.ID, Duplicate: true}) {
		t.Errorf("second picture: %+v, %v; want the first again", again, err)
	}
	e, _, err := db.Evidence(ctx, first.ID)
	if err != nil || !e.IsPicture() || e.Parent != page || len(e.Orders)+len(e.Cases) != 0 {
		t.Errorf("the picture: %+v, %v", e, err)
	}
	f, err := db.CaseFile(ctx, c)
	if err != nil || len(f.Evidence) != 1 || f.Evidence[0].ID != page || len(f.Pictures) != 1 || f.Pictures[0].ID != first.ID {
		t.Errorf("case file: evidence %+v, pictures %+v, %v", f.Evidence, f.Pictures, err)
	}
	if todo, _ := db.Unpictured(ctx); len(todo) != 0 {
		t.Errorf("unpictured after: %+v", todo)
	}
	if unread, _ := db.Unread(ctx); len(unread) != 0 {
		t.Errorf("OCR would read the picture: %+v", unread)
	}
	if err := db.Retract(ctx, first.ID.String(), "drawn badly"); err != nil {
		t.Fatal(err)
	}
	if todo, _ := db.Unpictured(ctx); len(todo) != 1 {
		t.Errorf("the page has no live picture, and is not listed: %+v", todo)
	}
	if second, err := db.AddPicture(ctx, page, vault.Evidence{Kind: vault.EvidenceScreenshot, Source: vault.SourceFile, Blob: blob(3, "image/png")}); err != nil || second.Duplicate {
		t.Errorf("a picture after the retracted one: %+v, %v", second, err)
	}
	if err := db.Retract(ctx, page.String(), "wrong order"); err != nil {
		t.Fatal(err)
	}
	if f, _ := db.CaseFile(ctx, c); len(f.Evidence)+len(f.Pictures) != 0 {
		t.Errorf("after the page was retracted: %+v %+v", f.Evidence, f.Pictures)
	}
	if _, err := db.AddPicture(ctx, page, pic); !errors.Is(err, vault.ErrRetracted) {
		t.Errorf("a picture of a retracted page: %v", err)
	}
	if chk, err := db.Verify(ctx); err != nil || len(chk.Problems) > 0 {
		t.Errorf("verify: %+v, %v", chk.Problems, err)
	}
}

// TestAddCaptured: a captured page and its picture land together, the page
// linked as asked; a link to a missing order records neither.
func TestAddCaptured(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: "aliexpress", Number: "8123456789012345"})
	page := vault.Evidence{Kind: vault.EvidenceTracking, Source: vault.SourceFile, FileName: "t.mhtml",
		Blob: &vault.Blob{SHA256: strings.Repeat("a", 64), Size: 10, MediaType: "message/rfc822"}}
	pic := vault.Evidence{Kind: vault.EvidenceScreenshot, Source: vault.SourceFile, FileName: "t.png",
		Blob: &vault.Blob{SHA256: strings.Repeat("b", 64), Size: 10, MediaType: "image/png"}}
	if _, err := db.AddCaptured(ctx, page, pic, vault.Links{Orders: []vault.OrderID{o, 42}}); !errors.Is(err, vault.ErrNotFound) {
		t.Fatalf("a missing order: %v", err)
	}
	if all, _ := db.ListEvidence(ctx, EvidenceFilter{}); len(all) != 0 {
		t.Fatalf("a failed capture left %+v", all)
	}
	added, err := db.AddCaptured(ctx, page, pic, vault.Links{Orders: []vault.OrderID{o}})
	if err != nil {
		t.Fatal(err)
	}
	p, parts, err := db.Evidence(ctx, added[0].ID)
	if err != nil || len(p.Orders) != 1 || len(parts) != 1 || parts[0].ID != added[1].ID || !parts[0].IsPicture() {
		t.Errorf("page %+v, parts %+v, %v", p, parts, err)
	}
}
