package casework

import (
	"context"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/deadlines"
	"vault/export"
	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
	"vault/letters"
	"vault/store"
)

// world is what a shape recorded, as the test knows it: the oracle every
// writer is held to, worked out from the shape, never from vault.Derive.
type world struct {
	caseID  vault.CaseID
	kind    vault.CaseKind
	orders  []vault.Order
	cur     string                        // the claim's currency
	left    money.Money                   // what is left of what was paid (zero Currency: not known)
	claim   money.Money                   // what may be asked: left, or the amount when it is less
	back    map[vault.OrderID]money.Money // counted per order
	wrote   int                           // the buyer's letters to the seller
	answers int                           // the seller's answers
	opened  []vault.Opening
	dispute *vault.Case     // the marketplace dispute about the first order, other than the case
	allowed map[string]bool // the amounts a writer may state, in each language
	days    map[string]bool // the days it may state, in each language
}

// TestOneSetOfFacts draws hundreds of case shapes (orders in several
// currencies, the buyer's and the seller's messages and mails, marketplace
// disputes with every outcome, refunds recorded, statement credits
// confirmed and not, cases opened inside and outside their windows), records
// each in a real vault, and holds every letter in both languages, page 1
// and the timeline to what the records say: every amount and day they
// state is one the records hold, what they ask is never more than is left,
// each seller's answer is said, and no window a case used in time is called
// missed. 25 shapes share a vault; every other vault knows the buyer's
// addresses.
func TestOneSetOfFacts(t *testing.T) {
	n := 500
	if testing.Short() {
		n = 76 // every kind of group: addresses known or not, a Swedish buyer
	}
	ctx := context.Background()
	r := rand.New(rand.NewPCG(28, 2026))
	var s *Service
	var group []world
	for i := range n {
		if i%25 == 0 {
			if s != nil {
				checkWindows(t, s, group)
			}
			s, group = testVault(t), nil
			if i%50 == 0 {
				if err := s.DB.SetConfig(ctx, vault.SettingEmail, "kari@example.no"); err != nil {
					t.Fatal(err)
				}
			}
			if i%100 == 75 {
				if err := s.DB.SetConfig(ctx, vault.SettingCountry, "SE"); err != nil {
					t.Fatal(err)
				}
			}
		}
		w := record(t, s, r, i, i%50 < 25)
		group = append(group, w)
		checkShape(t, s, w)
	}
	checkWindows(t, s, group)
}

var currencies = []string{"NOK", "NOK", "NOK", "EUR", "USD"}

// record draws one shape and records it; buyer says whether the vault knows
// the buyer's addresses.
func record(t *testing.T, s *Service, r *rand.Rand, i int, buyer bool) world {
	t.Helper()
	ctx := context.Background()
	flip := func() bool { return r.IntN(2) == 0 }
	at := func(d int) date.Value { return date.Day(time.Date(2026, 8, 1+d, 0, 0, 0, 0, time.UTC)) }
	w := world{back: map[vault.OrderID]money.Money{}}
	cur := currencies[r.IntN(len(currencies))]
	for j := range 1 + r.IntN(2) {
		c := cur
		if r.IntN(8) == 0 {
			c = currencies[r.IntN(len(currencies))]
		}
		o := vault.Order{Marketplace: vault.AliExpress, Number: fmt.Sprintf("81%06d%d", i, j), Total: money.Money{Minor: int64(1000 + r.IntN(90000)), Currency: c},
			Ordered: at(r.IntN(5)), Payment: []string{"Visa ****4242", "Mastercard ****1111", "Visa credit ****4242", "PayPal", ""}[r.IntN(5)]}
		if flip() {
			o.Shipped = at(6 + r.IntN(3))
		}
		if flip() {
			o.Expected = at(12 + r.IntN(10))
		}
		if r.IntN(3) == 0 {
			o.Delivered = at(25 + r.IntN(5))
		}
		o.ID = addOrder(t, s, o)
		w.orders = append(w.orders, o)
	}
	first := w.orders[0]
	links := vault.Links{Orders: []vault.OrderID{first.ID}}
	// The buyer's and the seller's messages, typed or as mails.
	add := func(e vault.Evidence) {
		e.OccurredAt = at(30 + r.IntN(5))
		if _, err := s.DB.AddEvidence(ctx, []vault.Evidence{e}, links); err != nil {
			t.Fatal(err)
		}
	}
	if flip() {
		add(vault.Evidence{Kind: vault.EvidenceMessage, Source: vault.SourceTyped, Party: vault.PartyMe, Body: "Where is my parcel?"})
		w.wrote++
	}
	if r.IntN(3) == 0 {
		add(vault.Evidence{Kind: vault.EvidenceEmail, Source: vault.SourceEmail, From: "Kari <kari@example.no>", Title: "Re: my order",
			Body: "Please answer within 14 days."})
		if buyer {
			w.wrote++
		}
	}
	if r.IntN(3) == 0 {
		add(vault.Evidence{Kind: vault.EvidenceMessage, Source: vault.SourceTyped, Party: vault.PartySeller, Body: "Please wait 30 days."})
		w.answers++
	}
	if r.IntN(3) == 0 {
		add(vault.Evidence{Kind: vault.EvidenceEmail, Source: vault.SourceEmail, From: "Shop <shop88@163.com>", Title: "Re: Re: my order",
			Body: "Dear friend, the parcel is on the way."})
		if buyer {
			w.answers++
		}
	}
	// Refunds: the buyer's record, the bank's credits (confirmed or not).
	recorded, credited := map[vault.OrderID]int64{}, map[vault.OrderID]int64{}
	for _, o := range w.orders {
		if r.IntN(4) == 0 {
			back := money.Money{Minor: o.Total.Minor / int64(1+r.IntN(3)), Currency: o.Total.Currency}
			if r.IntN(6) == 0 {
				back.Currency = "SEK" // another currency: never netted
			}
			if _, err := s.DB.UpdateOrder(ctx, o.ID, func(x vault.Order) (vault.Order, error) {
				x.Refunded, x.RefundedAt = back, at(40+r.IntN(5))
				return x, nil
			}); err != nil {
				t.Fatal(err)
			}
			if back.Currency == o.Total.Currency {
				recorded[o.ID] = back.Minor
			}
		}
		if r.IntN(3) == 0 {
			amount := money.Money{Minor: o.Total.Minor / int64(1+r.IntN(2)), Currency: o.Total.Currency}
			if v, ok := recorded[o.ID]; ok && flip() {
				amount.Minor = v // the bank's credit of the refund the buyer recorded
			}
			confirmed := flip()
			lineWith(t, s, o.ID, amount, at(45), confirmed)
			if confirmed {
				credited[o.ID] += amount.Minor
			}
		}
	}
	// The marketplace's dispute about the first order, decided or not.
	decided := map[vault.OrderID]int64{}
	if r.IntN(3) != 0 {
		d := vault.Case{Kind: vault.Dispute, Orders: []vault.OrderID{first.ID}, Opened: at(r.IntN(50))}
		id := addCase(t, s, d)
		outcome := []vault.Outcome{"", vault.OutcomeWon, vault.OutcomeLost, vault.OutcomePartial}[r.IntN(4)]
		if outcome != "" {
			if _, err := s.DB.UpdateCase(ctx, id, func(c vault.Case) (vault.Case, error) {
				c.Outcome, c.Status, c.Decided = outcome, outcome.Status(), date.Day(c.Opened.Time().AddDate(0, 0, 10))
				if outcome != vault.OutcomeLost {
					c.Refunded = money.Money{Minor: first.Total.Minor / int64(1+r.IntN(3)), Currency: first.Total.Currency}
					decided[first.ID] = c.Refunded.Minor
				}
				return c, nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		dc, _ := s.DB.CaseFile(ctx, id)
		w.dispute = &dc.Case
		w.opened = append(w.opened, vault.Opening{Case: id, Kind: vault.Dispute, Day: dc.Case.Opened, Orders: dc.Case.Orders})
	}
	// The case itself: any kind but a reinstatement, opened some day.
	w.kind = vault.CaseKinds[r.IntN(len(vault.CaseKinds))]
	if w.kind == vault.Reinstatement || w.kind == vault.Dispute && w.dispute != nil {
		w.kind = vault.Chargeback
	}
	c := vault.Case{Kind: w.kind, Opened: at(20 + r.IntN(90)), Problem: append([]vault.Trouble{""}, vault.Troubles...)[r.IntN(7)]}
	refs := []string{first.ID.String()}
	if len(w.orders) > 1 && flip() {
		refs = append(refs, w.orders[1].ID.String())
	}
	c, orders, err := s.NewCase(ctx, c, refs)
	if err != nil {
		t.Fatal(err)
	}
	if r.IntN(4) == 0 && !c.Amount.IsZero() {
		c.Amount.Minor *= 2 // asks for more than was paid: never more than is left
	}
	w.caseID = addCase(t, s, c)
	w.orders = orders
	w.opened = append(w.opened, vault.Opening{Case: w.caseID, Kind: c.Kind, Day: c.Opened, Orders: c.Orders})
	w.oracle(c, recorded, credited, decided)
	return w
}

// lineWith records a statement line crediting an order, linked by the
// matcher or confirmed by the buyer.
func lineWith(t *testing.T, s *Service, o vault.OrderID, amount money.Money, booked date.Value, confirmed bool) {
	t.Helper()
	ctx := context.Background()
	key := fmt.Sprintf("%s-%d-%d", o, amount.Minor, time.Now().UnixNano())
	imp, err := s.DB.ImportStatement(ctx, vault.Evidence{Kind: vault.EvidenceStatement, Source: vault.SourceFile, Title: key},
		[]vault.Transaction{{Key: key, Booked: booked, Amount: amount, Text: "RETUR ALIEXPRESS"}})
	if err != nil {
		t.Fatal(err)
	}
	by := "matcher"
	if confirmed {
		by = "user"
	}
	if err := s.DB.SetMatches(ctx, []store.Match{{Transaction: imp.First, Order: o, State: "linked", By: by}}); err != nil {
		t.Fatal(err)
	}
}

// oracle works out, from the shape alone, what came back, what is left and
// what may be asked, and the amounts and days a writer may state.
func (w *world) oracle(c vault.Case, recorded, credited, decided map[vault.OrderID]int64) {
	paid := money.Money{}
	for _, o := range w.orders {
		if !paid.IsZero() && paid.Currency != o.Total.Currency {
			paid = money.Money{Currency: "mixed"}
			break
		}
		paid.Currency, paid.Minor = o.Total.Currency, paid.Minor+o.Total.Minor
	}
	w.cur = c.Amount.Currency
	if w.cur == "" && paid.Currency != "mixed" {
		w.cur = paid.Currency
	}
	var back int64
	for _, o := range w.orders {
		if o.Total.Currency != w.cur {
			continue // its refunds are in another currency than the claim
		}
		b := max(recorded[o.ID], credited[o.ID], decided[o.ID])
		w.back[o.ID] = money.Money{Minor: b, Currency: w.cur}
		back += b
	}
	if paid.Currency == w.cur {
		w.left = money.Money{Minor: max(paid.Minor-back, 0), Currency: w.cur}
	}
	switch {
	case c.Amount.IsZero():
		w.claim = w.left
	case !w.left.IsZero() && c.Amount.Minor > w.left.Minor:
		w.claim = w.left
	default:
		w.claim = c.Amount
	}
}

var (
	moneyEN = regexp.MustCompile(`\d+\.\d{2} [A-Z]{3}`)
	moneyNB = regexp.MustCompile(`\d{1,3}(?:\x{a0}\d{3})*,\d{2}\x{a0}(?:kr|[A-Z]{3})`)
	dayEN   = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
	dayNB   = regexp.MustCompile(`\b\d{2}\.\d{2}\.\d{4}\b`)
	// What a letter or page 1 asks back, in English: each must be the claim.
	askEN = regexp.MustCompile(`(?:refund |refund of |to have |repayment of |I ask for |claim back |Chargeback request[^:\n]*: |authorise[^:\n]*: )(\[the amount\]|\d+\.\d{2} [A-Z]{3})`)
)

// checkShape holds the shape's letters, page 1 and timeline to the oracle.
func checkShape(t *testing.T, s *Service, w world) {
	t.Helper()
	ctx := context.Background()
	f, err := s.Facts(ctx, w.caseID.String())
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("%s (%s, orders %v)", w.caseID, w.kind, w.orders[0].Number)
	if f.Money.Claim.Minor != w.claim.Minor || f.Money.Claim.Minor != 0 && f.Money.Claim.Currency != w.claim.Currency {
		t.Errorf("%s: the facts claim %v, the records leave %v", name, f.Money.Claim, w.claim)
	}
	if got := len(f.Contact.Answers); got != w.answers {
		t.Errorf("%s: %d answers of the seller in the facts, %d recorded", name, got, w.answers)
	}
	w.allow(f)
	lf, err := s.LetterFacts(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []lang.Lang{lang.EN, lang.NB} {
		w.allowDays(l, lf)
		for _, kind := range letters.Kinds {
			d, err := letters.Write(kind, l, lf)
			if err != nil {
				t.Fatal(err)
			}
			w.check(t, fmt.Sprintf("%s %s letter %s", name, l, kind), l, d.Text, kind)
		}
		d, err := s.Dossier(ctx, w.caseID.String(), DossierOptions{Generated: today, Lang: l})
		if err != nil {
			t.Fatal(err)
		}
		w.checkAs(t, fmt.Sprintf("%s %s page 1", name, l), l, d.Summary, "", true)
		var page []string
		for _, f := range d.PageOne() {
			page = append(page, f.Label+": "+f.Value)
			if f.Label == export.In(l, "Amount claimed") && w.claim.Minor > 0 && !strings.HasPrefix(f.Value, l.Money(w.claim)) {
				t.Errorf("%s %s page 1: %q, but the claim is %s", name, l, f.Value, l.Money(w.claim))
			}
		}
		w.check(t, fmt.Sprintf("%s %s page 1 fields", name, l), l, strings.Join(page, "\n"), "")
		var timeline []string
		for _, e := range d.Entries {
			timeline = append(timeline, e.What)
		}
		w.check(t, fmt.Sprintf("%s timeline", name), lang.EN, strings.Join(timeline, "\n"), "")
	}
}

// allow lists the amounts a writer may state: the orders' totals and what
// they cost together, what came back (each refund counted, per order and
// in all), what is left and asked, the disputes' refunds, the statement's
// lines.
func (w *world) allow(f vault.CaseFacts) {
	var amounts []money.Money
	for _, o := range w.orders {
		amounts = append(amounts, o.Total, w.back[o.ID])
	}
	m := f.Money
	amounts = append(amounts, m.Paid, m.Back, m.Left, m.Claim, money.Money{Minor: m.Left.Minor + m.Back.Minor, Currency: m.Left.Currency})
	for _, r := range m.Refunds {
		if r.Counted {
			amounts = append(amounts, r.Amount)
		}
	}
	for _, d := range f.Related {
		amounts = append(amounts, d.Refunded)
	}
	for _, t := range append(slices.Clone(m.Charged), m.Credited...) {
		a := t.Amount
		a.Minor = max(a.Minor, -a.Minor)
		amounts = append(amounts, a, t.Original)
	}
	w.allowed = map[string]bool{}
	for _, a := range amounts {
		if !a.IsZero() {
			w.allowed[lang.EN.Money(a)], w.allowed[lang.NB.Money(a)] = true, true
		}
	}
}

// allowDays lists the days a writer may state in l: the orders' and the
// cases' days, the letters', the refunds', today and the day asked for an
// answer.
func (w *world) allowDays(l lang.Lang, lf letters.Facts) {
	w.days = map[string]bool{l.Day(lf.Today): true, l.Day(lf.AnswerBy): true, l.Day(lf.Today.AddDate(0, 0, 14)): true}
	add := func(v date.Value) {
		if !v.IsZero() {
			w.days[l.Day(deadlines.Day(v, time.UTC))] = true
		}
	}
	f := lf.Case
	for _, o := range f.Orders {
		for _, d := range o.AllDates() {
			add(d.At)
		}
	}
	for _, d := range f.Case.AllDates() {
		add(d.At)
	}
	for _, x := range append(slices.Clone(f.Contact.Wrote), f.Contact.Answers...) {
		add(x.At)
	}
	for _, r := range f.Money.Refunds {
		add(r.At)
	}
	for _, tx := range append(slices.Clone(f.Money.Charged), f.Money.Credited...) {
		add(tx.Booked)
	}
	related := slices.Clone(f.Related)
	if f.History != nil {
		related = append(related, f.History.Disputes...)
	}
	for _, d := range related {
		add(d.Opened)
		add(d.Decided)
	}
}

// check holds one text to the oracle.
func (w *world) check(t *testing.T, what string, l lang.Lang, text string, kind letters.Kind) {
	w.checkAs(t, what, l, text, kind, false)
}

// checkAs is check; page says the text is page 1's paragraph, which says
// the seller's answer as a letter to the receiver does.
func (w *world) checkAs(t *testing.T, what string, l lang.Lang, text string, kind letters.Kind, page bool) {
	t.Helper()
	amounts, days := moneyEN, dayEN
	if l == lang.NB {
		amounts, days = moneyNB, dayNB
	}
	for _, a := range amounts.FindAllString(text, -1) {
		if !w.allowed[a] {
			t.Errorf("%s states %s, which no record holds:\n%s", what, a, text)
		}
	}
	for _, d := range days.FindAllString(text, -1) {
		if !w.days[d] {
			t.Errorf("%s states the day %s, which no record holds:\n%s", what, d, text)
		}
	}
	if l == lang.EN {
		want := "[the amount]"
		if w.claim.Minor > 0 {
			want = w.claim.String()
		}
		for _, m := range askEN.FindAllStringSubmatch(text, -1) {
			if m[1] != want {
				t.Errorf("%s asks for %s, but the records leave %s:\n%s", what, m[1], want, text)
			}
		}
		said := strings.Contains(text, "received one answer") || strings.Contains(text, "answers, but") || strings.Contains(text, "The seller answered")
		if w.answers > 0 && w.wrote > 0 && (kind == letters.Chargeback || kind == letters.Dispute || page) && !said {
			t.Errorf("%s: the seller's answer is recorded and not said:\n%s", what, text)
		}
		if w.answers == 0 && said {
			t.Errorf("%s: an answer of the seller is said, none is recorded:\n%s", what, text)
		}
		if w.wrote == 0 && kind != letters.Reinstatement && strings.Contains(text, "I wrote to the seller") {
			t.Errorf("%s: says the buyer wrote, no letter is recorded:\n%s", what, text)
		}
	}
	if kind == letters.Chargeback && l == lang.EN && w.dispute != nil && !strings.Contains(text, "I opened a dispute with AliExpress on "+w.dispute.Opened.String()) {
		t.Errorf("%s: the marketplace dispute is recorded and not said:\n%s", what, text)
	}
}

// checkWindows: no window a case of its kind used in time is called missed,
// in the case's deadlines or in the vault's.
func checkWindows(t *testing.T, s *Service, group []world) {
	t.Helper()
	ctx := context.Background()
	rules, err := s.RuleSet(ctx)
	if err != nil {
		t.Fatal(err)
	}
	usedBy := map[string][]vault.CaseKind{}
	for _, r := range rules.Rules {
		for _, w := range r.Windows {
			usedBy[r.ID+"|"+w.Name] = w.UsedBy
		}
	}
	all, err := s.Deadlines(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range group {
		f, err := s.Facts(ctx, w.caseID.String())
		if err != nil {
			t.Fatal(err)
		}
		rows := append(s.CaseDeadlines(rules, f), all...)
		for _, d := range rows {
			if d.Status != deadlines.Missed {
				continue
			}
			for _, op := range w.opened {
				day := deadlines.Day(op.Day, time.UTC)
				inside := !d.Closes.IsZero() && !day.After(d.Closes.Time) && (d.Opens.IsZero() || !day.Before(d.Opens.Time))
				ofOrder := slices.ContainsFunc(op.Orders, func(o vault.OrderID) bool { return d.Record == o.String() })
				if inside && ofOrder && slices.Contains(usedBy[d.Rule+"|"+d.Window], op.Kind) {
					t.Errorf("%s %s (%s) is called missed, but %s (%s) was opened in it on %s", d.Record, d.Rule, d.Window, op.Case, op.Kind, op.Day)
				}
			}
		}
	}
}
