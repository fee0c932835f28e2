package casework

import (
	"context"
	"fmt"
	"strings"
	"time"

	"vault"
	"vault/deadlines"
	"vault/internal/date"
)

// Item is one thing a strong claim holds (domain-rules.md, "What a strong
// dossier holds", and the banks' and schemes' dispute forms), and whether
// the vault has it: the record that proves it, else what to do.
type Item struct {
	What   string     `json:"what"`
	Have   bool       `json:"have"`
	Record string     `json:"record,omitempty"` // EV-3, ORD-1, CASE-2, ACC-1, TX-4
	Says   string     `json:"says,omitempty"`   // what the record says of it, when that is the point: the last scan
	Todo   string     `json:"todo,omitempty"`   // what to do, in words, when no command does it
	Fix    *vault.Fix `json:"fix,omitempty"`    // how to record it, when missing
}

// Checklist is what a case's claim holds and lacks.
type Checklist struct {
	Case  vault.CaseID   `json:"case"`
	Kind  vault.CaseKind `json:"kind"`
	Items []Item         `json:"items"`
}

// Missing counts the items the vault does not have.
func (c Checklist) Missing() int {
	n := 0
	for _, it := range c.Items {
		if !it.Have {
			n++
		}
	}
	return n
}

// Check lists, for the case's kind and what went wrong, what a strong
// claim holds and whether the vault has each, from the case's facts.
func (s *Service) Check(ctx context.Context, ref string) (Checklist, error) {
	f, err := s.Facts(ctx, ref)
	if err != nil {
		return Checklist{}, err
	}
	list := Checklist{Case: f.Case.ID, Kind: f.Case.Kind}
	k := &checker{f: f, order: firstOrder(f)}
	if f.Case.Kind == vault.Reinstatement {
		list.Items = append(k.reinstatement(), k.pictures()...)
		return list, nil
	}
	rules, err := s.RuleSet(ctx)
	if err != nil {
		return list, err
	}
	list.Items = append(k.purchase(s.CaseDeadlines(rules, f), deadlines.Day(date.Instant(s.Now()), s.Loc)), k.pictures()...)
	return list, nil
}

// pictures are the saved pages of the case that have no picture: the
// dossier shows their text, where a picture would show the page as the
// buyer saw it.
func (k *checker) pictures() []Item {
	var out []Item
	for _, id := range k.f.Unpictured {
		out = append(out, Item{What: fmt.Sprintf("a picture of the saved page %s (its text is shown instead)", id),
			Todo: "a picture would be better: it needs Chromium (apt-get install chromium)", Fix: &vault.Fix{Do: vault.DoPicture, Record: id.String()}})
	}
	return out
}

// checker finds the records of one case's facts.
type checker struct {
	f     vault.CaseFacts
	order string // the first order's id, for the fixes
}

func firstOrder(f vault.CaseFacts) string {
	if len(f.Orders) == 0 {
		return "ORD-n"
	}
	return f.Orders[0].ID.String()
}

// evidence is the first record of one of the kinds, as an item; missing,
// attach one of the first kind.
func (k *checker) evidence(what string, kinds ...vault.EvidenceKind) Item {
	if id, ok := k.f.HasAny(kinds...); ok {
		return Item{What: what, Have: true, Record: id.String()}
	}
	return Item{What: what, Fix: &vault.Fix{Do: vault.DoAttach, Kind: string(kinds[0]), Order: k.order}}
}

// set is an item of a record's field: had when has says so, else set it.
func set(what string, has bool, record, field, value string) Item {
	if has {
		return Item{What: what, Have: true, Record: record}
	}
	return Item{What: what, Fix: vault.SetField(record, field, value)}
}

// paid is the proof of payment: a statement line that charged the order
// (vault match), or a receipt or statement attached.
func (k *checker) paid() Item {
	const what = "proof of payment (receipt or card statement)"
	if t := k.f.Money.Charged; len(t) > 0 {
		return Item{What: what, Have: true, Record: t[0].ID.String()}
	}
	it := k.evidence(what, vault.EvidenceReceipt, vault.EvidenceStatement)
	if !it.Have {
		it.Todo = "or import the card statement and match it"
	}
	return it
}

// sums is, when some sum of the case's money is too large to add up,
// the item that says so: the letters and the dossier leave it out.
func (k *checker) sums() (Item, bool) {
	if len(k.f.Money.TooLarge) == 0 {
		return Item{}, false
	}
	var sums []string
	for _, u := range k.f.Money.TooLarge {
		sums = append(sums, string(u))
	}
	return Item{What: "amounts that add up", Todo: strings.Join(sums, " and ") +
		" add up to more than an amount can hold: check the statement lines linked to its orders, and reject those that are not theirs"}, true
}

// orderField is an item the orders record: the first order that has it.
func (k *checker) orderField(what, field, value string, has func(vault.Order) bool) Item {
	for _, o := range k.f.Orders {
		if has(o) {
			return Item{What: what, Have: true, Record: o.ID.String()}
		}
	}
	return set(what, false, k.order, field, value)
}

// purchase is the checklist of a claim about a purchase: a dispute, a
// chargeback, a withdrawal, a complaint, a delay or an unauthorised payment.
func (k *checker) purchase(rows []Deadline, today time.Time) []Item {
	c, f := k.f.Case, k.f
	items := []Item{
		set("what went wrong", f.Trouble != "", c.ID.String(), "problem", "not-received|defective|not-as-described|..."),
		k.evidence("the order confirmation", vault.EvidenceConfirmation),
		k.paid(),
		k.orderField("how it was paid", "payment", "Visa ****4242", func(o vault.Order) bool { return o.Payment != "" }),
	}
	if it, ok := k.sums(); ok {
		items = append(items, it)
	}
	if f.Trouble == vault.NotAuthorised || f.Trouble == vault.ChargedTwice || f.Trouble == vault.WrongAmount {
		return append(items, k.reference(), k.amount())
	}
	items = append(items, k.wrote())
	if it, ok := k.unplaced(); ok {
		items = append(items, it)
	}
	switch f.Trouble {
	case vault.NotReceived:
		items = append(items,
			k.orderField("the promised delivery date", "expected", "DATE", func(o vault.Order) bool { return !o.Expected.IsZero() }),
			k.orderField("the tracking number", "tracking", "NUMBER", func(o vault.Order) bool { return len(o.Tracking) > 0 }),
			k.tracking())
	case vault.Defective, vault.NotAsDescribed:
		items = append(items, k.listing(), k.evidence("photos or video of what arrived", vault.EvidencePhoto, vault.EvidenceVideo))
	}
	if c.Kind == vault.Chargeback {
		if it, ok := k.notByCard(); ok {
			items = append(items, it)
		}
		items = append(items, k.marketplaceDispute(), k.reference(), k.amount())
		items = append(items, waited(rows, today)...)
	}
	if c.Kind == vault.Dispute {
		items = append(items, set("the marketplace's dispute number", c.DisputeNumber != "", c.ID.String(), "dispute_number", "NUMBER"))
	}
	return items
}

// listing is the listing as the buyer saw it: a saved item page (or a
// screenshot recorded as the listing).
func (k *checker) listing() Item {
	it := k.evidence("the listing as it was", vault.EvidenceListing)
	if !it.Have {
		it.Todo = "the item's page saved from the browser (SingleFile, or Save page as, Webpage, Single File), or a screenshot of it"
	}
	return it
}

// tracking is the tracking history: the events of the saved tracking
// pages, with the last; else evidence of the kind; else a
// screenshot of the case that may show it, to record as such rather than
// attach again (the facts' Shots), in as many words as the records back;
// else attach it.
func (k *checker) tracking() Item {
	const what = "the tracking history with its last scan"
	if last, ok := k.f.Shipping.Last(); ok {
		return Item{What: what, Have: true, Record: last.Page.String(), Says: "last scan " + last.String()}
	}
	it := k.evidence(what, vault.EvidenceTracking)
	shots := k.f.Shipping.Shots
	if it.Have || len(shots) == 0 {
		return it
	}
	s := shots[0]
	it.Fix = vault.SetField(s.ID.String(), "kind", string(vault.EvidenceTracking))
	const record, otherwise = "if it shows the tracking history, record it as such", "; else attach a screenshot of it"
	switch s.Clue {
	case vault.ClueNumber:
		it.Todo = fmt.Sprintf("%s, attached as a screenshot, holds the tracking number %s: ", s.ID, s.Number) + record
	case vault.ClueWords:
		it.Todo = fmt.Sprintf("the words read off %s, attached as a screenshot, speak of tracking: ", s.ID) + record + otherwise
	case vault.ClueName:
		it.Todo = fmt.Sprintf("the name of %s, attached as a screenshot, speaks of tracking: ", s.ID) + record + otherwise
	default: // every one unread: the shots are surest first
		var unread []string
		for _, u := range shots {
			unread = append(unread, u.ID.String())
		}
		if len(unread) == 1 {
			it.Todo = fmt.Sprintf("if %s, a screenshot whose words are not read, shows the tracking history, record it as such", s.ID) + otherwise
		} else {
			it.Fix.Record = "EV-n"
			it.Todo = fmt.Sprintf("if one of %s, screenshots whose words are not read, shows the tracking history, record it as such", strings.Join(unread, ", ")) + otherwise
		}
	}
	return it
}

// wrote is the buyer's written contact with the seller, dated.
func (k *checker) wrote() Item {
	const what = "your dated message to the seller"
	for _, l := range k.f.Contact.Wrote {
		if !l.At.IsZero() {
			return Item{What: what, Have: true, Record: l.ID.String()}
		}
	}
	return Item{What: what, Fix: &vault.Fix{Do: vault.DoWrite, Order: k.order}}
}

// unplaced is, when the case holds mails whose sender the vault cannot
// place and no answer of the seller's, that the seller's answer may be
// among them: the buyer's addresses would tell.
func (k *checker) unplaced() (Item, bool) {
	if _, answered := k.f.Contact.LastAnswer(); answered || k.f.Contact.Unplaced == 0 {
		return Item{}, false
	}
	return Item{What: "the seller's answer, if one of the case's mails is", Todo: "your own addresses: mails from others are then the seller's",
		Fix: &vault.Fix{Do: vault.DoConfig, Field: string(vault.SettingEmail), Value: "ADDRESS"}}, true
}

// marketplaceDispute is the dispute at the marketplace about the same
// orders, and how it was decided.
func (k *checker) marketplaceDispute() Item {
	const what = "the marketplace dispute and its outcome"
	d, ok := k.f.Dispute()
	switch {
	case !ok:
		return Item{What: what, Fix: &vault.Fix{Do: vault.DoAddCase, Kind: string(vault.Dispute), Order: k.order},
			Todo: "and its outcome once decided"}
	case d.Outcome == "" && !d.Status.Finished():
		return Item{What: what, Fix: vault.SetField(d.Case.String(), "outcome", "won|lost|partial"), Todo: "once decided"}
	}
	return Item{What: what, Have: true, Record: d.Case.String()}
}

// notByCard is, for a chargeback, an order recorded as paid otherwise than
// by card (PayPal, Klarna, an invoice): a chargeback is the card issuer's,
// and the payment service has its own dispute.
func (k *checker) notByCard() (Item, bool) {
	for _, o := range k.f.Orders {
		if vault.PaidOf(o.Payment) == vault.PaidOther {
			return Item{What: "a card payment to charge back (a chargeback is the card issuer's)",
				Todo: fmt.Sprintf("%s was paid with %q as recorded: open the dispute with that payment service instead; if a card paid it, record the card",
					o.ID, o.Payment),
				Fix: vault.SetField(o.ID.String(), "payment", "Visa ****4242")}, true
		}
	}
	return Item{}, false
}

func (k *checker) reference() Item {
	c := k.f.Case
	return set("the bank's form or case reference", c.Reference != "" || c.BankReference != "", c.ID.String(), "bank_reference", "REF")
}

func (k *checker) amount() Item {
	c := k.f.Case
	return set("the amount claimed", !c.Amount.IsZero(), c.ID.String(), "amount", "349,00 NOK")
}

// waited is, for a card scheme's window that opens after a wait (Visa 15
// days, Mastercard 30 days without a delivery date), whether the wait is over.
func waited(rows []Deadline, today time.Time) []Item {
	var out []Item
	for _, d := range rows {
		if d.Unknown || d.Opens.IsZero() || (d.Rule != "visa.chargeback" && d.Rule != "mastercard.chargeback") {
			continue
		}
		over := !d.Opens.After(today)
		it := Item{What: fmt.Sprintf("the scheme's waiting time is over (%s opens %s)", d.Rule, Day(d.Opens.Time)), Have: over,
			Record: recordIf(over, d.Record)}
		if !over {
			it.Todo = fmt.Sprintf("wait until %s before filing", Day(d.Opens.Time))
		}
		out = append(out, it)
	}
	return out
}

// reinstatement is the checklist of a request to reinstate an account.
func (k *checker) reinstatement() []Item {
	c := k.f.Case
	acc := Item{What: "the account and the day it was restricted", Fix: &vault.Fix{Do: vault.DoAddAccount, Record: c.ID.String()}}
	if a := k.f.Account; a != nil && !a.Blocked.IsZero() {
		acc = Item{What: acc.What, Have: true, Record: a.ID.String()}
	}
	items := []Item{acc}
	if len(k.f.Orders) > 0 {
		items = append(items, Item{What: "the orders on the account", Have: true, Record: k.order})
	} else {
		items = append(items, Item{What: "the orders on the account", Fix: &vault.Fix{Do: vault.DoLink, Case: c.ID.String(), Order: "ORD-n"}})
	}
	var disputes []vault.DisputeOutcome
	if k.f.History != nil {
		disputes = k.f.History.Disputes
	}
	for _, d := range disputes {
		decided := d.Outcome != "" || d.Status.Finished()
		outcome := Item{What: fmt.Sprintf("the outcome of %s %s", d.Kind, d.Case), Have: decided, Record: recordIf(decided, d.Case.String())}
		if !decided {
			outcome.Todo, outcome.Fix = "still open: record its outcome once decided", vault.SetField(d.Case.String(), "outcome", "won|lost|partial")
		}
		first := Item{What: fmt.Sprintf("a message to the seller before %s", d.Case), Have: d.WroteFirst, Record: recordIf(d.WroteFirst, d.Case.String())}
		if !d.WroteFirst {
			number, _, _ := strings.Cut(d.Orders, ", ")
			first.Todo = "record your message to the seller from before the dispute, dated"
			first.Fix = &vault.Fix{Do: vault.DoWrite, Order: number}
		}
		items = append(items, outcome, first)
	}
	return items
}

func recordIf(ok bool, record string) string {
	if ok {
		return record
	}
	return ""
}
