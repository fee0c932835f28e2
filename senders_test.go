package vault

import (
	"strings"
	"testing"
)

func TestPurchaseSender(t *testing.T) {
	for _, tt := range []struct {
		from  string
		party Party
		ok    bool
	}{
		{"AliExpress <transaction@notice.aliexpress.com>", PartyMarketplace, true},
		{"service@aliexpress.com", PartyMarketplace, true},
		{"Temu <ORDERS@Order.Temu.COM>", PartyMarketplace, true},
		{"=?utf-8?q?Amazon.de?= <versandbestaetigung@amazon.de>", PartyMarketplace, true},
		{"service@paypal.com.", PartyBank, true},              // the root's dot
		{"PayPal <service@paypal.com.>", PartyUnknown, false}, // no address net/mail reads
		{"PayPal <service@paypal.no>", PartyBank, true},       // a notifier's domain (notice.go) is a purchase sender
		{"Posten <varsling@posten.no>", PartyCarrier, true},
		{"DNB <noreply@dnb.no>", PartyBank, true},
		{"AliExpress Deals <deals@aliexpress-deals.example>", PartyUnknown, false}, // a look-alike
		{"AliExpress <service@aliexpress.com.evil.example>", PartyUnknown, false},
		{"<transaction@notaliexpress.com>", PartyUnknown, false},
		{"Ola <ola.nordmann@gmail.com>", PartyUnknown, false},
		{"aliexpress.com", PartyUnknown, false}, // no address
		{"", PartyUnknown, false},
		{"@", PartyUnknown, false},
		{"Åse Ærlig <åse@øvre-ålesund.no>", PartyUnknown, false},
		{"淘宝 <shop@taobao.example>", PartyUnknown, false},
		{"📦 <x@temu.com>", PartyMarketplace, true},
		{"../../etc/passwd@temu.com", PartyMarketplace, true}, // odd, but a temu.com sender
		{strings.Repeat("a", 100000) + "@temu.com", PartyMarketplace, true},
		{"broken <unterminated@temu.com", PartyUnknown, false}, // a From that does not parse is not trusted
	} {
		party, ok := PurchaseSender(tt.from)
		if party != tt.party || ok != tt.ok {
			t.Errorf("PurchaseSender(%.60q) = %q, %v; want %q, %v", tt.from, party, ok, tt.party, tt.ok)
		}
	}
}

func FuzzPurchaseSender(f *testing.F) {
	for _, s := range []string{"AliExpress <transaction@notice.aliexpress.com>", "x@temu.com.", "@", "", "a@b@paypal.com", "\xff@dhl.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, from string) {
		party, ok := PurchaseSender(from)
		if ok != (party != PartyUnknown) {
			t.Fatalf("%q: %q, %v", from, party, ok)
		}
		if !ok {
			return
		}
		addr := Address(from)
		domain := strings.TrimSuffix(addr[strings.LastIndexByte(addr, '@')+1:], ".")
		for _, s := range purchaseSenders {
			if inDomains(domain, s.domains) {
				return
			}
		}
		for _, n := range notifiers {
			if inDomains(domain, n.domains) {
				return
			}
		}
		t.Fatalf("%q: %q is on no list", from, domain)
	})
}
