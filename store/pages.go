package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"vault"
	"vault/internal/date"
)

// PAGE is the record of what a saved web page says of itself (PAGE-n for
// EV-n).
type PAGE vault.EvidenceID

func (p PAGE) String() string { return "PAGE-" + strconv.FormatInt(int64(p), 10) }

// pageContent is the content query of a PAGE record: every column and its
// events in order.
const pageContent = `SELECT json_array(p.evidence_id, p.format, p.address, p.saved, p.saved_at, p.title, p.text, p.item,
	p.price_minor, p.currency, p.seller, p.created_at,
	(SELECT json_group_array(json_array(position, day, clock, place, status))
		FROM (SELECT * FROM page_events WHERE evidence_id = p.evidence_id ORDER BY position)))
	FROM evidence_pages p WHERE p.evidence_id = ?`

// insertPage records what a new piece of evidence says as a saved page.
// Its audit entry follows the evidence's (addLinked).
func insertPage(ctx context.Context, tx *sql.Tx, id vault.EvidenceID, p vault.Page, now string) error {
	var l vault.Listing
	if p.Listing != nil {
		l = *p.Listing
	}
	price, cur := moneyArgs(l.Price)
	savedAt := ""
	if !p.SavedAt.IsZero() {
		savedAt = p.SavedAt.Format(time.RFC3339)
	}
	if _, err := exec(ctx, tx, `INSERT INTO evidence_pages (evidence_id, format, address, saved, saved_at, title, text,
		item, price_minor, currency, seller, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		id, p.Format, p.Address, p.Saved, savedAt, p.Title, p.Text, l.Item, price, cur, l.Seller, now); err != nil {
		return fmt.Errorf("record page: %w", err)
	}
	for i, e := range p.Events {
		if _, err := exec(ctx, tx, `INSERT INTO page_events (evidence_id, position, day, clock, place, status) VALUES (?,?,?,?,?,?)`,
			id, i+1, e.Day.String(), e.Clock, e.Place, e.Status); err != nil {
			return fmt.Errorf("record page: %w", err)
		}
	}
	return nil
}

// Pages returns what each of ids that is a saved page says of itself.
func (db *DB) Pages(ctx context.Context, ids []vault.EvidenceID) (map[vault.EvidenceID]vault.Page, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (map[vault.EvidenceID]vault.Page, error) { return pagesOf(ctx, tx, ids) })
}

// pagesOf reads the pages of ids, with their events.
func pagesOf(ctx context.Context, tx *sql.Tx, ids []vault.EvidenceID) (map[vault.EvidenceID]vault.Page, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := idList(ids)
	out := map[vault.EvidenceID]vault.Page{}
	rows, err := tx.QueryContext(ctx, `SELECT evidence_id, format, address, saved, saved_at, title, text, item, price_minor,
		currency, seller FROM evidence_pages WHERE evidence_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id vault.EvidenceID
		var p vault.Page
		var savedAt string
		var l vault.Listing
		var price sql.NullInt64
		var cur sql.NullString
		if err := rows.Scan(&id, &p.Format, &p.Address, &p.Saved, &savedAt, &p.Title, &p.Text, &l.Item, &price, &cur, &l.Seller); err != nil {
			return nil, err
		}
		if savedAt != "" {
			if p.SavedAt, err = time.Parse(time.RFC3339, savedAt); err != nil {
				return nil, fmt.Errorf("page %s: bad stored time %q", id, savedAt)
			}
		}
		if l.Price = scanMoney(price, cur); l != (vault.Listing{}) {
			p.Listing = &l
		}
		out[id] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, pageEvents(ctx, tx, in, args, out)
}

// pageEvents adds their events to the pages read.
func pageEvents(ctx context.Context, tx *sql.Tx, in string, args []any, pages map[vault.EvidenceID]vault.Page) error {
	rows, err := tx.QueryContext(ctx, `SELECT evidence_id, day, clock, place, status FROM page_events
		WHERE evidence_id IN (`+in+`) ORDER BY evidence_id, position`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id vault.EvidenceID
		var day string
		var e vault.TrackingEvent
		if err := rows.Scan(&id, &day, &e.Clock, &e.Place, &e.Status); err != nil {
			return err
		}
		if e.Day, err = date.Stored(day); err != nil {
			return fmt.Errorf("page %s: bad stored day %q", id, day)
		}
		p := pages[id]
		p.Events = append(p.Events, e)
		pages[id] = p
	}
	return rows.Err()
}
