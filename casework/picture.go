package casework

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image/png"
	"io"
	"path/filepath"
	"strings"

	"vault"
	"vault/evidence"
	"vault/pages"
)

// PicturePage draws a saved web page's picture with headless Chromium
// (pages.Render: network and scripts off) and records it beside the page,
// a child of it (store.AddPicture): the PNG written, synced and renamed
// into the blobs, then its row, in one transaction. A page that has a
// picture keeps it (Duplicate). Without Chromium the error is
// pages.ErrNoChromium, and nothing is recorded: the dossier shows the
// page's text.
func (s *Service) PicturePage(ctx context.Context, id vault.EvidenceID) (vault.Added, error) {
	e, parts, err := s.DB.Evidence(ctx, id)
	if err != nil {
		return vault.Added{}, err
	}
	format := e.PageFormat()
	switch {
	case e.Retracted != "":
		return vault.Added{}, fmt.Errorf("%s is %w", id, vault.ErrRetracted)
	case format == "":
		return vault.Added{}, fmt.Errorf("%s is not a saved web page (HTML or MHTML): there is no picture to draw", id)
	}
	for _, p := range parts {
		if p.IsPicture() && p.Retracted == "" {
			return vault.Added{ID: p.ID, Duplicate: true}, nil
		}
	}
	page, err := s.readBlob(e)
	if err != nil {
		return vault.Added{}, err
	}
	pic, err := pages.Render(ctx, page, pages.Format(format))
	if err != nil {
		return vault.Added{}, fmt.Errorf("%s: %w", id, err)
	}
	note := fmt.Sprintf("picture of %s drawn by vault with headless Chromium (network and scripts off)", id)
	if cfg, err := png.DecodeConfig(bytes.NewReader(pic)); err == nil && cfg.Height >= pages.MaxHeight {
		note += fmt.Sprintf("; the page is longer and its picture stops at %d pixels", pages.MaxHeight)
	}
	name := strings.TrimSuffix(e.FileName, filepath.Ext(e.FileName)) + ".png"
	return s.addPicture(ctx, id, pic, vault.Evidence{Kind: vault.EvidenceScreenshot, Title: "Picture of " + e.Title,
		OccurredAt: e.OccurredAt, Note: note}, name)
}

// addPicture stores a picture's PNG and records it as the picture of page.
func (s *Service) addPicture(ctx context.Context, page vault.EvidenceID, pic []byte, e vault.Evidence, name string) (vault.Added, error) {
	stored, _, err := s.storeBytes(pic, name)
	if err != nil {
		return vault.Added{}, err
	}
	e.Blob, e.FileName = stored.Blob, stored.FileName
	return s.DB.AddPicture(ctx, page, e)
}

// storeBytes stages bytes vault made, checks them as an attached file's
// (an image decodes) and commits them to the blobs: the evidence to record.
func (s *Service) storeBytes(data []byte, name string) (vault.Evidence, string, error) {
	st, err := s.Blobs.Stage(bytes.NewReader(data))
	if err != nil {
		return vault.Evidence{}, "", err
	}
	return s.commitStaged(st, name, int64(len(data)))
}

// readBlob reads the whole stored file of e, at most pages.MaxPage bytes,
// and checks that it holds the bytes recorded.
func (s *Service) readBlob(e vault.Evidence) ([]byte, error) {
	if e.Blob.Size > pages.MaxPage {
		return nil, fmt.Errorf("%s is %d MB, over the %d MB a picture is drawn of", e.ID, e.Blob.Size>>20, pages.MaxPage>>20)
	}
	f, err := s.Blobs.Open(e.Blob.SHA256)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, pages.MaxPage+1))
	if err != nil {
		return nil, err
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != e.Blob.SHA256 || int64(len(data)) != e.Blob.Size {
		return nil, fmt.Errorf("%s: %w", s.Blobs.Path(e.Blob.SHA256), evidence.ErrAltered)
	}
	return data, nil
}

// Drawn is what became of one page's picture.
type Drawn struct {
	Page    vault.EvidenceID
	Picture vault.Added // when Err is nil
	Err     error       // not drawn, with the reason; nothing was recorded
}

// PicturePages draws the pictures of pages (none named: every saved page
// that has none), one at a time, each recorded as it comes, so that an
// interrupted run keeps what it drew. progress counts pages. Without
// Chromium it returns pages.ErrNoChromium before any page.
func (s *Service) PicturePages(ctx context.Context, ids []vault.EvidenceID, progress Progress) ([]Drawn, error) {
	if _, err := pages.FindChromium(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		todo, err := s.DB.Unpictured(ctx)
		if err != nil {
			return nil, err
		}
		for _, e := range todo {
			if e.PageFormat() != "" {
				ids = append(ids, e.ID)
			}
		}
	}
	var out []Drawn
	for i, id := range ids {
		if ctx.Err() != nil {
			break
		}
		d := Drawn{Page: id}
		d.Picture, d.Err = s.PicturePage(ctx, id)
		out = append(out, d)
		progress.report(int64(i+1), int64(len(ids)))
	}
	return out, ctx.Err()
}
