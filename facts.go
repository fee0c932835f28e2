package vault

import (
	"fmt"
	"slices"
	"strings"

	"vault/internal/date"
)

// CaseRecords are the records a case's facts are derived from.
type CaseRecords struct {
	File   CaseFile // the case, its orders and evidence, its events, its account, the statement lines of its orders
	Others []Case   // the other live cases about any of its orders
	Buyer  []string // the buyer's own e-mail addresses (SettingEmail)
	// Texts are the words read off the case's screenshots ('vault ocr'),
	// of those that have them.
	Texts map[EvidenceID]string
	// Market is every live order and case, and the buyer's letters among all
	// evidence: the history a reinstatement letter tells.
	Market *MarketRecords
}

// MarketRecords are the records of the buyer's history at marketplaces.
type MarketRecords struct {
	Orders   []Order
	Cases    []Case
	Evidence []Evidence // the buyer's letters, and the mails whose sender may be the buyer
}

// CaseFacts are what a case's records say, derived once: what the letters,
// the dossier's page 1 and timeline, 'check case', 'advice' and the case's
// deadlines state, and nothing else. Each is backed by a record.
type CaseFacts struct {
	Case     Case       `json:"case"`
	Orders   []Order    `json:"orders"`
	Account  *Account   `json:"account,omitempty"`
	Trouble  Trouble    `json:"trouble,omitempty"` // what went wrong (TroubleOf)
	Money    MoneyFacts `json:"money"`
	Contact  Contact    `json:"contact"`
	Shipping Shipping   `json:"shipping"`
	Cards    Cards      `json:"cards"` // the orders by the card they were paid with
	// Related are the other cases about its orders that count as disputes
	// (a marketplace dispute, a chargeback), oldest first, with outcomes.
	Related []DisputeOutcome `json:"related,omitempty"`
	// Opened are every case about its orders, this one too, with the day
	// each was opened: the windows they used (see deadlines).
	Opened []Opening `json:"opened"`
	// Has names the first record of each kind of evidence the case holds.
	Has map[EvidenceKind]EvidenceID `json:"has"`
	// Unpictured are the saved pages of the case (Evidence.PageFormat)
	// that have no picture: the dossier shows their text instead.
	Unpictured []EvidenceID `json:"unpictured,omitempty"`
	// History is the buyer's orders and disputes at the case's
	// marketplaces, which a reinstatement letter lists.
	History *History `json:"history,omitempty"`
	Notes   []Note   `json:"notes,omitempty"`
}

// Shipping is what is recorded of the case's shipments.
type Shipping struct {
	LastScan  EvidenceID `json:"last_scan,omitzero"` // the newest dated tracking evidence
	ScannedAt date.Value `json:"scanned_at,omitzero"`
	Delivered bool       `json:"delivered"` // every order has a delivery recorded
	// Shots are the screenshots that may show the tracking, surest first
	// (trackingShots): the tracking not recorded as such.
	Shots []TrackingShot `json:"shots,omitempty"`
	// History is the tracking history the case's saved tracking pages
	// show, oldest first (TrackingHistory).
	History []Tracked `json:"history,omitempty"`
}

// Last is the last event of the tracking history, and whether there is one.
func (s Shipping) Last() (Tracked, bool) {
	if len(s.History) == 0 {
		return Tracked{}, false
	}
	return s.History[len(s.History)-1], true
}

// Opening is a case opened about some orders on a day.
type Opening struct {
	Case   CaseID     `json:"case"`
	Kind   CaseKind   `json:"kind"`
	Day    date.Value `json:"day"`
	Orders []OrderID  `json:"orders"`
}

// History is the buyer's record at the marketplaces of a reinstatement.
type History struct {
	Orders   int              `json:"orders"`
	Disputes []DisputeOutcome `json:"disputes"`
}

// Dispute is the marketplace's dispute about the case's orders: the case
// itself when it is one, else the latest other one; false when none is
// recorded.
func (f CaseFacts) Dispute() (DisputeOutcome, bool) {
	if f.Case.Kind == Dispute {
		return f.outcome(f.Case, f.Orders), true
	}
	for i := len(f.Related) - 1; i >= 0; i-- {
		if f.Related[i].Kind == Dispute {
			return f.Related[i], true
		}
	}
	return DisputeOutcome{}, false
}

// Derive works out a case's facts from its records.
func Derive(r CaseRecords) CaseFacts {
	c := r.File.Case
	f := CaseFacts{Case: c, Orders: r.File.Orders, Account: r.File.Account, Trouble: TroubleOf(c), Has: map[EvidenceKind]EvidenceID{}}
	all := append([]Case{c}, r.Others...)
	var notes []Note
	f.Money, notes = moneyOf(c, f.Orders, all, r.File.Charges)
	f.Contact = contactOf(r.File.Evidence, r.Buyer)
	f.Shipping = shippingOf(f.Orders, r.File.Evidence)
	f.Shipping.Shots = trackingShots(f.Orders, r.File.Evidence, r.Texts)
	f.Shipping.History = TrackingHistory(r.File.Evidence, r.File.Pages)
	f.Cards = cardsOf(f.Orders)
	for _, e := range r.File.Evidence {
		if _, ok := f.Has[e.Kind]; !ok {
			f.Has[e.Kind] = e.ID
		}
	}
	f.Unpictured = unpictured(r.File)
	for _, o := range all {
		f.Opened = append(f.Opened, Opening{Case: o.ID, Kind: o.Kind, Day: o.Opened, Orders: o.Orders})
		if o.ID != c.ID && o.Kind.CountsAsDispute() {
			f.Related = append(f.Related, f.outcome(o, f.Orders))
		}
	}
	byOpened := func(a, b DisputeOutcome) int { return CompareDated(a.Opened, b.Opened) }
	slices.SortStableFunc(f.Related, byOpened)
	if m := r.Market; m != nil {
		f.History = historyOf(f.Orders, *m, r.Buyer)
	}
	notes = append(notes, f.disputeNotes()...)
	if n := f.Contact.Unplaced; n > 0 && len(r.Buyer) == 0 {
		what := fmt.Sprintf("%d mails of the case have a sender", n)
		if n == 1 {
			what = "a mail of the case has a sender"
		}
		notes = append(notes, Notef(&Fix{Do: DoConfig, Field: string(SettingEmail), Value: "ADDRESS"},
			what+" the vault cannot place: set your own addresses, and the seller's mails count as its answers"))
	}
	f.Notes = notes
	return f
}

// disputeNotes say what the buyer should record of the marketplace's
// dispute before a chargeback rests on it: a win with no refund recorded
// (the letters would ask for all of it), or a dispute still open.
func (f CaseFacts) disputeNotes() []Note {
	d, ok := f.Dispute()
	if !ok || d.Case == f.Case.ID || f.Case.Kind != Chargeback {
		return nil
	}
	switch {
	case (d.Outcome == OutcomeWon || d.Outcome == OutcomePartial) && d.Refunded.Minor == 0:
		return []Note{Notef(SetField(d.Case.String(), "refunded", "AMOUNT"), fmt.Sprintf(
			"%s, the marketplace dispute, was decided in your favour, and no refund of it is recorded: record what came back, or the letters ask for all of it", d.Case))}
	case d.Outcome == "" && !d.Status.Finished():
		return []Note{Notef(SetField(d.Case.String(), "outcome", "won|lost|partial"), fmt.Sprintf(
			"%s, the marketplace dispute, is still open, and the chargeback letter says so: banks ask what came of it; record its outcome once decided", d.Case))}
	}
	return nil
}

// outcome is a case that counts as a dispute, as a dispute outcome about
// the given orders (those of it among them).
func (f CaseFacts) outcome(c Case, orders []Order) DisputeOutcome {
	d := DisputeOutcome{Case: c.ID, Kind: c.Kind, Opened: c.Opened, Status: c.Status, DisputeNumber: c.DisputeNumber,
		Outcome: c.Outcome, Decided: c.Decided, Refunded: c.Refunded}
	if d.Outcome == "" && c.Status.Finished() { // decided by 'vault case status', before outcomes were recorded
		d.Outcome, d.Decided = map[CaseStatus]Outcome{StatusWon: OutcomeWon, StatusLost: OutcomeLost}[c.Status], c.Closed
	}
	var numbers []string
	for _, o := range orders {
		if slices.Contains(c.Orders, o.ID) {
			numbers = append(numbers, o.Number)
			if d.Marketplace == "" {
				d.Marketplace = o.Marketplace
			}
		}
	}
	d.Orders = strings.Join(numbers, ", ")
	return d
}

// shippingOf finds the newest dated tracking evidence, and whether every
// order was delivered.
func shippingOf(orders []Order, list []Evidence) Shipping {
	s := Shipping{Delivered: len(orders) > 0}
	for _, o := range orders {
		s.Delivered = s.Delivered && !o.Delivered.IsZero()
	}
	for _, e := range list {
		if e.Kind == EvidenceTracking && !e.OccurredAt.IsZero() && e.OccurredAt.Time().After(s.ScannedAt.Time()) {
			s.LastScan, s.ScannedAt = e.ID, e.OccurredAt
		}
	}
	return s
}

// historyOf lists the buyer's cases that count as disputes involving the
// marketplaces of orders, oldest first, each with whether a letter of the
// buyer to the seller came before it; and counts the buyer's orders there.
func historyOf(orders []Order, m MarketRecords, buyer []string) *History {
	var markets []Marketplace
	for _, o := range orders {
		markets = append(markets, o.Marketplace)
	}
	byID := map[OrderID]Order{}
	h := &History{}
	notMine := NotMine(m.Cases)
	for _, o := range m.Orders {
		byID[o.ID] = o
		if slices.Contains(markets, o.Marketplace) && !notMine[o.ID] {
			h.Orders++
		}
	}
	for _, c := range m.Cases {
		if !c.Kind.CountsAsDispute() {
			continue
		}
		var there []Order
		for _, id := range c.Orders {
			if o := byID[id]; slices.Contains(markets, o.Marketplace) {
				there = append(there, o)
			}
		}
		if len(there) > 0 {
			d := CaseFacts{}.outcome(c, there)
			d.WroteFirst = wroteBefore(m.Evidence, buyer, c)
			h.Disputes = append(h.Disputes, d)
		}
	}
	slices.SortStableFunc(h.Disputes, func(a, b DisputeOutcome) int { return CompareDated(a.Opened, b.Opened) })
	return h
}

// NotMine are the orders the buyer says they never made: a payment someone
// else made with their card is no order of theirs on the account, and has
// no window of an order (withdrawal, defects, a chargeback for goods), only
// the bank's.
func NotMine(cases []Case) map[OrderID]bool {
	out := map[OrderID]bool{}
	for _, c := range cases {
		if c.Kind == Unauthorised && TroubleOf(c) == NotAuthorised {
			for _, o := range c.Orders {
				out[o] = true
			}
		}
	}
	return out
}

// wroteBefore reports whether a letter of the buyer about the case or one
// of its orders is dated before the case was opened.
func wroteBefore(list []Evidence, buyer []string, c Case) bool {
	for _, e := range list {
		if !e.Kind.IsCorrespondence() || e.Parent != 0 || PartyOf(e, buyer) != PartyMe || e.OccurredAt.IsZero() ||
			!e.OccurredAt.Time().Before(c.Opened.Time()) {
			continue
		}
		if slices.Contains(e.Cases, c.ID) || slices.ContainsFunc(e.Orders, func(o OrderID) bool { return slices.Contains(c.Orders, o) }) {
			return true
		}
	}
	return false
}

// Openings are the cases about each order, by order: the windows they used.
func Openings(cases []Case) map[OrderID][]Opening {
	out := map[OrderID][]Opening{}
	for _, c := range cases {
		for _, o := range c.Orders {
			out[o] = append(out[o], Opening{Case: c.ID, Kind: c.Kind, Day: c.Opened, Orders: c.Orders})
		}
	}
	return out
}

// HasAny is the first record of the case's evidence of one of the kinds,
// and whether there is one.
func (f CaseFacts) HasAny(kinds ...EvidenceKind) (EvidenceID, bool) {
	for _, k := range kinds {
		if id, ok := f.Has[k]; ok {
			return id, true
		}
	}
	return 0, false
}

// unpictured lists the saved pages of a case file that have no picture.
func unpictured(f CaseFile) []EvidenceID {
	pictured := map[EvidenceID]bool{}
	for _, p := range f.Pictures {
		pictured[p.Parent] = true
	}
	var out []EvidenceID
	for _, e := range f.Evidence {
		if e.PageFormat() != "" && !pictured[e.ID] {
			out = append(out, e.ID)
		}
	}
	return out
}
