package casework

import (
	"strings"
	"testing"

	"vault"
)

var suggestOrders = []vault.Order{
	{ID: 1, Number: "8123456789012345", Seller: "Shenzhen Gadget Store", Tracking: []string{"LP00123456789CN"}},
	{ID: 2, Number: "PO-211-00048213907115362", Seller: "Blåbær Butikk"},
	{ID: 3, Number: "302-4412907-5530021"},
	{ID: 4, Number: "12345", Seller: "ABC"}, // too short to match by chance
}

func TestSuggest(t *testing.T) {
	for _, tt := range []struct {
		text string
		want string // "id:why" joined by ","; "" for none
		sure vault.OrderID
	}{
		{"", "", 0},
		{"Order 8123456789012345", "1:order number 8123456789012345", 1},
		{"Ordrenummer: 8123 4567 8901 2345", "1:order number 8123456789012345", 1}, // OCR's spaces
		{"Order 8l23456789O12345", "1:order number 8123456789012345", 1},           // l for 1, O for 0
		{"Tracking LP00123456789CN", "1:tracking LP00123456789CN", 1},
		{"PO-211-00048213907115362 sendt", "2:order number PO-211-00048213907115362", 2},
		{"Order # 302-4412907-5530021", "3:order number 302-4412907-5530021", 3},
		{"Selger: blåbær butikk", "2:seller Blåbær Butikk", 0}, // a name is a guess, not sure
		{"Total 12345 kr, ABC", "", 0},
		{"8123456789012345 and 302-4412907-5530021", "1:order number 8123456789012345,3:order number 302-4412907-5530021", 0},
		{"订单号 8123456789012345 🙏", "1:order number 8123456789012345", 1},
		{strings.Repeat("9", 1<<16), "", 0},
		{"\xff\xfe 8123456789012345", "1:order number 8123456789012345", 1},
		{"../../etc/passwd", "", 0},
	} {
		ss := Suggest(tt.text, suggestOrders)
		var got []string
		for _, s := range ss {
			got = append(got, s.Order.String()[len("ORD-"):]+":"+s.Why)
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("Suggest(%.40q) = %q, want %q", tt.text, got, tt.want)
		}
		if id, ok := Sure(ss); id != tt.sure || ok != (tt.sure != 0) {
			t.Errorf("Sure(%.40q) = %v %v, want %v", tt.text, id, ok, tt.sure)
		}
	}
}

func FuzzSuggest(f *testing.F) {
	for _, s := range []string{"Order 8123456789012345", "LP00123456789CN", "blåbær butikk", "\x00", "O0lI|"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		seen := map[vault.OrderID]bool{}
		for _, s := range Suggest(text, suggestOrders) {
			if seen[s.Order] || s.Order == 4 {
				t.Fatalf("%q: %v", text, s)
			}
			seen[s.Order] = true
		}
	})
}
