package casework

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vault"
	"vault/internal/money"
)

// The orders of the notice fixtures (evidence/testdata/notices).
const (
	aliOrder  = "8140123456789012"
	temuOrder = "PO-211-04827365019283746"
	amzOrder  = "302-4412907-5530021"
	ebayOrder = "14-12045-33170"
)

func usd(minor int64) money.Money { return money.Money{Minor: minor, Currency: "USD"} }

// importNotice imports a fixture of evidence/testdata/notices and returns
// what became of it.
func importNotice(t *testing.T, s *Service, name string, create bool) Imported {
	t.Helper()
	var got []Imported
	imp := s.NewImporter(vault.Links{}, create, func(m Imported) { got = append(got, m) })
	if err := imp.File(context.Background(), filepath.Join("..", "evidence", "testdata", "notices", name), nil); err != nil {
		t.Fatal(err)
	}
	imp.Flush(context.Background())
	if len(got) != 1 || got[0].Err != nil {
		t.Fatalf("%s: %+v", name, got)
	}
	return got[0]
}

// done writes what a notice did as lines: "ORD-1 tracking=LP1" for a value
// filled, "ACC-1" for an account recorded, "filed CASE-1", "suggest ..."
// (Suggestion.What).
func done(u *vault.Understood) []string {
	if u == nil {
		return nil
	}
	var out []string
	for _, e := range u.Filled {
		out = append(out, e.Record+" "+e.Field+"="+strings.ReplaceAll(e.New, "\n", ","))
	}
	if u.Account != 0 {
		out = append(out, u.Account.String())
	}
	for _, c := range u.Cases {
		out = append(out, "filed "+c.String())
	}
	for _, sg := range u.Suggested {
		out = append(out, "suggest "+sg.What())
	}
	return out
}

// TestNotices imports each marketplace's notices through the service into
// a vault holding what the notice names (or not): what the records leave
// empty is filled, each value an edit by the mail; what would change them,
// and the orders and cases to add, are suggestions. The same mail again
// does nothing, and the vault verifies.
func TestNotices(t *testing.T) {
	ali := vault.Order{Marketplace: vault.AliExpress, Number: aliOrder, Total: usd(2390)}
	temu := vault.Order{Marketplace: vault.Temu, Number: temuOrder, Total: nok(28940)}
	amz := vault.Order{Marketplace: vault.Amazon, Number: amzOrder}
	ebay := vault.Order{Marketplace: vault.EBay, Number: ebayOrder, Total: money.Money{Minor: 1850, Currency: "GBP"}}
	with := func(o vault.Order, change func(*vault.Order)) vault.Order { change(&o); return o }
	dispute := func(number string) func(*testing.T, *Service, vault.OrderID) {
		return func(t *testing.T, s *Service, o vault.OrderID) {
			if _, err := s.DB.AddCase(context.Background(), vault.Case{Kind: vault.Dispute, Orders: []vault.OrderID{o},
				Opened: day("2026-02-20"), DisputeNumber: number}); err != nil {
				t.Fatal(err)
			}
		}
	}
	account := func(login, reason string) func(*testing.T, *Service, vault.OrderID) {
		return func(t *testing.T, s *Service, _ vault.OrderID) {
			if _, err := s.DB.AddAccount(context.Background(), vault.Account{Marketplace: vault.AliExpress, Login: login,
				Reason: reason}); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name, file string
		order      *vault.Order // recorded first, as ORD-1
		also       func(*testing.T, *Service, vault.OrderID)
		create     bool
		want       []string
	}{
		{"a confirmation of no recorded order", "aliexpress-confirmation.eml", nil, nil, false,
			[]string{"suggest add the order: marketplace aliexpress, number 8140123456789012, total 23.90 USD, seller Shenzhen Gadget Store, ordered 2026-02-02"}},
		{"a confirmation with --create-orders", "ebay-confirmation.eml", nil, nil, true, nil},
		{"a confirmation fills a bare order", "amazon-confirmation.eml", &amz, nil, false,
			[]string{"ORD-1 ordered=2026-02-03", "ORD-1 seller=Anker EU", "ORD-1 total=35.99 EUR"}},
		{"a confirmation of another total", "aliexpress-confirmation.eml", ptr(with(ali, func(o *vault.Order) { o.Total = usd(2000) })), nil, false,
			[]string{"ORD-1 ordered=2026-02-02", "ORD-1 seller=Shenzhen Gadget Store", "suggest ORD-1: total 23.90 USD"}},

		{"shipped", "aliexpress-shipped.eml", &ali, nil, false,
			[]string{"ORD-1 shipped=2026-02-05", "ORD-1 tracking=LP00612345678901"}},
		{"shipped, in German", "amazon-shipped-de.eml", &amz, nil, false,
			[]string{"ORD-1 shipped=2026-02-04", "ORD-1 tracking=00340434512345678901"}},
		{"the second parcel, in Norwegian", "temu-shipped-nb.eml", ptr(with(temu, func(o *vault.Order) {
			o.Shipped, o.Tracking = day("2026-02-06"), []string{"00370712345678901234"}
		})), nil, false, []string{"ORD-1 tracking=00370712345678901234,70712345678901234567", "suggest ORD-1: shipped 2026-02-07"}},
		{"shipped, by HTML only", "temu-shipped.eml", &temu, nil, false,
			[]string{"ORD-1 shipped=2026-02-06", "ORD-1 tracking=00370712345678901234"}},
		{"shipped, no order recorded", "ebay-shipped.eml", nil, nil, false, nil},

		{"delivered", "temu-delivered-nb.eml", &temu, nil, false, []string{"ORD-1 delivered=2026-02-12"}},
		{"delivered, the day recorded", "ebay-delivered.eml", ptr(with(ebay, func(o *vault.Order) { o.Delivered = day("2026-02-17") })), nil, false, nil},
		{"delivered, another day recorded", "amazon-delivered.eml", ptr(with(amz, func(o *vault.Order) { o.Delivered = day("2026-02-08") })), nil, false,
			[]string{"suggest ORD-1: delivered 2026-02-09"}},
		{"delivered before it was shipped: a suggestion", "aliexpress-delivered.eml", ptr(with(ali, func(o *vault.Order) { o.Shipped = day("2026-02-25") })), nil, false,
			[]string{"suggest ORD-1: tracking + LP00612345678901, delivered 2026-02-18"}},

		{"a dispute opened, no case", "aliexpress-dispute-opened.eml", &ali, nil, false,
			[]string{"suggest open a dispute case about ORD-1: receiver AliExpress, dispute number 5091234567890123, opened 2026-02-20"}},
		{"a dispute opened, its case recorded", "ebay-case-opened.eml", &ebay, dispute(""), false,
			[]string{"CASE-1 dispute_number=5213456789", "filed CASE-1"}},
		{"a dispute decided, its case recorded", "aliexpress-dispute-closed.eml", &ali, dispute("5091234567890123"), false,
			[]string{"filed CASE-1", "suggest CASE-1: outcome won, refunded 23.90 USD, decided 2026-02-28"}},
		{"a claim decided, no case", "amazon-claim-decided.eml", &amz, nil, false,
			[]string{"suggest open a dispute case about ORD-1: receiver Amazon, opened 2026-02-23, outcome won, refunded 35.99 EUR, decided 2026-02-23"}},
		{"PayPal's dispute about an eBay order", "paypal-dispute-decided.eml", &ebay, nil, false,
			[]string{"suggest open a dispute case about ORD-1: receiver PayPal, dispute number PP-D-12345678, opened 2026-02-27, outcome won, refunded 18.50 GBP, decided 2026-02-27"}},

		{"a refund", "aliexpress-refund.eml", &ali, nil, false, []string{"ORD-1 refunded=23.90 USD", "ORD-1 refunded_at=2026-03-03"}},
		{"a refund in Norwegian, from PayPal", "paypal-refund-nb.eml", &ebay, nil, false,
			[]string{"ORD-1 refunded=18.50 GBP", "ORD-1 refunded_at=2026-02-28"}},
		{"a refund the order cannot take: a suggestion", "temu-refund.eml", ptr(with(temu, func(o *vault.Order) { o.Total = nok(5000) })), nil, false,
			[]string{"suggest ORD-1: refunded 89.90 NOK, refunded at 2026-02-16"}},

		{"an account restricted", "aliexpress-restricted.eml", nil, nil, false,
			[]string{"ACC-1", "suggest open a reinstatement case about ACC-1: receiver AliExpress"}},
		{"an account restricted, recorded", "aliexpress-restricted.eml", nil, account("Kari.Nordmann@example.no", "spam"), false,
			[]string{"ACC-1 appeal_by=2026-04-01", "ACC-1 blocked=2026-03-02", "suggest ACC-1: reason Abnormal dispute activity",
				"suggest open a reinstatement case about ACC-1: receiver AliExpress"}},
		{"PayPal limited: no reinstatement", "paypal-limited.eml", nil, nil, false, []string{"ACC-1"}},

		{"phishing", "aliexpress-phishing.eml", nil, nil, false, nil},
		{"a friend's mail", "personal.eml", &ali, nil, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s := testVault(t)
			var o vault.OrderID
			if tt.order != nil {
				o = addOrder(t, s, *tt.order)
			}
			if tt.also != nil {
				tt.also(t, s, o)
			}
			got := importNotice(t, s, tt.file, tt.create)
			if diff := cmp.Diff(tt.want, done(got.Understood)); diff != "" {
				t.Errorf("what the notice did (-want +got):\n%s", diff)
			}
			notice := !strings.Contains(tt.file, "phishing") && tt.file != "personal.eml"
			if (got.Understood != nil) != notice {
				t.Errorf("understood: %+v", got.Understood)
			}
			if got.Understood != nil {
				for _, e := range got.Understood.Filled {
					if e.By != got.Added.ID.String() {
						t.Errorf("%s %s filled by %q, not the mail", e.Record, e.Field, e.By)
					}
				}
			}
			edits, sugs, accounts := counts(t, s)
			again := importNotice(t, s, tt.file, tt.create)
			if !again.Added.Duplicate || again.Understood != nil {
				t.Errorf("again: %+v", again)
			}
			if e, sg, a := counts(t, s); e != edits || sg != sugs || a != accounts {
				t.Errorf("again: %d edits, %d suggestions, %d accounts; before %d, %d, %d", e, sg, a, edits, sugs, accounts)
			}
			if check, err := s.DB.Verify(ctx); err != nil || len(check.Problems) > 0 {
				t.Errorf("verify: %v %+v", err, check.Problems)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// counts are the vault's edits, open suggestions and accounts.
func counts(t *testing.T, s *Service) (int, int, int) {
	t.Helper()
	ctx := context.Background()
	log, err := s.DB.Audit(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	edits := 0
	for _, e := range log {
		if strings.HasPrefix(e.Record, "EDIT-") {
			edits++
		}
	}
	sugs, err := s.DB.Suggestions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	accounts, err := s.DB.Accounts(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	return edits, len(sugs), len(accounts)
}

// TestSuggestionsDecided: the suggestions of a dispute's mails and a
// restriction, accepted, open the cases with their outcome and file the
// mails; one rejected is not made again by another mail saying the same;
// one the buyer did by hand leaves the inbox.
func TestSuggestionsDecided(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: aliOrder, Total: usd(2390)})
	opened := importNotice(t, s, "aliexpress-dispute-opened.eml", false).Understood.Suggested[0]
	closed := importNotice(t, s, "aliexpress-dispute-closed.eml", false).Understood.Suggested[0]
	restricted := importNotice(t, s, "aliexpress-restricted.eml", false).Understood.Suggested[0]
	items, err := s.Inbox(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []vault.SuggestionID
	for _, it := range items {
		for _, sg := range it.Proposed {
			ids = append(ids, sg.ID)
		}
		if it.Filed != (it.ID != restricted.Evidence) {
			t.Errorf("%s filed: %v", it.ID, it.Filed)
		}
	}
	slices.Sort(ids)
	if want := []vault.SuggestionID{opened.ID, closed.ID, restricted.ID}; !slices.Equal(ids, want) {
		t.Fatalf("inbox suggests %v, want %v", ids, want)
	}

	// The decision first: it opens the case, decided, opened on the day of the decision at the latest.
	if _, err := s.Accept(ctx, closed.ID, false); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Accept(ctx, opened.ID, false); err != nil {
		t.Fatal(err)
	}
	f, err := s.CaseFile(ctx, "CASE-1")
	if err != nil {
		t.Fatal(err)
	}
	c := f.Case
	if c.Kind != vault.Dispute || c.Status != vault.StatusWon || c.Refunded != usd(2390) || c.Decided.String() != "2026-02-28" ||
		c.DisputeNumber != "5091234567890123" || c.Receiver != "AliExpress" || c.Opened.String() != "2026-02-28" ||
		!slices.Equal(c.Orders, []vault.OrderID{o}) {
		t.Errorf("the dispute case: %+v", c)
	}
	filed := map[vault.EvidenceID]bool{}
	for _, e := range f.Evidence {
		filed[e.ID] = true
	}
	if !filed[opened.Evidence] || !filed[closed.Evidence] {
		t.Errorf("the dispute's mails are not with its case: %v", filed)
	}
	if _, err := s.Accept(ctx, opened.ID, false); err == nil {
		t.Error("accepted twice")
	}

	// The reinstatement: about the account, with its marketplace's orders.
	done, err := s.Accept(ctx, restricted.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	f, err = s.CaseFile(ctx, done.Record)
	if err != nil {
		t.Fatal(err)
	}
	if f.Case.Kind != vault.Reinstatement || f.Case.Account != 1 || !slices.Equal(f.Case.Orders, []vault.OrderID{o}) ||
		f.Account == nil || f.Account.Login != "kari.nordmann@example.no" {
		t.Errorf("the reinstatement: %+v, %+v", f.Case, f.Account)
	}

	// Rejected, and said again by another mail: not made again.
	raw, err := os.ReadFile(filepath.Join("..", "evidence", "testdata", "notices", "amazon-delivered.eml"))
	if err != nil {
		t.Fatal(err)
	}
	addOrder(t, s, vault.Order{Marketplace: vault.Amazon, Number: amzOrder, Delivered: day("2026-02-08")})
	sg := importNotice(t, s, "amazon-delivered.eml", false).Understood.Suggested[0]
	if err := s.Reject(ctx, sg.ID); err != nil {
		t.Fatal(err)
	}
	other := writeInput(t, t.TempDir(), "again.eml", []byte(strings.Replace(string(raw), "<0100018d7a.delivered", "<other", 1)))
	var got []Imported
	imp := s.NewImporter(vault.Links{}, false, func(m Imported) { got = append(got, m) })
	if err := imp.File(ctx, other, nil); err != nil {
		t.Fatal(err)
	}
	imp.Flush(ctx)
	if len(got) != 1 || got[0].Added.Duplicate || got[0].Understood == nil || len(got[0].Understood.Suggested) != 0 {
		t.Errorf("a rejected suggestion made again: %+v", got)
	}

	// Done by hand: no longer listed.
	ebay := addOrder(t, s, vault.Order{Marketplace: vault.EBay, Number: ebayOrder, Delivered: day("2026-02-16")})
	if sg := importNotice(t, s, "ebay-delivered.eml", false).Understood.Suggested; len(sg) != 1 || sg[0].Record != ebay.String() {
		t.Fatalf("suggested %+v", sg)
	}
	if _, err := s.SetOrder(ctx, ebay.String(), []vault.Change{{Field: "delivered", Op: vault.Set, Value: "2026-02-17"}}, false); err != nil {
		t.Fatal(err)
	}
	left, err := s.Suggestions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 0 {
		t.Errorf("still suggested: %+v", left)
	}
	if check, err := s.DB.Verify(ctx); err != nil || len(check.Problems) > 0 {
		t.Errorf("verify: %v %+v", err, check.Problems)
	}
}
