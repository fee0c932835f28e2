package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"vault"
	"vault/internal/money"
)

// nastyLines are n statement lines whose texts hold what JSON must escape
// and what it need not: quotes, backslashes, control characters, emoji,
// CJK, æøå, a long text; some with an original amount and a rate.
func nastyLines(file string, from, n int) []vault.Transaction {
	texts := []string{`"quoted" \ back\slash`, "tab\tnew\nline\x01\x1f", "订单 🙏 支付宝", "Blåbær æøå ÆØÅ", "\u2028\u2029 \u202e*4242",
		strings.Repeat("X", 5000), "", "NUL\x00byte"}
	var txs []vault.Transaction
	for i := from; i < from+n; i++ {
		t := vault.Transaction{Key: fmt.Sprintf("%s-%d", file, i), Booked: day("2026-09-02"), Value: day("2026-09-01"),
			Amount: money.Money{Minor: int64(-100 * (i + 1)), Currency: "NOK"}, Text: texts[i%len(texts)], Card: "4242",
			BankRef: fmt.Sprintf("REF-%d", i), Line: i + 2}
		if i%3 == 0 {
			t.Original, t.Rate = money.Money{Minor: int64(10 * (i + 1)), Currency: "USD"}, "10.638"
		}
		txs = append(txs, t)
	}
	return txs
}

// TestLineImportBatches: a statement imported in batches is sealed by one
// entry a batch, each over all of the statement's lines so far, as verify
// hashes them; between batches another statement's lines and another
// command's writes come and go, and the vault verifies after each batch
// (#31, item 3).
func TestLineImportBatches(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	li := db.NewLineImport(statementFile("big.csv"))
	other := db.NewLineImport(statementFile("other-bank.csv"))
	total := 0
	for batch, n := range []int{7, 1, 30} {
		res, err := li.Add(ctx, nastyLines("big", total, n))
		total += n
		if err != nil || res.Statement.ID != 1 || res.Lines != total || res.First != 1 {
			t.Fatalf("batch %d: %+v %v", batch, res, err)
		}
		// Lines of another statement in between: the ids of big.csv's lines
		// are no longer one run.
		if _, err := other.Add(ctx, nastyLines("other", batch*10, 2)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddOrder(ctx, vault.Order{Marketplace: vault.Temu, Number: fmt.Sprint("PO-", batch)}); err != nil {
			t.Fatal(err)
		}
		if got := problems(t, db); len(got) > 0 {
			t.Fatalf("after batch %d: %q", batch, got)
		}
	}
	// Lines already recorded add nothing and write no entry; new ones in
	// the same batch are sealed.
	res, err := li.Add(ctx, append(nastyLines("big", 0, 5), nastyLines("big", total, 1)...))
	if err != nil || res.Lines != total+1 {
		t.Fatalf("a batch of known lines and one new: %+v %v", res, err)
	}
	if res, err = li.Add(ctx, nastyLines("big", 0, 5)); err != nil || res.Lines != total+1 {
		t.Fatalf("a batch of known lines: %+v %v", res, err)
	}
	log, err := db.Audit(ctx, "LINES-1")
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	if want := "import 7 lines of EV-1|import 1 line of EV-1|import 30 lines of EV-1|import 1 line of EV-1"; strings.Join(actions, "|") != want {
		t.Errorf("LINES-1's entries: %q; want %q", actions, want)
	}
	err = db.read(ctx, func(tx *sql.Tx) error {
		sum, err := contentHash(ctx, tx, "LINES-1")
		if err == nil && sum != log[len(log)-1].Content {
			t.Errorf("the last seal %s, verify's hash %s", log[len(log)-1].Content, sum)
		}
		var whole string // the lines' content as vaults sealed it before a line at a time
		if err := tx.QueryRow(`SELECT json_group_array(` + linesJSON + `) FROM (SELECT * FROM transactions WHERE statement_id = 1 ORDER BY id) t`).Scan(&whole); err != nil {
			return err
		}
		if h := sha256.Sum256([]byte(whole)); hex.EncodeToString(h[:]) != sum {
			t.Errorf("json_group_array's hash %x, verify's %s", h, sum)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	twins, err := db.Twins(ctx, 1, res.First)
	if err != nil || len(twins) != 0 {
		t.Errorf("twins of lines of one statement: %v %v", twins, err)
	}
	rawExec(t, db, `UPDATE transactions SET text = 'TEMU' WHERE id = 3`)
	wantOneProblem(t, problems(t, db), "LINES-1: changed since its last audit entry")
}

// TestLineImportAgain: the same file imported again is the same evidence;
// a line new to it (a reader that now reads a line it could not) is sealed
// with every line the statement had before.
func TestLineImportAgain(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	if _, err := db.ImportStatement(ctx, statementFile("sept.csv"), nastyLines("sept", 0, 4)); err != nil {
		t.Fatal(err)
	}
	li := db.NewLineImport(statementFile("sept.csv"))
	if res, err := li.Add(ctx, nastyLines("sept", 0, 4)); err != nil || res.Lines != 0 || res.Statement.ID != 1 || !res.Statement.Duplicate {
		t.Fatalf("again: %+v %v", res, err)
	}
	if res, err := li.Add(ctx, nastyLines("sept", 4, 2)); err != nil || res.Lines != 2 || res.First != 5 {
		t.Fatalf("a new line: %+v %v", res, err)
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatalf("problems = %q", got)
	}
}

// TestLineImportEmpty: a statement without lines is recorded by its one
// batch, with no seal.
func TestLineImportEmpty(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	res, err := db.NewLineImport(statementFile("empty.csv")).Add(ctx, nil)
	if err != nil || res.Statement.ID != 1 || res.Lines != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if log, _ := db.Audit(ctx, "LINES-1"); len(log) != 0 {
		t.Errorf("a statement without lines sealed: %+v", log)
	}
	if got := problems(t, db); len(got) > 0 {
		t.Fatalf("problems = %q", got)
	}
}

// TestTwins: a new line is paired with the latest earlier line of another
// statement with its day, amount and card; not with one of its own
// statement (an import resumed, the same file again), nor with a line of
// another day, amount or card.
func TestTwins(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	line := func(key, booked string, minor int64, card string) vault.Transaction {
		return vault.Transaction{Key: key, Booked: day(booked), Amount: money.Money{Minor: minor, Currency: "NOK"}, Card: card, Text: key}
	}
	if _, err := db.ImportStatement(ctx, statementFile("a.xml"), []vault.Transaction{line("a1", "2026-09-03", -45900, "4242"),
		line("a2", "2026-09-03", -45900, "4242"), line("a3", "2026-09-04", -100, "4242")}); err != nil {
		t.Fatal(err)
	}
	li := db.NewLineImport(statementFile("bank-b.csv"))
	if _, err := li.Add(ctx, []vault.Transaction{line("b1", "2026-09-04", -100, "4242")}); err != nil {
		t.Fatal(err)
	}
	res, err := li.Add(ctx, []vault.Transaction{line("b2", "2026-09-03", -45900, "4242"), line("b3", "2026-09-04", -100, "4242"),
		line("b4", "2026-09-03", -45900, "7731"), line("b5", "2026-09-05", -45900, "4242")})
	if err != nil {
		t.Fatal(err)
	}
	twins, err := db.Twins(ctx, res.Statement.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(twins); got != "[[TX-5 TX-2] [TX-6 TX-3]]" {
		t.Errorf("twins of b2..b5: %s; want TX-5 with TX-2 (a2), TX-6 with TX-3 (a3), not TX-4 (b1, its own statement)", got)
	}
}
