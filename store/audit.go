package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"vault"
)

// genesis is the "previous hash" of the first audit row of a log begun
// before the anchor file (vault.db.head) was kept, and the head of an
// empty log; anchoredGenesis that of every log begun since. A log whose
// first row follows anchoredGenesis, or that holds the entry of
// markAnchored, must have its anchor file: deleting it is reported.
var (
	genesis         = strings.Repeat("0", 64)
	anchoredGenesis = hashOf("vault.db.head")
)

// anchorRecord is the record name of the entry that says a log begun
// before the anchor keeps one from there on; no table holds it.
const anchorRecord = "vault.db.head"

func hashOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// entryHash is the hash of an audit row: it covers the previous row's hash,
// so changing or removing any row breaks every hash after it.
func entryHash(e vault.AuditEntry) string {
	h := sha256.Sum256([]byte(strings.Join([]string{e.Prev, strconv.FormatInt(e.ID, 10),
		e.At.UTC().Format(time.RFC3339), e.Action, e.Record, e.Content}, "\n")))
	return hex.EncodeToString(h[:])
}

// contentQueries give each kind of record its canonical content as one JSON
// array: every column, and the rows that belong to it (items, tracking,
// links, events), in a fixed order.
//
// These queries are part of the vault's format on disk: every audit row
// holds a hash of their result. Changing one (say, a migration adds a column
// and the query selects it) changes the hash of every existing record, and
// verify would report them all as edited. Keep new data in rows of their own
// whose content has its own query, or version the queries (a format number in
// the audit row) before changing one.
var contentQueries = map[string]string{
	"ORD": withFacts(`json_array(o.id, o.marketplace, o.number, o.seller, o.total_minor, o.currency, o.ordered_at,
		o.paid_at, o.shipped_at, o.expected_at, o.delivered_at, o.payment, o.note, o.created_at,
		(SELECT json_group_array(text) FROM (SELECT text FROM order_items WHERE order_id = o.id ORDER BY position)),
		(SELECT json_group_array(number) FROM (SELECT number FROM order_tracking WHERE order_id = o.id ORDER BY number)))`,
		`SELECT key, value FROM order_facts WHERE order_id = o.id`, `orders o WHERE o.id = ?`),
	"EV": `SELECT json_array(e.id, e.kind, e.source, e.occurred_at, e.party, e.title, e.body, e.note, e.sha256,
		e.size, e.media_type, e.file_name, e.parent_id, e.message_id, e.sender, e.recipients, e.created_at,
		(SELECT json_group_array(order_id) FROM (SELECT order_id FROM evidence_orders WHERE evidence_id = e.id ORDER BY 1)),
		(SELECT json_group_array(case_id) FROM (SELECT case_id FROM evidence_cases WHERE evidence_id = e.id ORDER BY 1)))
		FROM evidence e WHERE e.id = ?`,
	"CASE": withFacts(`json_array(c.id, c.kind, c.status, c.title, c.receiver, c.reference, c.amount_minor, c.currency,
		c.opened_at, c.closed_at, c.created_at,
		(SELECT json_group_array(order_id) FROM (SELECT order_id FROM case_orders WHERE case_id = c.id ORDER BY 1)),
		(SELECT json_group_array(CASE WHEN kind = '' THEN json_array(id, at, text, created_at)
			ELSE json_array(id, at, text, created_at, kind, json(vals)) END) FROM (SELECT * FROM case_events WHERE case_id = c.id ORDER BY id)))`,
		`SELECT key, value FROM case_facts WHERE case_id = c.id
		UNION ALL SELECT '+excluded', (SELECT group_concat(evidence_id, ',') FROM (SELECT evidence_id FROM case_excluded WHERE case_id = c.id ORDER BY 1))
			WHERE EXISTS (SELECT 1 FROM case_excluded WHERE case_id = c.id)`, `cases c WHERE c.id = ?`),
	"RULE": `SELECT json_array(id, rule, set_at) FROM rules WHERE id = ?`,
	"CHG": `SELECT json_array(id, order_id, kind, amount_minor, currency, paid_at, note, created_at)
		FROM order_charges WHERE id = ?`,
	"CONF": `SELECT json_array(key, value, set_at) FROM config WHERE key = ?`,
	"STMT": `SELECT json_array(case_id, text, set_at) FROM case_statements WHERE case_id = ?`,
	"ACC": `SELECT json_array(id, marketplace, login, blocked_at, reason, appeal_by, note, created_at)
		FROM accounts WHERE id = ?`,
	"EDIT": `SELECT json_array(id, record, field, old, new, by, at) FROM edits WHERE id = ?`,
	"SUG": `SELECT json_array(id, evidence_id, action, record, case_kind, json(changes), why, key, state, decided_at, created_at)
		FROM suggestions WHERE id = ?`,
	"RETR":  `SELECT json_array(record, reason, at) FROM retractions WHERE record = ?`,
	"PURGE": `SELECT json_array(id, sha256, size, upto, at) FROM purges WHERE id = ?`,
	"TXT":   `SELECT json_array(evidence_id, engine, text, created_at) FROM evidence_text WHERE evidence_id = ?`,
	"PAGE":  pageContent,
	"TX": `SELECT json_array(t.id, t.key, t.booked_at, t.value_at, t.amount_minor, t.currency, t.original_minor, t.original_currency,
		t.rate, t.text, t.card, t.bank_ref, t.statement_id, t.line, t.created_at,
		(SELECT json_group_array(json_array(order_id, state, why, decided_by)) FROM
			(SELECT * FROM transaction_orders WHERE transaction_id = t.id ORDER BY order_id)))
		FROM transactions t WHERE t.id = ?`,
}

// withFacts is the content query of a record whose facts recorded later
// (key, value rows selected by facts) live in a table of their own: the
// record's own array when it has none (so records made before the facts
// existed keep their hashes), else that array with one more element, the
// facts as a JSON object in key order.
func withFacts(array, facts, from string) string {
	return `SELECT CASE WHEN f IS NULL THEN x ELSE json_insert(x, '$[#]', json(f)) END FROM (SELECT ` + array + ` AS x,
		(SELECT json_group_object(key, value) FROM (SELECT * FROM (` + facts + `) ORDER BY key) HAVING count(*) > 0) AS f
		FROM ` + from + `)`
}

// allRecords names every record that has an audit entry, in the form the
// audit log uses, but the statement lines (TX-n: verify reads them as a
// stream, a statement may hold a million) and the records that seal them
// (lineSeals).
const allRecords = `SELECT 'ORD-' || id AS r FROM orders UNION ALL SELECT 'EV-' || id FROM evidence
	UNION ALL SELECT 'CASE-' || id FROM cases UNION ALL SELECT 'RULE-' || id FROM rules
	UNION ALL SELECT 'CHG-' || id FROM order_charges UNION ALL SELECT 'CONF-' || coalesce(key, '') FROM config
	UNION ALL SELECT 'STMT-' || case_id FROM case_statements UNION ALL SELECT 'ACC-' || id FROM accounts
	UNION ALL SELECT 'EDIT-' || id FROM edits UNION ALL SELECT 'RETR-' || coalesce(record, '') FROM retractions
	UNION ALL SELECT 'PURGE-' || id FROM purges UNION ALL SELECT 'TXT-' || evidence_id FROM evidence_text
	UNION ALL SELECT 'SUG-' || id FROM suggestions UNION ALL SELECT 'PAGE-' || evidence_id FROM evidence_pages`

// lineSeals names the records that seal statements' lines, LINES-n.
const lineSeals = `SELECT DISTINCT 'LINES-' || statement_id AS r FROM transactions WHERE statement_id IS NOT NULL`

// contentHash is the SHA-256 of a record's canonical content; ErrNotFound
// when the record does not exist. Its query is prepared once per
// transaction (see prepared): verify hashes 10,000 records in one.
func contentHash(ctx context.Context, tx *sql.Tx, record string) (string, error) {
	prefix, num, ok := strings.Cut(record, "-")
	if prefix == "LINES" {
		return linesHash(ctx, tx, record, num)
	}
	query, known := contentQueries[prefix]
	if !ok || !known {
		return "", fmt.Errorf("audit: unknown record %q", record)
	}
	var content string
	err := queryRow(ctx, tx, query, num).Scan(&content)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s: %w", record, vault.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("audit %s: %w", record, err)
	}
	sum := sha256.Sum256([]byte(content))
	return hex.EncodeToString(sum[:]), nil
}

// linesHash is the content hash of a statement's lines (LINES-n): the
// JSON array of each line's array (linesJSON), by id, as SQLite's
// json_group_array writes it, hashed a line at a time as an import seals
// them (lineSeal): the array of a million lines is 180 MB. ErrNotFound
// when the statement has no line.
func linesHash(ctx context.Context, tx *sql.Tx, record, num string) (string, error) {
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return "", fmt.Errorf("audit: unknown record %q", record)
	}
	var s lineSeal
	sum, err := s.add(ctx, tx, vault.EvidenceID(n))
	if err == nil && s.n == 0 {
		err = fmt.Errorf("%s: %w", record, vault.ErrNotFound)
	}
	return sum, err
}

// audit appends one chained row per record, recording its content after action.
func audit(ctx context.Context, tx *sql.Tx, now string, action string, records ...fmt.Stringer) error {
	at, err := time.Parse(time.RFC3339, now)
	if err != nil {
		return err
	}
	if len(records) == 0 {
		return nil
	}
	// The chain's head, read once: the rows below follow it in this
	// transaction, which holds the write lock.
	next, prev := int64(1), anchoredGenesis
	err = queryRow(ctx, tx, `SELECT id + 1, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&next, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit: %w", err)
	}
	for _, r := range records {
		e := vault.AuditEntry{ID: next, At: at, Action: action, Record: r.String(), Prev: prev}
		if e.Content, err = contentHash(ctx, tx, e.Record); err != nil {
			return err
		}
		if err := appendEntry(ctx, tx, e, now); err != nil {
			return err
		}
		next, prev = next+1, entryHash(e)
	}
	return nil
}

// appendEntry writes entry e, its hash computed, as the log's next row.
func appendEntry(ctx context.Context, tx *sql.Tx, e vault.AuditEntry, now string) error {
	e.Hash = entryHash(e)
	if _, err := exec(ctx, tx, `INSERT INTO audit (id, at, action, record, content, prev, hash) VALUES (?,?,?,?,?,?,?)`,
		e.ID, now, e.Action, e.Record, e.Content, e.Prev, e.Hash); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	txAudited.Store(tx, true)
	return nil
}

// markAnchored appends to a log begun before the anchor file the entry
// that says it keeps one from here on (migration 10). An empty log needs
// none: its first entry will follow anchoredGenesis.
func markAnchored(ctx context.Context, tx *sql.Tx, now string) error {
	at, err := time.Parse(time.RFC3339, now)
	if err != nil {
		return err
	}
	e := vault.AuditEntry{At: at, Action: "keep the audit head in vault.db.head", Record: anchorRecord, Content: anchoredGenesis}
	err = queryRow(ctx, tx, `SELECT id + 1, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&e.ID, &e.Prev)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	var first string
	if err := queryRow(ctx, tx, `SELECT prev FROM audit ORDER BY id LIMIT 1`).Scan(&first); err != nil || first != genesis {
		return err
	}
	return appendEntry(ctx, tx, e, now)
}

// ref is a record name that is already a string.
type ref string

func (r ref) String() string { return string(r) }

// adoptRecords seals every record that has no audit row yet: the records of a
// vault made before the audit log existed.
func adoptRecords(ctx context.Context, tx *sql.Tx, now string) error {
	records, _, err := scanAll(ctx, tx, `SELECT 'ORD-' || id FROM orders UNION ALL SELECT 'EV-' || id FROM evidence
		UNION ALL SELECT 'CASE-' || id FROM cases`, nil, func(r *sql.Rows) (fmt.Stringer, error) {
		var s string
		return ref(s), r.Scan(&s)
	}, func(fmt.Stringer) int { return 0 })
	if err != nil {
		return err
	}
	var unsealed []fmt.Stringer
	for _, r := range records {
		var n int
		if err := queryRow(ctx, tx, `SELECT count(*) FROM audit WHERE record = ?`, r.String()).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			unsealed = append(unsealed, r)
		}
	}
	return audit(ctx, tx, now, "adopt", unsealed...)
}

// Audit returns the audit log, oldest first: all of it, or with a record
// name only that record's entries, its retraction and, for a statement
// line, its statement's lines' entries.
func (db *DB) Audit(ctx context.Context, record string) ([]vault.AuditEntry, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.AuditEntry, error) {
		lines := ""
		if id, ok := strings.CutPrefix(record, "TX-"); ok {
			err := queryRow(ctx, tx, `SELECT 'LINES-' || statement_id FROM transactions WHERE id = ? AND statement_id IS NOT NULL`, id).Scan(&lines)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return nil, err
			}
		}
		list, _, err := scanAll(ctx, tx, `SELECT id, at, action, record, content, prev, hash FROM audit
			WHERE ? = '' OR record = ? OR record = 'RETR-' || ? OR record = ? ORDER BY id`, []any{record, record, record, lines},
			scanAudit, func(e vault.AuditEntry) int64 { return e.ID })
		return list, err
	})
}

func scanAudit(r *sql.Rows) (vault.AuditEntry, error) {
	var e vault.AuditEntry
	var at string
	if err := r.Scan(&e.ID, &at, &e.Action, &e.Record, &e.Content, &e.Prev, &e.Hash); err != nil {
		return e, err
	}
	// A time vault did not write (unreadable, or not in the UTC form it
	// writes) reads as the zero time: the entry's hash then fails, and
	// verify says the row was edited instead of stopping.
	if t, err := time.Parse(time.RFC3339, at); err == nil && t.UTC().Format(time.RFC3339) == at {
		e.At = t
	}
	return e, nil
}
