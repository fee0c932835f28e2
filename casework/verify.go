package casework

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"vault/store"

	"vault"
)

// RepairAge is how old an orphan blob or temp file must be before Repair
// removes it: a younger one may belong to an attach still running.
const RepairAge = time.Hour

// fileMissing is the problem of a stored file that is gone; fileAside of
// one a repair was checking when it stopped (see evidence.Blobs.Aside).
const (
	fileMissing = "its file is missing"
	fileAside   = "its file is missing from blobs/, and a copy is in tmp/, where a repair that stopped while it checked the file left it: a repair puts it back if its bytes still match"
)

// VerifyReport is what Verify found.
type VerifyReport struct {
	OK       bool             `json:"ok"`
	Records  int              `json:"records"`
	Audit    int              `json:"audit_entries"`
	Head     string           `json:"audit_head"`
	Blobs    int              `json:"blobs"`
	Bytes    int64            `json:"bytes"`
	Problems []vault.Problem  `json:"problems"`
	Orphans  []string         `json:"orphans"`
	Temp     []string         `json:"temp_files"`
	Removed  []string         `json:"removed,omitempty"`
	PutBack  []string         `json:"put_back,omitempty"` // files --repair moved back from tmp/
	Rebuilt  bool             `json:"rebuilt_search,omitempty"`
	Anchored *store.Anchor    `json:"rewrote_anchor,omitempty"` // the anchor --repair wrote
	Kept     *KeptHead        `json:"kept_head,omitempty"`
	old      map[string]bool  // orphans and temp files old enough to repair
	aside    map[string]int64 // missing files found in tmp/: SHA-256 -> size
}

// Verify checks the whole vault: the database (integrity, the audit chain,
// every record against its last audit entry) and, at the same time, every
// stored file against its name and the records that rely on it. Orphan
// blobs and temp files are listed as harmless cleanup.
func (s *Service) Verify(ctx context.Context, progress Progress) (VerifyReport, error) {
	// The database check and the re-hashing of files are independent: run them at once.
	type dbCheck struct {
		c   store.Check
		err error
	}
	checked := make(chan dbCheck, 1)
	go func() {
		c, err := s.DB.Verify(ctx)
		checked <- dbCheck{c, err}
	}()
	inv, err := s.Blobs.Inventory()
	if err != nil {
		<-checked
		return VerifyReport{}, fmt.Errorf("list blobs: %w", err)
	}
	var total, done int64
	for _, size := range inv.Blobs {
		total += size
	}
	bad := s.Blobs.Rehash(inv.Blobs, func(n int64) { done += n; progress.report(done, total) })
	db := <-checked
	if db.err != nil {
		return VerifyReport{}, db.err
	}
	check := db.c
	r := VerifyReport{Records: check.Records, Audit: check.Audit, Head: check.Head, Problems: check.Problems,
		Blobs: len(inv.Blobs), Bytes: total, Orphans: []string{}, Temp: []string{}, old: map[string]bool{}, aside: map[string]int64{}}
	temp := map[string]bool{}
	for _, t := range inv.Temp {
		temp[t.Path] = true
	}
	referenced := map[string]bool{}
	for _, b := range check.Blobs {
		referenced[b.SHA256] = true
		rel := s.rel(s.Blobs.Path(b.SHA256))
		size, ok := inv.Blobs[b.SHA256]
		switch {
		case !ok && temp[s.Blobs.Aside(b.SHA256)]:
			r.Problems = append(r.Problems, vault.Problem{Record: b.Record, File: rel, What: fileAside, Fix: &vault.Fix{Do: vault.DoRepair}})
			r.aside[b.SHA256] = b.Size
		case !ok:
			r.Problems = append(r.Problems, vault.Problem{Record: b.Record, File: rel, What: fileMissing})
		case size != b.Size:
			r.Problems = append(r.Problems, vault.Problem{Record: b.Record, File: rel,
				What: fmt.Sprintf("its file has %d bytes, the record says %d", size, b.Size)})
		case bad[b.SHA256] != nil:
			r.Problems = append(r.Problems, vault.Problem{Record: b.Record, File: rel, What: "its file was altered: the content does not match its SHA-256"})
		}
	}
	for _, sum := range slices.Sorted(maps.Keys(inv.Blobs)) { // a stable report, not map order
		path := s.Blobs.Path(sum)
		switch {
		case referenced[sum]:
		case bad[sum] != nil:
			r.Problems = append(r.Problems, vault.Problem{File: s.rel(path), What: "a file in blobs/ whose content does not match its name"})
		default:
			r.Orphans = append(r.Orphans, s.rel(path))
			r.old[s.rel(path)] = olderThan(path, RepairAge)
		}
	}
	for _, stray := range inv.Stray {
		r.Problems = append(r.Problems, vault.Problem{File: s.rel(stray), What: "an extra file in blobs/, not named like a stored file"})
	}
	for _, t := range inv.Temp {
		r.Temp = append(r.Temp, s.rel(t.Path))
		r.old[s.rel(t.Path)] = t.Age > RepairAge && !referenced[strings.TrimPrefix(filepath.Base(t.Path), "orphan-")]
	}
	r.OK = len(r.Problems) == 0
	return r, nil
}

// KeptHead is where an audit head kept outside the vault is in its log.
type KeptHead struct {
	Head  string `json:"head"`
	Entry int64  `json:"entry"` // 0 when the log no longer holds it
	After int64  `json:"entries_after"`
}

// CheckHead adds to r whether the log still holds head, an audit head the
// user kept elsewhere (printed by backup, verify and each dossier): a head
// it no longer holds is a problem, since an honest log only grows.
func (s *Service) CheckHead(ctx context.Context, r *VerifyReport, head string) error {
	entry, entries, err := s.DB.FindHead(ctx, head)
	if errors.Is(err, vault.ErrNotFound) {
		r.Kept = &KeptHead{Head: head}
		r.Problems = append(r.Problems, vault.Problem{Record: "audit", What: fmt.Sprintf(
			"the head you kept, %s, is not in the audit log: the log was reset or rewritten since", head)})
		r.OK = false
		return nil
	}
	if err != nil {
		return err
	}
	r.Kept = &KeptHead{Head: head, Entry: entry, After: entries - entry}
	return nil
}

// Repair removes the orphan blobs and temp files of r that are old enough
// to be safe, and returns them.
func (s *Service) Repair(r VerifyReport) []string {
	var removed []string
	for _, rel := range r.Orphans {
		if r.old[rel] {
			if gone, err := s.Blobs.RemoveOrphan(filepath.Join(s.Dir, rel), RepairAge); gone && err == nil {
				removed = append(removed, rel)
			}
		}
	}
	for _, rel := range r.Temp {
		if r.old[rel] && s.Blobs.Remove(filepath.Join(s.Dir, rel)) == nil {
			removed = append(removed, rel)
		}
	}
	return removed
}

// PutBack moves the files r found in tmp/ that records need back into
// blobs/, and drops those problems. A copy that no longer matches stays a
// problem.
func (s *Service) PutBack(r *VerifyReport) {
	for _, sum := range slices.Sorted(maps.Keys(r.aside)) {
		file, aside := s.rel(s.Blobs.Path(sum)), s.rel(s.Blobs.Aside(sum))
		if err := s.Blobs.PutBack(sum, r.aside[sum]); err != nil {
			for i, p := range r.Problems {
				if p.File == file && p.What == fileAside {
					r.Problems[i].What = fmt.Sprintf("its file is missing from blobs/, and the copy in tmp/ could not be put back: %v", err)
				}
			}
			continue
		}
		r.Problems = slices.DeleteFunc(r.Problems, func(p vault.Problem) bool { return p.File == file && p.What == fileAside })
		r.Temp = slices.DeleteFunc(r.Temp, func(t string) bool { return t == aside })
		r.PutBack = append(r.PutBack, file)
		delete(r.aside, sum)
	}
	r.OK = len(r.Problems) == 0
}

// RepairIndex rebuilds the search indexes when r found them out of step
// with the records (they are derived from them), and drops those problems.
func (s *Service) RepairIndex(ctx context.Context, r *VerifyReport) error {
	rest := slices.DeleteFunc(slices.Clone(r.Problems), func(p vault.Problem) bool { return p.Record == "search" })
	if len(rest) == len(r.Problems) {
		return nil
	}
	if err := s.DB.RebuildIndexes(ctx); err != nil {
		return fmt.Errorf("rebuild the search index: %w", err)
	}
	r.Problems, r.Rebuilt, r.OK = rest, true, len(rest) == 0
	return nil
}

// RepairAnchor writes the anchor file again from the log as it is now when
// r found it missing, and drops that problem. The user vouches for the log:
// the message that asks for it says so.
func (s *Service) RepairAnchor(ctx context.Context, r *VerifyReport) error {
	rest := slices.DeleteFunc(slices.Clone(r.Problems), func(p vault.Problem) bool { return p.What == store.ErrAnchorMissing.Error() })
	if len(rest) == len(r.Problems) {
		return nil
	}
	a, wrote, err := s.DB.RewriteAnchor(ctx)
	if err != nil || !wrote {
		return err
	}
	r.Problems, r.Anchored, r.OK = rest, &a, len(rest) == 0
	return nil
}

func olderThan(path string, age time.Duration) bool {
	info, err := os.Stat(path)
	return err == nil && time.Since(info.ModTime()) > age
}
