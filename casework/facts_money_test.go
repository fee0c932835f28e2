package casework

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"vault"
	"vault/internal/lang"
	"vault/letters"
	"vault/statements"
	"vault/store"
)

// credits is a DNB export of n credits of 9999999999999.99 NOK, the
// largest amount an order can have, from RETUR ALIEXPRESS.COM.
func credits(n int) []byte {
	var b strings.Builder
	b.WriteString(`"Dato";"Forklaring";"Rentedato";"Ut fra konto";"Inn på konto"` + "\n")
	for i := range n {
		fmt.Fprintf(&b, "\"%02d.10.2026\";\"RETUR ALIEXPRESS.COM %d\";\"\";\"\";\"9999999999999.99\"\n", 1+i%28, i)
	}
	return []byte(b.String())
}

// absurd is the first amount in kroner in text that no record holds: a
// negative one, or one of more digits than the largest an order can have.
func absurd(text string) string {
	for _, m := range kroner.FindAllStringSubmatch(text, -1) {
		if m[1] != "" || len(strings.NewReplacer(" ", "", "\u00a0", "").Replace(m[2])) > 13 {
			return m[0]
		}
	}
	return ""
}

var kroner = regexp.MustCompile(`(-?)(\d[\d \x{a0}]*)[.,]\d\d(?: NOK|\x{a0}kr| kr)`)

// TestFactsTooLargeToAddUp: one order of 9999999999999.99 NOK and 9,300
// credits of that amount, each confirmed by the buyer as its refund: the
// refunds that count add up past an int64 of øre (#31, item 6). The facts
// state no wrapped amount, nor what follows from one: what came back and
// what is left are not known, nothing is asked (not even the amount the
// case recorded: all of it may have come back), no refund counts, and a
// note, the letters' gaps and 'check case' say why.
func TestFactsTooLargeToAddUp(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	o := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8123456789012345", Total: nok(999_999_999_999_999),
		Ordered: day("2026-09-01"), Payment: "Visa ****4242"})
	c, _, err := s.NewCase(ctx, vault.Case{Kind: vault.Chargeback, Problem: vault.NotReceived}, []string{o.String()})
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.DB.AddCase(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	path := writeInput(t, t.TempDir(), "credits.csv", credits(9300))
	imp, err := s.ImportStatement(ctx, path, statements.Options{})
	if err != nil || imp.Added != 9300 {
		t.Fatalf("%+v %v", imp, err)
	}
	var confirm []store.Match // 'vault match confirm TX-n ORD-1', 9,300 times
	for tx := range vault.TransactionID(imp.Added) {
		confirm = append(confirm, store.Match{Transaction: tx + 1, Order: o, State: "linked", Why: "decided by the user", By: "user"})
	}
	if err := s.DB.SetMatches(ctx, confirm); err != nil {
		t.Fatal(err)
	}

	f, err := s.Facts(ctx, id.String())
	if err != nil {
		t.Fatal(err)
	}
	m := f.Money
	if len(m.Credited) != 9300 || !slices.Equal(m.TooLarge, []vault.Unsummed{vault.BackTooLarge}) {
		t.Fatalf("%d credits, too large: %v; want 9300 and what came back", len(m.Credited), m.TooLarge)
	}
	if m.Known || m.Back.Minor != 0 || !m.Left.IsZero() || !m.Claim.IsZero() || m.Lowered {
		t.Errorf("known %v, back %v, left %v, claim %v, lowered %v: want nothing stated of what came back and is left", m.Known, m.Back, m.Left, m.Claim, m.Lowered)
	}
	if m.Asked != nok(999_999_999_999_999) || m.Paid != m.Asked {
		t.Errorf("asked %v, paid %v: want the order's total, as recorded", m.Asked, m.Paid)
	}
	if back, last := m.BackOf(o); !back.IsZero() || last.Record != "" {
		t.Errorf("the order's refund: %v (%s); want none stated", back, last.Record)
	}
	if i := slices.IndexFunc(m.Refunds, func(r vault.Refund) bool { return r.Counted || r.Apart != vault.TooLargeToAdd }); i >= 0 {
		t.Errorf("refund %+v: want none counted, each too large to add", m.Refunds[i])
	}
	var notes []string
	for _, n := range f.Notes {
		notes = append(notes, n.Text)
	}
	if !strings.Contains(strings.Join(notes, "\n"), "the refunds that count add up to more than an amount can hold") {
		t.Errorf("notes %q: none says the refunds are too large to add up", notes)
	}

	list, err := s.Check(ctx, id.String())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(list.Items, func(it Item) bool {
		return !it.Have && strings.HasPrefix(it.Todo, "the refunds that count add up to more than an amount can hold")
	}) {
		t.Errorf("check case: %+v; want an item saying the refunds are too large to add up", list.Items)
	}

	dossier, err := s.Dossier(ctx, id.String(), DossierOptions{Generated: today, Lang: lang.EN})
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range dossier.PageOne() {
		if bad := absurd(field.Value); bad != "" {
			t.Errorf("page 1: %s: %q", field.Label, bad)
		}
	}
	if bad := absurd(dossier.Summary); bad != "" {
		t.Errorf("page 1 states %q", bad)
	}
	lf, err := s.LetterFacts(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	for l, gap := range map[lang.Lang]string{lang.EN: "[the amount]", lang.NB: "[beløpet]"} {
		d, err := letters.Write(letters.Chargeback, l, lf)
		if err != nil {
			t.Fatal(err)
		}
		if bad := absurd(d.Text); bad != "" {
			t.Errorf("%s letter states %q", l, bad)
		}
		if !strings.Contains(d.Text, gap) {
			t.Errorf("%s letter asks for an amount:\n%s", l, d.Text)
		}
	}
}
