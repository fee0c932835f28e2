package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"vault"
)

// EmailImport is one message of an import batch: the email and, for a
// recognised order confirmation, the order to create first (unless its number
// is recorded already), so that the email is linked to it; and the notice
// the email is, if any, which a new email carries out (see understand).
type EmailImport struct {
	Email  vault.Email
	Order  *vault.Order
	Notice *vault.Notice
}

// EmailImported is what happened to one message of a batch.
type EmailImported struct {
	vault.EmailAdded
	Created    vault.OrderID     // the order created from the confirmation, if any
	Understood *vault.Understood // what its notice did, if it is a new email with one
	Err        error             // the message was not recorded (the rest of the batch was)
}

// ImportEmails records a batch of emails with their attachments in one
// transaction, linking each (and its attachments) to links and to every
// recorded order whose number appears in its subject or text; an unmatched
// email is still kept. One commit (and one index flush) serves the batch. Each message is a savepoint of its own, so one that fails
// is rolled back alone and reported in its Err.
func (db *DB) ImportEmails(ctx context.Context, batch []EmailImport, links vault.Links) ([]EmailImported, error) {
	out := make([]EmailImported, len(batch))
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := checkLinks(ctx, tx, links, true); err != nil {
			return err
		}
		now := db.now()
		for i, item := range batch {
			if _, err := exec(ctx, tx, `SAVEPOINT message`); err != nil {
				return err
			}
			out[i] = db.importOne(ctx, tx, now, item, links)
			if out[i].Err != nil {
				out[i].Created, out[i].Understood = 0, nil // rolled back with the message
				if _, err := exec(ctx, tx, `ROLLBACK TO message`); err != nil {
					return err
				}
			}
			if _, err := exec(ctx, tx, `RELEASE message`); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

func (db *DB) importOne(ctx context.Context, tx *sql.Tx, now string, item EmailImport, links vault.Links) EmailImported {
	var r EmailImported
	if o := item.Order; o != nil {
		o.Marketplace, o.Number = vault.ParseMarketplace(string(o.Marketplace)), strings.TrimSpace(o.Number)
		var n int
		if r.Err = queryRow(ctx, tx, `SELECT count(*) FROM orders WHERE number = ?`, o.Number).Scan(&n); r.Err != nil {
			return r
		}
		if n == 0 {
			if r.Created, r.Err = insertOrder(ctx, tx, *o, now); r.Err != nil {
				return r
			}
			if r.Err = audit(ctx, tx, now, "add order", r.Created); r.Err != nil {
				return r
			}
		}
	}
	if r.EmailAdded, r.Err = db.addEmail(ctx, tx, now, item.Email, links); r.Err != nil || item.Notice == nil || r.Duplicate {
		return r
	}
	u, err := db.understand(ctx, tx, now, r.ID, *item.Notice)
	r.Understood, r.Err = &u, err
	return r
}

// addEmail records one email inside tx: the message (unless known), its
// links, its audit entry and its attachments.
func (db *DB) addEmail(ctx context.Context, tx *sql.Tx, now string, m vault.Email, links vault.Links) (vault.EmailAdded, error) {
	var out vault.EmailAdded
	id, dup, err := findEmail(ctx, tx, m.Message)
	if err != nil {
		return out, err
	}
	if !dup {
		added, err := db.addEvidence(ctx, tx, m.Message, now)
		if err != nil {
			return out, err
		}
		id, dup = added.ID, added.Duplicate
	}
	out.ID, out.Duplicate = id, dup
	if out.Matched, err = matchOrders(ctx, tx, m.Message.Title+"\n"+m.Message.Body); err != nil {
		return out, err
	}
	all := vault.Links{Orders: append(append([]vault.OrderID{}, links.Orders...), out.Matched...), Cases: links.Cases}
	if err := link(ctx, tx, id, all); err != nil {
		return out, err
	}
	if err := audit(ctx, tx, now, addAction(dup, "import email"), id); err != nil || dup {
		return out, err
	}
	for _, a := range m.Attachments {
		a.Parent = id
		added, err := db.addLinked(ctx, tx, a, all, "import email", now)
		if err != nil {
			return out, err
		}
		out.Attachments = append(out.Attachments, added.ID)
	}
	return out, nil
}

// findEmail looks for the message by its Message-ID.
func findEmail(ctx context.Context, tx *sql.Tx, e vault.Evidence) (vault.EvidenceID, bool, error) {
	if e.MessageID == "" {
		return 0, false, nil
	}
	var id vault.EvidenceID
	err := queryRow(ctx, tx, `SELECT id FROM evidence WHERE message_id = ?`, e.MessageID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	if gone, err := retracted(ctx, tx, id.String()); err != nil || gone {
		return 0, false, cmpOr(err, fmt.Errorf("imported before as %s, which was retracted: not imported again", id))
	}
	return id, true, nil
}

// orderToken is a word that may be an order number: letters, digits and
// inner dashes, at least six long (AliExpress 8123456789012345, Amazon
// 123-1234567-1234567, eBay 12-12345-12345, Temu PO-211-...).
var orderToken = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[0-9A-Za-z](?:[0-9A-Za-z-]*[0-9A-Za-z])?`) })

// matchOrders returns the recorded orders whose number is a word of text.
// Every word is looked up, whatever the marketplace's format.
func matchOrders(ctx context.Context, tx *sql.Tx, text string) ([]vault.OrderID, error) {
	seen := map[string]bool{}
	var tokens []any
	for _, t := range orderToken().FindAllString(text, -1) {
		if len(t) >= 6 && len(t) <= 40 && strings.ContainsAny(t, "0123456789") && !seen[t] {
			seen[t] = true
			tokens = append(tokens, t)
		}
	}
	var ids []vault.OrderID
	for len(tokens) > 0 {
		batch := tokens[:min(len(tokens), 500)]
		tokens = tokens[len(batch):]
		found, _, err := scanAll(ctx, tx, `SELECT o.id FROM orders o WHERE o.number IN (?`+strings.Repeat(",?", len(batch)-1)+`)
			AND `+liveOrder+` ORDER BY o.id`,
			batch, func(r *sql.Rows) (vault.OrderID, error) {
				var id vault.OrderID
				return id, r.Scan(&id)
			}, func(id vault.OrderID) vault.OrderID { return id })
		if err != nil {
			return nil, err
		}
		ids = append(ids, found...)
	}
	return ids, nil
}
