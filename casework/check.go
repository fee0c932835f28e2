package casework

import (
	"context"
	"fmt"
	"slices"
	"time"

	"vault"
	"vault/deadlines"
	"vault/internal/date"
)

// Item is one thing a strong claim holds (domain-rules.md, "What a strong
// dossier holds", and the banks' and schemes' dispute forms), and whether
// the vault has it: the record that proves it, else how to record it.
type Item struct {
	What   string `json:"what"`
	Have   bool   `json:"have"`
	Record string `json:"record,omitempty"` // EV-3, ORD-1, CASE-2, ACC-1
	Todo   string `json:"todo,omitempty"`   // how to record it, when missing
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
// claim holds and whether the vault has each.
func (s *Service) Check(ctx context.Context, ref string) (Checklist, error) {
	f, err := s.LiveCaseFile(ctx, ref)
	if err != nil {
		return Checklist{}, err
	}
	c := f.Case
	list := Checklist{Case: c.ID, Kind: c.Kind}
	k := &checker{f: f, order: firstOrder(f)}
	if c.Kind == vault.Reinstatement {
		t, err := s.DB.Tracking(ctx)
		if err != nil {
			return list, err
		}
		disputes, _ := disputesAt(t, f.Orders)
		list.Items = k.reinstatement(disputes)
		return list, nil
	}
	related, err := s.related(ctx, f)
	if err != nil {
		return list, err
	}
	rules, err := s.RuleSet(ctx)
	if err != nil {
		return list, err
	}
	list.Items = k.purchase(related, s.CaseDeadlines(rules, f), deadlines.Day(date.Instant(s.Now()), s.Loc))
	return list, nil
}

// checker finds the records of one case file.
type checker struct {
	f     vault.CaseFile
	order string // the first order's id, for the hints
}

func firstOrder(f vault.CaseFile) string {
	if len(f.Orders) == 0 {
		return "ORD-n"
	}
	return f.Orders[0].ID.String()
}

// evidence is the first record of one of the kinds, as an item.
func (k *checker) evidence(what, todo string, kinds ...vault.EvidenceKind) Item {
	for _, e := range k.f.Evidence {
		if slices.Contains(kinds, e.Kind) {
			return Item{What: what, Have: true, Record: e.ID.String()}
		}
	}
	return Item{What: what, Todo: todo}
}

// paid is the proof of payment: a receipt or statement attached, or a
// statement line linked to the order (vault match).
func (k *checker) paid() Item {
	const what = "proof of payment (receipt or card statement)"
	for _, t := range k.f.Charges {
		if t.Amount.Minor < 0 {
			return Item{What: what, Have: true, Record: t.ID.String()}
		}
	}
	return k.evidence(what, fmt.Sprintf("vault attach file FILE --kind receipt --order %s, or vault import statement FILE and vault match", k.order),
		vault.EvidenceReceipt, vault.EvidenceStatement)
}

// orderField is an item the order records: the first order that has it.
func (k *checker) orderField(what, todo string, has func(vault.Order) bool) Item {
	for _, o := range k.f.Orders {
		if has(o) {
			return Item{What: what, Have: true, Record: o.ID.String()}
		}
	}
	return Item{What: what, Todo: todo}
}

// purchase is the checklist of a claim about a purchase: a dispute, a
// chargeback, a withdrawal, a complaint, a delay or an unauthorised payment.
func (k *checker) purchase(related []vault.DisputeOutcome, rows []Deadline, today time.Time) []Item {
	c, o := k.f.Case, k.order
	trouble := vault.TroubleOf(c)
	items := []Item{
		{What: "what went wrong", Have: trouble != "", Record: recordIf(trouble != "", c.ID.String()),
			Todo: fmt.Sprintf("vault set case %s --problem not-received|defective|not-as-described|...", c.ID)},
		k.evidence("the order confirmation", fmt.Sprintf("vault attach file FILE --kind confirmation --order %s", o), vault.EvidenceConfirmation),
		k.paid(),
		k.orderField("how it was paid", fmt.Sprintf("vault set order %s --payment 'Visa ****4242'", o), func(o vault.Order) bool { return o.Payment != "" }),
	}
	if trouble == vault.NotAuthorised || trouble == vault.ChargedTwice || trouble == vault.WrongAmount {
		return append(items, k.reference(), k.amount())
	}
	items = append(items, k.wrote())
	switch trouble {
	case vault.NotReceived:
		items = append(items,
			k.orderField("the promised delivery date", fmt.Sprintf("vault set order %s --expected DATE", o), func(o vault.Order) bool { return !o.Expected.IsZero() }),
			k.orderField("the tracking number", fmt.Sprintf("vault set order %s --tracking NUMBER", o), func(o vault.Order) bool { return len(o.Tracking) > 0 }),
			k.evidence("the tracking history with its last scan", fmt.Sprintf("vault attach file SCREENSHOT --kind tracking --order %s", o), vault.EvidenceTracking))
	case vault.Defective, vault.NotAsDescribed:
		items = append(items,
			k.evidence("the listing as it was", fmt.Sprintf("vault attach file SCREENSHOT --kind listing --order %s", o), vault.EvidenceListing),
			k.evidence("photos or video of what arrived", fmt.Sprintf("vault attach file PHOTO --kind photo --order %s", o), vault.EvidencePhoto, vault.EvidenceVideo))
	}
	if c.Kind == vault.Chargeback {
		items = append(items, k.marketplaceDispute(related), k.reference(), k.amount())
		items = append(items, waited(rows, today)...)
	}
	if c.Kind == vault.Dispute {
		items = append(items, Item{What: "the marketplace's dispute number", Have: c.DisputeNumber != "", Record: recordIf(c.DisputeNumber != "", c.ID.String()),
			Todo: fmt.Sprintf("vault set case %s --dispute-number NUMBER", c.ID)})
	}
	return items
}

// wrote is the buyer's written contact with the seller, dated.
func (k *checker) wrote() Item {
	for _, e := range k.f.Evidence {
		if e.IsBuyerLetter() && !e.OccurredAt.IsZero() {
			return Item{What: "your dated message to the seller", Have: true, Record: e.ID.String()}
		}
	}
	return Item{What: "your dated message to the seller", Todo: fmt.Sprintf("vault add message --order %s --from me --at DATE --text '...'", k.order)}
}

// marketplaceDispute is the dispute at the marketplace about the same orders.
func (k *checker) marketplaceDispute(related []vault.DisputeOutcome) Item {
	it := Item{What: "the marketplace dispute and its outcome",
		Todo: fmt.Sprintf("vault add case --kind dispute --order %s --dispute-number NUMBER, and its outcome with 'vault set case'", k.order)}
	for _, d := range related {
		if d.Kind == vault.Dispute {
			it.Have, it.Record, it.Todo = true, d.Case.String(), ""
		}
	}
	return it
}

func (k *checker) reference() Item {
	c := k.f.Case
	has := c.Reference != "" || c.BankReference != ""
	return Item{What: "the bank's form or case reference", Have: has, Record: recordIf(has, c.ID.String()),
		Todo: fmt.Sprintf("vault set case %s --reference REF", c.ID)}
}

func (k *checker) amount() Item {
	c := k.f.Case
	has := !c.Amount.IsZero()
	return Item{What: "the amount claimed", Have: has, Record: recordIf(has, c.ID.String()), Todo: fmt.Sprintf("vault set case %s --amount '349,00 NOK'", c.ID)}
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
		out = append(out, Item{What: fmt.Sprintf("the scheme's waiting time is over (%s opens %s)", d.Rule, Day(d.Opens.Time)), Have: over,
			Record: recordIf(over, d.Record), Todo: fmt.Sprintf("wait until %s before filing", Day(d.Opens.Time))})
	}
	return out
}

// reinstatement is the checklist of a request to reinstate an account.
func (k *checker) reinstatement(disputes []vault.DisputeOutcome) []Item {
	c := k.f.Case
	acc := Item{What: "the account and the day it was restricted", Todo: fmt.Sprintf("vault add account ..., then 'vault set case %s --account ACC-n'", c.ID)}
	if a := k.f.Account; a != nil && !a.Blocked.IsZero() {
		acc.Have, acc.Record, acc.Todo = true, a.ID.String(), ""
	}
	items := []Item{acc, {What: "the orders on the account", Have: len(k.f.Orders) > 0, Record: recordIf(len(k.f.Orders) > 0, k.order),
		Todo: fmt.Sprintf("vault case link %s --order ORD-n", c.ID)}}
	for _, d := range disputes {
		decided := d.Status != vault.StatusOpen && d.Status != vault.StatusEscalated
		items = append(items,
			Item{What: fmt.Sprintf("the outcome of %s %s", d.Kind, d.Case), Have: decided, Record: recordIf(decided, d.Case.String()),
				Todo: fmt.Sprintf("still open: when decided, 'vault set case %s --outcome won|lost|partial'", d.Case)},
			Item{What: fmt.Sprintf("a message to the seller before %s", d.Case), Have: d.WroteFirst, Record: recordIf(d.WroteFirst, d.Case.String()),
				Todo: "record your message to the seller from before the dispute with 'vault add message --from me --at DATE'"})
	}
	return items
}

func recordIf(ok bool, record string) string {
	if ok {
		return record
	}
	return ""
}
