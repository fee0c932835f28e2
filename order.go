package vault

import (
	"fmt"
	"strings"
	"time"

	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
)

// Order is one purchase: who sold what, when, for how much, paid how.
type Order struct {
	ID          OrderID     `json:"id"`
	Marketplace Marketplace `json:"marketplace"`
	Number      string      `json:"number"`
	Seller      string      `json:"seller,omitempty"`
	Items       []string    `json:"items,omitempty"`
	Total       money.Money `json:"total,omitzero"`
	Ordered     date.Value  `json:"ordered,omitzero"`
	Paid        date.Value  `json:"paid,omitzero"`
	Shipped     date.Value  `json:"shipped,omitzero"`
	Expected    date.Value  `json:"expected,omitzero"`
	Delivered   date.Value  `json:"delivered,omitzero"`
	Payment     string      `json:"payment,omitempty"`
	Tracking    []string    `json:"tracking,omitempty"`
	Note        string      `json:"note,omitempty"`
	CreatedAt   time.Time   `json:"created_at"`

	// Facts recorded after the order was added (kept apart from its
	// first columns, so that records made before they existed keep their
	// hashes).
	Site           string      `json:"site,omitempty"`           // the country site: amazon.de
	SellerCountry  string      `json:"seller_country,omitempty"` // as recorded: an ISO code or OutsideEEA (see vault.SellerCountry)
	ProtectionEnds date.Value  `json:"protection_ends,omitzero"` // the buyer protection shown on the order page
	Refunded       money.Money `json:"refunded,omitzero"`        // what came back
	RefundedAt     date.Value  `json:"refunded_at,omitzero"`
	// LastDelivered is the day the last parcel came, for an order delivered
	// in several: the withdrawal period runs from it (Directive 2011/83/EU
	// art. 9 (2) (b); angrerettloven § 21 (1) (a)), a defect's limits from
	// each item's own delivery, which Delivered (the first) bounds.
	LastDelivered date.Value  `json:"last_delivered,omitzero"`
	Status        OrderStatus `json:"status,omitempty"`    // derived: see StatusOf
	Retracted     string      `json:"retracted,omitempty"` // why it was retracted, if it was
}

// Dated is a labelled date.
type Dated struct {
	Label string
	At    date.Value
}

// Dates returns the order's recorded dates of a purchase's life with
// their keys as labels (ordered, paid, shipped, expected, delivered), in the
// order a purchase happens; unrecorded ones are left out.
func (o Order) Dates() []Dated {
	var out []Dated
	for _, d := range o.AllDates() {
		if f, _ := FieldOf(RecordOrder, d.Label); !f.Later && !d.At.IsZero() {
			out = append(out, d)
		}
	}
	return out
}

// AllDates are every date field of the order, recorded or not, by key: the
// dates of its life and those recorded later (the protection's end, the
// refund's day).
func (o Order) AllDates() []Dated { return datesOf(&o, orderFields) }

// AllDates are every date field of the case, by key: opened, decided,
// discovered.
func (c Case) AllDates() []Dated { return datesOf(&c, caseFields) }

// datesOf lists a record's date fields by key.
func datesOf[R any](r *R, table []fieldOf[R]) []Dated {
	var out []Dated
	for _, f := range table {
		if v, ok := f.at(r).(*date.Value); ok {
			out = append(out, Dated{f.Key, *v})
		}
	}
	return out
}

// OrderStatus is where an order stands, derived from its dates and refunds.
type OrderStatus string

// The statuses of an order, in the order a purchase moves through them.
const (
	OrderRecorded      OrderStatus = "recorded" // no date yet
	OrderOrdered       OrderStatus = "ordered"
	OrderPaid          OrderStatus = "paid"
	OrderShipped       OrderStatus = "shipped"
	OrderDelivered     OrderStatus = "delivered"
	OrderPartlyRefunds OrderStatus = "partly refunded"
	OrderRefunded      OrderStatus = "refunded"
)

// OrderStatuses are the statuses an order can have.
var OrderStatuses = []OrderStatus{OrderRecorded, OrderOrdered, OrderPaid, OrderShipped, OrderDelivered, OrderPartlyRefunds,
	OrderRefunded}

var orderStatusNB = map[OrderStatus]string{OrderRecorded: "registrert", OrderOrdered: "bestilt", OrderPaid: "betalt",
	OrderShipped: "sendt", OrderDelivered: "levert", OrderPartlyRefunds: "delvis refundert", OrderRefunded: "refundert"}

// Word is the status in l.
func (s OrderStatus) Word(l lang.Lang) string { return word(l, string(s), orderStatusNB[s]) }

// StatusOf is where an order stands: refunded when what came back (on the
// order, or won in a decided case about it alone) reaches its total, partly
// refunded below that, else the last of its dates that is recorded.
func StatusOf(o Order, cases []Case) OrderStatus {
	back := o.Refunded
	for _, c := range cases {
		if len(c.Orders) == 1 && c.Orders[0] == o.ID && c.Status.Finished() && c.Refunded.Currency == o.Total.Currency &&
			c.Refunded.Minor > back.Minor {
			back = c.Refunded
		}
	}
	switch {
	case back.Minor > 0 && !o.Total.IsZero() && back.Currency == o.Total.Currency && back.Minor >= o.Total.Minor:
		return OrderRefunded
	case back.Minor > 0:
		return OrderPartlyRefunds
	case !o.Delivered.IsZero():
		return OrderDelivered
	case !o.Shipped.IsZero():
		return OrderShipped
	case !o.Paid.IsZero():
		return OrderPaid
	case !o.Ordered.IsZero():
		return OrderOrdered
	}
	return OrderRecorded
}

// Check refuses an order number that reads as a record id (ORD-2 would
// name another order), and, without force, what cannot be right: a
// delivery before the order or the shipment, a shipment before the order
// or the payment, a payment before the order, any of these after today
// (now is in the user's zone), and a refund above the total or in another
// currency.
func (o Order) Check(now time.Time, force bool) error {
	if err := checkText(o.ID.String(), o.Fields()); err != nil {
		return err
	}
	if _, isID := ParseOrderID(o.Number); isID {
		return &FieldError{o.ID.String(), "number", fmt.Sprintf("%q reads as a record id; give the marketplace's order number", o.Number)}
	}
	if force {
		return nil
	}
	if err := o.checkRefund(); err != nil {
		return err
	}
	if err := o.Marketplace.checkSite(strings.ToLower(strings.TrimSpace(o.Site)), false); err != nil {
		return err
	}
	ordered, paid, shipped := Dated{"ordered", o.Ordered}, Dated{"paid", o.Paid}, Dated{"shipped", o.Shipped}
	delivered, last := Dated{"delivered", o.Delivered}, Dated{"last delivered", o.LastDelivered}
	for _, pair := range [][2]Dated{{delivered, ordered}, {delivered, shipped}, {shipped, ordered}, {shipped, paid}, {paid, ordered},
		{last, delivered}, {last, ordered}} {
		if err := checkOrder(pair[0], pair[1], now.Location(), false); err != nil {
			return err
		}
	}
	for _, d := range []Dated{ordered, paid, shipped, delivered, last, {"refunded", o.RefundedAt}} {
		if err := CheckPast(d.Label, d.At, now, false); err != nil {
			return err
		}
	}
	return nil
}

// checkRefund refuses a refund above the total or in another currency.
func (o Order) checkRefund() error {
	switch r, t := o.Refunded, o.Total; {
	case r.IsZero() || t.IsZero():
		return nil
	case r.Currency != t.Currency:
		return needsForce("the refund %s is in another currency than the total %s", r, t)
	case r.Minor > t.Minor:
		return needsForce("the refund %s is more than the total %s", r, t)
	}
	return nil
}

// SoldByMarketplace reports whether the recorded seller is the marketplace
// itself ("Amazon EU S.à r.l." at Amazon): a guarantee for third-party
// sellers, as Amazon's A-to-z, does not cover it. An unrecorded seller may
// be anyone.
func (o Order) SoldByMarketplace() bool {
	seller, m := strings.ToLower(strings.TrimSpace(o.Seller)), strings.ToLower(o.Marketplace.Name())
	return seller != "" && m != "" && (seller == m || strings.HasPrefix(seller, m+" ") || strings.HasPrefix(seller, m+"."))
}
