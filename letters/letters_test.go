package letters

import (
	"strings"
	"testing"
	"time"
	"vault"

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

func facts(kind vault.CaseKind, currency string, delivered bool) Facts {
	o := vault.Order{ID: 1, Marketplace: vault.AliExpress, Number: "8123456789012345", Seller: "Blåbær Store 蓝莓",
		Items: []string{"USB-C lader 65 W"}, Total: money.Money{Minor: 123450, Currency: currency},
		Ordered: day("2026-10-02"), Shipped: day("2026-10-05"), Expected: day("2026-10-30"), Payment: "Visa ****4242"}
	if delivered {
		o.Delivered = day("2026-10-20")
	}
	f := vault.CaseFile{Case: vault.Case{ID: 3, Kind: kind, Status: vault.StatusOpen, Amount: o.Total, Reference: "DSP-77"},
		Orders: []vault.Order{o},
		Evidence: []vault.Evidence{
			{ID: 1, Kind: vault.EvidenceMessage, Party: vault.PartyMe, OccurredAt: day("2026-11-01")},
			{ID: 2, Kind: vault.EvidenceMessage, Party: vault.PartySeller, OccurredAt: day("2026-11-02")},
		}}
	return Facts{Claimant: "Kari Nordmann", Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Loc: time.UTC, File: f,
		Disputes: []vault.DisputeOutcome{{Case: 2, Kind: vault.Dispute, Marketplace: vault.AliExpress, Orders: "8100000000000001",
			Opened: day("2026-06-01"), Status: vault.StatusWon}}, Exhibits: 4}
}

// TestEveryLetter renders every letter in both languages for every kind of
// case, and checks what each must say.
func TestEveryLetter(t *testing.T) {
	for _, l := range []lang.Lang{lang.EN, lang.NB} {
		for _, kind := range Kinds {
			for _, caseKind := range vault.CaseKinds {
				for _, cur := range []string{"NOK", "EUR", "USD"} {
					text, err := Write(kind, l, facts(caseKind, cur, caseKind == vault.Warranty))
					if err != nil {
						t.Fatalf("%s/%s/%s: %v", l, kind, caseKind, err)
					}
					check(t, l, kind, cur, text)
				}
			}
		}
	}
}

func check(t *testing.T, l lang.Lang, kind Kind, cur, text string) {
	t.Helper()
	amount := map[lang.Lang]map[string]string{
		lang.EN: {"NOK": "1234.50 NOK", "EUR": "1234.50 EUR", "USD": "1234.50 USD"},
		lang.NB: {"NOK": "1\u00a0234,50\u00a0kr", "EUR": "1\u00a0234,50\u00a0EUR", "USD": "1\u00a0234,50\u00a0USD"},
	}[l][cur]
	want := []string{"Kari Nordmann", "8123456789012345", "AliExpress", "Blåbær Store 蓝莓"}
	if kind != Reinstatement {
		want = append(want, amount)
	}
	if l == lang.NB {
		want = append(want, "02.10.2026", "25.11.2026")
	} else {
		want = append(want, "2026-10-02", "2026-11-25")
	}
	switch kind {
	case Seller:
		want = append(want, map[lang.Lang]string{lang.EN: "2026-12-09", lang.NB: "09.12.2026"}[l]) // 14 days
	case Reinstatement:
		want = append(want, "CASE-2", "8100000000000001", map[lang.Lang]string{lang.EN: "won", lang.NB: "vunnet"}[l])
	case Withdrawal:
		want = append(want, map[string]string{"NOK": "angrerettloven § 21", "EUR": "2011/83/EU", "USD": "2011/83/EU"}[cur])
	case Reklamasjon:
		want = append(want, map[string]string{"NOK": "forbrukerkjøpsloven § 27", "EUR": "2019/771", "USD": "2019/771"}[cur])
	case Chargeback:
		if cur == "NOK" {
			want = append(want, "finansavtaleloven § 2-7")
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s %s (%s): no %q in\n%s", l, kind, cur, w, text)
		}
	}
	for _, bad := range []string{"<no value>", "{{", "\n\n\n", "%!"} {
		if strings.Contains(text, bad) {
			t.Errorf("%s %s: %q in\n%s", l, kind, bad, text)
		}
	}
}

func TestUnknownLetter(t *testing.T) {
	if _, err := Write("love", lang.EN, facts(vault.Dispute, "NOK", false)); err == nil {
		t.Error("unknown letter written")
	}
}

func TestNoClaimant(t *testing.T) {
	f := facts(vault.Dispute, "NOK", false)
	f.Claimant = ""
	text, _ := Write(Seller, lang.NB, f)
	if !strings.Contains(text, "[ditt navn]") {
		t.Errorf("no placeholder for the name:\n%s", text)
	}
}

// TestReferencesAndAccount: the letters cite the case's own numbers, and a
// reinstatement the account as recorded, saying nothing not recorded.
func TestReferencesAndAccount(t *testing.T) {
	f := facts(vault.Reinstatement, "NOK", true)
	f.File.Case.DisputeNumber, f.File.Case.BankReference = "5511023", "KR-2026-11-0042"
	f.File.Account = &vault.Account{ID: 1, Marketplace: vault.AliExpress, Login: "kari@example.no", Blocked: day("2026-11-01"),
		Reason: "abnormal dispute activity"}
	for l, want := range map[lang.Lang][]string{
		lang.EN: {"(reference DSP-77; dispute number 5511023; bank reference KR-2026-11-0042)",
			`The account: kari@example.no. Restricted on 2026-11-01. The reason given: "abnormal dispute activity".`},
		lang.NB: {"(referanse DSP-77; tvistenummer 5511023; bankens referanse KR-2026-11-0042)",
			"Kontoen: kari@example.no. Begrenset 01.11.2026. Oppgitt grunn: «abnormal dispute activity»."},
	} {
		text, err := Write(Reinstatement, l, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("%s: no %q in\n%s", l, w, text)
			}
		}
	}
	f.File.Account.Blocked, f.File.Account.Reason = date.Value{}, ""
	text, _ := Write(Reinstatement, lang.EN, f)
	if !strings.Contains(text, "The account: kari@example.no.\n") || strings.Contains(text, "Restricted on") {
		t.Errorf("an account with only its login:\n%s", text)
	}
}
