package casework

import (
	"context"
	"errors"
	"fmt"
	"os"

	"vault"
)

// InboxItem is evidence waiting to be filed, with the words read off it
// and the orders it seems to belong to.
type InboxItem struct {
	vault.Evidence
	Text      string       `json:"text,omitempty"`
	Suggested []Suggestion `json:"suggested,omitempty"`
}

// Inbox lists what waits to be filed, newest first, each with its suggestions.
func (s *Service) Inbox(ctx context.Context) ([]InboxItem, error) {
	items, err := s.DB.Inbox(ctx)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	orders, err := s.DB.Orders(ctx, false)
	if err != nil {
		return nil, err
	}
	ids := make([]vault.EvidenceID, len(items))
	for i, e := range items {
		ids[i] = e.ID
	}
	texts, err := s.DB.Texts(ctx, ids)
	if err != nil {
		return nil, err
	}
	pages, err := s.DB.Pages(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]InboxItem, len(items))
	for i, e := range items {
		out[i] = InboxItem{Evidence: e, Text: texts[e.ID]}
		if p, ok := pages[e.ID]; ok { // a saved page: its address and words
			out[i].Text = p.Address + "\n" + p.Text
		}
		out[i].Suggested = Suggest(e.FileName+"\n"+e.Title+"\n"+e.Body+"\n"+out[i].Text, orders)
	}
	return out, nil
}

// AutoLink files every inbox item that names exactly one order by number
// (an order or tracking number), and returns what it filed.
func (s *Service) AutoLink(ctx context.Context) (map[vault.EvidenceID]vault.OrderID, error) {
	items, err := s.Inbox(ctx)
	if err != nil {
		return nil, err
	}
	filed := map[vault.EvidenceID]vault.OrderID{}
	for _, it := range items {
		if o, ok := Sure(it.Suggested); ok {
			if err := s.DB.Link(ctx, []vault.EvidenceID{it.ID}, vault.Links{Orders: []vault.OrderID{o}}); err != nil {
				return filed, err
			}
			filed[it.ID] = o
		}
	}
	return filed, nil
}

// errKnown marks a file a scan skips: its bytes were recorded before.
var errKnown = errors.New("already in the vault")

// ScanInbox imports the files under dirs that the vault has never seen
// (by SHA-256, retracted ones included, so what the user took out stays
// out) into the inbox. The user's files are only read: never moved,
// changed or deleted. Known files are reported with Known set.
func (s *Service) ScanInbox(ctx context.Context, dirs []string, progress Progress) ([]Attached, error) {
	for _, d := range dirs {
		info, err := os.Stat(d)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			return nil, fmt.Errorf("%s: not a directory", d)
		}
	}
	return s.Attach(ctx, AttachRequest{Paths: dirs, Recursive: true, Links: vault.Links{Inbox: true}, SkipKnown: true}, progress)
}
