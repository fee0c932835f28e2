package casework

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"vault"
	"vault/evidence"
	"vault/internal/date"
)

// AttachRequest says which files to attach, to what, and how to describe them.
type AttachRequest struct {
	Paths     []string
	Recursive bool               // walk directories
	Kind      vault.EvidenceKind // "": by the media type (evidence.KindFor)
	Note      string
	At        date.Value // zero: when each picture says it was taken
	Links     vault.Links
	SkipKnown bool // a file whose bytes were ever recorded is skipped (Known), not linked
}

// Attached is what became of one file.
type Attached struct {
	Path    string
	Added   vault.Added // when Err is nil
	Warning string      // the name says another type than the content
	Undated bool        // a picture whose metadata names no time, and no --at
	Known   bool        // skipped: the vault has seen these bytes (SkipKnown)
	Err     error       // refused, with the reason; nothing of it was stored
	// Page is what the file says of itself when it is a saved web page.
	Page *vault.Page
	// Offers are what a saved listing offers its orders' empty fields.
	Offers []vault.Note
}

// Attach stores every acceptable file as a blob and records them all in
// one transaction, linked as asked. A refused file (unreadable, changed
// while read, an image that does not decode) leaves nothing behind and does
// not stop the others; an error is returned only when nothing could be
// recorded.
func (s *Service) Attach(ctx context.Context, req AttachRequest, progress Progress) ([]Attached, error) {
	if err := s.DB.CheckLinks(ctx, req.Links); err != nil {
		return nil, err // before any file is stored
	}
	files, closeDirs := Collect(req.Paths, req.Recursive)
	defer closeDirs()
	var total, done int64
	for _, f := range files {
		if info, err := os.Stat(f.Path); f.Err == nil && err == nil {
			total += info.Size()
		}
	}
	out := make([]Attached, len(files))
	var items []vault.Evidence
	var stored []int // the index in out of each item
	for i, f := range files {
		out[i] = Attached{Path: f.Path, Err: cmp.Or(f.Err, ctx.Err())}
		if out[i].Err != nil {
			continue
		}
		var e vault.Evidence
		e, out[i].Warning, out[i].Err = s.ingest(ctx, f, req.SkipKnown, countingWriter(func(n int64) { done += n; progress.report(done, total) }))
		if errors.Is(out[i].Err, errKnown) {
			out[i].Err, out[i].Known = nil, true
		}
		if out[i].Err != nil || out[i].Known {
			continue
		}
		e.Kind, e.Note = cmp.Or(req.Kind, evidence.KindFor(e.Blob.MediaType)), req.Note
		if p, ok := s.storedPage(e.Blob); ok {
			asPage(&e, p, req.Kind != "")
			out[i].Page = e.Page
		}
		if !req.At.IsZero() { // else when the picture says it was taken, or the page was saved
			e.OccurredAt = req.At
		}
		out[i].Undated = e.OccurredAt.IsZero() && evidence.Class(e.Blob.MediaType) == evidence.ClassImage
		items, stored = append(items, e), append(stored, i)
	}
	added, err := s.DB.AddEvidence(ctx, items, req.Links)
	if err != nil {
		return nil, err
	}
	for j, i := range stored {
		out[i].Added = added[j]
		if out[i].Offers, err = s.listingOffers(ctx, items[j], added[j], req.Links); err != nil {
			return out, err
		}
	}
	return out, nil
}

// ingest stages one file, checks it (size unchanged while read, images
// decode within limits) and commits it to the blob store.
func (s *Service) ingest(ctx context.Context, c Candidate, skipKnown bool, progress io.Writer) (vault.Evidence, string, error) {
	f, err := c.Open()
	if err != nil {
		return vault.Evidence{}, "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return vault.Evidence{}, "", err
	}
	st, err := s.Blobs.Stage(io.TeeReader(f, progress))
	if err != nil {
		return vault.Evidence{}, "", err
	}
	if skipKnown {
		if known, err := s.DB.Known(ctx, st.SHA256); err != nil || known {
			st.Discard()
			return vault.Evidence{}, "", cmp.Or(err, errKnown)
		}
	}
	return s.commitStaged(st, c.Path, info.Size())
}

// commitStaged checks a staged file (its size unchanged since it was
// opened, size < 0: not known; an image decodes) and commits it: the
// evidence to record, named as the file was, and a warning when the name
// says another type than the content.
func (s *Service) commitStaged(st *evidence.Staged, name string, size int64) (vault.Evidence, string, error) {
	media := evidence.Detect(st.Head, name)
	if size < 0 {
		size = st.Size
	}
	if err := CheckStaged(st, media, size); err != nil {
		st.Discard()
		return vault.Evidence{}, "", err
	}
	stored, err := st.Commit()
	if err != nil {
		return vault.Evidence{}, "", err
	}
	warning := ""
	if media.Warning != "" {
		warning = fmt.Sprintf("%s; kept as %s", media.Warning, media.Type)
	}
	if stored.Healed {
		warning = strings.TrimPrefix(warning+"; the stored copy of these bytes was damaged and is now replaced by this good one", "; ")
	}
	name = filepath.Base(name)
	return vault.Evidence{Source: vault.SourceFile, Title: name, FileName: name, OccurredAt: s.takenAt(stored.SHA256, media),
		Blob: &vault.Blob{SHA256: stored.SHA256, Size: stored.Size, MediaType: media.Type}}, warning, nil
}

// takenAt is when an image says it was taken (EXIF, PNG metadata), or none.
func (s *Service) takenAt(sum string, media evidence.Media) date.Value {
	if evidence.Class(media.Type) != evidence.ClassImage {
		return date.Value{}
	}
	f, err := s.Blobs.Open(sum)
	if err != nil {
		return date.Value{}
	}
	defer f.Close()
	if t, ok := evidence.TakenAt(f, s.Loc); ok {
		return date.Instant(t)
	}
	return date.Value{}
}

// CheckStaged refuses content that changed while it was read (its size is
// not the size the file had when opened), and an image that does not decode.
func CheckStaged(st *evidence.Staged, media evidence.Media, size int64) error {
	if st.Size != size {
		return fmt.Errorf("the file changed while it was read (%d bytes, then %d)", size, st.Size)
	}
	if evidence.Class(media.Type) == evidence.ClassImage {
		if _, err := evidence.DecodeImage(st.Open); err != nil {
			return err
		}
	}
	return nil
}

// countingWriter counts what is written through it.
type countingWriter func(n int64)

func (c countingWriter) Write(p []byte) (int, error) {
	c(int64(len(p)))
	return len(p), nil
}
