package deadlines

import (
	"strings"
	"testing"
	"time"
	"vault"

	"vault/internal/date"
	"vault/internal/money"
)

var oslo = mustLoad("Europe/Oslo")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// order builds facts from "name=2026-10-02" pairs and settings like
// "market=aliexpress", "pay=Visa *1234", "cur=NOK", "case=dispute".
func order(pairs ...string) Facts {
	f := Facts{Record: "ORD-1", Dates: map[string]date.Value{}}
	for _, p := range pairs {
		k, v, _ := strings.Cut(p, "=")
		switch k {
		case "market":
			f.Marketplace = vault.Marketplace(v)
		case "pay":
			f.Payment = v
		case "cur":
			f.Currency = v
			f.Law = vault.LawFor(vault.Order{Total: money.Money{Currency: v}})
		case "case":
			f.CaseKind, f.Record = vault.CaseKind(v), "CASE-1"
		default:
			d, err := date.Parse(v, time.UTC)
			if err != nil {
				panic(err)
			}
			f.Dates[k] = d
		}
	}
	return f
}

func day(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestRules checks every rule of docs/domain-rules.md against dates worked
// out by hand (and with GNU date), including month ends, leap days and the
// fallbacks to estimated dates. Each case names the rule's source.
func TestRules(t *testing.T) {
	tests := []struct {
		name         string // the rule's source
		facts        Facts
		rule, window string
		opens, close string
		estimated    bool
		note         string
	}{
		{"AliExpress Help Center: open from shipped+5d to completed+15d",
			order("market=aliexpress", "shipped=2026-10-05", "delivered=2026-10-20"),
			"aliexpress.dispute.open", "open dispute", "2026-10-10", "2026-11-04", false, ""},
		{"AliExpress Help Center: completion estimated from expected delivery",
			order("market=aliexpress", "shipped=2026-10-05", "expected=2026-11-30"),
			"aliexpress.dispute.open", "open dispute", "2026-10-10", "2026-12-15", true, "delivered not recorded: estimated from expected"},
		{"AliExpress Help Center: shipped+5d across a month end",
			order("market=aliexpress", "shipped=2026-01-28", "delivered=2026-02-20"),
			"aliexpress.dispute.open", "open dispute", "2026-02-02", "2026-03-07", false, ""},
		{"AliExpress Help Center, dispute process: escalate after 3 days, automatic after 15",
			order("market=aliexpress", "case=dispute", "opened=2026-11-01"),
			"aliexpress.dispute.escalate", "escalate", "2026-11-04", "2026-11-16", false, ""},
		{"Temu return policy: purchase+90d",
			order("market=temu", "ordered=2026-10-02"),
			"temu.return", "return", "2026-10-02", "2026-12-31", false, ""},
		{"Temu return policy: across leap February",
			order("market=temu", "ordered=2028-01-01"),
			"temu.return", "return", "2028-01-01", "2028-03-31", false, ""},
		{"Amazon A-to-z: earlier of expected+3d and ordered+30d, until expected+90d",
			order("market=amazon", "ordered=2026-10-01", "expected=2026-10-10"),
			"amazon.atoz", "A-to-z claim", "2026-10-13", "2027-01-08", false, ""},
		{"Amazon A-to-z: ordered+30d comes first when delivery is late",
			order("market=amazon", "ordered=2026-10-01", "expected=2026-11-15"),
			"amazon.atoz", "A-to-z claim", "2026-10-31", "2027-02-13", false, ""},
		{"eBay Money Back Guarantee: delivery+30d",
			order("market=ebay", "delivered=2026-10-02"),
			"ebay.mbg", "request", "", "2026-11-01", false, ""},
		{"eBay Money Back Guarantee: ask eBay after 3 business days (Friday -> Wednesday)",
			order("market=ebay", "case=dispute", "opened=2026-11-06"),
			"ebay.mbg", "ask eBay to step in", "2026-11-11", "", false, ""},
		{"PayPal User Agreement: payment+180d",
			order("pay=PayPal", "paid=2026-10-02"),
			"paypal.dispute", "open dispute", "", "2027-03-31", false, ""},
		{"PayPal Resolution Centre: escalate within 20 days",
			order("pay=PayPal", "case=dispute", "opened=2026-11-01"),
			"paypal.dispute", "escalate to claim", "", "2026-11-21", false, ""},
		{"Visa Core Rules: 120 days from the later of transaction and expected delivery",
			order("pay=Visa *4242", "paid=2026-01-10", "expected=2026-03-01"),
			"visa.chargeback", "chargeback", "", "2026-06-29", false, ""},
		{"Visa Core Rules: capped at transaction+540d",
			order("pay=visa", "paid=2026-01-10", "expected=2027-06-01"),
			"visa.chargeback", "chargeback", "", "2027-07-04", false, "capped by paid|ordered+540d"},
		{"Visa Core Rules: transaction date estimated from the order date",
			order("pay=VISA", "ordered=2026-01-10"),
			"visa.chargeback", "chargeback", "", "2026-05-10", true, "expected not recorded; paid not recorded: estimated from ordered"},
		{"Mastercard Chargeback Guide: no delivery date, wait txn+30d",
			order("pay=Mastercard *5454", "paid=2026-10-02"),
			"mastercard.chargeback", "chargeback", "2026-11-01", "2027-01-30", false, "expected not recorded"},
		{"Mastercard Chargeback Guide: with a delivery date, from it",
			order("pay=Mastercard", "paid=2026-10-02", "expected=2026-10-20"),
			"mastercard.chargeback", "chargeback", "2026-10-20", "2027-02-17", false, ""},
		{"finansavtaleloven § 2-7 / bank terms: txn+13 months, clamped to the month end",
			order("pay=Visa", "cur=NOK", "paid=2026-01-31"),
			"no.bank.claim", "bank claim", "", "2027-02-28", false, ""},
		{"Forbrukerrådet: the seller gets 14 days from the letter",
			order("case=dispute", "wrote=2026-11-01"),
			"seller.first", "seller's time to answer", "2026-11-01", "2026-11-15", false, ""},
		{"Forbrukerrådet: no letter to the seller recorded",
			order("case=chargeback"),
			"seller.first", "seller's time to answer", "", "", false, "wrote not recorded"},
		{"Directive 2011/83/EU art. 9: 14 days from receipt, across the year end",
			order("cur=EUR", "delivered=2026-12-25"),
			"eu.withdrawal", "withdrawal", "2026-12-25", "2027-01-08", false, ""},
		{"Directive (EU) 2019/771: 2 years from a leap day",
			order("cur=EUR", "delivered=2024-02-29"),
			"eu.guarantee", "legal guarantee", "", "2026-02-28", false, ""},
		{"angrerettloven § 21: 14 days from delivery",
			order("cur=NOK", "delivered=2026-10-02"),
			"no.angrerett", "angrerett", "2026-10-02", "2026-10-16", false, ""},
		{"forbrukerkjøpsloven § 27: 2 months from discovery, at a month end",
			order("cur=NOK", "case=warranty", "opened=2026-12-31"),
			"no.reklamasjon", "notice after discovery", "2026-12-31", "2027-02-28", false, ""},
		{"forbrukerkjøpsloven § 27: 2 years absolute",
			order("cur=NOK", "delivered=2026-10-02"),
			"no.reklamasjon", "absolute limit", "", "2028-10-02", false, ""},
		{"forbrukerkjøpsloven § 27: 5 years for durable goods",
			order("cur=NOK", "delivered=2026-10-02"),
			"no.reklamasjon", "absolute limit, durable goods", "", "2031-10-02", false, ""},
		{"foreldelsesloven § 2: 3 years",
			order("cur=NOK", "expected=2026-10-02"),
			"no.foreldelse", "time bar", "", "2029-10-02", true, "delivered not recorded: estimated from expected"},
	}
	rules := BuiltinRules()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := find(Evaluate(rules, tt.facts, time.UTC), tt.rule, tt.window)
			if !ok {
				t.Fatalf("%s/%s: not evaluated for %+v", tt.rule, tt.window, tt.facts)
			}
			if !d.Opens.Equal(day(tt.opens)) || !d.Closes.Equal(day(tt.close)) {
				t.Errorf("window %s .. %s, want %s .. %s", d.Opens.Format(time.DateOnly), d.Closes.Format(time.DateOnly), tt.opens, tt.close)
			}
			if d.Estimated != tt.estimated || d.Note != tt.note {
				t.Errorf("estimated %v %q, want %v %q", d.Estimated, d.Note, tt.estimated, tt.note)
			}
			if d.Unknown != (tt.close == "" && tt.rule != "ebay.mbg") {
				t.Errorf("unknown = %v", d.Unknown)
			}
		})
	}
}

func find(ds []Deadline, rule, window string) (Deadline, bool) {
	for _, d := range ds {
		if d.Rule == rule && d.Window == window {
			return d, true
		}
	}
	return Deadline{}, false
}

// TestApplies checks that rules only reach the orders they are about.
func TestApplies(t *testing.T) {
	rules := BuiltinRules()
	tests := []struct {
		facts Facts
		rule  string
		want  bool
	}{
		{order("pay=Mastercard *5454", "paid=2026-10-02"), "visa.chargeback", false},
		{order("pay=Visa *4242", "paid=2026-10-02"), "paypal.dispute", false},
		{order("market=temu", "ordered=2026-10-02"), "aliexpress.dispute.open", false},
		{order("market=AliExpress", "shipped=2026-10-02"), "aliexpress.dispute.open", true},
		{order("cur=EUR", "delivered=2026-10-02"), "no.angrerett", false},
		{order("cur=NOK", "delivered=2026-10-02"), "eu.withdrawal", false},
		{order("pay=BankAxept", "cur=NOK", "paid=2026-10-02"), "no.bank.claim", true},
		{order("market=aliexpress", "shipped=2026-10-02"), "aliexpress.dispute.escalate", false}, // needs a dispute case
		{order("market=aliexpress", "case=warranty", "opened=2026-10-02"), "aliexpress.dispute.escalate", false},
	}
	for _, tt := range tests {
		got := false
		for _, d := range Evaluate(rules, tt.facts, time.UTC) {
			got = got || d.Rule == tt.rule
		}
		if got != tt.want {
			t.Errorf("%s for %+v: applied = %v, want %v", tt.rule, tt.facts, got, tt.want)
		}
	}
}

// TestTimeZone: a deadline is a calendar date in the user's zone. A parcel
// delivered at 23:30 UTC on 1 October was delivered on 2 October in Oslo.
func TestTimeZone(t *testing.T) {
	f := order("cur=NOK", "delivered=2026-10-01T23:30:00Z")
	for _, tt := range []struct {
		loc  *time.Location
		want string
	}{{time.UTC, "2026-10-15"}, {oslo, "2026-10-16"}, {mustLoad("America/Los_Angeles"), "2026-10-15"}} {
		d, _ := find(Evaluate(BuiltinRules(), f, tt.loc), "no.angrerett", "angrerett")
		if got := d.Closes.Format(time.DateOnly); got != tt.want {
			t.Errorf("in %s: closes %s, want %s", tt.loc, got, tt.want)
		}
	}
}

func TestStatus(t *testing.T) {
	d := Deadline{Opens: day("2026-10-10"), Closes: day("2026-11-04")}
	for _, tt := range []struct {
		today  string
		status Status
		left   int
	}{
		{"2026-10-01", "not yet open", 34}, {"2026-10-10", "open", 25}, {"2026-11-04", "open", 0},
		{"2026-11-05", "missed", -1},
	} {
		if s, left := d.Status(day(tt.today)); s != tt.status || left != tt.left {
			t.Errorf("%s: %s %d, want %s %d", tt.today, s, left, tt.status, tt.left)
		}
	}
	if s, _ := (Deadline{Unknown: true}).Status(day("2026-10-01")); s != "unknown" {
		t.Errorf("unknown window: %s", s)
	}
}

// TestCharges: EU VAT package and Skatteetaten/Tolletaten thresholds.
func TestCharges(t *testing.T) {
	for _, tt := range []struct {
		total string
		want  string
	}{
		{"150.00 EUR", ""}, {"150.01 EUR", "eu.import.vat"}, {"2999.99 NOK", ""}, {"3000 NOK", "no.voec"},
		{"5000 USD", ""},
	} {
		m, err := money.Parse(tt.total)
		if err != nil {
			t.Fatal(err)
		}
		var got string
		for _, r := range ChargesNotes(BuiltinRules(), Facts{Currency: m.Currency, Law: vault.LawFor(vault.Order{Total: m})}, m) {
			got = r.ID
		}
		if got != tt.want {
			t.Errorf("%s: %q, want %q", tt.total, got, tt.want)
		}
	}
}

// TestGuard: the aliexpress.abuse heuristic (press reports; this project's
// thresholds): more than 3 disputes in 30 days, or more than 30 % of the
// orders of 90 days from the second dispute on.
func TestGuard(t *testing.T) {
	r, _ := Find(BuiltinRules(), "aliexpress.abuse")
	g := *r.Guard
	for _, tt := range []struct {
		d30, d90, orders int
		warn             bool
	}{
		{1, 1, 1, false}, // a first dispute is no pattern
		{2, 2, 10, false},
		{2, 2, 6, true}, // 33 %
		{3, 3, 100, false},
		{4, 4, 100, true}, // a 4th in 30 days
		{1, 4, 12, true},
		{1, 3, 10, false}, // exactly 30 %
	} {
		if got := g.Warn("aliexpress", tt.d30, tt.d90, tt.orders) != ""; got != tt.warn {
			t.Errorf("%+v: warn = %v", tt, got)
		}
	}
}
