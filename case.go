package vault

import (
	"fmt"
	"time"

	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
)

// CaseKind is what a case claims.
type CaseKind string

// The kinds of case.
const (
	Dispute       CaseKind = "dispute"       // with the marketplace's dispute centre
	Chargeback    CaseKind = "chargeback"    // with the card issuer
	Reinstatement CaseKind = "reinstatement" // of a blocked marketplace account
	Withdrawal    CaseKind = "withdrawal"    // the right of withdrawal (angrerett)
	Warranty      CaseKind = "warranty"      // a defect (reklamasjon, the legal guarantee)
	Delay         CaseKind = "delay"         // goods not delivered in time (forsinkelse): delivery, then cancellation
	Unauthorised  CaseKind = "unauthorised"  // a payment not made by the buyer, or executed wrongly (a double charge)
	OtherCase     CaseKind = "other"
)

// CaseKinds are the kinds of case, in the order help texts list them.
var CaseKinds = []CaseKind{Dispute, Chargeback, Reinstatement, Withdrawal, Warranty, Delay, Unauthorised, OtherCase}

// ParseCaseKind reads a case kind as the CLI and the store spell it.
func ParseCaseKind(s string) (CaseKind, error) { return parseWord("case kind", s, CaseKinds) }

// CountsAsDispute reports whether a case of this kind is a dispute in the
// eyes of a marketplace: a dispute with it, or a chargeback of one of its
// orders. The report, the dispute guard and the reinstatement letter count
// these.
func (k CaseKind) CountsAsDispute() bool { return k == Dispute || k == Chargeback }

// DisputeActivity is a buyer's dispute record at one marketplace, as the
// dispute guard counts it: the cases that count as disputes opened in the
// last 30 and 90 days, the orders they are about (Disputed90), and the
// orders of the 90 days (Orders90: placed, disputed or about to be).
type DisputeActivity struct {
	Disputes30, Disputes90 int
	Disputed90, Orders90   int
}

// Word is the kind in the language of a dossier or a letter.
func (k CaseKind) Word(l lang.Lang) string { return word(l, string(k), caseKindNB[k]) }

var caseKindNB = map[CaseKind]string{Dispute: "tvist", Chargeback: "kortreklamasjon", Reinstatement: "gjenåpning av konto",
	Withdrawal: "angrerett", Warranty: "reklamasjon", Delay: "forsinkelse", Unauthorised: "uautorisert betaling",
	OtherCase: "annet"}

// CaseStatus is where a case stands, from draft to closed.
type CaseStatus string

// The statuses of a case.
const (
	StatusDraft     CaseStatus = "draft"
	StatusOpen      CaseStatus = "open"
	StatusEscalated CaseStatus = "escalated"
	StatusWon       CaseStatus = "won"
	StatusLost      CaseStatus = "lost"
	StatusClosed    CaseStatus = "closed"
)

// CaseStatuses are the statuses in the order a case moves through them.
var CaseStatuses = []CaseStatus{StatusDraft, StatusOpen, StatusEscalated, StatusWon, StatusLost, StatusClosed}

// ParseCaseStatus reads a status.
func ParseCaseStatus(s string) (CaseStatus, error) { return parseWord("status", s, CaseStatuses) }

// Finished reports whether a case in this status is decided: won, lost or closed.
func (s CaseStatus) Finished() bool { return s == StatusWon || s == StatusLost || s == StatusClosed }

// Word is the status in the language of a dossier or a letter.
func (s CaseStatus) Word(l lang.Lang) string { return word(l, string(s), statusNB[s]) }

var statusNB = map[CaseStatus]string{StatusDraft: "utkast", StatusOpen: "åpen", StatusEscalated: "eskalert",
	StatusWon: "vunnet", StatusLost: "tapt", StatusClosed: "avsluttet"}

// MoveTo checks a change of status from s to to. Reopening a decided case,
// going back to draft, or from escalated to open is usually a mistake: a
// NeedsForceError unless force.
func (s CaseStatus) MoveTo(to CaseStatus, force bool) error {
	switch {
	case s == to:
		return fmt.Errorf("the case is already %s", to)
	case force:
		return nil
	case s.Finished() && to != StatusClosed:
		return needsForce("the case was %s; reopening it as %s", s, to)
	case to == StatusDraft || s == StatusEscalated && to == StatusOpen:
		return needsForce("moving back from %s to %s", s, to)
	}
	return nil
}

// Case gathers orders and evidence towards one outcome: a dispute won, a
// chargeback granted, an account reinstated.
type Case struct {
	ID        CaseID      `json:"id"`
	Kind      CaseKind    `json:"kind"`
	Status    CaseStatus  `json:"status"`
	Title     string      `json:"title,omitempty"`
	Receiver  string      `json:"receiver,omitempty"`
	Reference string      `json:"reference,omitempty"`
	Amount    money.Money `json:"amount,omitzero"`
	Opened    date.Value  `json:"opened"`
	Closed    date.Value  `json:"closed,omitzero"`
	Orders    []OrderID   `json:"orders"`
	CreatedAt time.Time   `json:"created_at"`

	// Facts recorded after the case was opened (kept apart from its first
	// columns, so that records made before they existed keep their hashes).
	Outcome       Outcome     `json:"outcome,omitempty"`
	Refunded      money.Money `json:"refunded,omitzero"` // what the decision gave back
	Decided       date.Value  `json:"decided,omitzero"`
	DisputeNumber string      `json:"dispute_number,omitempty"` // the marketplace's own number for the dispute
	BankReference string      `json:"bank_reference,omitempty"` // the card issuer's reference
	Account       AccountID   `json:"account,omitzero"`         // the blocked account of a reinstatement
	Problem       Trouble     `json:"problem,omitempty"`        // what went wrong, as the buyer records it
	Discovered    date.Value  `json:"discovered,omitzero"`      // when the buyer found the defect (reklamasjon)
	Retracted     string      `json:"retracted,omitempty"`      // why it was retracted, if it was
}

// Trouble is what went wrong with a purchase: what a letter says happened,
// only when it is recorded.
type Trouble string

// The problems a case can be about.
const (
	NotReceived    Trouble = "not-received"
	Defective      Trouble = "defective"
	NotAsDescribed Trouble = "not-as-described"
	NotAuthorised  Trouble = "not-authorised" // a payment the buyer did not make
	ChargedTwice   Trouble = "charged-twice"
	WrongAmount    Trouble = "wrong-amount"
)

// Troubles are the problems a case records, in the order help lists them.
var Troubles = []Trouble{NotReceived, Defective, NotAsDescribed, NotAuthorised, ChargedTwice, WrongAmount}

// ParseTrouble reads a problem.
func ParseTrouble(s string) (Trouble, error) { return parseWord("problem", s, Troubles) }

// Word is the problem in l.
func (p Trouble) Word(l lang.Lang) string {
	return word(l, string(p), map[Trouble]string{NotReceived: "ikke mottatt", Defective: "mangelfull",
		NotAsDescribed: "ikke som beskrevet", NotAuthorised: "ikke godkjent", ChargedTwice: "trukket to ganger",
		WrongAmount: "feil beløp"}[p])
}

// TroubleOf is what went wrong in a case: as recorded, else what its kind
// says (a delay case is about goods not received, a warranty case about a
// defect); "" when nothing says.
func TroubleOf(c Case) Trouble {
	switch {
	case c.Problem != "":
		return c.Problem
	case c.Kind == Delay:
		return NotReceived
	case c.Kind == Warranty:
		return Defective
	}
	return ""
}

// Outcome is how a case was decided.
type Outcome string

// The outcomes of a case.
const (
	OutcomeWon     Outcome = "won"
	OutcomeLost    Outcome = "lost"
	OutcomePartial Outcome = "partial" // part of the amount back
)

// Outcomes are the ways a case can be decided.
var Outcomes = []Outcome{OutcomeWon, OutcomeLost, OutcomePartial}

// ParseOutcome reads an outcome.
func ParseOutcome(s string) (Outcome, error) { return parseWord("outcome", s, Outcomes) }

// Status is the status a case decided so moves to: won, lost, or closed for
// a partial win.
func (o Outcome) Status() CaseStatus {
	switch o {
	case OutcomeWon:
		return StatusWon
	case OutcomeLost:
		return StatusLost
	}
	return StatusClosed
}

// Word is the outcome in the language of a dossier or a letter.
func (o Outcome) Word(l lang.Lang) string {
	return word(l, string(o), map[Outcome]string{OutcomeWon: "vunnet", OutcomeLost: "tapt", OutcomePartial: "delvis vunnet"}[o])
}

// CheckEventDay refuses, without force, a case event dated before the day
// the case's first order was placed (first; zero when none is recorded).
func CheckEventDay(at, first date.Value, force bool) error {
	if force || at.IsZero() || first.IsZero() {
		return nil
	}
	day, firstDay := at.String()[:len("2006-01-02")], first.String()[:len("2006-01-02")]
	if day < firstDay {
		return needsForce("%s is dated before the case's first order (%s)", day, firstDay)
	}
	return nil
}

// CaseFile is a case with everything that belongs to it: its orders, the
// evidence linked to it or to its orders, and its events.
type CaseFile struct {
	Case     Case       `json:"case"`
	Orders   []Order    `json:"orders"`
	Evidence []Evidence `json:"evidence"`
	Events   []Event    `json:"events"`
	// Account is the marketplace account the case is about (Case.Account).
	Account *Account `json:"account,omitempty"`
	// Statement is the claimant's own text for the case, if written.
	Statement string `json:"statement,omitempty"`
	// Charges are the statement lines linked to the case's orders: what
	// the card was charged, and credited, as the bank says.
	Charges []Transaction `json:"charges,omitempty"`
	// Statements are the files the charges were read from. A dossier shows
	// only their lines for this case and never attaches them whole: they
	// list the holder's other payments.
	Statements []Evidence `json:"statements,omitempty"`
	// Pictures are the pictures vault made of the saved pages in Evidence,
	// each naming its page as Parent (Evidence.IsPicture).
	Pictures []Evidence `json:"pictures,omitempty"`
	// Pages are what the saved web pages among its evidence say of
	// themselves, by evidence.
	Pages map[EvidenceID]Page `json:"pages,omitempty"`
}

// OrderFile is an order with its evidence, the cases it is part of and the
// import charges paid on it.
type OrderFile struct {
	Order    Order      `json:"order"`
	Evidence []Evidence `json:"evidence"`
	Cases    []Case     `json:"cases"`
	Charges  []Charge   `json:"charges"`
}

// word is a vocabulary word in l: its bokmål when l is bokmål and it has one.
func word(l lang.Lang, en, nb string) string {
	if l == lang.NB && nb != "" {
		return nb
	}
	return en
}

// DefaultTitle is the title of a case given none, in l: "Chargeback:
// AliExpress order 8123456789012345 and 2 more".
func DefaultTitle(l lang.Lang, kind CaseKind, orders []Order) string {
	if len(orders) == 0 {
		return ""
	}
	format, more := "%s: %s order %s", " and %d more"
	if l == lang.NB {
		format, more = "%s: %s-ordre %s", " og %d til"
	}
	title := fmt.Sprintf(format, lang.Upper(kind.Word(l)), orders[0].Marketplace.Name(), orders[0].Number)
	if len(orders) > 1 {
		title += fmt.Sprintf(more, len(orders)-1)
	}
	return title
}

// TitleIn is the case's title in l: the one its owner gave, or the default
// title, which is stored in English and written anew in l.
func (c Case) TitleIn(l lang.Lang, orders []Order) string {
	if c.Title == DefaultTitle(lang.EN, c.Kind, orders) {
		return DefaultTitle(l, c.Kind, orders)
	}
	return c.Title
}

// OneMarketplace checks that the orders and the account of a
// reinstatement are at one marketplace: a marketplace reviews its own
// account, and the letter to it lists the buyer's disputes at the case's
// marketplaces, which must not be another's.
func OneMarketplace(orders []Order, account *Account) error {
	if len(orders) == 0 {
		return nil
	}
	first := orders[0]
	apart := func(id any, m Marketplace) error {
		return fmt.Errorf("a reinstatement is about one account at one marketplace, and %s is at %s but %s at %s",
			first.ID, first.Marketplace.Name(), id, m.Name())
	}
	for _, o := range orders[1:] {
		if o.Marketplace != first.Marketplace {
			return apart(o.ID, o.Marketplace)
		}
	}
	if account != nil && account.Marketplace != first.Marketplace {
		return apart(account.ID, account.Marketplace)
	}
	return nil
}
