package casework

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"vault"
	"vault/deadlines"
	"vault/internal/date"
)

// Step is one piece of advice to the buyer about a case: whom to turn to,
// when, what to watch, and the source it rests on.
type Step struct {
	To     string     `json:"to"`
	What   string     `json:"what"`
	Source string     `json:"source,omitempty"`
	Fix    *vault.Fix `json:"fix,omitempty"` // the vault's command that helps: a letter, a rule
}

// Advice says where the buyer can turn with a case and what to watch: for
// the buyer alone, never a page of the dossier sent to a receiver. It
// follows the case's kind, the law of the buyer's country, where the seller
// is, how the order was paid, and the case's own deadlines.
func (s *Service) Advice(ctx context.Context, ref string) ([]Step, error) {
	f, err := s.Facts(ctx, ref)
	if err != nil {
		return nil, err
	}
	rules, err := s.RuleSet(ctx)
	if err != nil {
		return nil, err
	}
	a := adviser{f: f, law: vault.NoLaw, rows: s.CaseDeadlines(rules, f), rules: rules.Rules, buyer: vault.Country(rules.Country),
		loc: s.Loc, today: deadlines.Day(date.Instant(s.Now()), s.Loc)}
	if day, rule := appeal(rules.Rules, a.rows); day != "" {
		a.appeal = fmt.Sprintf(" (last day %s, %s)", day, rule)
	}
	for _, o := range f.Orders {
		a.law = vault.LawFor(o, rules.Country)
		seller, _ := vault.SellerCountry(o)
		a.sellers = append(a.sellers, seller)
		a.card = a.card || vault.ChargeBack(o.Payment)
		a.amazon = a.amazon || o.Marketplace == vault.Amazon
		a.ebay = a.ebay || o.Marketplace == vault.EBay
	}
	return a.steps(), nil
}

type adviser struct {
	f                  vault.CaseFacts
	law                vault.Law
	buyer              string
	sellers            []string
	card, amazon, ebay bool
	rows               []Deadline
	rules              []deadlines.Rule
	loc                *time.Location
	today              time.Time
	appeal             string // " (last day D, rule)" to appeal a decision against the buyer
}

// last names the last day of the case's first open window of a rule, or "".
func (a adviser) last(rule string) string {
	return a.lastOf(func(d Deadline, _ deadlines.Window) bool { return strings.HasPrefix(d.Rule, rule) })
}

// lastOf names the last day of the first open window that is, or "".
func (a adviser) lastOf(is func(Deadline, deadlines.Window) bool) string {
	if d, ok := a.first(is); ok {
		return fmt.Sprintf(" (last day %s, %s)", Day(d.Closes.Time), d.Rule)
	}
	return ""
}

// first is the first window that is and is still the buyer's to keep: open,
// or used by this case (not by another).
func (a adviser) first(is func(Deadline, deadlines.Window) bool) (Deadline, bool) {
	for _, d := range a.rows {
		w, _ := windowOf(a.rules, d)
		mine := d.Status == deadlines.Used && d.Used.Case == a.f.Case.ID.String()
		if is(d, w) && !d.Closes.IsZero() && (!d.Status.Over() || mine) {
			return d, true
		}
	}
	return Deadline{}, false
}

// withdrawalDays names the last day of the 14 days, or once they are over
// that of the 12 months more a trader who did not inform of the right
// gives, with that condition.
func (a adviser) withdrawalDays() string {
	extended := func(d Deadline) bool { return strings.HasSuffix(d.Window, "if not told of the right") }
	ours := func(d Deadline) bool { return d.Rule == "no.angrerett" || d.Rule == "eu.withdrawal" }
	if last := a.lastOf(func(d Deadline, _ deadlines.Window) bool { return ours(d) && !extended(d) }); last != "" {
		return last
	}
	d, ok := a.first(func(d Deadline, _ deadlines.Window) bool { return ours(d) && extended(d) })
	if !ok {
		return ""
	}
	ended := ""
	for _, r := range a.rows {
		if ours(r) && !extended(r) && !r.Closes.IsZero() {
			ended = " ended on " + Day(r.Closes.Time)
		}
	}
	return fmt.Sprintf("; the 14 days%s: only if the trader did not inform you of the right, you have until %s (%s)", ended, Day(d.Closes.Time), d.Rule)
}

// escalation names the last day to escalate the case's open dispute: the
// window the dispute's receiver gives (PayPal's claim when the receiver is
// PayPal, else the marketplace's), never the window to open it.
func (a adviser) escalation() string {
	paypal := strings.Contains(strings.ToLower(a.f.Case.Receiver), "paypal")
	return a.lastOf(func(d Deadline, w deadlines.Window) bool {
		return slices.Contains(w.Cases, vault.Dispute) && !w.AfterDecision() && d.Rule != "seller.first" &&
			strings.HasPrefix(d.Rule, "paypal.") == paypal
	})
}

// dispute is the step of a marketplace dispute as it stands: to open, open
// (follow it, escalate), or decided against the buyer (a review, then the
// card issuer).
func (a adviser) dispute(add func(to, what, source string, fix *vault.Fix), rules, draft *vault.Fix) {
	d, _ := a.f.Dispute()
	switch {
	case d.Outcome == vault.OutcomeLost || d.Outcome == vault.OutcomePartial:
		when := "; ask how long a decision can be appealed"
		if a.appeal != "" {
			when = a.appeal
		}
		add("the marketplace's dispute centre", "ask for a review of the decision, saying what it overlooked, with the evidence (the dispute letter)"+when+".",
			"the marketplace rules", draft)
	case d.Outcome != "" || d.Status.Finished():
	case !d.Opened.IsZero() && deadlines.Day(d.Opened, a.loc).Before(a.today) || d.DisputeNumber != "":
		add("the marketplace's dispute centre", "follow the dispute: answer within the times the marketplace sets, and escalate it when it allows"+
			a.escalation()+"; attach the dossier.", "the marketplace rules", rules)
	default:
		add("the marketplace's dispute centre", "open the dispute within the marketplace's window"+a.marketWindows()+"; attach the dossier.", "the marketplace rules", rules)
	}
}

// marketWindows names the last days of the marketplaces' own windows to
// open a dispute, or "".
func (a adviser) marketWindows() string {
	var out string
	for _, rule := range []string{"aliexpress.", "ebay.", "amazon.", "paypal."} {
		out += a.lastOf(func(d Deadline, w deadlines.Window) bool {
			return strings.HasPrefix(d.Rule, rule) && slices.Contains(w.UsedBy, vault.Dispute)
		})
	}
	return out
}

func (a adviser) steps() []Step {
	var out []Step
	add := func(to, what, source string, fix *vault.Fix) { out = append(out, Step{to, what, source, fix}) }
	c := a.f.Case.ID.String()
	draft := func(letter string) *vault.Fix { return &vault.Fix{Do: vault.DoDraft, Kind: letter, Record: c} }
	rules := func(id string) *vault.Fix { return &vault.Fix{Do: vault.DoRule, Record: id} }
	switch a.f.Case.Kind {
	case vault.Dispute:
		a.dispute(add, rules(""), draft("dispute"))
	case vault.Chargeback:
		add("your card issuer (bank)", "ask for a chargeback"+a.cite(byCountry{no: " (kortreklamasjon)"})+" with the dossier"+a.last("visa.chargeback")+a.last("mastercard.chargeback")+".",
			"Visa and Mastercard rules", rules("visa.chargeback"))
	case vault.Delay:
		add("the seller, in writing", "ask for delivery by a last day (the delay letter); if it does not come, cancel the purchase and ask for the money back.",
			a.cite(byCountry{no: "forbrukerkjøpsloven § 23", se: "konsumentköplagen (2022:260); Directive 2011/83/EU art. 18", de: "BGB § 323", eu: "Directive 2011/83/EU art. 18"}), draft("delay"))
		if last := a.marketWindows(); last != "" {
			add("the marketplace's dispute centre, too", "its window for goods not received keeps running while you wait for the seller: open the dispute there before it closes"+
				last+", even if the seller's additional time is not over.", "the marketplace rules", rules(""))
		}
	case vault.Warranty:
		a.warranty(add, draft("reklamasjon"))
	case vault.Withdrawal:
		add("the seller, in writing", "withdraw within 14 days of receiving the goods, of an order in several parcels the last (the withdrawal letter)"+
			a.withdrawalDays()+".",
			a.cite(byCountry{no: "angrerettloven §§ 20-21", se: "lag (2005:59) om distansavtal och avtal utanför affärslokaler, 2 kap. 10 och 12 §§",
				dk: "forbrugeraftaleloven §§ 18-19", de: "BGB §§ 312g, 355, 356", eu: "Directive 2011/83/EU art. 9-10"}), draft("withdrawal"))
	case vault.Reinstatement:
		add("the marketplace's customer service", "ask for the reason for the restriction and for reinstatement, with the dossier's orders and disputes"+a.last("account.appeal")+".", "", draft("reinstatement"))
		if a.law == vault.EULaw {
			add("the marketplace's complaint system", "in the EU a marketplace that restricts an account for illegal content or a breach of its terms must say why, and take a complaint against it in its own complaint system, free, for at least six months after the decision: the reinstatement letter asks for both; file it in that system too.",
				"Regulation (EU) 2022/2065 (Digital Services Act) art. 17, 20", nil)
		}
	case vault.Unauthorised:
		if a.f.Trouble == vault.NotAuthorised {
			add("your bank, at once", "block the card: someone else paid with it, and it may pay again.", "Directive (EU) 2015/2366 art. 69 (1) (b)", nil)
		}
		add("your bank, at once", "report the payment you did not authorise, or the wrong one; at most 13 months after the debit"+a.last("no.unauthorised")+".",
			"Directive (EU) 2015/2366 art. 71", nil)
	}
	if a.card && (a.f.Case.Kind == vault.Dispute || a.f.Case.Kind == vault.Delay) {
		what := map[vault.CaseKind]string{vault.Dispute: "a card chargeback's window keeps running while a marketplace dispute is open",
			vault.Delay: "a card chargeback's window keeps running while you wait for the seller or a marketplace dispute"}[a.f.Case.Kind]
		if d, _ := a.f.Dispute(); a.f.Case.Kind == vault.Dispute && (d.Outcome != "" || d.Status.Finished()) {
			what = "a card chargeback is the way left if the marketplace does not change its decision; its window keeps running"
		}
		add("watch the card's window", what+a.last("visa.chargeback")+a.last("mastercard.chargeback")+".", "Visa and Mastercard rules", nil)
	}
	if a.amazon && (a.f.Case.Kind == vault.Dispute || a.f.Case.Kind == vault.Chargeback) {
		add("Amazon: one or the other", "Amazon refuses an A-to-z Guarantee claim once a chargeback is filed: choose one.", "Amazon A-to-z Guarantee (rule amazon.atoz)", nil)
	}
	if a.ebay && (a.f.Case.Kind == vault.Dispute || a.f.Case.Kind == vault.Chargeback || a.f.Case.Kind == vault.Delay) {
		add("eBay: one or the other", "a chargeback (payment dispute) closes eBay's Money Back Guarantee case on the same purchase, and a case eBay decided for the seller counts against the chargeback: choose one, eBay's first.",
			"eBay help on payment disputes, as a copy of it reads (not checked at eBay)", nil)
	}
	switch {
	case a.law == vault.NorwegianLaw:
		out = append(out, a.norway()...)
	case a.buyer == "SE":
		out = append(out, a.sweden()...)
	case a.buyer == "DK":
		out = append(out, a.denmark()...)
	case a.buyer == "DE":
		out = append(out, a.germany()...)
	}
	ecc := map[string]string{"NO": "Forbruker Europa (ECC Norway)", "SE": "Konsument Europa (ECC Sweden)", "DK": "Forbruger Europa (ECC Denmark)",
		"DE": "Europäisches Verbraucherzentrum Deutschland (ECC Germany)"}[a.buyer]
	if ecc == "" {
		ecc = "the European Consumer Centre of your country (ECC-Net)"
	}
	switch {
	case a.law == vault.NoLaw, a.f.Trouble == vault.NotAuthorised: // no trader to help with
	case slices.ContainsFunc(a.sellers, func(c string) bool { return vault.InEEA(c) && c != a.buyer }):
		add(ecc, "free help with a seller in another EU/EEA country.", "ECC-Net", nil)
	case slices.Contains(a.sellers, ""):
		add(ecc, "free help if the seller is in another EU/EEA country (the vault does not know where it is: record it).", "ECC-Net",
			vault.SetField(a.f.Orders[0].ID.String(), "seller_country", "CN|DE|..."))
	case slices.Contains(a.sellers, vault.OutsideEEA):
		add(ecc+", perhaps", "it helps with traders in the EU, Norway and Iceland: a seller outside them is not one, though the marketplace you bought through may be; otherwise the marketplace and the card issuer are the way.", "ECC-Net", nil)
	}
	return out
}

// cite is the source of a step in the buyer's law: Norway's, Sweden's,
// Denmark's, else the EU directive ("" falls back to the EU's).
func (a adviser) cite(c byCountry) string {
	switch {
	case a.law == vault.NorwegianLaw:
		return c.no
	case a.buyer == "SE" && c.se != "":
		return c.se
	case a.buyer == "DK" && c.dk != "":
		return c.dk
	case a.buyer == "DE" && c.de != "":
		return c.de
	}
	return c.eu
}

// byCountry is a text in the law of the buyer's country: Norway's,
// Sweden's, Denmark's, Germany's, else the EU's.
type byCountry struct{ no, se, dk, de, eu string }

// warranty is the step of a defect: complain to the seller, within the
// time the buyer's law gives, never past its absolute limit.
func (a adviser) warranty(add func(to, what, source string, fix *vault.Fix), fix *vault.Fix) {
	switch {
	case a.law == vault.NorwegianLaw:
		add("the seller, in writing", "complain about the defect (reklamasjon, the letter of that name), saying what is wrong: within two months of discovering it you are in time, "+
			"but never later than two years after delivery (five for goods meant to last much longer: that depends on the goods)"+a.last("no.reklamasjon")+".",
			"forbrukerkjøpsloven § 27", fix)
	case a.buyer == "SE":
		add("the seller, in writing", "complain about the defect (reklamation), saying what is wrong: within two months of noticing it you are always in time; the trader answers for a defect that shows within three years of delivery.",
			"konsumentköplagen 5 kap. 2 §; 4 kap. 14 § as law firms state it (not checked against the statute's text)", fix)
	case a.buyer == "DK":
		add("the seller, in writing", "complain about the defect (reklamation), saying what is wrong: within two months of discovering it you are always in time, and never later than two years after delivery.",
			"købeloven §§ 81, 83", fix)
	case a.buyer == "DE":
		add("the seller, in writing", "claim repair or replacement (the defect letter), saying what is wrong: your claims expire two years after delivery; a defect that shows within a year of it is presumed to have been there at delivery.",
			"BGB §§ 437, 438 (1) no. 3, 439, 477", fix)
	default:
		add("the seller, in writing", "complain about the defect (the defect letter), saying what is wrong, as soon as you can: how long you have follows your country's law (at least two years from delivery).",
			"Directive (EU) 2019/771 art. 10", fix)
	}
}

// sweden is the advice of Swedish bodies: Hallå konsument, ARN.
func (a adviser) sweden() []Step {
	var out []Step
	if a.f.Case.Kind != vault.Reinstatement && !a.belowARN() {
		out = append(out, Step{"Allmänna reklamationsnämnden (ARN)", "a free board that recommends how a dispute with a company, a bank too, is solved, once the company has said no or not answered; within a year of your first complaint to it, on ARN's form. " +
			"It hears a dispute only above a value (500 kr for most goods, 1 000 kr for furniture, travel and motor, 2 000 kr against a bank) and with a company in Sweden or one that sells to Swedish buyers.",
			"förordning (2015:739) med instruktion för ARN 8 §, as arn.se states it", nil})
	}
	if a.bank() {
		out = append(out, Step{"Konsumenternas Bank- och finansbyrå", "free advice on disputes with a bank or card issuer.", "konsumenternas.se", nil})
	}
	return append(out, Step{"Hallå konsument (Konsumentverket)", "free advice for consumers.", "hallakonsument.se", nil})
}

// belowARN reports whether the claim, in kronor, is below the value ARN
// hears a dispute from: 2 000 kr against a bank, 500 kr for most goods (a
// claim in another currency is not judged: the step says the limits).
func (a adviser) belowARN() bool {
	c := a.f.Money.Claim
	limit := int64(500_00)
	if a.bank() {
		limit = 2000_00
	}
	return c.Currency == "SEK" && c.Minor > 0 && c.Minor < limit
}

// bank reports whether the case is the bank's to decide: a chargeback, or
// a payment to correct.
func (a adviser) bank() bool {
	return a.f.Case.Kind == vault.Chargeback || a.f.Case.Kind == vault.Unauthorised
}

// germany is the advice of German bodies: the consumer centres, the
// arbitration boards for traders and for banks.
func (a adviser) germany() []Step {
	var out []Step
	if a.bank() {
		out = append(out, Step{"the bank's conciliation board (Schlichtungsstelle)", "free, if the bank says no: the ombudsman of the bank's association, or the Bundesbank's board for a bank in none.", "§ 14 UKlaG; bundesbank.de (Schlichtungsstelle)", nil})
	}
	german := slices.Contains(a.sellers, "DE")
	if (german || slices.Contains(a.sellers, "")) && a.f.Case.Kind != vault.Reinstatement && a.f.Trouble != vault.NotAuthorised {
		what := "conciliation with a trader established in Germany, once you have raised the claim with it: a proposal, not binding, free for you."
		if !german {
			what = "only for a trader established in Germany (the vault does not know where this one is): conciliation once you have raised the claim with it; a proposal, not binding."
		}
		out = append(out, Step{"Universalschlichtungsstelle des Bundes", what, "VSBG § 30; verbraucher-schlichter.de", nil})
	}
	return append(out, Step{"the Verbraucherzentrale of your state", "advice for consumers.", "verbraucherzentrale.de", nil})
}

// denmark is the advice of Danish bodies: Forbrugerklagenævnet.
func (a adviser) denmark() []Step {
	var out []Step
	danish := slices.ContainsFunc(a.sellers, func(c string) bool { return c == "DK" })
	if danish && a.f.Case.Kind != vault.Reinstatement && a.f.Case.Kind != vault.Unauthorised {
		out = append(out, Step{"Forbrugerklagenævnet (Nævnenes Hus)", "complaints against a trader established in Denmark, once you have complained to it.", "naevneneshus.dk", nil})
	}
	return out
}

// norway is the advice of Norwegian law: the bank's joint liability, the
// complaint boards, Forbrukerrådet.
func (a adviser) norway() []Step {
	var out []Step
	money := a.f.Case.Kind != vault.Reinstatement
	if a.card && money && a.f.Case.Kind != vault.Unauthorised { // no seller to claim against: no guarantor
		out = append(out, Step{"your card issuer, as the seller's guarantor", "for a purchase on a credit card you can raise your money claim against the seller with the card issuer too, as soon as possible; a debit card has no such claim in law, only the card scheme's chargeback within its window; not for BankAxept.", "finansavtaleloven § 2-7; Forbrukerrådet", nil})
	}
	if money && (a.f.Case.Kind == vault.Chargeback || a.f.Case.Kind == vault.Unauthorised || a.card) {
		refuses := "refuses the chargeback or the § 2-7 claim"
		if a.f.Case.Kind == vault.Unauthorised {
			refuses = "refuses to refund the payment"
		}
		out = append(out, Step{"Finansklagenemnda (finkn.no)", "free complaint board if the bank " + refuses + ".", "Forbrukerrådet, bank: misfornøyd", nil})
	}
	norwegian := slices.ContainsFunc(a.sellers, func(c string) bool { return c == "NO" || c == "" })
	if norwegian && a.f.Case.Kind != vault.Reinstatement && a.f.Case.Kind != vault.Unauthorised {
		out = append(out, Step{"Forbrukertilsynet, then Forbrukerklageutvalget", "mediation in a dispute with a seller in Norway, then, if that fails, a decision of the complaints committee (since 2021).", "forbrukertilsynet.no; forbrukerklageloven 2020", nil})
	}
	return append(out, Step{"Forbrukerrådet", "free advice for consumers.", "forbrukerradet.no", nil})
}
