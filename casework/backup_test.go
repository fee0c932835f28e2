package casework

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"vault"
	"vault/store"
)

// realBackup is the archive of a small real vault: an order, a screenshot
// and a receipt attached to it.
func realBackup(t testing.TB) []byte {
	ctx := context.Background()
	s, err := Create(ctx, filepath.Join(t.TempDir(), "v"), func() time.Time { return today }, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8123456789012345", Note: "blåbær 蓝莓"})
	in := t.TempDir()
	shot := writeInput(t, in, "shot.png", pngOf(t, 30, 60))
	text := writeInput(t, in, "receipt.txt", []byte("Kvittering: 49,90 NOK"))
	if _, err := s.Attach(ctx, AttachRequest{Paths: []string{shot, text}, Links: vault.Links{Orders: []vault.OrderID{o}}}, nil); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := s.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzRestore restores mutated real backups: a restore either fails and
// leaves nothing (no target, no staging, nothing beside them), or gives a
// vault that opens and verifies but for the files its manifest says the
// backed-up vault lacked.
func FuzzRestore(f *testing.F) {
	good := realBackup(f)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(good[len(good)-2048:])
	f.Fuzz(func(t *testing.T, archive []byte) {
		ctx := context.Background()
		parent := t.TempDir()
		target := filepath.Join(parent, "restored")
		missing, err := Restore(ctx, bytes.NewReader(archive), target, func() time.Time { return today }, time.UTC)
		if err != nil {
			if left, _ := os.ReadDir(parent); len(left) > 0 {
				t.Fatalf("a failed restore (%v) left %s", err, left[0].Name())
			}
			return
		}
		s, err := Open(ctx, target, func() time.Time { return today }, time.UTC)
		if err != nil {
			t.Fatalf("a restored vault does not open: %v", err)
		}
		defer s.Close()
		r, err := s.Verify(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		lacks := map[string]bool{}
		for _, l := range missing {
			lacks[l.File] = true
		}
		for _, p := range r.Problems {
			if !lacks[p.File] || p.What != fileMissing {
				t.Fatalf("a restored vault does not verify, but for the files its restore said it lacks: %+v", r.Problems)
			}
		}
	})
}

// TestRestoreReal: the real backup the fuzz target mutates restores whole.
func TestRestoreReal(t *testing.T) {
	ctx := context.Background()
	target := filepath.Join(t.TempDir(), "restored")
	if _, err := Restore(ctx, bytes.NewReader(realBackup(t)), target, func() time.Time { return today }, time.UTC); err != nil {
		t.Fatal(err)
	}
	s, err := Open(ctx, target, func() time.Time { return today }, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if list, err := s.DB.ListEvidence(ctx, store.EvidenceFilter{}); err != nil || len(list) != 2 {
		t.Fatalf("restored evidence: %d, %v", len(list), err)
	}
}
