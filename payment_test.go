package vault

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPaidOf(t *testing.T) {
	for _, c := range []struct {
		method string
		want   Paid
	}{
		{"", PaidUnknown},
		{"  ", PaidUnknown},
		{"Visa ****4242", PaidCard},
		{"Mastercard ****1111", PaidCard},
		{"card", PaidCard},
		{"Visa-kort", PaidCard},
		{"Apple Pay", PaidCard},
		{"Visa credit ****4242", PaidCredit},
		{"kredittkort", PaidCredit},
		{"American Express ****1005", PaidCredit},
		{"AMEX", PaidCredit},
		{"Visa debit ****4242", PaidDebit},
		{"Debit Mastercard", PaidDebit},
		{"debetkort", PaidDebit},
		{"BankAxept", PaidDebit},
		{"Maestro ****0001", PaidDebit},
		{"Visa Electron", PaidDebit},
		{"PayPal", PaidOther},
		{"PayPal (Visa ****4242)", PaidOther},        // PayPal's buyer protection: no card of the buyer's in between
		{"PayPal, Visa credit ****4242", PaidCredit}, // the buyer says it was a credit card
		{"Klarna", PaidOther},
		{"Vipps", PaidOther},
		{"faktura", PaidOther},
	} {
		if got := PaidOf(c.method); got != c.want {
			t.Errorf("PaidOf(%q) = %q, want %q", c.method, got, c.want)
		}
	}
}

func TestCardsOf(t *testing.T) {
	orders := []Order{{ID: 1, Payment: "PayPal"}, {ID: 2, Payment: "Visa ****4242"}, {ID: 3, Payment: "Visa credit ****1"},
		{ID: 4, Payment: "BankAxept"}, {ID: 5}, {ID: 6, Payment: "Mastercard"}}
	want := Cards{Credit: []OrderID{3}, Debit: []OrderID{4}, Unsaid: []OrderID{2, 6}}
	if diff := cmp.Diff(want, Derive(CaseRecords{File: CaseFile{Orders: orders}}).Cards); diff != "" {
		t.Errorf("Derive(...).Cards (-want +got):\n%s", diff)
	}
}

func TestChargeBack(t *testing.T) {
	for method, want := range map[string]bool{
		"Visa ****4242": true, "Mastercard": true, "Amex": true, "Maestro": true, "Visa credit": true, "kort": true,
		"BankAxept": false, "PayPal": false, "PayPal (Visa ****4242)": false, "Klarna": false, "Vipps": false,
		"faktura": false, "": false,
	} {
		if got := ChargeBack(method); got != want {
			t.Errorf("ChargeBack(%q) = %v, want %v", method, got, want)
		}
	}
}
