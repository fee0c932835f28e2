package casework

import (
	"context"

	"vault"
)

// EvidenceView is one piece of evidence with all the vault knows of it.
type EvidenceView struct {
	Evidence vault.Evidence   `json:"evidence"`
	Text     string           `json:"text,omitempty"` // read from a picture (OCR) or a PDF
	Path     string           `json:"path,omitempty"` // where its file is kept
	Parts    []vault.Evidence `json:"parts"`          // the files it carries (an email's attachments)
}

// EvidenceView gathers one piece of evidence by its id (EV-n): its facts
// with its sender placed, its links, its text, its file and its parts.
func (s *Service) EvidenceView(ctx context.Context, ref string) (EvidenceView, error) {
	id, err := vault.ParseEvidenceID(ref)
	if err != nil {
		return EvidenceView{}, err
	}
	e, parts, err := s.DB.Evidence(ctx, id)
	if err != nil {
		return EvidenceView{}, err
	}
	placed, err := s.Place(ctx, append([]vault.Evidence{e}, parts...))
	if err != nil {
		return EvidenceView{}, err
	}
	texts, err := s.DB.Texts(ctx, []vault.EvidenceID{id})
	v := EvidenceView{Evidence: placed[0], Text: texts[id], Parts: placed[1:]}
	if e.Blob != nil {
		v.Path = s.Blobs.Path(e.Blob.SHA256)
	}
	return v, err
}
