package vault

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
)

func day(s string) date.Value {
	v, err := date.Parse(s, time.UTC)
	if err != nil {
		panic(err)
	}
	return v
}

// TestVocabularies: every word parses back to itself and has its bokmål;
// anything else is an UnknownError that names the valid words.
func TestVocabularies(t *testing.T) {
	check := func(what string, words []string, parse func(string) error, nb func(string) string) {
		for _, w := range words {
			if err := parse(w); err != nil {
				t.Errorf("%s %q: %v", what, w, err)
			}
			if nb != nil && nb(w) == w && w != "video" && w != "bank" {
				t.Errorf("%s %q has no bokmål", what, w)
			}
		}
		for _, bad := range []string{"", "Dispute", " dispute", "tvist", "📦", "æøå", strings.Repeat("x", 1000)} {
			var unknown *UnknownError
			if err := parse(bad); !errors.As(err, &unknown) || strings.Join(unknown.Valid, ",") != strings.Join(words, ",") {
				t.Errorf("%s %q: %v", what, bad, err)
			}
		}
	}
	check("case kind", Words(CaseKinds), func(s string) error { _, err := ParseCaseKind(s); return err },
		func(s string) string { return CaseKind(s).Word(lang.NB) })
	check("status", Words(CaseStatuses), func(s string) error { _, err := ParseCaseStatus(s); return err },
		func(s string) string { return CaseStatus(s).Word(lang.NB) })
	check("evidence kind", Words(EvidenceKinds), func(s string) error { _, err := ParseEvidenceKind(s); return err },
		func(s string) string { return EvidenceKind(s).Word(lang.NB) })
	check("party", Words(Parties), func(s string) error { _, err := ParseParty(s); return err },
		func(s string) string { return Party(s).Word(lang.NB) })
	check("charge kind", Words(ChargeKinds), func(s string) error { _, err := ParseChargeKind(s); return err }, nil)
	if Dispute.Word(lang.EN) != "dispute" || Chargeback.Word(lang.NB) != "kortreklamasjon" {
		t.Error("words")
	}
}

func TestCountsAsDispute(t *testing.T) {
	for _, k := range CaseKinds {
		if got, want := k.CountsAsDispute(), k == Dispute || k == Chargeback; got != want {
			t.Errorf("%s: %v", k, got)
		}
	}
}

func TestMoveTo(t *testing.T) {
	for _, tt := range []struct {
		from, to CaseStatus
		force    bool
		want     string // "" ok, "force" a NeedsForceError, else an error containing it
	}{
		{StatusOpen, StatusEscalated, false, ""},
		{StatusOpen, StatusOpen, false, "already open"},
		{StatusOpen, StatusOpen, true, "already open"},
		{StatusEscalated, StatusOpen, false, "force"},
		{StatusEscalated, StatusOpen, true, ""},
		{StatusWon, StatusOpen, false, "force"},
		{StatusWon, StatusClosed, false, ""},
		{StatusLost, StatusWon, false, "force"},
		{StatusOpen, StatusDraft, false, "force"},
		{StatusDraft, StatusOpen, false, ""},
	} {
		err := tt.from.MoveTo(tt.to, tt.force)
		var nf *NeedsForceError
		switch {
		case tt.want == "" && err != nil, tt.want == "force" && !errors.As(err, &nf),
			tt.want != "" && tt.want != "force" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s -> %s (force %v): %v, want %q", tt.from, tt.to, tt.force, err, tt.want)
		}
	}
	if !StatusClosed.Finished() || StatusEscalated.Finished() {
		t.Error("Finished")
	}
}

func TestCheckEventDay(t *testing.T) {
	for _, tt := range []struct {
		at, first string
		force, ok bool
	}{
		{"2026-10-02", "2026-10-02", false, true},
		{"2026-10-01", "2026-10-02", false, false},
		{"2026-10-01T23:30:00Z", "2026-10-02", false, false},
		{"2026-10-01", "2026-10-02", true, true},
		{"2026-10-01", "", false, true},
		{"", "2026-10-02", false, true},
	} {
		var at, first date.Value
		if tt.at != "" {
			at = day(tt.at)
		}
		if tt.first != "" {
			first = day(tt.first)
		}
		if err := CheckEventDay(at, first, tt.force); (err == nil) != tt.ok {
			t.Errorf("%+v: %v", tt, err)
		}
	}
}

// TestLawFor: the law follows the buyer's country, never the currency paid
// nor the seller's country; the seller's country comes from the order, else
// from what the vault knows of its marketplace.
func TestLawFor(t *testing.T) {
	for _, cur := range []string{"NOK", "EUR", "SEK", "USD", "GBP", "CNY", ""} {
		o := Order{Total: money.Money{Minor: 100, Currency: cur}, Marketplace: AliExpress}
		for country, want := range map[string]Law{"": NorwegianLaw, "NO": NorwegianLaw, "no": NorwegianLaw, "SE": EULaw,
			"DE": EULaw, "IS": EULaw, "US": NoLaw, "GB": NoLaw, "CH": NoLaw} {
			if got := LawFor(o, country); got != want {
				t.Errorf("a %s order of a buyer in %q: %q, want %q", cur, country, got, want)
			}
		}
	}
	for _, tc := range []struct {
		o        Order
		want     string
		recorded bool
	}{
		{Order{Marketplace: AliExpress}, OutsideEEA, false}, {Order{Marketplace: Temu}, "", false},
		{Order{Marketplace: Komplett}, "NO", false}, {Order{Marketplace: Amazon, Site: "amazon.de"}, "", false},
		{Order{Marketplace: AliExpress, SellerCountry: "ES"}, "ES", true}, {Order{Marketplace: "butikk"}, "", false},
	} {
		if got, rec := SellerCountry(tc.o); got != tc.want || rec != tc.recorded {
			t.Errorf("%+v: %q %v", tc.o, got, rec)
		}
	}
	for in, ok := range map[string]bool{"DE": true, "de": true, "outside-eea": true, "Outside-EEA": true, "": false,
		"DEU": false, "1A": false, "æø": false} {
		if ValidCountry(Country(in)) != ok {
			t.Errorf("%q valid: %v", in, !ok)
		}
	}
}

// TestCorrespondence: the buyer's letters are messages and emails from me,
// not files carried by an email; the seller's messages and emails are its
// replies (a marketplace's confirmation or notice is none).
func TestCorrespondence(t *testing.T) {
	c := contactOf([]Evidence{
		{Kind: EvidenceMessage, Party: PartyMe, OccurredAt: day("2026-11-10")},
		{Kind: EvidenceEmail, Party: PartyMe, OccurredAt: day("2026-11-01")},
		{Kind: EvidenceEmail, Party: PartyMe}, // undated: counted, not dated
		{Kind: EvidenceEmail, Party: PartyMe, Parent: 7, OccurredAt: day("2026-12-01")},
		{Kind: EvidenceScreenshot, Party: PartyMe, OccurredAt: day("2026-12-02")},
		{Kind: EvidenceMessage, Party: PartySeller, OccurredAt: day("2026-11-11")},
		{Kind: EvidenceEmail, Party: PartyMarketplace},
	}, nil).Correspondence()
	if c.Wrote != 3 || c.Replies != 1 || c.First.String() != "2026-11-01" || c.Last.String() != "2026-11-10" {
		t.Errorf("%+v", c)
	}
}

// TestPartyOf: a mail is the buyer's when sent from one of the buyer's
// addresses, the seller's when it belongs to an order and is not; without
// the buyer's addresses it stays unplaced; what is recorded wins.
func TestPartyOf(t *testing.T) {
	buyer := []string{"kari@example.no", "kari@work.no"}
	mail := func(from string, orders ...OrderID) Evidence {
		return Evidence{Kind: EvidenceEmail, From: from, Orders: orders}
	}
	for _, tt := range []struct {
		e     Evidence
		buyer []string
		want  Party
	}{
		{mail("Kari Nordmann <Kari@Example.NO>", 1), buyer, PartyMe},
		{mail("kari@work.no"), buyer, PartyMe},
		{mail("Shop <shop88@163.com>", 1), buyer, PartySeller},
		{mail("Shop <shop88@163.com>"), buyer, PartyUnknown}, // in no order: whose?
		{mail("Shop <shop88@163.com>", 1), nil, PartyUnknown},
		{mail("", 1), buyer, PartyUnknown},
		{mail("not an address", 1), buyer, PartyUnknown},
		{mail(`"Blåbær 蓝莓 🙏" <blabaer@xn--blbr-roa.no>`, 1), buyer, PartySeller},
		{mail("kari@example.no.evil.com", 1), buyer, PartySeller},
		{Evidence{Kind: EvidenceEmail, From: "kari@example.no", Party: PartyMarketplace, Orders: []OrderID{1}}, buyer, PartyMarketplace},
		{Evidence{Kind: EvidenceMessage, From: "kari@example.no", Orders: []OrderID{1}}, buyer, PartyUnknown},
	} {
		if got := PartyOf(tt.e, tt.buyer); got != tt.want {
			t.Errorf("%q (buyer %v): %q, want %q", tt.e.From, tt.buyer, got, tt.want)
		}
	}
	for in, want := range map[string]string{"Kari@Example.no, kari@example.no; KARI@work.no": "kari@example.no, kari@work.no",
		"  kari@example.no  ": "kari@example.no", "": ""} {
		if got, err := SettingEmail.Value(in); err != nil || got != want {
			t.Errorf("email %q: %q %v", in, got, err)
		}
	}
	for _, bad := range []string{"kari", "kari@", "@example.no", "kari@example.no, nope", "<>"} {
		if _, err := SettingEmail.Value(bad); err == nil {
			t.Errorf("email %q was taken", bad)
		}
	}
}

// FuzzAddress: a sender as mail writes it never panics, and an address
// found is in lower case and has its @ (a quoted local part may hold
// anything: '" "@0' is an address).
func FuzzAddress(f *testing.F) {
	for _, s := range []string{"Kari <kari@example.no>", "kari@example.no", `"a@b" <c@d>`, "=?utf-8?q?Bl=C3=A5b=C3=A6r?= <b@x.no>", "<@>", "a@", "ø@æ.å"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := Address(s)
		if a != strings.ToLower(a) || a != "" && !strings.Contains(a, "@") {
			t.Errorf("%q -> %q", s, a)
		}
	})
}

func TestMarketplaces(t *testing.T) {
	for in, want := range map[string]string{"aliexpress": "AliExpress", " eBay ": "eBay", "finn.no": "Finn.no",
		"my shop": "My shop", "øst": "Øst", "": ""} {
		if got := ParseMarketplace(in).Name(); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
	for domain, want := range map[string]Marketplace{"notice.aliexpress.com": AliExpress, "mail.alibaba.com": AliExpress,
		"ebay-paypal.example": EBay, "temu.com": Temu, "example.com": ""} {
		if got, _ := MarketplaceOfDomain(domain); got != want {
			t.Errorf("%s: %q, want %q", domain, got, want)
		}
	}
}

// TestTextMustBeUTF8: an order or case field in another encoding is
// refused, even with force; any UTF-8 is kept (#18, item 19).
func TestTextMustBeUTF8(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	latin1 := "bl\xe5b\xe6r"
	for _, o := range []Order{{Number: "81" + latin1}, {Number: "81", Seller: latin1}, {Number: "81", Note: "\xff"},
		{Number: "81", Items: []string{"ok", "\xc3"}}, {Number: "81", Tracking: []string{latin1}}} {
		var fe *FieldError
		if err := o.Check(now, true); !errors.As(err, &fe) || !strings.Contains(fe.Why, "not UTF-8") {
			t.Errorf("%+v: %v", o, err)
		}
	}
	for _, good := range []string{"blåbær", "蓝牙耳机", "🎧 ok", "", strings.Repeat("ø", 5000)} {
		if err := (Order{Number: "81", Seller: good, Note: good}).Check(now, true); err != nil {
			t.Errorf("%q: %v", good, err)
		}
		if err := (Case{Title: good}).CheckText(); err != nil {
			t.Errorf("case %q: %v", good, err)
		}
	}
	if err := (Case{Title: latin1}).CheckText(); err == nil {
		t.Error("a case title in Latin-1 was accepted")
	}
}

// TestSoldByMarketplace: the marketplace's own sales are told from its
// third-party sellers by the recorded seller's name.
func TestSoldByMarketplace(t *testing.T) {
	for _, tt := range []struct {
		market Marketplace
		seller string
		want   bool
	}{
		{Amazon, "Amazon EU S.à r.l.", true},
		{Amazon, "amazon.de", true},
		{Amazon, " Amazon ", true},
		{Amazon, "Amazonas Trading GmbH", false},
		{Amazon, "", false},
		{Amazon, "Blåbær Store 蓝莓", false},
		{"temu", "Temu", true},
		{"", "Amazon", false},
	} {
		if got := (Order{Marketplace: tt.market, Seller: tt.seller}).SoldByMarketplace(); got != tt.want {
			t.Errorf("%s, %q: %v, want %v", tt.market, tt.seller, got, tt.want)
		}
	}
}

// TestCountryNames: every EU/EEA state but Norway has its name in both
// languages, so no letter says "my country" to a receiver who cannot know it.
func TestCountryNames(t *testing.T) {
	for _, c := range append(slices.Clone(euCountries), eeaOnly...) {
		if CountryName(c, lang.EN) == "" || CountryName(c, lang.NB) == "" {
			t.Errorf("%s: no name", c)
		}
	}
	if CountryName("de", lang.NB) != "Tyskland" || CountryName("US", lang.EN) != "" || CountryName("NO", lang.EN) != "" {
		t.Error("names")
	}
}
