package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"strings"
	"time"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
)

// Imported is what ImportStatement, or a LineImport so far, recorded.
type Imported struct {
	Statement vault.Added         // the file, as evidence
	Lines     int                 // the lines new to the vault
	First     vault.TransactionID // the first of them; the others have larger ids
}

// ImportStatement records a statement file as evidence (kind statement,
// in no order or case: its lines are matched instead) and its lines, in one
// transaction, sealed by one audit entry on the statement's lines (LINES-n:
// every line of the file, each column but the matches, which a line's own
// entry records when one is decided). A line already recorded (the same
// key: an overlapping statement) is not recorded again; the same file twice
// is one piece of evidence.
func (db *DB) ImportStatement(ctx context.Context, file vault.Evidence, txs []vault.Transaction) (Imported, error) {
	return db.NewLineImport(file).Add(ctx, txs)
}

// A LineImport records a statement file and its lines in batches, as
// ImportStatement records them in one: each batch is a transaction of its
// own, sealed by its own audit entry on the statement's lines, so another
// command gets the write lock between two batches (a million lines held
// it for a minute), and an import stopped between them leaves a valid
// vault with the lines before.
type LineImport struct {
	db    *DB
	file  vault.Evidence
	begun bool
	res   Imported
	seal  lineSeal
}

// NewLineImport begins the import of a statement file; the first Add
// records the file.
func (db *DB) NewLineImport(file vault.Evidence) *LineImport {
	return &LineImport{db: db, file: file}
}

// Add records a batch of lines in one transaction: those whose key is not
// recorded, and, with the first batch, the file (even with no lines: a
// month without payments is a statement too). It returns what the import
// recorded so far. A batch that fails records nothing of itself; the
// batches before it stay.
func (li *LineImport) Add(ctx context.Context, txs []vault.Transaction) (Imported, error) {
	db := li.db
	res, seal := li.res, li.seal
	err := db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		// A line's key lands anywhere in the keys' index, so a batch
		// changes pages all over it. With SQLite's 2 MB of cache each line
		// read its pages from the file again (1.7 million reads for 681,835
		// lines); and a checkpoint after each batch (past 1,000 pages of
		// WAL) copied them back and synced the file, batch after batch.
		for _, pragma := range []string{fmt.Sprintf("cache_size = %d", -lineCache>>10), fmt.Sprintf("wal_autocheckpoint = %d", lineWAL)} {
			if _, err := tx.ExecContext(ctx, "PRAGMA "+pragma); err != nil {
				return err
			}
		}
		var last int64
		if err := queryRow(ctx, tx, `SELECT coalesce(max(id), 0) FROM transactions`).Scan(&last); err != nil {
			return err
		}
		if !li.begun {
			var err error
			if res.Statement, err = db.addLinked(ctx, tx, li.file, vault.Links{Inbox: true}, "add evidence", now); err != nil {
				return err
			}
			if !res.Statement.Duplicate {
				seal.last = last // a new statement: no line of it before
			}
		}
		added := 0
		for len(txs) > 0 {
			n := min(len(txs), linesPerInsert)
			k, err := addTransactions(ctx, tx, txs[:n], res.Statement.ID, now)
			if err != nil {
				return err
			}
			added += k
			txs = txs[n:]
		}
		if added == 0 {
			return nil
		}
		if res.Lines == 0 {
			// A rowid is the largest so far plus one: this batch's lines
			// follow the last one before it.
			res.First = vault.TransactionID(last + 1)
		}
		res.Lines += added
		sum, err := seal.add(ctx, tx, res.Statement.ID)
		if err != nil {
			return err
		}
		return sealLines(ctx, tx, now, importAction(added, res.Statement.ID), linesOf(res.Statement.ID), sum)
	})
	if err != nil {
		return li.res, err
	}
	li.begun, li.res, li.seal = true, res, seal
	return res, nil
}

// lineCache is the page cache of a connection that imports lines, most of
// the keys' index of a million lines (40 MB); lineWAL the pages of WAL
// after which it checkpoints (40 MB): every few batches, not every one.
// (681,835 camt.053 lines: 50 s with neither, 23 s with both.)
const (
	lineCache = 32 << 20
	lineWAL   = 10000
)

// lineSeal is the content hash of a statement's lines (a JSON array of
// each line's array, by id), kept running through an import: each batch
// hashes its own lines, not every line of the statement again (quadratic
// in a big file, and the whole array, 180 MB for a million lines, held in
// memory at once). Verify computes it in one run (linesHash).
type lineSeal struct {
	h    hash.Hash // "[" and the lines' arrays so far, comma-separated
	n    int       // lines hashed
	last int64     // the largest id hashed: the lines after it are new
}

// linesJSON is a line's array in its statement's content; the array of
// them is what SQLite's json_group_array writes (vaults sealed their lines
// with it), which a test holds equal.
const linesJSON = `json_array(t.id, t.key, t.booked_at, t.value_at, t.amount_minor, t.currency,
		t.original_minor, t.original_currency, t.rate, t.text, t.card, t.bank_ref, t.line, t.created_at)`

// add hashes the statement's lines recorded since the last call (all of
// them the first time, unless last says where they begin), and returns
// the content hash of all of them. It is a value: a copy taken before a
// batch is the seal to go on from when the batch is rolled back.
func (s *lineSeal) add(ctx context.Context, tx *sql.Tx, statement vault.EvidenceID) (string, error) {
	var err error
	if s.h == nil {
		s.h = sha256.New()
		s.h.Write([]byte("["))
	} else if s.h, err = clone(s.h); err != nil {
		return "", err
	}
	rows, err := tx.QueryContext(ctx, `SELECT t.id, `+linesJSON+` FROM transactions t
		WHERE t.statement_id = ? AND t.id > ? ORDER BY t.id`, statement, s.last)
	if err != nil {
		return "", fmt.Errorf("seal lines: %w", err)
	}
	defer rows.Close()
	var line []byte
	for rows.Next() {
		if err := rows.Scan(&s.last, &line); err != nil {
			return "", fmt.Errorf("seal lines: %w", err)
		}
		if s.n > 0 {
			s.h.Write([]byte(","))
		}
		s.h.Write(line)
		s.n++
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("seal lines: %w", err)
	}
	whole, err := clone(s.h)
	if err != nil {
		return "", err
	}
	whole.Write([]byte("]"))
	return hex.EncodeToString(whole.Sum(nil)), nil
}

// clone is a copy of h's state (SHA-256's can be copied).
func clone(h hash.Hash) (hash.Hash, error) {
	c, err := h.(hash.Cloner).Clone()
	if err != nil {
		return nil, fmt.Errorf("seal lines: %w", err)
	}
	return c, nil
}

// sealLines appends the audit entry of a statement's lines, their content
// hash known (lineSeal), as audit appends one whose content it reads.
func sealLines(ctx context.Context, tx *sql.Tx, now, action string, record ref, content string) error {
	at, err := time.Parse(time.RFC3339, now)
	if err != nil {
		return err
	}
	e := vault.AuditEntry{ID: 1, At: at, Action: action, Record: record.String(), Prev: anchoredGenesis, Content: content}
	err = queryRow(ctx, tx, `SELECT id + 1, hash FROM audit ORDER BY id DESC LIMIT 1`).Scan(&e.ID, &e.Prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("audit: %w", err)
	}
	return appendEntry(ctx, tx, e, now)
}

// importAction is the audit action of an import: "import 12 lines of EV-3".
func importAction(lines int, statement vault.EvidenceID) string {
	if lines == 1 {
		return "import 1 line of " + statement.String()
	}
	return fmt.Sprintf("import %d lines of %s", lines, statement)
}

// linesOf names the record that seals a statement's lines.
func linesOf(statement vault.EvidenceID) ref { return ref(fmt.Sprintf("LINES-%d", statement)) }

// linesPerInsert is how many lines one INSERT writes: 50 lines of 14
// values take a fifth less time than 50 statements (the driver's cost per
// statement), and stay far below SQLite's 32,766 parameters.
const linesPerInsert = 50

// lineValues are the placeholders of one line. An empty text is bound as
// NULL and stored as ”: the driver copies each bound text into C memory,
// and most of a line's texts are empty.
const lineValues = `(?,?,coalesce(?,''),?,?,?,?,coalesce(?,''),coalesce(?,''),coalesce(?,''),coalesce(?,''),?,?,?)`

// addTransactions inserts lines of a statement, those whose key is not
// recorded (the caller audits them), and returns how many it inserted.
func addTransactions(ctx context.Context, tx *sql.Tx, lines []vault.Transaction, stmt vault.EvidenceID, now string) (int, error) {
	args := make([]any, 0, 14*len(lines))
	for _, t := range lines {
		var orig, origCur any
		if !t.Original.IsZero() {
			orig, origCur = t.Original.Minor, t.Original.Currency
		}
		args = append(args, t.Key, t.Booked.String(), orNull(t.Value.String()), t.Amount.Minor, t.Amount.Currency,
			orig, origCur, orNull(t.Rate), orNull(t.Text), orNull(t.Card), orNull(t.BankRef), int64(stmt), int64(t.Line), now)
	}
	res, err := exec(ctx, tx, `INSERT OR IGNORE INTO transactions (key, booked_at, value_at, amount_minor, currency,
		original_minor, original_currency, rate, text, card, bank_ref, statement_id, line, created_at)
		VALUES `+strings.Repeat(lineValues+",", len(lines)-1)+lineValues, args...)
	if err != nil {
		return 0, fmt.Errorf("insert transactions: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// orNull is s, or NULL for "".
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Twins pairs each line of a statement from first on (one import's new
// lines) with the latest earlier line of another statement file that has
// its day, amount and card: the same charge, perhaps, exported twice in two
// formats.
func (db *DB) Twins(ctx context.Context, statement vault.EvidenceID, first vault.TransactionID) ([][2]vault.TransactionID, error) {
	var out [][2]vault.TransactionID
	err := db.read(ctx, func(tx *sql.Tx) error {
		// The earlier lines of other statements are gathered first, and
		// SQLite indexes them by day, amount and card: joined through the
		// index by day, each new line visited every earlier line of its
		// day, those of its own statement too (an import resumed after
		// 185,000 of a million lines ran for minutes).
		return eachPair(ctx, tx, `WITH o AS MATERIALIZED (SELECT id, booked_at, amount_minor, currency, card FROM transactions
				WHERE id < ? AND statement_id IS NOT ?)
			SELECT n.id, max(o.id) FROM transactions n JOIN o
			ON o.booked_at = n.booked_at AND o.amount_minor = n.amount_minor AND o.currency = n.currency AND o.card = n.card
			WHERE n.id >= ? AND n.statement_id = ? GROUP BY n.id ORDER BY n.booked_at, n.id`, []any{first, statement, first, statement},
			func(n, o vault.TransactionID) { out = append(out, [2]vault.TransactionID{n, o}) })
	})
	return out, err
}

// TransactionFilter narrows Transactions.
type TransactionFilter struct {
	Since     date.Value // booked on or after
	Unmatched bool       // only lines linked to no order
}

// Transactions returns the recorded statement lines, oldest first.
func (db *DB) Transactions(ctx context.Context, f TransactionFilter) ([]vault.Transaction, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Transaction, error) {
		where := `t.booked_at >= ?`
		if f.Unmatched {
			where += ` AND NOT EXISTS (SELECT 1 FROM transaction_orders WHERE transaction_id = t.id AND state = 'linked')`
		}
		return queryTransactions(ctx, tx, where, f.Since.String())
	})
}

// MatchWindow is where the statement lines that may pay or refund one
// order are, as the matcher's rules (casework) have it: charges booked
// within one of Charges of at most Total and Off in its currency, or of an
// original amount of at most Total (a part of a payment made in parts);
// credits booked from Credits on (zero: any day) of Total give or take Off,
// or of an original amount of Total.
type MatchWindow struct {
	Order   vault.OrderID
	Total   money.Money
	Off     int64           // how far a converted amount may be from Total, in minor units
	Charges [][2]date.Value // days a charge may be booked: from the first to the last, both included
	Credits date.Value      // the first day a credit may be booked
}

// MatchLines returns, oldest first, the statement lines the matcher reads
// for the orders of ws: those in some order's window and not already
// linked to an order nor rejected for that one, and the credits linked to
// an order (what refunds it so far). The lines are found through the
// indexes by day and by amount: a statement of a million lines, of which a
// few fall in an order's window, is not read a line at a time.
func (db *DB) MatchLines(ctx context.Context, ws []MatchWindow) ([]vault.Transaction, error) {
	var rows [][]any // order, currency, total, off, credit, first day, the day after the last
	for _, w := range ws {
		for _, days := range w.Charges {
			after := date.Day(days[1].Time().AddDate(0, 0, 1))
			rows = append(rows, []any{int64(w.Order), w.Total.Currency, w.Total.Minor, w.Off, 0, days[0].String(), after.String()})
		}
		rows = append(rows, []any{int64(w.Order), w.Total.Currency, w.Total.Minor, w.Off, 1, w.Credits.String(), ""})
	}
	windows, err := json.Marshal(rows)
	if err != nil {
		return nil, err
	}
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Transaction, error) {
		return queryTransactions(ctx, tx, `t.id IN (`+matchLines+`)`, string(windows))
	})
}

// matchLines selects the ids MatchLines returns, from its windows (a JSON
// array of rows, ?). A day stored as text sorts before the instants of
// that day, and they before the next day: the bounds hold for both.
// Charges are found by day, credits by amount (migration 13), converted
// credits by their original amount.
const matchLines = `WITH w AS MATERIALIZED (SELECT value->>0 AS ord, value->>1 AS cur, value->>2 AS total, value->>3 AS off,
		value->>4 AS credit, value->>5 AS first, value->>6 AS after FROM json_each(?)),
	cand(id, ord) AS (
		SELECT t.id, w.ord FROM w JOIN transactions t INDEXED BY transactions_booked ON t.booked_at >= w.first AND t.booked_at < w.after
		WHERE NOT w.credit AND t.amount_minor <= 0 AND (t.currency = w.cur AND t.amount_minor BETWEEN -(w.total + w.off) AND -1
			OR t.original_currency = w.cur AND t.original_minor BETWEEN 1 AND w.total)
		UNION ALL
		SELECT t.id, w.ord FROM w JOIN transactions t INDEXED BY transactions_credits
			ON t.currency = w.cur AND t.amount_minor BETWEEN w.total - w.off AND w.total + w.off
		WHERE w.credit AND t.amount_minor > 0 AND t.booked_at >= w.first
		UNION ALL
		SELECT t.id, w.ord FROM w JOIN transactions t INDEXED BY transactions_credits_original
			ON t.original_currency = w.cur AND t.original_minor = w.total
		WHERE w.credit AND t.amount_minor > 0 AND t.original_minor IS NOT NULL AND t.booked_at >= w.first)
	SELECT id FROM cand WHERE NOT EXISTS (SELECT 1 FROM transaction_orders d WHERE d.transaction_id = cand.id
		AND (d.state = 'linked' OR d.state = 'rejected' AND d.order_id = cand.ord))
	UNION SELECT d.transaction_id FROM transaction_orders d JOIN transactions t ON t.id = d.transaction_id
	WHERE d.state = 'linked' AND t.amount_minor > 0`

func queryTransactions(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]vault.Transaction, error) {
	out, _, err := scanAll(ctx, tx, `SELECT t.id, t.booked_at, t.value_at, t.amount_minor, t.currency, t.original_minor,
		t.original_currency, t.rate, t.text, t.card, t.bank_ref, coalesce(t.statement_id, 0), t.line,
		coalesce((SELECT min(order_id) FROM transaction_orders WHERE transaction_id = t.id AND state = 'linked'), 0),
		EXISTS (SELECT 1 FROM transaction_orders WHERE transaction_id = t.id AND state = 'linked' AND decided_by = 'user')
		FROM transactions t WHERE `+where+` ORDER BY t.booked_at, t.id`,
		args, scanTransaction, func(t vault.Transaction) vault.TransactionID { return t.ID })
	return out, err
}

func scanTransaction(rows *sql.Rows) (vault.Transaction, error) {
	var t vault.Transaction
	var booked, value string
	var orig sql.NullInt64
	var origCur sql.NullString
	err := rows.Scan(&t.ID, &booked, &value, &t.Amount.Minor, &t.Amount.Currency, &orig, &origCur, &t.Rate, &t.Text, &t.Card,
		&t.BankRef, &t.Statement, &t.Line, &t.Order, &t.Confirmed)
	if err != nil {
		return t, fmt.Errorf("scan transaction: %w", err)
	}
	if orig.Valid {
		t.Original = money.Money{Minor: orig.Int64, Currency: origCur.String}
	}
	if t.Booked, err = date.Stored(booked); err != nil {
		return t, err
	}
	t.Value, err = date.Stored(value)
	return t, err
}

// Match is a decision about which order a statement line belongs to.
type Match struct {
	Transaction vault.TransactionID `json:"transaction"`
	Order       vault.OrderID       `json:"order"`
	State       string              `json:"state"` // linked, suggested, rejected
	Why         string              `json:"why"`
	By          string              `json:"by"` // matcher, user
}

// Matches returns every decision, by line and order.
func (db *DB) Matches(ctx context.Context) ([]Match, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]Match, error) {
		rows, err := tx.QueryContext(ctx, `SELECT transaction_id, order_id, state, why, decided_by FROM transaction_orders ORDER BY 1, 2`)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []Match
		for rows.Next() {
			var m Match
			if err := rows.Scan(&m.Transaction, &m.Order, &m.State, &m.Why, &m.By); err != nil {
				return nil, err
			}
			out = append(out, m)
		}
		return out, rows.Err()
	})
}

// SetMatches records decisions in one transaction, each audited on its
// line. A user's decision is never overwritten by the matcher's, and a
// decision that changes nothing is not recorded again.
func (db *DB) SetMatches(ctx context.Context, ms []Match) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		now := db.now()
		for _, m := range ms {
			if err := exists(ctx, tx, "transactions", int64(m.Transaction), m.Transaction.String()); err != nil {
				return err
			}
			if err := writable(ctx, tx, "orders", int64(m.Order), m.Order.String()); err != nil {
				return err
			}
			res, err := exec(ctx, tx, `INSERT INTO transaction_orders (transaction_id, order_id, state, why, decided_by) VALUES (?,?,?,?,?)
				ON CONFLICT (transaction_id, order_id) DO UPDATE SET state = excluded.state, why = excluded.why, decided_by = excluded.decided_by
				WHERE (excluded.decided_by = 'user' OR transaction_orders.decided_by = 'matcher')
					AND (transaction_orders.state, transaction_orders.why, transaction_orders.decided_by)
						IS NOT (excluded.state, excluded.why, excluded.decided_by)`,
				m.Transaction, m.Order, m.State, m.Why, m.By)
			if err != nil {
				return fmt.Errorf("match %s: %w", m.Transaction, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue
			}
			if err := audit(ctx, tx, now, m.By+" "+m.State+" "+m.Order.String(), m.Transaction); err != nil {
				return err
			}
		}
		return nil
	})
}
