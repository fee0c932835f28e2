package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"vault"

	"github.com/google/go-cmp/cmp"
)

// addEmail1 imports one email as a batch of one.
func addEmail1(ctx context.Context, db *DB, m vault.Email, links vault.Links) (vault.EmailAdded, error) {
	r, err := db.ImportEmails(ctx, []EmailImport{{Email: m}}, links)
	if err != nil {
		return vault.EmailAdded{}, err
	}
	return r[0].EmailAdded, r[0].Err
}

func TestImportOneEmail(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	ali, _ := db.AddOrder(ctx, vault.Order{Marketplace: "aliexpress", Number: "8123456789012345"})
	amz, _ := db.AddOrder(ctx, vault.Order{Marketplace: "amazon", Number: "123-1234567-1234567"})
	db.AddOrder(ctx, vault.Order{Marketplace: "ebay", Number: "12-12345-12345"})
	msg := vault.Evidence{Kind: "email", Source: "email", MessageID: "abc@x", Title: "Order 8123456789012345 shipped",
		Body: "Also about 123-1234567-1234567.\nNot 81234567890123456 nor x12-12345-12345y.", From: "a@x", To: "b@y",
		Blob: &vault.Blob{SHA256: strings.Repeat("a", 64), Size: 10, MediaType: "message/rfc822"}}
	att := vault.Evidence{Kind: "photo", Source: "email", Title: "p.jpg", FileName: "p.jpg",
		Blob: &vault.Blob{SHA256: strings.Repeat("b", 64), Size: 5, MediaType: "image/jpeg"}}
	got, err := addEmail1(ctx, db, vault.Email{Message: msg, Attachments: []vault.Evidence{att}}, vault.Links{})
	if err != nil {
		t.Fatal(err)
	}
	want := vault.EmailAdded{ID: 1, Attachments: []vault.EvidenceID{2}, Matched: []vault.OrderID{ali, amz}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("import (-want +got):\n%s", diff)
	}
	// The same Message-ID again (other bytes): a duplicate, nothing new stored.
	msg.Blob = &vault.Blob{SHA256: strings.Repeat("c", 64), Size: 11, MediaType: "message/rfc822"}
	again, err := addEmail1(ctx, db, vault.Email{Message: msg, Attachments: []vault.Evidence{att}}, vault.Links{})
	if err != nil || !again.Duplicate || again.ID != 1 || len(again.Attachments) != 0 {
		t.Errorf("second import = %+v, %v", again, err)
	}
	list, _ := db.ListEvidence(ctx, EvidenceFilter{Order: ali})
	if len(list) != 2 || list[1].Parent != 1 || list[0].From != "a@x" || list[0].MessageID != "abc@x" {
		t.Errorf("evidence of the order: %+v", list)
	}
	if _, err := addEmail1(ctx, db, vault.Email{Message: vault.Evidence{Kind: "email", Source: "email", MessageID: "z"}}, vault.Links{Orders: []vault.OrderID{99}}); err == nil {
		t.Error("a link to a missing order was accepted")
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: "aliexpress", Number: "8123456789012345", Seller: "Blåbær Butikk",
		Items: []string{"USB-C lader"}, Tracking: []string{"LP00123456789CN"}})
	for _, body := range []string{"Pakken med blåbærsyltetøy er sendt", "Ваш заказ отправлен", "您的包裹已发货，请耐心等待",
		"refund of 49,90 € approved", "the word OR and a \"quote\" and a * star", "50% off_sale"} {
		db.AddEvidence(ctx, []vault.Evidence{{Kind: "message", Source: "typed", Title: "msg", Body: body}}, vault.Links{Orders: []vault.OrderID{o}})
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"blåbær", []string{"EV-1", "ORD-1"}},
		{"BLÅBÆR", []string{"EV-1", "ORD-1"}},
		{"lader usb-c", []string{"ORD-1"}},
		{"LP00123456789CN", []string{"ORD-1"}},
		{"23456789012", []string{"ORD-1"}},
		{"ЗАКАЗ", []string{"EV-2"}},
		{"包裹已", []string{"EV-3"}},
		{"等待", []string{"EV-3"}},
		{"€", []string{"EV-4"}},
		{`"foo OR`, nil},
		{`OR`, []string{"EV-5"}},
		{`*`, []string{"EV-5"}},
		{`"quote"`, []string{"EV-5"}},
		{"50%", []string{"EV-6"}},
		{"f_s", []string{"EV-6"}},
		{"o_f", nil}, // "_" is no wildcard: "off" must not match
		{"nothing here", nil},
		{"blåbær sendt", []string{"EV-1"}},
	}
	for _, tt := range tests {
		res, err := db.Search(ctx, tt.query, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", tt.query, err)
			continue
		}
		var refs []string
		for _, h := range res.Hits {
			refs = append(refs, h.Ref)
		}
		slices.Sort(refs) // the order is bm25's; here only the set matters
		if !cmp.Equal(refs, tt.want) {
			t.Errorf("Search(%q) = %q, want %q", tt.query, refs, tt.want)
		}
	}
	if res, _ := db.Search(ctx, "syltetøy", 10); len(res.Hits) != 1 || !strings.Contains(res.Hits[0].Snippet, "[syltetøy]") || res.Unranked {
		t.Errorf("snippet: %+v", res)
	}
	if _, err := db.Search(ctx, "   ", 10); err == nil {
		t.Error("an empty query was accepted")
	}
}

func FuzzSearchTerms(f *testing.F) {
	for _, s := range []string{`"foo OR`, "*", "a b c", `"" "`, "NEAR(a b)", "æøå 请"} {
		f.Add(s)
	}
	db, _ := newDB(&testing.T{})
	f.Fuzz(func(t *testing.T, q string) {
		if strings.TrimSpace(q) == "" {
			return
		}
		if _, err := db.Search(context.Background(), q, 5); err != nil && !strings.Contains(err.Error(), "nothing to search") {
			t.Fatalf("Search(%q): %v", q, err)
		}
	})
}

// BenchmarkSearch100k searches 100,000 messages (issue 4: under 20 ms) with
// random order numbers, as a real mailbox has them.
func BenchmarkSearch100k(b *testing.B) {
	benchSearch(b, func(i int) int64 { return 8000000000000000 + rand.New(rand.NewPCG(uint64(i), 1)).Int64N(1e15) }, "8123456789012345")
}

// BenchmarkSearch100kSharedPrefix is the worst case for the substring index:
// every message holds a number sharing 11 digits with the one searched for.
func BenchmarkSearch100kSharedPrefix(b *testing.B) {
	benchSearch(b, func(i int) int64 { return 8123456789000000 + int64(i) }, "8123456789012345")
}

func benchSearch(b *testing.B, number func(int) int64, exact string) {
	ctx := context.Background()
	db, _ := newDB(&testing.T{})
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: "m", Number: "1"})
	words := strings.Fields("parcel tracking refund seller order delayed customs broken charger cable screen blåbær заказ 包裹")
	const n = 100_000
	for start := 0; start < n; start += 5000 {
		var batch []vault.Evidence
		for i := start; i < start+5000; i++ {
			body := fmt.Sprintf("message %d about the %s and %s, order %d", i, words[i%len(words)], words[(i/7)%len(words)], number(i))
			if i == 12345 {
				body += " " + exact
			}
			batch = append(batch, vault.Evidence{Kind: "message", Source: "typed", Title: "m", Body: body})
		}
		if _, err := db.AddEvidence(ctx, batch, vault.Links{Orders: []vault.OrderID{o}}); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []string{exact, "blåbær charger", "refund", "包裹", "syltetøy"} {
		b.Run(q, func(b *testing.B) {
			for range b.N {
				if _, err := db.Search(ctx, q, 20); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestImportEmails: a batch in one transaction, each message in a savepoint.
// A message that fails is rolled back alone (with the order it would have
// created); orders from confirmations are created once, before their mail.
func TestImportEmails(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	mail := func(id, subject string, blob byte) vault.Email {
		return vault.Email{Message: vault.Evidence{Kind: "email", Source: "email", MessageID: id, Title: subject,
			Blob: &vault.Blob{SHA256: strings.Repeat(string(blob), 64), Size: 1, MediaType: "message/rfc822"}}}
	}
	bad := mail("bad@x", "Order 8100000000000003 confirmed", 'c')
	bad.Message.Kind = "bogus" // refused by the schema
	batch := []EmailImport{
		{Email: mail("1@x", "Order 8100000000000001 confirmed", 'a'), Order: &vault.Order{Marketplace: "AliExpress", Number: "8100000000000001"}},
		{Email: bad, Order: &vault.Order{Marketplace: "aliexpress", Number: "8100000000000003"}},
		{Email: mail("2@x", "Your order 8100000000000001 shipped", 'b'), Order: &vault.Order{Marketplace: "aliexpress", Number: "8100000000000001"}},
		{Email: mail("1@x", "Order 8100000000000001 confirmed", 'a')}, // the first again
	}
	got, err := db.ImportEmails(ctx, batch, vault.Links{})
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Created != 1 || got[0].Err != nil || len(got[0].Matched) != 1 {
		t.Errorf("first: %+v", got[0])
	}
	if got[1].Err == nil || got[1].Created != 0 {
		t.Errorf("bad message: %+v", got[1])
	}
	if got[2].Created != 0 || got[2].Err != nil || got[2].Matched[0] != 1 {
		t.Errorf("second confirmation of the same order: %+v", got[2])
	}
	if !got[3].Duplicate || got[3].ID != got[0].ID {
		t.Errorf("repeat: %+v", got[3])
	}
	orders, _ := db.Orders(ctx, false)
	if len(orders) != 1 {
		t.Errorf("%d orders: the failed message's order was kept", len(orders))
	}
	if check, err := db.Verify(ctx); err != nil || len(check.Problems) > 0 {
		t.Errorf("verify: %v %+v", err, check.Problems)
	}
	// A batch whose last message fails: its order's audit entry went with
	// the savepoint, and the anchor holds the head that was committed.
	if _, err := db.ImportEmails(ctx, []EmailImport{{Email: bad, Order: &vault.Order{Marketplace: "temu", Number: "PO-1"}}}, vault.Links{}); err != nil {
		t.Fatal(err)
	}
	if check, err := db.Verify(ctx); err != nil || len(check.Problems) > 0 {
		t.Errorf("verify after a failed last message: %v %+v", err, check.Problems)
	}
}

// TestSearchFolds: what people type without ø, æ, å or accents finds the
// text that has them; cases, settings and accounts are found too; a word
// with another ending is found when nothing else is, and said.
func TestSearchFolds(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	o, _ := db.AddOrder(ctx, vault.Order{Marketplace: vault.AliExpress, Number: "81", Seller: "Blåbær Butikk",
		Items: []string{"Trådløse ørepluggar"}})
	db.AddEvidence(ctx, []vault.Evidence{{Kind: vault.EvidenceMessage, Source: vault.SourceTyped, Title: "msg", Body: "Café Crème déjà vu"}},
		vault.Links{Orders: []vault.OrderID{o}})
	c, _ := db.AddCase(ctx, vault.Case{Kind: vault.Dispute, Title: "Tvist om ørepropper", Orders: []vault.OrderID{o}})
	db.UpdateCase(ctx, c, func(x vault.Case) (vault.Case, error) {
		return x.Apply([]vault.Change{{Field: "dispute_number", Op: vault.Set, Value: "5511023"}}, time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC), false)
	})
	db.AddEvent(ctx, c, day("2026-11-20"), "Ringte kundeservice i Shenzhen", false)
	db.SetConfig(ctx, vault.SettingName, "Åse Nordmann")
	db.AddAccount(ctx, vault.Account{Marketplace: vault.Temu, Login: "ase@example.no", Reason: "mistenkelig aktivitet"})
	for query, want := range map[string]string{
		"blabaer": "ORD-1", "blåbær": "ORD-1", "BLABÆR": "ORD-1", "tradlose": "ORD-1", "oreplugger": "ORD-1",
		"cafe creme deja": "EV-1", "5511023": "CASE-1", "kundeservice": "CASE-1", "orepropper": "CASE-1",
		"ase nordmann": "CONF-name", "mistenkelig": "ACC-1", "øre": "ORD-1",
	} {
		res, err := db.Search(ctx, query, 10)
		if err != nil || len(res.Hits) == 0 || !slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.Ref == want }) {
			t.Errorf("Search(%q) = %+v, %v; want %s", query, res, err, want)
		}
		if (query == "oreplugger") != (res.Near != "") {
			t.Errorf("Search(%q): near %q", query, res.Near)
		}
	}
	if _, err := db.Search(ctx, strings.Repeat("ord ", 999), 10); err == nil || !strings.Contains(err.Error(), "at most 50") {
		t.Errorf("999 words: %v", err)
	}
	if f := Fold("Ørepluggar Blåbær Crème Straße Łódź"); f != "orepluggar blabaer creme strasse lodz" {
		t.Errorf("Fold = %q", f)
	}
}

// TestIndexCheck: verify names index rows missing, edited, doubled or of
// no record, and RebuildIndexes makes them right again.
func TestIndexCheck(t *testing.T) {
	ctx := context.Background()
	db, _ := newDB(t)
	addOrders(t, db, 3)
	rawExec(t, db, `DELETE FROM words WHERE ref = 'ORD-1'`)
	rawExec(t, db, `UPDATE search SET title = 'x' WHERE ref = 'ORD-2'`)
	rawExec(t, db, `INSERT INTO words (ref, title, body) SELECT ref, title, body FROM words WHERE ref = 'ORD-3'`)
	rawExec(t, db, `INSERT INTO search (ref, title, body) VALUES ('ORD-9', 'ghost', '')`)
	rawExec(t, db, `UPDATE words SET title = NULL WHERE ref = 'ORD-2'`)               // verify stopped at it (review of 2026-12-03)
	rawExec(t, db, `INSERT INTO words (words, rank) VALUES ('rank', 'highlight(1)')`) // search failed, verify passed
	got := problems(t, db)
	for _, want := range []string{"words index is out of step with the records (no row for ORD-1)",
		"words index is out of step with the records (two rows for ORD-3)",
		"search index is out of step with the records (a row that differs from the record for ORD-2)",
		"search index is out of step with the records (a row of no live record for ORD-9)",
		"words index is out of step with the records (a row that differs from the record for ORD-2)",
		"words index is out of step with the records (a setting vault never makes: rank)"} {
		if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("no problem %q in %q", want, got)
		}
	}
	if len(got) != 6 {
		t.Errorf("%d problems: %q", len(got), got)
	}
	if err := db.RebuildIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	if got := problems(t, db); len(got) != 0 {
		t.Errorf("after the rebuild: %q", got)
	}
	if _, err := db.Search(ctx, "ebay", 10); err != nil {
		t.Errorf("search after the rebuild: %v", err)
	}
	// A setting set and unset keeps its row, as the rebuild writes it.
	for _, v := range []string{"SE", ""} {
		if err := db.SetConfig(ctx, vault.SettingKey("country"), v); err != nil {
			t.Fatal(err)
		}
		if got := problems(t, db); len(got) != 0 {
			t.Errorf("setting country=%q: %q", v, got)
		}
	}
}
