package store

import (
	"context"
	"database/sql"
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
		if r.File.Charges, err = queryTransactions(ctx, tx, `EXISTS (SELECT 1 FROM transaction_orders x
			WHERE x.transaction_id = t.id AND x.state = 'linked' AND x.order_id IN (`+ids+`))`, args...); err != nil {
			return r, err
		}
		if r.Others, err = queryCases(ctx, tx, `WHERE c.id IN (SELECT case_id FROM case_orders WHERE order_id IN (`+ids+`)) AND `+liveCase, args...); err != nil {
			return r, err
		}
		r.Buyer, err = buyer(ctx, tx)
		return r, err
	})
}

// idList is "?,?,?" for the ids, and the ids as arguments.
func idList[T ~int64](ids []T) (string, []any) {
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = int64(id)
	}
	return strings.TrimSuffix(strings.Repeat("?,", len(ids)), ","), args
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
