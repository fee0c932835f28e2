package casework

import (
	"context"
	"io"

	"vault"
	"vault/evidence"
	"vault/internal/date"
	"vault/pages"
)

// mayBePage reports whether a file of this media type may be a saved web
// page: HTML (SingleFile), a PDF (printed), an MHTML file (which reads as
// a mail: its header is one).
func mayBePage(mediaType string) bool {
	switch evidence.Class(mediaType) {
	case evidence.ClassText, evidence.ClassPDF, evidence.ClassEmail:
		return true
	}
	return false
}

// storedPage reads a stored file as a saved web page, when it may be one.
func (s *Service) storedPage(b *vault.Blob) (vault.Page, bool) {
	if b == nil || b.Size > pages.MaxBytes || !mayBePage(b.MediaType) {
		return vault.Page{}, false
	}
	f, err := s.Blobs.Open(b.SHA256)
	if err != nil {
		return vault.Page{}, false
	}
	defer f.Close()
	head := make([]byte, pages.HeadBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF || !pages.Looks(head[:n]) {
		return vault.Page{}, false
	}
	data := make([]byte, b.Size)
	copy(data, head[:n])
	if _, err := io.ReadFull(f, data[n:]); err != nil {
		return vault.Page{}, false
	}
	return pages.Read(data)
}

// asPage makes evidence a saved page: what it says of itself, its kind
// (unless the user named one), its title and, unless dated otherwise, the
// time it was saved; an MHTML file's media type is multipart/related
// (RFC 2557), not the mail its header looks like.
func asPage(e *vault.Evidence, p vault.Page, kindGiven bool) {
	e.Page = &p
	if !kindGiven {
		e.Kind = pages.Kind(p)
	}
	if p.Title != "" {
		e.Title = p.Title
	}
	if !p.SavedAt.IsZero() {
		e.OccurredAt = date.Instant(p.SavedAt)
	}
	if p.Format == vault.PageMHTML && e.Blob != nil {
		e.Blob.MediaType = "multipart/related"
	}
}

// listingOffers are what a saved listing just recorded offers the empty
// fields of the orders it was filed under.
func (s *Service) listingOffers(ctx context.Context, e vault.Evidence, added vault.Added, links vault.Links) ([]vault.Note, error) {
	if e.Page == nil || e.Page.Listing == nil || added.Duplicate {
		return nil, nil
	}
	return s.offersTo(ctx, added.ID, *e.Page.Listing, links.Orders)
}
