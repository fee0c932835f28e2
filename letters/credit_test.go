package letters

import (
	"strings"
	"testing"

	"vault"
	"vault/internal/lang"
)

// TestCreditCardNote holds the note that asks whether a card is a credit
// card (finansavtaleloven § 2-7) to where it applies: a chargeback letter
// for a buyer in Norway about an order paid by a card not recorded as
// credit or debit; never for PayPal, a debit card, a credit card already
// recorded (the letter cites it), a buyer elsewhere or another letter.
func TestCreditCardNote(t *testing.T) {
	for _, c := range []struct {
		kind             Kind
		country, payment string
		note, cites      bool
		fix              string // the value the note's fix records
	}{
		{Chargeback, "NO", "Visa ****4242", true, false, "Visa credit ****4242"},
		{Chargeback, "", "Mastercard ****1111", true, false, "Mastercard credit ****1111"},
		{Chargeback, "NO", "kort ****1111", true, false, "kort ****1111 (credit card)"},
		{Chargeback, "NO", "PayPal", false, false, ""},
		{Chargeback, "NO", "PayPal (Visa ****4242)", false, false, ""},
		{Chargeback, "NO", "Klarna", false, false, ""},
		{Chargeback, "NO", "Visa debit ****4242", false, false, ""},
		{Chargeback, "NO", "BankAxept", false, false, ""},
		{Chargeback, "NO", "", false, false, ""},
		{Chargeback, "NO", "Visa credit ****4242", false, true, ""},
		{Chargeback, "SE", "Visa ****4242", false, false, ""},
		{Chargeback, "DE", "Visa credit ****4242", false, false, ""},
		{Dispute, "NO", "Visa ****4242", false, false, ""},
		{Seller, "NO", "Visa ****4242", false, false, ""},
	} {
		s := shape{kind: vault.Chargeback, trouble: vault.NotReceived, country: c.country, payment: c.payment}
		d, err := Write(c.kind, lang.EN, s.facts())
		if err != nil {
			t.Fatal(err)
		}
		var note *vault.Note
		for i, n := range d.Notes {
			if strings.Contains(n.Text, "§ 2-7") {
				note = &d.Notes[i]
			}
		}
		if (note != nil) != c.note {
			t.Errorf("%s letter, buyer in %q, paid by %q: § 2-7 note %v, want %v", c.kind, c.country, c.payment, note != nil, c.note)
		}
		if note != nil && (note.Fix == nil || note.Fix.Record != "ORD-1" || note.Fix.Value != c.fix) {
			t.Errorf("%s, paid by %q: the note's fix is %+v, want ORD-1's payment %q", c.kind, c.payment, note.Fix, c.fix)
		}
		if cites := strings.Contains(d.Text, "§ 2-7"); cites != c.cites {
			t.Errorf("%s letter, buyer in %q, paid by %q: cites § 2-7 %v, want %v", c.kind, c.country, c.payment, cites, c.cites)
		}
	}
}
