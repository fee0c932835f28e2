package letters

import (
	"fmt"
	"math/rand/v2"
	"slices"
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

// shape is one combination of what a case has recorded.
type shape struct {
	kind                                      vault.CaseKind
	trouble                                   vault.Trouble
	country, payment                          string
	delivered, shipped, tracking, expected    bool
	wrote, reply, confirmation, receipt       bool
	disputeNumber, dossier, wroteFirst, photo bool
	refund                                    bool // 200 NOK back, recorded on the order
}

// records are the records of a shape.
func (s shape) records() vault.CaseRecords {
	o := vault.Order{ID: 1, Marketplace: vault.AliExpress, Number: "8123456789012345", Seller: "Blåbær Store 蓝莓",
		Items: []string{"USB-C lader 65 W"}, Total: money.Money{Minor: 123450, Currency: "NOK"}, Ordered: day("2026-10-02"),
		Payment: s.payment}
	if s.shipped {
		o.Shipped = day("2026-10-05")
	}
	if s.tracking {
		o.Tracking = []string{"LP00123456789CN"}
	}
	if s.expected {
		o.Expected = day("2026-10-30")
	}
	if s.delivered {
		o.Delivered = day("2026-10-20")
	}
	total := o.Total
	if s.refund {
		o.Refunded, o.RefundedAt = money.Money{Minor: 20000, Currency: "NOK"}, day("2026-11-10")
	}
	c := vault.Case{ID: 3, Kind: s.kind, Status: vault.StatusOpen, Amount: total, Opened: day("2026-11-15"), Problem: s.trouble,
		Orders: []vault.OrderID{1}}
	if s.disputeNumber {
		c.DisputeNumber = "5511023"
	}
	var ev []vault.Evidence
	add := func(on bool, e vault.Evidence) {
		if on {
			e.ID = vault.EvidenceID(len(ev) + 1)
			ev = append(ev, e)
		}
	}
	add(s.wrote, vault.Evidence{Kind: vault.EvidenceMessage, Party: vault.PartyMe, OccurredAt: day("2026-11-01")})
	add(s.reply, vault.Evidence{Kind: vault.EvidenceMessage, Party: vault.PartySeller, OccurredAt: day("2026-11-02")})
	add(s.confirmation, vault.Evidence{Kind: vault.EvidenceEmail, Party: vault.PartyMarketplace, OccurredAt: day("2026-10-02")})
	add(s.confirmation, vault.Evidence{Kind: vault.EvidenceConfirmation})
	add(s.receipt, vault.Evidence{Kind: vault.EvidenceReceipt})
	add(s.photo, vault.Evidence{Kind: vault.EvidencePhoto})
	add(s.tracking, vault.Evidence{Kind: vault.EvidenceTracking})
	r := vault.CaseRecords{File: vault.CaseFile{Case: c, Orders: []vault.Order{o}, Evidence: ev}}
	// The buyer's history at AliExpress: ten orders, one dispute, won, with
	// a letter to the seller before it when wroteFirst.
	m := &vault.MarketRecords{Orders: []vault.Order{o}, Cases: []vault.Case{{ID: 2, Kind: vault.Dispute, Status: vault.StatusWon,
		Opened: day("2026-06-01"), Orders: []vault.OrderID{100}}}}
	for i := range 9 {
		m.Orders = append(m.Orders, vault.Order{ID: vault.OrderID(100 + i), Marketplace: vault.AliExpress, Number: fmt.Sprint(8100000000000001 + i)})
	}
	if s.wroteFirst {
		m.Evidence = []vault.Evidence{{ID: 99, Kind: vault.EvidenceMessage, Party: vault.PartyMe, OccurredAt: day("2026-05-20"),
			Orders: []vault.OrderID{100}}}
	}
	r.Market = m
	return r
}

// facts are the facts of a shape, derived from its records, as the casework
// gives them to the letters.
func (s shape) facts() Facts {
	f := factsOf(s.records())
	f.Country = s.country
	if s.dossier {
		f.Dossier, f.Exhibits = true, 4
	}
	return f
}

func factsOf(r vault.CaseRecords) Facts {
	return Facts{Claimant: "Kari Nordmann", Country: "NO", Today: time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), Loc: time.UTC,
		Case: vault.Derive(r)}
}

// noteTexts are the notes' texts, one a line.
func noteTexts(notes []vault.Note) string {
	var out []string
	for _, n := range notes {
		out = append(out, n.Text)
	}
	return strings.Join(out, "\n")
}

// claim is a phrase that states a fact, in each language, and whether a
// shape's records back it.
type claim struct {
	en, nb string
	backed func(shape, Kind) bool
}

// claims are the phrases that state a fact, in each language, and whether
// a shape's records back each.
var claims = []claim{
	{" Delivered ", " Levert ", func(s shape, _ Kind) bool { return s.delivered }},
	{" Shipped ", " Sendt ", func(s shape, _ Kind) bool { return (s.shipped || s.tracking) && !s.delivered }},
	{"tracking number", "sporingsnummer", func(s shape, _ Kind) bool { return s.tracking && !s.delivered }},
	{"Delivery was expected", "Levering var ventet", func(s shape, _ Kind) bool { return s.expected && !s.delivered }},
	{"I wrote to the seller on", "Jeg skrev til selgeren", func(s shape, _ Kind) bool { return s.wrote }},
	{", first on", ", første gang", func(s shape, _ Kind) bool { return s.wrote }},
	{"written to the seller", "skrevet til selgeren", func(s shape, _ Kind) bool { return s.wrote }},
	{"received one answer", "fått ett svar", func(s shape, _ Kind) bool { return s.reply && s.wrote }},
	{"I have not received the goods", "Jeg har ikke mottatt varen", func(s shape, _ Kind) bool {
		return s.trouble == vault.NotReceived || s.kind == vault.Delay && s.trouble == ""
	}},
	{"have not been delivered", "er ikke levert", func(s shape, k Kind) bool { return k == Delay }},
	{"I received have a defect", "jeg mottok, har en feil", func(s shape, _ Kind) bool {
		return s.trouble == vault.Defective || s.kind == vault.Warranty && s.trouble == ""
	}},
	{"not as described", "ikke som beskrevet", func(s shape, _ Kind) bool { return s.trouble == vault.NotAsDescribed }},
	{"dispute number 5511023", "tvistenummer 5511023", func(s shape, _ Kind) bool { return s.disputeNumber }},
	{"enclosed dossier", "vedlagte dokumentasjonen", func(s shape, _ Kind) bool { return s.dossier }},
	{"attached dossier", "vedlagte dokumentasjonen", func(s shape, _ Kind) bool { return s.dossier }},
	{"order confirmation", "ordrebekreftelsen", func(s shape, _ Kind) bool { return s.confirmation && s.dossier }},
	{"proof of payment", "betalingsbeviset", func(s shape, _ Kind) bool { return s.receipt && s.dossier }},
	{"the tracking history", "sporingsinformasjonen", func(s shape, _ Kind) bool { return s.tracking && s.dossier }},
	{"photos of the goods", "bilder av varen", func(s shape, _ Kind) bool { return s.photo && s.dossier }},
	{"finansavtaleloven § 2-7", "finansavtaleloven § 2-7", func(s shape, _ Kind) bool {
		return s.country == "NO" && strings.Contains(s.payment, "credit")
	}},
	{"forbrukerkjøpsloven", "forbrukerkjøpsloven", func(s shape, _ Kind) bool { return s.country == "NO" }},
	{"angrerettloven", "angrerettloven", func(s shape, _ Kind) bool { return s.country == "NO" }},
	{"2011/83/EU", "2011/83/EU", func(s shape, _ Kind) bool { return s.country == "SE" }},
	{"2019/771", "2019/771", func(s shape, _ Kind) bool { return s.country == "SE" }},
	{"I wrote to the seller first", "skrev jeg først til selgeren", func(s shape, _ Kind) bool { return s.wroteFirst }},
	{"200.00 NOK refunded", "200,00\u00a0kr refundert", func(s shape, _ Kind) bool { return s.refund }},
	{"1234.50 NOK back", "tilbake 1\u00a0234,50", func(s shape, _ Kind) bool { return !s.refund }},
	{"refund 1234.50", "betale tilbake 1\u00a0234,50", func(s shape, _ Kind) bool { return !s.refund }},
	{"CASE-", "CASE-", func(shape, Kind) bool { return false }}, // the vault's own ids are no receiver's business
}

// TestEverySentenceHasItsRecord drafts every letter in both languages for
// hundreds of case shapes (with and without delivery, shipment, tracking,
// the buyer's message, the seller's answer, a confirmation, a dispute
// number, a dossier, each problem and country) and checks that no phrase
// stating a fact appears without the record that backs it; that a gap is
// left, and said, when what went wrong is not recorded; and that no letter
// is broken.
func TestEverySentenceHasItsRecord(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	flip := func() bool { return r.IntN(2) == 0 }
	for range 400 {
		s := shape{kind: vault.CaseKinds[r.IntN(len(vault.CaseKinds))], trouble: append([]vault.Trouble{""}, vault.Troubles...)[r.IntN(7)], country: []string{"NO", "SE", "US"}[r.IntN(3)],
			payment: []string{"Visa ****4242", "BankAxept", "Mastercard", "Visa credit ****1111"}[r.IntN(4)], delivered: flip(), shipped: flip(),
			tracking: flip(), expected: flip(), wrote: flip(), reply: flip(), confirmation: flip(), receipt: flip(),
			disputeNumber: flip(), dossier: flip(), wroteFirst: flip(), photo: flip(), refund: flip()}
		for _, l := range []lang.Lang{lang.EN, lang.NB} {
			for _, kind := range Kinds {
				d, err := Write(kind, l, s.facts())
				if err != nil {
					t.Fatal(err)
				}
				check(t, s, kind, l, d)
			}
			checkSummary(t, s, l, Summary(l, s.facts()))
		}
	}
}

// summaryClaims are the summary's fact-stating phrases and the record each
// needs.
var summaryClaims = []claim{
	{"Goods not received.", "Varen er ikke mottatt.", func(s shape, _ Kind) bool {
		return s.trouble == vault.NotReceived || s.kind == vault.Delay && s.trouble == ""
	}},
	{"paid on", "betalt 0", func(shape, Kind) bool { return false }}, // no paid day is recorded in these shapes
	{"Shipped ", "Sendt ", func(s shape, _ Kind) bool { return s.shipped }},
	{"Tracking number", "Sporingsnummer", func(s shape, _ Kind) bool { return s.tracking }},
	{"Delivered ", "Levert ", func(s shape, _ Kind) bool { return s.delivered }},
	{"Delivery expected", "Levering ventet", func(s shape, _ Kind) bool { return s.expected && !s.delivered }},
	{"I wrote to the seller", "skrev til selgeren", func(s shape, _ Kind) bool {
		return s.wrote || s.kind == vault.Reinstatement && s.wroteFirst
	}},
	{"The seller answered", "Selgeren svarte", func(s shape, _ Kind) bool { return s.reply && s.wrote }},
	{"dispute 5511023", "tvist 5511023", func(s shape, _ Kind) bool { return s.disputeNumber && s.kind == vault.Dispute }},
	{"Before each I wrote to the seller first.", "Før hver av dem skrev jeg først til selgeren.", func(s shape, _ Kind) bool {
		return s.kind == vault.Reinstatement && s.wroteFirst
	}},
	{"was refunded on 2026-11-10", "er refundert 10.11.2026", func(s shape, _ Kind) bool { return s.refund && s.kind != vault.Reinstatement }},
	{"1234.50 NOK back", "tilbake 1\u00a0234,50", func(s shape, _ Kind) bool { return !s.refund }},
	{"CASE-", "CASE-", func(shape, Kind) bool { return false }},
}

func checkSummary(t *testing.T, s shape, l lang.Lang, text string) {
	t.Helper()
	for _, c := range summaryClaims {
		phrase := map[lang.Lang]string{lang.EN: c.en, lang.NB: c.nb}[l]
		if strings.Contains(text, phrase) && !c.backed(s, "") {
			t.Errorf("summary %s for %+v: %q without its record in\n%s", l, s, phrase, text)
		}
	}
	if !strings.Contains(text, "8123456789012345") {
		t.Errorf("summary %s: no order number in %q", l, text)
	}
}

func check(t *testing.T, s shape, kind Kind, l lang.Lang, d Draft) {
	t.Helper()
	for _, c := range claims {
		phrase := map[lang.Lang]string{lang.EN: c.en, lang.NB: c.nb}[l]
		if strings.Contains(d.Text, phrase) && !c.backed(s, kind) {
			t.Errorf("%s %s for %+v: %q without its record in\n%s", l, kind, s, phrase, d.Text)
			return
		}
	}
	gap := strings.Contains(d.Text, map[lang.Lang]string{lang.EN: "[Say here what went wrong.]", lang.NB: "[Skriv her hva som gikk galt.]"}[l]) ||
		strings.Contains(d.Text, map[lang.Lang]string{lang.EN: "[Say here what is wrong with the payment.]", lang.NB: "[Skriv her hva som er feil med betalingen.]"}[l])
	trouble := vault.TroubleOf(vault.Case{Kind: s.kind, Problem: s.trouble})
	payment := trouble == vault.NotAuthorised || trouble == vault.ChargedTwice || trouble == vault.WrongAmount
	wantGap := (kind == Seller || kind == Dispute || kind == Chargeback) && (trouble == "" || payment) || kind == Unauthorised && !payment
	if gap != wantGap {
		t.Errorf("%s %s for %+v: gap %v, want %v", l, kind, s, gap, wantGap)
	}
	if gap && !slices.ContainsFunc(d.Notes, func(n vault.Note) bool { return n.Fix != nil && n.Fix.Field == "problem" }) {
		t.Errorf("%s %s: a gap and no note saying what to record: %v", l, kind, d.Notes)
	}
	want := []string{"Kari Nordmann", "8123456789012345", "AliExpress", "Blåbær Store 蓝莓"}
	if kind == Unauthorised && trouble == vault.NotAuthorised {
		want = []string{"Kari Nordmann", "Blåbær Store 蓝莓"} // a payment the buyer did not make is no order of theirs
	}
	for _, want := range want {
		if !strings.Contains(d.Text, want) {
			t.Errorf("%s %s: no %q in\n%s", l, kind, want, d.Text)
		}
	}
	for _, bad := range []string{"<no value>", "{{", "\n\n\n", "%!", "  "} {
		if strings.Contains(d.Text, bad) {
			t.Errorf("%s %s: %q in\n%s", l, kind, bad, d.Text)
		}
	}
}

// TestWords: what each letter asks, in words the receiver reads right.
func TestWords(t *testing.T) {
	base := shape{kind: vault.Chargeback, trouble: vault.NotReceived, country: "NO", payment: "Visa ****4242", wrote: true,
		reply: true, shipped: true, dossier: true, tracking: true}
	for _, tc := range []struct {
		kind Kind
		l    lang.Lang
		s    shape
		want []string
		not  []string
	}{
		{Chargeback, lang.NB, base, []string{"Jeg reklamerer på dette kjøpet, som jeg betalte med kortet mitt, og ber om å få tilbake 1\u00a0234,50\u00a0kr:",
			"Jeg har ikke mottatt varen.", "Jeg skrev til selgeren 01.11.2026, og fikk ett svar, men saken er ikke løst.",
			"inneholder sporingsinformasjonen og korrespondansen"}, []string{"bestrider", "1 svar", "én gang", "§ 2-7"}},
		{Chargeback, lang.NB, shape{kind: vault.Chargeback, trouble: vault.NotReceived, country: "NO", payment: "Visa credit ****4242"},
			[]string{"Kjøpet er betalt med kredittkort. Jeg gjør derfor kravet om tilbakebetaling av 1\u00a0234,50\u00a0kr gjeldende også overfor dere, jf. finansavtaleloven § 2-7."}, nil},
		{Seller, lang.EN, base, []string{"I ask you to deliver the goods by 2026-12-09, 14 days from today; if they have not come by then, I will cancel the purchase and ask for 1234.50 NOK back."}, nil},
		{Reklamasjon, lang.NB, shape{kind: vault.Warranty, country: "NO", delivered: true},
			[]string{"Feilen: [beskriv feilen og hvordan den viser seg].", "Jeg oppdaget den [dato].", "prisavslag", "heve kjøpet",
				"forbrukerkjøpsloven § 27"}, []string{"innen to måneder etter", "§ 26"}},
		{Delay, lang.NB, shape{kind: vault.Delay, country: "NO"}, []string{"Jeg setter en tilleggsfrist for levering til 09.12.2026.",
			"er kjøpet hevet uten nytt varsel", "(forbrukerkjøpsloven § 23)"}, nil},
		{Delay, lang.EN, shape{kind: vault.Delay, country: "SE"}, []string{"I will cancel the purchase (häva köpet)",
			"(konsumentköplagen (2022:260); Directive 2011/83/EU art. 18)"}, []string{"my country"}},
		{Delay, lang.EN, shape{kind: vault.Delay, country: "FR"}, []string{"(the consumer law of France, which implements Directive 2011/83/EU art. 18)",
			"the contract is terminated without further notice"}, []string{"my country"}},
		{Delay, lang.NB, shape{kind: vault.Delay, country: "FR"}, []string{"forbrukerlovgivningen i Frankrike"}, []string{"mitt land"}},
		{Delay, lang.EN, shape{kind: vault.Delay, country: "DE"}, []string{"I will withdraw from the contract (Rücktritt)", "(BGB § 323)"}, []string{"my country"}},
		{Withdrawal, lang.EN, shape{kind: vault.Withdrawal, country: "DE", delivered: true}, []string{"I withdraw from the contract (Widerruf, BGB § 312g and § 355)"}, nil},
		{Unauthorised, lang.EN, shape{kind: vault.Unauthorised, trouble: vault.NotAuthorised, country: "DE"},
			[]string{"no later than the end of the business day after this notice (BGB § 675u)", "(BGB § 676b)"}, []string{"my country"}},
		{Unauthorised, lang.EN, shape{kind: vault.Unauthorised, trouble: vault.ChargedTwice, country: "NO"},
			[]string{"My card was charged twice for this purchase; I authorised one charge only:", "no later than the end of the next business day",
				"2015/2366 art. 71", "13 months"}, []string{"or it was executed wrongly"}},
		{Reinstatement, lang.EN, shape{kind: vault.Reinstatement, country: "NO", wroteFirst: true, disputeNumber: true},
			[]string{"My records show 10 orders on the account.", "- dispute about order 8100000000000001, opened 2026-06-01, won.",
				"Before each of them I wrote to the seller first."}, []string{"CASE-2", "ordinary purchases"}},
		// The escalation named is the one the payment allows (a PayPal claim, not a card's chargeback).
		{Seller, lang.EN, shape{kind: vault.OtherCase, trouble: vault.NotReceived, country: "NO", payment: "PayPal"},
			[]string{"I will open a dispute with AliExpress or open a dispute with PayPal, and attach this letter."}, []string{"chargeback", "card issuer"}},
		{Seller, lang.NB, shape{kind: vault.OtherCase, trouble: vault.NotReceived, country: "NO", payment: "Mastercard"},
			[]string{"vil jeg åpne en tvist hos AliExpress eller be kortutstederen om å tilbakeføre betalingen (kortreklamasjon), og legge ved dette brevet."}, nil},
		{Seller, lang.EN, shape{kind: vault.OtherCase, trouble: vault.NotReceived, country: "NO", payment: "BankAxept"},
			[]string{"I will open a dispute with AliExpress, and attach this letter."}, []string{"chargeback"}},
		// A dispute already open: the next step is the payment's.
		{Seller, lang.EN, shape{kind: vault.Dispute, trouble: vault.NotReceived, country: "NO", payment: "PayPal"},
			[]string{"If the matter is not resolved by then, I will open a dispute with PayPal, and attach this letter."}, []string{"open a dispute with AliExpress"}},
		{Seller, lang.EN, shape{kind: vault.OtherCase, trouble: vault.NotReceived, country: "NO", payment: "BankAxept"},
			[]string{"I will open a dispute with AliExpress, and attach this letter."}, []string{"chargeback"}},
		{Seller, lang.NB, shape{kind: vault.Warranty, trouble: vault.Defective, country: "NO", delivered: true},
			[]string{"rette feilen eller bytte varen uten kostnad for meg"}, []string{"betale tilbake"}},
	} {
		d, err := Write(tc.kind, tc.l, tc.s.facts())
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(d.Text, w) {
				t.Errorf("%s %s: no %q in\n%s", tc.l, tc.kind, w, d.Text)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(d.Text, w) {
				t.Errorf("%s %s: %q in\n%s", tc.l, tc.kind, w, d.Text)
			}
		}
	}
}

// TestNotes: what a letter cannot say is said to the user instead.
func TestNotes(t *testing.T) {
	s := shape{kind: vault.Withdrawal, country: "NO", delivered: true} // delivered 20 October, today 25 November
	d, _ := Write(Withdrawal, lang.EN, s.facts())
	if notes := noteTexts(d.Notes); !strings.Contains(notes, "the 14 days of ORD-1 ended on 2026-11-03") {
		t.Errorf("a late withdrawal said nothing: %v", d.Notes)
	}
	d, _ = Write(Dispute, lang.EN, shape{kind: vault.Dispute, trouble: vault.NotReceived, country: "NO"}.facts())
	if notes := noteTexts(d.Notes); !strings.Contains(notes, "no message of yours to the seller is recorded") {
		t.Errorf("no note on the missing letter to the seller: %v", d.Notes)
	}
	f := shape{kind: vault.Dispute, trouble: vault.NotReceived, country: "NO"}.facts()
	f.AnswerFor = "your last day for open dispute is 2026-12-04: send the letter today"
	d, _ = Write(Seller, lang.EN, f) // forbrukerkjøpsloven § 30: the seller remedies "innen rimelig tid"; a deadline of the buyer's is the buyer's
	if !strings.Contains(d.Text, "deliver the goods by 2026-12-09, 14 days from today;") || !strings.Contains(noteTexts(d.Notes), "send the letter today") {
		t.Errorf("a deadline of the buyer's shortened the seller's time: %q %v", d.Text, d.Notes)
	}
	d, _ = Write(Withdrawal, lang.EN, shape{kind: vault.Withdrawal, country: "US", delivered: true}.facts())
	if strings.Contains(d.Text, "Directive") || !strings.Contains(noteTexts(d.Notes), "no consumer law the vault knows") {
		t.Errorf("a buyer in the US: %q %v", d.Text, d.Notes)
	}
}

func TestUnknownLetter(t *testing.T) {
	if _, err := Write("love", lang.EN, shape{kind: vault.Dispute}.facts()); err == nil {
		t.Error("unknown letter written")
	}
}

func TestNoClaimant(t *testing.T) {
	f := shape{kind: vault.Dispute}.facts()
	f.Claimant = ""
	d, _ := Write(Seller, lang.NB, f)
	if !strings.Contains(d.Text, "[ditt navn]") {
		t.Errorf("no placeholder for the name:\n%s", d.Text)
	}
}

// TestReferencesAndAccount: the letters cite the case's own numbers, and a
// reinstatement the account as recorded, saying nothing not recorded.
func TestReferencesAndAccount(t *testing.T) {
	r := shape{kind: vault.Reinstatement, country: "NO", delivered: true}.records()
	r.File.Case.Reference, r.File.Case.DisputeNumber, r.File.Case.BankReference = "DSP-77", "5511023", "KR-2026-11-0042"
	r.File.Account = &vault.Account{ID: 1, Marketplace: vault.AliExpress, Login: "kari@example.no", Blocked: day("2026-11-01"),
		Reason: "abnormal dispute activity"}
	f := factsOf(r)
	for l, want := range map[lang.Lang][]string{
		lang.EN: {"(reference DSP-77; dispute number 5511023; bank reference KR-2026-11-0042)",
			`The account: kari@example.no. Restricted on 2026-11-01. The reason given: "abnormal dispute activity".`},
		lang.NB: {"(referanse DSP-77; tvistenummer 5511023; bankens referanse KR-2026-11-0042)",
			"Kontoen: kari@example.no. Begrenset 01.11.2026. Oppgitt grunn: «abnormal dispute activity»."},
	} {
		d, err := Write(Reinstatement, l, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range want {
			if !strings.Contains(d.Text, w) {
				t.Errorf("%s: no %q in\n%s", l, w, d.Text)
			}
		}
	}
	// A chargeback filed after the block is listed apart: the marketplace sees it.
	r.Market.Cases = append(r.Market.Cases, vault.Case{ID: 4, Kind: vault.Chargeback, Status: vault.StatusOpen, Opened: day("2026-11-10"),
		Orders: []vault.OrderID{101}})
	d, _ := Write(Reinstatement, lang.EN, factsOf(r))
	if !strings.Contains(d.Text, "Before the account was restricted on 2026-11-01") ||
		!strings.Contains(d.Text, "After it, I have opened these:\n- chargeback about order 8100000000000002,") {
		t.Errorf("a chargeback after the block:\n%s", d.Text)
	}
	r.File.Account.Blocked, r.File.Account.Reason = date.Value{}, ""
	d, _ = Write(Reinstatement, lang.EN, factsOf(r))
	if !strings.Contains(d.Text, "The account: kari@example.no.\n") || strings.Contains(d.Text, "Restricted on") {
		t.Errorf("an account with only its login:\n%s", d.Text)
	}
}

// TestReinstatementAtTwoMarketplaces: a case made before vault refused it,
// with an order or the account at another marketplace, gets a note saying
// so and how to mend it; a case at one marketplace gets none.
func TestReinstatementAtTwoMarketplaces(t *testing.T) {
	mixed := func(d Draft) bool {
		return slices.ContainsFunc(d.Notes, func(n vault.Note) bool { return strings.Contains(n.Text, "one account at one marketplace") })
	}
	r := shape{kind: vault.Reinstatement, country: "NO", delivered: true}.records()
	r.File.Account = &vault.Account{ID: 1, Marketplace: r.File.Orders[0].Marketplace, Login: "kari@example.no"}
	if d, err := Write(Reinstatement, lang.EN, factsOf(r)); err != nil || mixed(d) {
		t.Errorf("one marketplace: %v %v", d.Notes, err)
	}
	r.File.Account.Marketplace = vault.Temu
	if d, _ := Write(Reinstatement, lang.EN, factsOf(r)); !mixed(d) {
		t.Errorf("the account at Temu: no note in %v", d.Notes)
	}
	r.File.Account = nil
	r.File.Orders = append(r.File.Orders, vault.Order{ID: 9, Marketplace: vault.Temu, Number: "PO-9"})
	if d, _ := Write(Reinstatement, lang.EN, factsOf(r)); !mixed(d) ||
		!slices.ContainsFunc(d.Notes, func(n vault.Note) bool { return n.Fix != nil && n.Fix.Do == vault.DoUnlink }) {
		t.Errorf("an order at Temu: no note in %v", d.Notes)
	}
}

// TestRefundLowersTheClaim: a refund recorded on the order after the case
// was opened is said, and the letters ask for what is left, with a note.
func TestRefundLowersTheClaim(t *testing.T) {
	s := shape{kind: vault.Chargeback, trouble: vault.NotReceived, country: "NO", payment: "Visa ****4242", refund: true}
	d, err := Write(Chargeback, lang.EN, s.facts())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Subject: Chargeback request: 1034.50 NOK", "return 1034.50 NOK to my account",
		"1234.50 NOK, paid by Visa ****4242, 200.00 NOK refunded on 2026-11-10."} {
		if !strings.Contains(d.Text, want) {
			t.Errorf("no %q in\n%s", want, d.Text)
		}
	}
	if notes := noteTexts(d.Notes); !strings.Contains(notes, "CASE-3 asks for 1234.50 NOK, but what came back leaves 1034.50 NOK") {
		t.Errorf("no note on the lowered claim: %v", d.Notes)
	}
	sum := Summary(lang.NB, s.facts())
	if want := "200,00\u00a0kr av ordre 8123456789012345 er refundert 10.11.2026. Jeg ber om å få tilbake 1\u00a0034,50\u00a0kr."; !strings.Contains(sum, want) {
		t.Errorf("summary: no %q in %q", want, sum)
	}
}

// TestThirteenMonths: Directive (EU) 2015/2366 art. 71 gives 13 months from
// the debit to notify; the letter says it notifies within them only when it
// does (debited 31 January 2028: the last day is 28 February 2029), and a
// payment the buyer did not make reads as a transaction, not a purchase.
func TestThirteenMonths(t *testing.T) {
	r := shape{kind: vault.Unauthorised, trouble: vault.NotAuthorised, country: "NO", payment: "Visa credit ****4242"}.records()
	r.File.Orders[0].Paid = day("2028-01-31")
	for _, tt := range []struct {
		today  time.Time
		within bool
	}{
		{time.Date(2029, 2, 28, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2029, 3, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2029, 3, 10, 0, 0, 0, 0, time.UTC), false},
	} {
		f := factsOf(r)
		f.Today = tt.today
		d, err := Write(Unauthorised, lang.EN, f)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(d.Text, "within 13 months of the debit"); got != tt.within {
			t.Errorf("%s: says within 13 months: %v\n%s", tt.today.Format(time.DateOnly), got, d.Text)
		}
		if late := strings.Contains(noteTexts(d.Notes), "more than 13 months before the letter"); late == tt.within {
			t.Errorf("%s: a note on the 13 months: %v", tt.today.Format(time.DateOnly), late)
		}
		for _, bad := range []string{"order 8123456789012345", "ordered", "paid by"} {
			if strings.Contains(d.Text, bad) {
				t.Errorf("a payment the buyer did not make reads as a purchase (%q):\n%s", bad, d.Text)
			}
		}
		if !strings.Contains(d.Text, "- 1234.50 NOK to Blåbær Store 蓝莓 on 2028-01-31, by Visa credit ****4242.") {
			t.Errorf("the transaction is not named:\n%s", d.Text)
		}
	}
	nb, _ := Write(Unauthorised, lang.NB, factsOf(r))
	if !strings.Contains(nb.Text, "med Visa kredittkort ****4242") {
		t.Errorf("a bokmål letter keeps the card's English words:\n%s", nb.Text)
	}
}

// TestWithdrawalDays: Directive 2011/83/EU art. 9-10, angrerettloven
// §§ 20-21: the 14 days run from the last parcel; past them, the letter
// says it relies on the 12 months of a trader who did not inform (and asks
// the buyer to say how); past those, it claims no right of withdrawal.
// Delivered 15 February 2028: the 14 days end 29 February, the 12 months
// on 28 February 2029.
func TestWithdrawalDays(t *testing.T) {
	r := shape{kind: vault.Withdrawal, country: "NO"}.records()
	r.File.Orders[0].Delivered = day("2028-02-10")
	r.File.Orders[0].LastDelivered = day("2028-02-15")
	for _, tt := range []struct {
		today      time.Time
		want, note string
	}{
		{time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC), "Angrefristen er 14 dager fra den dagen jeg fikk varen (§ 21).", ""},
		{time.Date(2028, 3, 1, 0, 0, 0, 0, time.UTC), "utløper angrefristen 12 måneder etter dem (§ 21 tredje ledd): [skriv hvordan du ikke fikk opplysningene]",
			"the 14 days of ORD-1 ended on 2028-02-29: the letter relies on the 12 months more of a trader who did not inform you of the right, until 2029-02-28"},
		{time.Date(2029, 3, 1, 0, 0, 0, 0, time.UTC), "[Angreretten er ute, også for en næringsdrivende som ikke opplyste om den; skriv her hva du bygger på.]",
			"the right of withdrawal for ORD-1 ended on 2029-02-28"},
	} {
		f := factsOf(r)
		f.Today = tt.today
		d, err := Write(Withdrawal, lang.NB, f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(d.Text, tt.want) || tt.note != "" && !strings.Contains(noteTexts(d.Notes), tt.note) {
			t.Errorf("%s: no %q in\n%s\nor no note %q in %v", tt.today.Format(time.DateOnly), tt.want, d.Text, tt.note, d.Notes)
		}
	}
}
