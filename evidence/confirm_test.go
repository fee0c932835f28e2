package evidence

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRecogniseOrder(t *testing.T) {
	day := time.Date(2026, 10, 2, 6, 30, 0, 0, time.UTC)
	ali, err := ParseEmail(fixture(t, "aliexpress-confirmation.eml"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		mail Email
		want Confirmation
		ok   bool
	}{
		{"aliexpress fixture", ali, Confirmation{"aliexpress", "8123456789012345", "NOK 349,00", "Shenzhen Gadget Store", day}, true},
		{"amazon", Email{From: "Amazon.de <auto-confirm@amazon.de>", Subject: "Your Amazon.de order of \"USB-C Kabel\"",
			Text: "Order #123-1234567-1234567\nPlaced on 2 October 2026\nOrder Total: €15,99\n", Date: day},
			Confirmation{"amazon", "123-1234567-1234567", "€15,99", "", day}, true},
		{"ebay", Email{From: "eBay <ebay@ebay.com>", Subject: "Order confirmed: Vintage lamp",
			Text: "Order number: 12-12345-12345\nYou paid $45.00\n", Date: day},
			Confirmation{"ebay", "12-12345-12345", "$45.00", "", day}, true},
		{"temu", Email{From: "Temu <orders@temu.com>", Subject: "Order confirmation PO-211-09876543210987654",
			Text: "Thanks!\nTotal: 89,50 kr\n", Date: day},
			Confirmation{"temu", "PO-211-09876543210987654", "89,50 kr", "", day}, true},
		{"no total", Email{From: "x@temu.com", Subject: "Order confirmed", Text: "PO-211-12345678901"},
			Confirmation{"temu", "PO-211-12345678901", "", "", time.Time{}}, true},
		{"shipping notice, not a confirmation", Email{From: "x@aliexpress.com", Subject: "Your package has shipped",
			Text: "Order 8123456789012345"}, Confirmation{}, false},
		{"confirmation from a stranger", Email{From: "phish@evil.example", Subject: "Your Amazon order confirmation",
			Text: "Order 123-1234567-1234567"}, Confirmation{}, false},
		{"no number", Email{From: "a@amazon.com", Subject: "Your Amazon.com order", Text: "thanks"}, Confirmation{}, false},
		{"no sender", Email{Subject: "Order confirmed 8123456789012345"}, Confirmation{}, false},
	}
	for _, tt := range tests {
		got, ok := RecogniseOrder(tt.mail)
		if ok != tt.ok || !cmp.Equal(got, tt.want) {
			t.Errorf("%s: RecogniseOrder = %+v, %v; want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}
