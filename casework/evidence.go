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
	Page     *vault.Page      `json:"page,omitempty"` // what it says of itself, when it is a saved web page
	// Offers are what a saved listing offers the empty fields of its orders.
	Offers []vault.Note `json:"offers,omitempty"`
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
	if err != nil {
		return EvidenceView{}, err
	}
	v := EvidenceView{Evidence: placed[0], Text: texts[id], Parts: placed[1:]}
	if e.Blob != nil {
		v.Path = s.Blobs.Path(e.Blob.SHA256)
	}
	found, err := s.DB.Pages(ctx, []vault.EvidenceID{id})
	if p, ok := found[id]; ok && err == nil {
		v.Page = &p
		if p.Listing != nil && e.Retracted == "" {
			v.Offers, err = s.offersTo(ctx, id, *p.Listing, e.Orders)
		}
	}
	return v, err
}

// offersTo are what a listing offers the empty fields of orders.
func (s *Service) offersTo(ctx context.Context, id vault.EvidenceID, l vault.Listing, orders []vault.OrderID) ([]vault.Note, error) {
	var out []vault.Note
	for _, o := range orders {
		order, err := s.DB.Order(ctx, o)
		if err != nil {
			return nil, err
		}
		if order.Retracted == "" {
			out = append(out, vault.ListingOffers(id, l, order)...)
		}
	}
	return out, nil
}
