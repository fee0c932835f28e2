package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"testing"

	"vault"
	"vault/internal/money"
)

// importLines records a statement file of n lines.
func importLines(t *testing.T, db *DB, file string, n int) vault.EvidenceID {
	t.Helper()
	var txs []vault.Transaction
	for i := range n {
		txs = append(txs, vault.Transaction{Key: fmt.Sprintf("%s-%d", file, i), Booked: day("2026-09-02"),
			Amount: money.Money{Minor: int64(-100 * (i + 1)), Currency: "NOK"}, Text: "ALIEXPRESS.COM æøå", Line: i + 2})
	}
	e := statementFile(file)
	res, err := db.ImportStatement(context.Background(), e, txs)
	if err != nil || res.Lines != n {
		t.Fatalf("import %s: %v, %d lines", file, err, res.Lines)
	}
	return res.Statement.ID
}

// statementFile is a statement's evidence, its blob named by its file's name.
func statementFile(name string) vault.Evidence {
	return vault.Evidence{Kind: vault.EvidenceStatement, Source: vault.SourceFile, FileName: name, OccurredAt: day("2026-09-30"),
		Blob: &vault.Blob{SHA256: fmt.Sprintf("%064x", len(name)), Size: 10, MediaType: "text/csv"}}
}

// TestStatementLinesSealed: one audit entry seals every line of an import
// (LINES-n); a line gets an entry of its own when a match is decided on it.
// Each way of changing lines behind vault's back is caught.
func TestStatementLinesSealed(t *testing.T) {
	ctx := context.Background()
	tampers := []struct {
		name, sql, want string
	}{
		{"edit a line", `UPDATE transactions SET amount_minor = -1 WHERE id = 2`, "LINES-1: changed since its last audit entry"},
		{"add a line to a statement", `INSERT INTO transactions (key, booked_at, amount_minor, currency, statement_id, created_at)
			VALUES ('forged', '2026-09-03', -999, 'NOK', 1, '2026-11-25T12:00:00Z')`, "LINES-1: changed since its last audit entry"},
		{"add a line of no statement", `INSERT INTO transactions (key, booked_at, amount_minor, currency, created_at)
			VALUES ('forged', '2026-09-03', -999, 'NOK', '2026-11-25T12:00:00Z')`, "TX-4: no audit entry"},
		{"delete a line", `DELETE FROM transactions WHERE id = 3`, "LINES-1: changed since its last audit entry"},
		{"delete a statement's lines", `DELETE FROM transactions WHERE statement_id = 1`, "LINES-1: in the audit log but gone"},
		{"link a line", `INSERT INTO transaction_orders (transaction_id, order_id, state, why, decided_by) VALUES (1, 1, 'linked', '', 'user')`,
			"TX-1: a match on it has no audit entry"},
		{"drop the statement's entry", `UPDATE audit SET record = 'LINES-9' WHERE record = 'LINES-1'`, ""},
	}
	for _, tc := range tampers {
		t.Run(tc.name, func(t *testing.T) {
			db, _ := newDB(t)
			o, err := db.AddOrder(ctx, vault.Order{Marketplace: vault.AliExpress, Number: "81"})
			if err != nil {
				t.Fatal(err)
			}
			importLines(t, db, "sept.csv", 3)
			if got := problems(t, db); len(got) > 0 {
				t.Fatalf("a fresh import: %q", got)
			}
			log, _ := db.Audit(ctx, "TX-2")
			if len(log) != 1 || log[0].Record != "LINES-1" || log[0].Action != "import 3 lines of EV-1" {
				t.Fatalf("TX-2's log = %+v; want the statement's one entry", log)
			}
			_ = o
			rawExec(t, db, tc.sql)
			got := problems(t, db)
			if tc.want == "" {
				// The entry renamed: the chain breaks, and the lines lose their seal.
				if len(got) < 4 || !strings.Contains(strings.Join(got, "\n"), "TX-1: no audit entry") {
					t.Fatalf("problems = %q", got)
				}
				return
			}
			wantOneProblem(t, got, tc.want)
		})
	}
}

// TestMatchedLineSealedTwice: a decided line has its own entry (the
// decision and its columns), and is still one of its statement's lines.
func TestMatchedLineSealedTwice(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o, err := db.AddOrder(ctx, vault.Order{Marketplace: vault.AliExpress, Number: "81"})
	if err != nil {
		t.Fatal(err)
	}
	importLines(t, db, "sept.csv", 3)
	if err := db.SetMatches(ctx, []Match{{Transaction: 2, Order: o, State: "linked", Why: "amount", By: "matcher"}}); err != nil {
		t.Fatal(err)
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatalf("after a match: %q", got)
	}
	rawExec(t, db, `UPDATE transactions SET text = 'TEMU' WHERE id = 2`)
	got := problems(t, db)
	sort.Strings(got)
	if len(got) != 2 || !strings.HasPrefix(got[0], "LINES-1: changed") || !strings.HasPrefix(got[1], "TX-2: changed") {
		t.Fatalf("problems = %q; want LINES-1 and TX-2 changed", got)
	}
	rawExec(t, db, `DELETE FROM transaction_orders WHERE transaction_id = 2`)
	rawExec(t, db, `DELETE FROM transactions WHERE id = 2`)
	got = problems(t, db)
	sort.Strings(got)
	if len(got) != 2 || !strings.HasPrefix(got[0], "LINES-1: changed") || !strings.HasPrefix(got[1], "TX-2: in the audit log but gone") {
		t.Fatalf("problems = %q; want LINES-1 changed and TX-2 gone", got)
	}
}

// TestOverlappingImport: a second statement repeating lines adds and seals
// only its new ones; the same file read again with more lines seals its
// lines again, all of them.
func TestOverlappingImport(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	importLines(t, db, "sept.csv", 2)
	e := statementFile("sept.csv")
	more := []vault.Transaction{
		{Key: "sept.csv-0", Booked: day("2026-09-02"), Amount: money.Money{Minor: -100, Currency: "NOK"}},
		{Key: "sept.csv-9", Booked: day("2026-09-05"), Amount: money.Money{Minor: -5, Currency: "NOK"}},
	}
	res, err := db.ImportStatement(ctx, e, more)
	if err != nil || res.Statement.ID != 1 || res.Lines != 1 || res.First != 3 {
		t.Fatalf("import again: %+v %v", res, err)
	}
	log, _ := db.Audit(ctx, "LINES-1")
	if len(log) != 2 || log[1].Action != "import 1 line of EV-1" {
		t.Fatalf("LINES-1's log = %+v", log)
	}
	if res, err = db.ImportStatement(ctx, e, more); err != nil || res.Lines != 0 {
		t.Fatalf("nothing new: %+v %v", res, err)
	}
	if log, _ = db.Audit(ctx, "LINES-1"); len(log) != 2 {
		t.Fatalf("an import adding nothing wrote an entry: %+v", log)
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatalf("problems = %q", got)
	}
}

// TestLinesSealedOneByOne: lines imported before LINES-n existed have an
// entry each and none for their statement; they verify, and each edit
// shows on its line.
func TestLinesSealedOneByOne(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	stmt := importLines(t, db, "sept.csv", 3)
	err := db.write(ctx, func(tx *sql.Tx) error {
		// As the import wrote them then: an entry per line, none for the file.
		if _, err := tx.ExecContext(ctx, `DELETE FROM audit WHERE record = ?`, linesOf(stmt).String()); err != nil {
			return err
		}
		return audit(ctx, tx, db.now(), "import transaction", vault.TransactionID(1), vault.TransactionID(2), vault.TransactionID(3))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatalf("lines sealed one by one: %q", got)
	}
	rawExec(t, db, `UPDATE transactions SET text = 'TEMU' WHERE id = 3`)
	wantOneProblem(t, problems(t, db), "TX-3: changed since its last audit entry")
}

// TestUserDecisionGuarded: once the buyer rejects a line for an order (or
// links it), the matcher writing its own state for the same pair changes
// nothing and writes no audit entry; the buyer may change their mind (#31,
// item 9).
func TestUserDecisionGuarded(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o, err := db.AddOrder(ctx, vault.Order{Marketplace: vault.AliExpress, Number: "81"})
	if err != nil {
		t.Fatal(err)
	}
	importLines(t, db, "sept.csv", 1)
	state := func() string {
		t.Helper()
		ms, err := db.Matches(ctx)
		if err != nil || len(ms) != 1 {
			t.Fatalf("matches %+v, %v", ms, err)
		}
		return ms[0].State + "/" + ms[0].By + "/" + ms[0].Why
	}
	set := func(m Match) {
		t.Helper()
		m.Transaction, m.Order = 1, o
		if err := db.SetMatches(ctx, []Match{m}); err != nil {
			t.Fatal(err)
		}
	}
	set(Match{State: "suggested", Why: "the same amount", By: "matcher"})
	set(Match{State: "rejected", Why: "decided by the user", By: "user"})
	before, _ := db.Audit(ctx, "TX-1")
	for _, m := range []Match{{State: "suggested", Why: "the same amount", By: "matcher"}, {State: "linked", Why: "the same amount", By: "matcher"}} {
		set(m)
		if got := state(); got != "rejected/user/decided by the user" {
			t.Errorf("after the matcher wrote %q: %s; want the buyer's rejection", m.State, got)
		}
	}
	if after, _ := db.Audit(ctx, "TX-1"); len(after) != len(before) {
		t.Errorf("the matcher's writes over a decision added %d audit entries", len(after)-len(before))
	}
	set(Match{State: "linked", Why: "decided by the user", By: "user"})
	if got := state(); got != "linked/user/decided by the user" {
		t.Errorf("the buyer changed their mind: %s", got)
	}
	set(Match{State: "suggested", Why: "the same amount", By: "matcher"})
	if got := state(); got != "linked/user/decided by the user" {
		t.Errorf("the matcher over the buyer's link: %s", got)
	}
}
