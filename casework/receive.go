package casework

import (
	"context"
	"errors"
	"fmt"
	"io"

	"vault"
	"vault/evidence"
)

// ErrTooLarge is a received file over its size limit; nothing was kept.
var ErrTooLarge = errors.New("the file is larger than the limit")

// Receive stores one file that comes as a stream (an upload from the
// phone), through the checks of 'attach file', and records it linked as
// asked: the blob is written, synced and renamed before its row. A file
// over max bytes, a broken stream (the connection dropped) or a refused
// image leaves nothing behind. name is the sender's file name, kept as the
// evidence's once made safe (evidence.SafeName: no path, no control
// characters, not hidden).
func (s *Service) Receive(ctx context.Context, name string, r io.Reader, max int64, links vault.Links) (Attached, error) {
	name = evidence.SafeName(name, "upload")
	out := Attached{Path: name}
	st, err := s.Blobs.Stage(io.LimitReader(r, max+1))
	if err != nil {
		return out, fmt.Errorf("receive %s: %w", name, err)
	}
	if st.Size > max {
		st.Discard()
		out.Err = fmt.Errorf("%w of %d MB", ErrTooLarge, max/1_000_000)
		return out, nil
	}
	e, warning, err := s.commitStaged(st, name, -1)
	if err != nil {
		out.Err = err
		return out, nil
	}
	out.Warning = warning
	e.Kind = evidence.KindFor(e.Blob.MediaType)
	if p, ok := s.storedPage(e.Blob); ok {
		asPage(&e, p, false)
		out.Page = e.Page
	}
	out.Undated = e.OccurredAt.IsZero() && evidence.Class(e.Blob.MediaType) == evidence.ClassImage
	added, err := s.DB.AddEvidence(ctx, []vault.Evidence{e}, links)
	if err != nil {
		return out, err
	}
	out.Added = added[0]
	out.Offers, err = s.listingOffers(ctx, e, out.Added, links)
	return out, err
}
