package export

import (
	"strings"
	"testing"
)

func TestRedactCards(t *testing.T) {
	keep := map[string]bool{"4111111111111111": false, "5500005555555559": true}
	tests := []struct{ in, want string }{
		{"paid with 4111 1111 1111 1111.", "paid with •••• •••• •••• 1111."},
		{"card 4111-1111-1111-1111", "card ••••-••••-••••-1111"},
		{"4111111111111111", "••••••••••••1111"},
		{"amex 378282246310005 ok", "amex •••••••••••0005 ok"},
		{"visa 4242", "visa 4242"},
		{"4111 1111 1111 1112", "4111 1111 1111 1112"},               // fails Luhn
		{"order 8123456789012345", "order 8123456789012345"},         // not a card prefix
		{"our order 5500005555555559", "our order 5500005555555559"}, // a recorded number, kept
		{"phone +47 22 22 22 22", "phone +47 22 22 22 22"},
		{"tracking LP00123456789CN", "tracking LP00123456789CN"},
		{"41111111111111111111111", "41111111111111111111111"}, // too long to be a card
		{"Blåbær 4111111111111111 æøå", "Blåbær ••••••••••••1111 æøå"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := RedactCards(tt.in, keep); got != tt.want {
			t.Errorf("RedactCards(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzRedactCards(f *testing.F) {
	for _, s := range []string{"4111 1111 1111 1111", "378282246310005", "8123456789012345", "4-1-1-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := RedactCards(s, nil)
		if strings.Count(out, "•") == 0 && out != s {
			t.Fatalf("changed without masking: %q -> %q", s, out)
		}
		// Never a full card number left: whatever still matches must not be a card.
		for _, m := range cardLike().FindAllString(out, -1) {
			d := strings.NewReplacer(" ", "", "-", "").Replace(m)
			if luhn(d) && cardPrefix(d) {
				t.Fatalf("card number %q left in %q", m, out)
			}
		}
	})
}

func TestRedactContacts(t *testing.T) {
	keep := map[string]bool{"8123456789012345": true}
	tests := []struct{ in, want string }{
		{"write to seller.wang@shop.example.cn today", "write to s•••@shop.example.cn today"},
		{"Åse <åse.nordmann@epost.no>", "Åse <å•••@epost.no>"},
		{"call +47 912 34 567 or 22 33 44 55", "call +•• ••• •• •67 or •• •• •• 55"},
		{"order 8123456789012345", "order 8123456789012345"},
		{"tracking LP00123456789CN", "tracking LP00123456789CN"},
		{"49,90 NOK on 2026-10-02", "49,90 NOK on 2026-10-02"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := RedactContacts(tt.in, keep); got != tt.want {
			t.Errorf("RedactContacts(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzRedactContacts(f *testing.F) {
	for _, s := range []string{"a@b.cn", "+47 22 33 44 55", "2026-10-02", "åse@epost.no 912 34 567"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := RedactContacts(s, nil)
		if twice := RedactContacts(once, nil); twice != once {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, once, twice)
		}
	})
}
