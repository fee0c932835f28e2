package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"vault"
)

// CaseRecords reads, in one snapshot, every record a case's facts are
// derived from (vault.Derive): the case file, the other live cases about
// its orders, the buyer's own addresses, and the buyer's history at every
// marketplace (which a reinstatement letter lists).
func (db *DB) CaseRecords(ctx context.Context, id vault.CaseID) (vault.CaseRecords, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (vault.CaseRecords, error) {
		var r vault.CaseRecords
		var err error
		if r.File, err = caseFile(ctx, tx, id); err != nil {
			return r, err
		}
		if r.Others, err = queryCases(ctx, tx, `WHERE c.id <> ? AND c.id IN (SELECT case_id FROM case_orders WHERE order_id IN
			(SELECT order_id FROM case_orders WHERE case_id = ?)) AND `+liveCase, id, id); err != nil {
			return r, err
		}
		if err := ownLinks(ctx, tx, &r); err != nil {
			return r, err
		}
		if r.Texts, err = screenshotTexts(ctx, tx, r.File.Evidence); err != nil {
			return r, err
		}
		if r.Buyer, err = buyer(ctx, tx); err != nil {
			return r, err
		}
		m, err := market(ctx, tx)
		r.Market = &m
		return r, err
	})
}

// NewCaseRecords reads what a case not yet recorded would be derived from:
// c with its orders (c.Orders), their evidence and statement lines, and the
// live cases about them. A letter about an order with no case, and the
// amount a new case claims, come from it.
func (db *DB) NewCaseRecords(ctx context.Context, c vault.Case) (vault.CaseRecords, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (vault.CaseRecords, error) {
		r := vault.CaseRecords{File: vault.CaseFile{Case: c}}
		ids, args := idList(c.Orders)
		var err error
		if r.File.Orders, err = queryOrders(ctx, tx, `WHERE o.id IN (`+ids+`)`, args...); err != nil {
			return r, err
		}
		if r.File.Evidence, err = queryEvidence(ctx, tx, `WHERE e.id IN (SELECT evidence_id FROM evidence_orders WHERE order_id IN (`+ids+`)) AND `+
			liveEvidence, args...); err != nil {
			return r, err
		}
		if r.File.Pictures, err = pictures(ctx, tx, r.File.Evidence); err != nil {
			return r, err
		}
		if r.File.Pages, err = pagesOf(ctx, tx, evidenceIDs(r.File.Evidence)); err != nil {
			return r, err
		}
		if r.File.Charges, err = queryTransactions(ctx, tx, `EXISTS (SELECT 1 FROM transaction_orders x
			WHERE x.transaction_id = t.id AND x.state = 'linked' AND x.order_id IN (`+ids+`))`, args...); err != nil {
			return r, err
		}
		if r.Others, err = queryCases(ctx, tx, `WHERE c.id IN (SELECT case_id FROM case_orders WHERE order_id IN (`+ids+`)) AND `+liveCase, args...); err != nil {
			return r, err
		}
		if err := ownLinks(ctx, tx, &r); err != nil {
			return r, err
		}
		if r.Texts, err = screenshotTexts(ctx, tx, r.File.Evidence); err != nil {
			return r, err
		}
		r.Buyer, err = buyer(ctx, tx)
		return r, err
	})
}

// ownLinks fits the records to the case's live orders: each statement line
// names the order of the case it is linked to (of two, the one the buyer
// confirmed) and whether the buyer confirmed that link, and a line linked
// to none of them is dropped; the cases name only their live orders.
func ownLinks(ctx context.Context, tx *sql.Tx, r *vault.CaseRecords) error {
	live := map[vault.OrderID]bool{}
	for _, o := range r.File.Orders {
		live[o.ID] = true
	}
	dead, err := retractedOrders(ctx, tx)
	if err != nil {
		return err
	}
	keepLive := func(c *vault.Case) {
		c.Orders = slices.DeleteFunc(slices.Clone(c.Orders), func(o vault.OrderID) bool { return dead[o] })
	}
	keepLive(&r.File.Case)
	for i := range r.Others {
		keepLive(&r.Others[i])
	}
	lines := r.File.Charges[:0]
	for _, t := range r.File.Charges {
		rows, err := tx.QueryContext(ctx, `SELECT order_id, decided_by FROM transaction_orders WHERE transaction_id = ? AND state = 'linked'
			ORDER BY decided_by = 'user' DESC, order_id`, t.ID)
		if err != nil {
			return err
		}
		t.Order, t.Confirmed = 0, false
		for rows.Next() {
			var o vault.OrderID
			var by string
			if err := rows.Scan(&o, &by); err != nil {
				rows.Close()
				return err
			}
			if live[o] && t.Order == 0 {
				t.Order, t.Confirmed = o, by == "user"
			}
		}
		rows.Close()
		if t.Order != 0 {
			lines = append(lines, t)
		}
	}
	r.File.Charges = lines
	return nil
}

// retractedOrders are the orders retracted.
func retractedOrders(ctx context.Context, tx *sql.Tx) (map[vault.OrderID]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT record FROM retractions WHERE record LIKE 'ORD-%'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[vault.OrderID]bool{}
	for rows.Next() {
		var rec string
		if err := rows.Scan(&rec); err != nil {
			return nil, err
		}
		if id, ok := vault.ParseOrderID(rec); ok {
			out[id] = true
		}
	}
	return out, rows.Err()
}

// idList is "?,?,?" for the ids, and the ids as arguments.
func idList[T ~int64](ids []T) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = int64(id)
	}
	return strings.TrimSuffix(strings.Repeat("?,", len(ids)), ","), args
}

// evidenceIDs are the ids of list.
func evidenceIDs(list []vault.Evidence) []vault.EvidenceID {
	ids := make([]vault.EvidenceID, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}
	return ids
}

// screenshotTexts reads the words read off the screenshots among list,
// of those that have them.
func screenshotTexts(ctx context.Context, tx *sql.Tx, list []vault.Evidence) (map[vault.EvidenceID]string, error) {
	var ids []vault.EvidenceID
	for _, e := range list {
		if e.Kind == vault.EvidenceScreenshot {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := idList(ids)
	rows, err := tx.QueryContext(ctx, `SELECT evidence_id, text FROM evidence_text WHERE evidence_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[vault.EvidenceID]string{}
	for rows.Next() {
		var id vault.EvidenceID
		var text string
		if err := rows.Scan(&id, &text); err != nil {
			return nil, err
		}
		out[id] = text
	}
	return out, rows.Err()
}

// buyer reads the buyer's own addresses.
func buyer(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM config WHERE key = ?`, vault.SettingEmail).Scan(&v)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return vault.BuyerAddresses(v), err
}

// market reads every live order and case, and the evidence that may be the
// buyer's letters: messages and mails from the buyer, and mails whose
// sender the buyer's addresses may place.
func market(ctx context.Context, tx *sql.Tx) (vault.MarketRecords, error) {
	var m vault.MarketRecords
	var err error
	if m.Orders, err = queryOrders(ctx, tx, `WHERE `+liveOrder); err != nil {
		return m, err
	}
	if m.Cases, err = queryCases(ctx, tx, `WHERE `+liveCase); err != nil {
		return m, err
	}
	m.Evidence, err = queryEvidence(ctx, tx, `WHERE (e.party = ? OR e.party = '' AND e.kind = ?) AND `+liveEvidence,
		vault.PartyMe, vault.EvidenceEmail)
	return m, err
}
