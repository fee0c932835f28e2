package deadlines

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// TestBuiltin: every rule of docs/domain-rules.md is in the table, with its
// source and the day it was verified.
func TestBuiltin(t *testing.T) {
	want := []string{"aliexpress.dispute.open", "aliexpress.dispute.escalate", "aliexpress.protection",
		"aliexpress.abuse", "visa.repeat", "temu.return", "amazon.atoz", "ebay.mbg", "ebay.appeal", "paypal.dispute", "visa.chargeback",
		"mastercard.chargeback", "no.bank.claim", "no.unauthorised", "seller.first", "no.forsinkelse", "eu.delay",
		"eu.withdrawal", "eu.refund", "eu.guarantee", "de.verjaehrung", "se.reklamation", "no.angrerett", "no.reklamasjon", "no.foreldelse", "eu.import.vat", "no.voec"}
	rules := BuiltinRules()
	if len(rules) != len(want) {
		t.Errorf("%d rules, want %d", len(rules), len(want))
	}
	for _, id := range want {
		r, err := Find(rules, id)
		if err != nil {
			t.Error(err)
			continue
		}
		if r.Source == "" || r.Verified == "" || r.Origin != Builtin {
			t.Errorf("%s: source %q, verified %q, origin %q", id, r.Source, r.Verified, r.Origin)
		}
		// Each rule quotes its source verbatim, or says it was not checked
		// against the text; each names where to read it, but the project's
		// own heuristic and a page whose address was not found.
		if r.Quote == "" && !strings.Contains(r.Source, "not checked against") && r.Kind != RuleInfo && r.Kind != RuleGuard &&
			id != "seller.first" {
			t.Errorf("%s: no quote of its source, and not said to be unchecked", id)
		}
		if r.URL == "" && id != "aliexpress.abuse" && id != "aliexpress.protection" {
			t.Errorf("%s: no address of its source", id)
		}
		if r.Kind == "deadline" && len(r.Windows) == 0 {
			t.Errorf("%s: a deadline without windows", id)
		}
	}
}

func TestParseNasty(t *testing.T) {
	good := `{"id":"x.y","kind":"deadline","says":"s","source":"src","windows":[{"name":"w","closes":{"of":[{"from":"paid","days":3}]}}]}`
	tests := []struct{ name, in, err string }{
		{"empty", ``, "EOF"},
		{"null", `null`, ""},
		{"not an array", `{}`, "cannot unmarshal"},
		{"truncated", `[` + good[:40], "unexpected EOF"},
		{"trailing", `[` + good + `] []`, "trailing"},
		{"unknown field", `[{"id":"a","bogus":1}]`, "unknown field"},
		{"path traversal id", strings.Replace(`[`+good+`]`, `"x.y"`, `"../../etc"`, 1), "rule id"},
		{"emoji id", strings.Replace(`[`+good+`]`, `"x.y"`, `"😀"`, 1), "rule id"},
		{"upper case id", strings.Replace(`[`+good+`]`, `"x.y"`, `"X.Y"`, 1), "rule id"},
		{"negative days", strings.Replace(`[`+good+`]`, `"days":3`, `"days":-3`, 1), "between 0"},
		{"huge days", strings.Replace(`[`+good+`]`, `"days":3`, `"days":99999999`, 1), "between 0"},
		{"huge years", strings.Replace(`[`+good+`]`, `"days":3`, `"years":1000`, 1), "between 0"},
		{"buyer not a code", strings.Replace(`[`+good+`]`, `"source":"src"`, `"source":"src","applies":{"buyers":["Sverige"]}`, 1), "country code"},
		{"buyer in lower case", strings.Replace(`[`+good+`]`, `"source":"src"`, `"source":"src","applies":{"except_buyers":["se"]}`, 1), "country code"},
		{"unknown date", strings.Replace(`[`+good+`]`, `"paid"`, `"æøå"`, 1), "date"},
		{"opened outside a case", strings.Replace(`[`+good+`]`, `"paid"`, `"opened"`, 1), "opened"},
		{"no source", strings.Replace(`[`+good+`]`, `"src"`, `""`, 1), "source"},
		{"bad kind", strings.Replace(`[`+good+`]`, `"deadline"`, `"wish"`, 1), "kind"},
		{"no terms", strings.Replace(`[`+good+`]`, `[{"from":"paid","days":3}]`, `[]`, 1), "term"},
		{"bad pick", strings.Replace(`[`+good+`]`, `"of"`, `"pick":"median","of"`, 1), "pick"},
		{"twice", `[` + good + `,` + good + `]`, "twice"},
		{"wrong encoding", "[\xff\xfe]", "invalid character"},
		{"CJK says", strings.Replace(`[`+good+`]`, `"says":"s"`, `"says":"争议"`, 1), ""},
		{"good", `[` + good + `]`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
				t.Errorf("err = %v, want %q", err, tt.err)
			}
		})
	}
}

func TestOverride(t *testing.T) {
	rules := BuiltinRules()
	r, _ := Find(rules, "aliexpress.dispute.open")
	r, err := r.WithDays("", 20)
	if err != nil {
		t.Fatal(err)
	}
	merged := Merge(rules, []Rule{r})
	got, _ := Find(merged, "aliexpress.dispute.open")
	if got.Origin != Overridden {
		t.Errorf("origin %q", got.Origin)
	}
	d, _ := find(Evaluate(merged, order("market=aliexpress", "shipped=2026-10-05", "delivered=2026-10-20"), time.UTC),
		"aliexpress.dispute.open", "open dispute")
	if d.Closes.Format(time.DateOnly) != "2026-11-09" || d.Origin != Overridden {
		t.Errorf("closes %s (%s), want 2026-11-09 overridden", d.Closes.Format(time.DateOnly), d.Origin)
	}
	if _, err := r.WithDays("", -1); err == nil {
		t.Error("negative days accepted")
	}
	if _, err := r.WithDays("nope", 3); err == nil {
		t.Error("unknown window accepted")
	}
	bank, _ := Find(rules, "no.bank.claim")
	if _, err := bank.WithDays("", 3); err == nil {
		t.Error("a window without a closing date accepted --days")
	}
	if _, err := Find(rules, "aliexpress.nope"); err == nil {
		t.Error("unknown rule found")
	}
	added := Merge(rules, []Rule{{ID: "my.rule", Kind: "info", Says: "s", Source: "me"}})
	if r, _ := Find(added, "my.rule"); r.Origin != Added {
		t.Errorf("added rule origin %q", r.Origin)
	}
}

// FuzzParse: any rules file either is refused or evaluates without a panic,
// and every window it computes closes on a real calendar day.
func FuzzParse(f *testing.F) {
	f.Add(builtin)
	f.Add([]byte(`[{"id":"a","kind":"deadline","says":"s","source":"x","windows":[{"name":"w","closes":{"pick":"latest","of":[{"from":"paid|ordered","months":13}]}}]}]`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rules, err := Parse(b)
		if err != nil {
			return
		}
		out, err := json.Marshal(rules)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(out); err != nil {
			t.Fatalf("a parsed rule set does not read back: %v", err)
		}
		merged := Merge(BuiltinRules(), rules)
		for _, f := range []Facts{
			order("market=aliexpress", "pay=Visa", "cur=NOK", "ordered=2026-01-31", "paid=2026-01-31", "delivered=2028-02-29"),
			order("case=dispute", "opened=2026-12-31", "wrote=2026-12-01", "cur=EUR"),
		} {
			for _, d := range Evaluate(merged, f, time.UTC) {
				if !d.Unknown && d.Closes.Year() > 2200 {
					t.Fatalf("%s closes in %d", d.Rule, d.Closes.Year())
				}
			}
		}
	})
}
