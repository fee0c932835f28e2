package casework

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"vault"
	"vault/store"
)

// TestAttachDatesAndPurge: a camera JPEG and a phone screenshot take the
// day they were taken from their metadata, --at wins over it; a retracted
// file's blob stays until purge, which removes only the file no live record
// has, and leaves the vault valid.
func TestAttachDatesAndPurge(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "81", Ordered: day("2026-10-02")})
	exif := filepath.Join("..", "evidence", "testdata", "exif")
	attach := func(at string, paths ...string) []Attached {
		t.Helper()
		req := AttachRequest{Paths: paths, Links: vault.Links{Orders: []vault.OrderID{o}}}
		if at != "" {
			req.At = day(at)
		}
		got, err := s.Attach(ctx, req, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range got {
			if r.Err != nil {
				t.Fatalf("%s: %v", r.Path, r.Err)
			}
		}
		return got
	}
	got := attach("", filepath.Join(exif, "camera.jpg"), filepath.Join(exif, "screenshot-created.png"),
		filepath.Join(exif, "screenshot-plain.png"))
	typed := attach("2026-10-21", filepath.Join(exif, "phone-no-offset.jpg"))
	want := map[string]string{"camera.jpg": "2026-10-20T12:30:05Z", "screenshot-plain.png": "", "phone-no-offset.jpg": "2026-10-21"}
	list, err := s.DB.ListEvidence(ctx, store.EvidenceFilter{Order: o})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if w, ok := want[e.FileName]; ok && e.OccurredAt.String() != w {
			t.Errorf("%s dated %q, want %q", e.FileName, e.OccurredAt, w)
		}
		if e.FileName == "screenshot-created.png" && e.OccurredAt.IsZero() {
			t.Errorf("%s: the PNG's creation time was not read", e.FileName)
		}
	}

	sha := map[vault.EvidenceID]string{}
	for _, e := range list {
		sha[e.ID] = e.Blob.SHA256
	}
	camera, live := got[0].Added.ID, typed[0].Added.ID
	if _, err := s.Retract(ctx, camera.String(), "photo of another parcel"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.Blobs.Path(sha[camera])); err != nil {
		t.Fatalf("the blob went with the retraction: %v", err)
	}
	purged, err := s.Purge(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(purged) != 1 || purged[0].SHA256 != sha[camera] {
		t.Fatalf("purged %+v, want the camera photo alone", purged)
	}
	if _, err := os.Stat(s.Blobs.Path(sha[camera])); !os.IsNotExist(err) {
		t.Errorf("the purged blob is still there: %v", err)
	}
	if _, err := os.Stat(s.Blobs.Path(sha[live])); err != nil {
		t.Errorf("a live file's blob went: %v", err)
	}
	if again, err := s.Purge(ctx); err != nil || len(again) != 0 {
		t.Errorf("second purge: %+v %v", again, err)
	}
	if r, err := s.Verify(ctx, nil); err != nil || !r.OK {
		t.Errorf("after purge: %+v %v", r, err)
	}
}
