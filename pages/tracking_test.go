package pages

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"vault"
	"vault/internal/money"
)

// TestWhen reads the days and times carriers begin an event's line with.
func TestWhen(t *testing.T) {
	for _, tc := range []struct {
		in, day, clock, rest string
		monthFirst, ok       bool
	}{
		{in: "2026-09-01 18:40:12 (GMT+8)", day: "2026-09-01", clock: "18:40", ok: true},
		{in: "2026-09-01T18:40 [Guangzhou] Arrived", day: "2026-09-01", clock: "18:40", rest: "[Guangzhou] Arrived", ok: true},
		{in: "2026-09-01", day: "2026-09-01", ok: true},
		{in: "01.09.2026 kl. 14.32", day: "2026-09-01", clock: "14:32", ok: true},
		{in: "1. september 2026 kl. 06:12", day: "2026-09-01", clock: "06:12", ok: true},
		{in: "24. august 2026 kl. 03:20 · OSLO", day: "2026-08-24", clock: "03:20", rest: "OSLO", ok: true},
		{in: "14 sep. 2026, 16:48", day: "2026-09-14", clock: "16:48", ok: true},
		{in: "1 Sep 2026 14:32 Local time", day: "2026-09-01", clock: "14:32", ok: true},
		{in: "September 5, 2026, 2:32 pm", day: "2026-09-05", clock: "14:32", ok: true},
		{in: "Sep 5, 2026 12:05 AM", day: "2026-09-05", clock: "00:05", ok: true},
		{in: "Monday, September 14, 2026 at 9:02 a.m.", day: "2026-09-14", clock: "09:02", ok: true},
		{in: "tirsdag 1. september 2026 kl. 06:12", day: "2026-09-01", clock: "06:12", ok: true},
		{in: "09/01/2026 14:32", day: "2026-09-01", clock: "14:32", monthFirst: true, ok: true},
		{in: "09/01/2026 14:32", day: "2026-01-09", clock: "14:32", ok: true},
		{in: "01-09-2026 14:32 Item received", day: "2026-09-01", clock: "14:32", rest: "Item received", ok: true},
		{in: "31.02.2026"},
		{in: "2026-13-01"},
		{in: "1. smarch 2026"},
		{in: "September 5, 2026, 13:32 pm"},
		{in: "01.09.2026 25:00"},
		{in: "01.09.1900"},
		{in: "Arrived on September 5, 2026"},
		{in: ""},
		{in: "12345"},
		{in: "五月 1, 2026"},
	} {
		day, clock, rest, ok := when(tc.in, tc.monthFirst)
		if ok != tc.ok || ok && (day.String() != tc.day || clock != tc.clock || rest != tc.rest) {
			t.Errorf("when(%q) = %q %q %q %v, want %q %q %q %v", tc.in, day, clock, rest, ok, tc.day, tc.clock, tc.rest, tc.ok)
		}
	}
}

// TestCarrierAt knows the carriers' and AliExpress's tracking sites.
func TestCarrierAt(t *testing.T) {
	for address, want := range map[string]string{
		"https://sporing.posten.no/sporing/LP00123456789CN":                   "Posten/Bring",
		"https://tracking.bring.com/tracking/370123":                          "Posten/Bring",
		"https://www.postnord.no/sporing?id=UA1":                              "PostNord",
		"https://global.cainiao.com/newDetail.htm?mailNoList=LP1":             "Cainiao",
		"https://track.4px.com/#/result/0/4PX1":                               "4PX",
		"https://www.yuntrack.com/parcelTracking?id=YT1":                      "YunExpress",
		"https://tools.usps.com/go/TrackConfirmAction?tLabels=9400":           "USPS",
		"https://www.dhl.com/no-en/home/tracking.html?tracking-id=1":          "DHL",
		"https://www.royalmail.com/track-your-item#/tracking-results/RM1":     "Royal Mail",
		"https://track.aliexpress.com/logisticsdetail.htm?tradeId=8100000001": "Cainiao",
		"https://www.aliexpress.com/p/tracking/index.html?tradeOrderId=81":    "",
		"https://www.aliexpress.com/item/1005006123456789.html":               "",
		"https://posten.example.com/":                                         "Posten/Bring",
		"https://example.com/posten":                                          "",
		"not an address":                                                      "",
		"":                                                                    "",
	} {
		c, _ := carrierAt(address)
		if c.name != want {
			t.Errorf("carrierAt(%q) = %q, want %q", address, c.name, want)
		}
	}
}

// TestEvents reads each carrier's events from its page's text, with the
// nasty cases: headings before, lines without a status, days in reviews.
func TestEvents(t *testing.T) {
	posten, _ := carrierAt("https://sporing.posten.no/")
	usps, _ := carrierAt("https://tools.usps.com/")
	cainiao, _ := carrierAt("https://global.cainiao.com/")
	for _, tc := range []struct {
		name string
		c    carrier
		text string
		want []string
	}{
		{"date first", posten, "Hendelser\n1. september 2026 kl. 06:12\nSendingen er ankommet Norge\nOSLO\n24. august 2026\nSendt", []string{
			"2026-09-01 06:12: Sendingen er ankommet Norge, OSLO", "2026-08-24: Sendt"}},
		{"place in brackets", cainiao, "2026-09-01 18:40:12 (GMT+8)\n[Guangzhou] Arrived at sorting centre\n2026-08-25 09:02 【深圳】 已发出", []string{
			"2026-09-01 18:40: Arrived at sorting centre, Guangzhou", "2026-08-25 09:02: 已发出, 深圳"}},
		{"date last", usps, "Tracking History\nDelivered\nCHICAGO, IL 60601\nSeptember 5, 2026, 10:15 am\nIn Transit\nSeptember 3, 2026", []string{
			"2026-09-05 10:15: Delivered, CHICAGO, IL 60601", "2026-09-03: In Transit"}},
		{"a day and no status", posten, "1. september 2026\n2. september 2026\n12:00", nil},
		{"a long second line is no place", posten, "01.09.2026\nStatus\n" + strings.Repeat("x", 200), []string{"2026-09-01: Status"}},
		{"empty", posten, "", nil},
		{"emoji and æøå", posten, "01.09.2026 14:00\nPakken er på vei 📦\nÅLESUND", []string{"2026-09-01 14:00: Pakken er på vei 📦, ÅLESUND"}},
	} {
		var got []string
		for _, e := range tc.c.events(tc.text) {
			got = append(got, e.String())
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.name, diff)
		}
	}
	many := strings.Repeat("01.09.2026\nStatus\n", maxEvents+10)
	if n := len(posten.events(many)); n != maxEvents {
		t.Errorf("%d events kept of %d", n, maxEvents+10)
	}
}

// TestTextOnlyTracking: a page elsewhere that names a carrier is a
// tracking page when it shows two events or more; one date is not enough.
func TestTextOnlyTracking(t *testing.T) {
	two := vault.Page{Text: "PostNord\n1 sep 2026, 10:00\nHämtad\n2 sep 2026, 11:00\nLevererad"}
	understand(&two, doc{meta: map[string]string{}})
	if len(two.Events) != 2 || Kind(two) != vault.EvidenceTracking {
		t.Errorf("two events: %+v, %s", two.Events, Kind(two))
	}
	one := vault.Page{Text: "Shipped with DHL\n1 Sep 2026\nGreat charger, five stars"}
	understand(&one, doc{meta: map[string]string{}})
	if len(one.Events) != 0 || Kind(one) != vault.EvidencePage {
		t.Errorf("a review: %+v, %s", one.Events, Kind(one))
	}
}

// TestListing reads what an item page offers from its JSON-LD, its meta
// tags and its text.
func TestListing(t *testing.T) {
	nok := func(minor int64) money.Money { return money.Money{Minor: minor, Currency: "NOK"} }
	for _, tc := range []struct {
		name, html string
		want       *vault.Listing
	}{
		{"JSON-LD", `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Lamp",
			"offers":{"@type":"Offer","price":"199.00","priceCurrency":"NOK","seller":{"@type":"Organization","name":"Lys AS"}}}</script>`,
			&vault.Listing{Item: "Lamp", Price: nok(19900), Seller: "Lys AS"}},
		{"JSON-LD in a graph, offers a list, price a number", `<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},
			{"@type":["Product"],"name":"Lamp","offers":[{"price":199,"priceCurrency":"NOK"}]}]}</script>`,
			&vault.Listing{Item: "Lamp", Price: nok(19900)}},
		{"meta tags", `<title>Lamp | eBay</title><meta property="product:price:amount" content="199,00"><meta property="product:price:currency" content="NOK">`,
			&vault.Listing{Item: "Lamp", Price: nok(19900)}},
		{"text", `<title>Amazon.de: Lampe</title><p>Sold by</p><p>Lys GmbH</p><p>€19,99</p>`,
			&vault.Listing{Item: "Lampe", Price: money.Money{Minor: 1999, Currency: "EUR"}, Seller: "Lys GmbH"}},
		{"US price", `<p>US $12.99</p><p>Seller: gadgets_4u</p>`, &vault.Listing{Price: money.Money{Minor: 1299, Currency: "USD"}, Seller: "gadgets_4u"}},
		{"broken JSON-LD", `<title>Lamp - AliExpress</title><script type="application/ld+json">{"@type":"Product",</script>`, &vault.Listing{Item: "Lamp"}},
		{"a negative price is none", `<script type="application/ld+json">{"@type":"Product","offers":{"price":"-5","priceCurrency":"NOK"}}</script>`, nil},
		{"nothing", ``, nil},
	} {
		d := readHTML([]byte(tc.html), "")
		if got := listingOf(d, d.title); !cmp.Equal(got, tc.want) {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
}

// TestItemPages knows the marketplaces' item pages by their addresses.
func TestItemPages(t *testing.T) {
	for address, want := range map[string]bool{
		"https://www.aliexpress.com/item/1005006123456789.html":                   true,
		"https://no.aliexpress.com/item/1005006123456789.html?spm=a2g0o":          true,
		"https://www.temu.com/no-en/usb-c-charger-g-601099512345678.html":         true,
		"https://www.amazon.de/-/en/Charger/dp/B0C1234567/ref=sr_1_1":             true,
		"https://www.ebay.com/itm/123456789012":                                   true,
		"https://www.aliexpress.com/store/1102345678":                             false,
		"https://www.amazon.de/gp/your-account/order-details?orderID=303-1234567": false,
		"https://aliexpress.example.com/item/1.html":                              true,
		"https://example.com/item/1.html":                                         false,
		"":                                                                        false,
	} {
		if got := isItemPage(address); got != want {
			t.Errorf("isItemPage(%q) = %v", address, got)
		}
	}
}
