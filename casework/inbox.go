package casework

import (
	"context"
	"errors"
	"fmt"
	"os"

	"vault"
)

// InboxItem is evidence waiting to be filed, with the words read off it
// and the orders it seems to belong to; or a mail filed already whose
// notice waits for a decision (Filed). Proposed are its mail's suggestions.
type InboxItem struct {
	vault.Evidence
	Text      string             `json:"text,omitempty"`
	Suggested []Suggestion       `json:"suggested,omitempty"`
	Filed     bool               `json:"filed,omitempty"`
	Proposed  []vault.Suggestion `json:"proposed,omitempty"`
}

// Inbox lists what waits to be filed, newest first, each with its
// suggestions, then the filed mails whose suggestions wait.
func (s *Service) Inbox(ctx context.Context) ([]InboxItem, error) {
	out, err := s.unfiled(ctx)
	if err != nil {
		return nil, err
	}
	proposed, err := s.Suggestions(ctx)
	if err != nil {
		return nil, err
	}
	at := map[vault.EvidenceID]int{}
	for i, it := range out {
		at[it.ID] = i
	}
	for _, sg := range proposed {
		i, ok := at[sg.Evidence]
		if !ok {
			e, _, err := s.DB.Evidence(ctx, sg.Evidence)
			if err != nil {
				return nil, err
			}
			i, at[sg.Evidence] = len(out), len(out)
			out = append(out, InboxItem{Evidence: e, Filed: true})
		}
		out[i].Proposed = append(out[i].Proposed, sg)
	}
	return out, nil
}

// unfiled lists the evidence that waits to be filed, newest first, each
// with the orders it seems to belong to.
func (s *Service) unfiled(ctx context.Context) ([]InboxItem, error) {
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
	items, err := s.unfiled(ctx)
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
