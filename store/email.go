package store

import (
	"context"
	"database/sql"
	"errors"
	"regexp"
	"strings"
	"sync"
)

// Email is an email to record: the message itself (Kind "email", its raw
// bytes as Blob) and the files it carried.
type Email struct {
	Message     Evidence
	Attachments []Evidence
}

// EmailAdded reports what AddEmail did.
type EmailAdded struct {
	ID EvidenceID `json:"id"`
	// Duplicate is set when the message (same Message-ID or same bytes) was
	// already recorded as ID; nothing new was stored but links.
	Duplicate   bool         `json:"duplicate,omitempty"`
	Attachments []EvidenceID `json:"attachments,omitempty"`
	// Matched lists the orders whose number appears in the subject or text.
	Matched []OrderID `json:"matched,omitempty"`
}

// AddEmail records one email with its attachments in one transaction, links
// it (and them) to links and to every recorded order whose number appears in
// its subject or text. Links may be empty: an unmatched email is still kept.
func (db *DB) AddEmail(ctx context.Context, m Email, links Links) (EmailAdded, error) {
	var out EmailAdded
	err := db.write(ctx, func(tx *sql.Tx) error {
		out = EmailAdded{}
		now := db.now()
		if err := checkLinks(ctx, tx, links, true); err != nil {
			return err
		}
		id, dup, err := findEmail(ctx, tx, m.Message)
		if err != nil {
			return err
		}
		if !dup {
			added, err := addEvidence(ctx, tx, m.Message, now)
			if err != nil {
				return err
			}
			id, dup = added.ID, added.Duplicate
		}
		out.ID, out.Duplicate = id, dup
		if out.Matched, err = matchOrders(ctx, tx, m.Message.Title+"\n"+m.Message.Body); err != nil {
			return err
		}
		all := Links{Orders: append(append([]OrderID{}, links.Orders...), out.Matched...), Cases: links.Cases}
		if err := link(ctx, tx, id, all); err != nil {
			return err
		}
		if err := audit(ctx, tx, now, addAction(dup, "import email"), id); err != nil || dup {
			return err
		}
		for _, a := range m.Attachments {
			a.Parent = id
			added, err := addLinked(ctx, tx, a, all, "import email", now)
			if err != nil {
				return err
			}
			out.Attachments = append(out.Attachments, added.ID)
		}
		return nil
	})
	return out, err
}

// findEmail looks for the message by its Message-ID.
func findEmail(ctx context.Context, tx *sql.Tx, e Evidence) (EvidenceID, bool, error) {
	if e.MessageID == "" {
		return 0, false, nil
	}
	var id EvidenceID
	err := tx.QueryRowContext(ctx, `SELECT id FROM evidence WHERE message_id = ?`, e.MessageID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, err == nil, err
}

// orderToken is a word that may be an order number: letters, digits and
// inner dashes, at least six long (AliExpress 8123456789012345, Amazon
// 123-1234567-1234567, eBay 12-12345-12345, Temu PO-211-...).
var orderToken = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[0-9A-Za-z](?:[0-9A-Za-z-]*[0-9A-Za-z])?`) })

// matchOrders returns the recorded orders whose number is a word of text.
// Every word is looked up, whatever the marketplace's format.
func matchOrders(ctx context.Context, tx *sql.Tx, text string) ([]OrderID, error) {
	seen := map[string]bool{}
	var tokens []any
	for _, t := range orderToken().FindAllString(text, -1) {
		if len(t) >= 6 && len(t) <= 40 && strings.ContainsAny(t, "0123456789") && !seen[t] {
			seen[t] = true
			tokens = append(tokens, t)
		}
	}
	var ids []OrderID
	for len(tokens) > 0 {
		batch := tokens[:min(len(tokens), 500)]
		tokens = tokens[len(batch):]
		found, _, err := scanAll(ctx, tx, `SELECT id FROM orders WHERE number IN (?`+strings.Repeat(",?", len(batch)-1)+`) ORDER BY id`,
			batch, func(r *sql.Rows) (OrderID, error) {
				var id OrderID
				return id, r.Scan(&id)
			}, func(id OrderID) OrderID { return id })
		if err != nil {
			return nil, err
		}
		ids = append(ids, found...)
	}
	return ids, nil
}
