package vault

import (
	"fmt"
	"strings"

	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
)

// NoticeKind is what a marketplace's or a payment service's mail tells.
type NoticeKind string

// The kinds of notice the vault understands.
const (
	NoticeOrdered        NoticeKind = "ordered"         // an order confirmation: number, total, seller
	NoticeShipped        NoticeKind = "shipped"         // tracking number, carrier
	NoticeDelivered      NoticeKind = "delivered"       // the day it came
	NoticeDisputeOpened  NoticeKind = "dispute-opened"  // a dispute's (claim's, case's) number
	NoticeDisputeDecided NoticeKind = "dispute-decided" // its outcome and refund
	NoticeRefunded       NoticeKind = "refunded"        // a refund issued
	NoticeRestricted     NoticeKind = "restricted"      // the account restricted, suspended or blocked
)

// Words of the notice kinds, as a sentence says what the mail said.
var noticeWords = map[NoticeKind][2]string{
	NoticeOrdered: {"order confirmed", "ordre bekreftet"}, NoticeShipped: {"shipped", "sendt"},
	NoticeDelivered: {"delivered", "levert"}, NoticeDisputeOpened: {"dispute opened", "tvist åpnet"},
	NoticeDisputeDecided: {"dispute closed", "tvist avgjort"}, NoticeRefunded: {"refund issued", "refusjon utbetalt"},
	NoticeRestricted: {"account restricted", "konto begrenset"},
}

// Word is the kind in l: "dispute closed", "tvist avgjort".
func (k NoticeKind) Word(l lang.Lang) string { return word(l, noticeWords[k][0], noticeWords[k][1]) }

// Notifier is who sends the notices the vault understands: a marketplace,
// or PayPal, the payment service whose buyer protection decides disputes.
type Notifier string

// PayPal is the payment service whose notices the vault understands.
const PayPal Notifier = "paypal"

// notifiers are the senders whose notices are read, with the registered
// domains their mail comes from: a sender's domain must be one of these or
// a subdomain of one (notice.aliexpress.com), never merely contain the
// name (aliexpress-security.com is anyone's).
var notifiers = []struct {
	id      Notifier
	name    string
	domains []string
}{
	{Notifier(AliExpress), "AliExpress", []string{"aliexpress.com", "aliexpress.us"}},
	{Notifier(Temu), "Temu", []string{"temu.com"}},
	{Notifier(Amazon), "Amazon", []string{"amazon.com", "amazon.de", "amazon.co.uk", "amazon.se", "amazon.fr", "amazon.it",
		"amazon.es", "amazon.nl", "amazon.pl", "amazon.com.be", "amazon.ie"}},
	{Notifier(EBay), "eBay", []string{"ebay.com", "ebay.de", "ebay.co.uk", "ebay.fr", "ebay.it", "ebay.es"}},
	{PayPal, "PayPal", []string{"paypal.com", "paypal.no", "paypal.de", "paypal.co.uk", "paypal.se"}},
}

// NotifierOf is who sent a mail from address (an address, or "Name
// <address>"): known only when it holds exactly one address, whose domain
// is one of a notifier's own.
func NotifierOf(address string) (Notifier, bool) {
	if strings.Count(address, "@") != 1 {
		return "", false // none, or a display name that is itself an address
	}
	domain := address[strings.IndexByte(address, '@')+1:]
	if i := strings.IndexByte(domain, '>'); i >= 0 {
		if strings.TrimSpace(domain[i+1:]) != "" {
			return "", false
		}
		domain = domain[:i]
	}
	domain = strings.TrimSuffix(strings.ToLower(strings.TrimSpace(domain)), ".")
	for _, n := range notifiers {
		if inDomains(domain, n.domains) {
			return n.id, true
		}
	}
	return "", false
}

// Name is the notifier as it writes itself: "AliExpress", "PayPal".
func (n Notifier) Name() string {
	for _, x := range notifiers {
		if x.id == n {
			return x.name
		}
	}
	return Marketplace(n).Name()
}

// Marketplace is the marketplace a notifier is, "" for PayPal.
func (n Notifier) Marketplace() Marketplace {
	if n == PayPal {
		return ""
	}
	return Marketplace(n)
}

// Notice is what a marketplace's or PayPal's mail says, as a recogniser
// read it: what happened, to which order or account, and the values it
// gives. Values it does not give are zero.
type Notice struct {
	Kind        NoticeKind  `json:"kind"`
	From        Notifier    `json:"from"`
	Marketplace Marketplace `json:"marketplace,omitempty"` // the order's, when the mail says (PayPal's may not)
	Order       string      `json:"order,omitempty"`       // the order number it names
	Day         date.Value  `json:"day,omitzero"`          // when it happened: the mail's day, in the user's zone
	Total       money.Money `json:"total,omitzero"`
	Seller      string      `json:"seller,omitempty"`
	Tracking    string      `json:"tracking,omitempty"`
	Carrier     string      `json:"carrier,omitempty"`
	Dispute     string      `json:"dispute,omitempty"` // the dispute's, claim's or case's number
	Outcome     Outcome     `json:"outcome,omitempty"`
	Refund      money.Money `json:"refund,omitzero"`
	Login       string      `json:"login,omitempty"` // the account's e-mail address or user id
	Reason      string      `json:"reason,omitempty"`
	AppealBy    date.Value  `json:"appeal_by,omitzero"`
}

// Summary says what the notice tells, in one line: "AliExpress dispute
// 5012345678 closed: won, refund 23.90 USD".
func (n Notice) Summary() string {
	what := n.From.Name()
	switch n.Kind {
	case NoticeRestricted:
		what += " account " + n.Login + " restricted"
	case NoticeDisputeOpened, NoticeDisputeDecided:
		what += strings.TrimSuffix(" dispute "+n.Dispute, " ") + " " + strings.TrimPrefix(n.Kind.Word(lang.EN), "dispute ")
	default:
		what += strings.TrimSuffix(" "+n.Order, " ") + " " + n.Kind.Word(lang.EN)
	}
	var parts []string
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, strings.TrimPrefix(label+" "+v, " "))
		}
	}
	add("", string(n.Outcome))
	add("total", moneyWord(n.Total))
	add("seller", n.Seller)
	add("tracking", n.Tracking)
	add("carrier", n.Carrier)
	add("refund", moneyWord(n.Refund))
	add("reason", n.Reason)
	add("appeal by", n.AppealBy.String())
	if len(parts) == 0 {
		return what
	}
	return what + ": " + strings.Join(parts, ", ")
}

func moneyWord(m money.Money) string {
	if m.IsZero() {
		return ""
	}
	return m.String()
}

// OrderChanges are what the notice says of an order, as changes in their
// stored form: fill sets what the order does not record (or adds a
// tracking number it does not have); suggest would change what it records
// (a day only when it is another day).
func (n Notice) OrderChanges(o Order) (fill, suggest []Change) {
	has := o.Fields()
	put := func(field, value string) {
		switch was := has[field]; {
		case value == "" || same(was, value):
		case was == "":
			fill = append(fill, Change{Field: field, Op: Set, Value: value})
		default:
			suggest = append(suggest, Change{Field: field, Op: Set, Value: value})
		}
	}
	switch n.Kind {
	case NoticeOrdered:
		put("total", moneyWord(n.Total))
		put("seller", n.Seller)
		put("ordered", n.Day.String())
	case NoticeShipped:
		if n.Tracking != "" && !containsString(o.Tracking, n.Tracking) {
			fill = append(fill, Change{Field: "tracking", Op: Add, Value: n.Tracking})
		}
		put("shipped", n.Day.String())
	case NoticeDelivered:
		if n.Tracking != "" && !containsString(o.Tracking, n.Tracking) {
			fill = append(fill, Change{Field: "tracking", Op: Add, Value: n.Tracking})
		}
		put("delivered", n.Day.String())
	case NoticeRefunded:
		if !n.Refund.IsZero() {
			put("refunded", n.Refund.String())
			put("refunded_at", n.Day.String())
		}
	}
	return fill, suggest
}

// CaseChanges are what a dispute notice says of the case that records the
// dispute: its number fills an empty one; an outcome, which decides the
// case and moves its status, is always a suggestion, with its refund and day.
func (n Notice) CaseChanges(c Case) (fill, suggest []Change) {
	has := c.Fields()
	if n.Dispute != "" && !same(has["dispute_number"], n.Dispute) {
		ch := Change{Field: "dispute_number", Op: Set, Value: n.Dispute}
		if has["dispute_number"] == "" {
			fill = append(fill, ch)
		} else {
			suggest = append(suggest, ch)
		}
	}
	if n.Kind != NoticeDisputeDecided || n.Outcome == "" {
		return fill, suggest
	}
	decided := []Change{{Field: "outcome", Op: Set, Value: string(n.Outcome)}}
	if !n.Refund.IsZero() && n.Outcome != OutcomeLost {
		decided = append(decided, Change{Field: "refunded", Op: Set, Value: n.Refund.String()})
	}
	if !n.Day.IsZero() {
		decided = append(decided, Change{Field: "decided", Op: Set, Value: n.Day.String()})
	}
	for _, ch := range decided {
		if !same(has[ch.Field], ch.Value) {
			return fill, append(suggest, decided...)
		}
	}
	return fill, suggest
}

// NewCaseChanges are the fields of the dispute case a notice suggests
// opening when none records it: who decides, its number, the day (of the
// mail), and its decision.
func (n Notice) NewCaseChanges() []Change {
	var out []Change
	add := func(field, value string) {
		if value != "" {
			out = append(out, Change{Field: field, Op: Set, Value: value})
		}
	}
	add("receiver", n.From.Name())
	add("dispute_number", n.Dispute)
	add("opened", n.Day.String()) // a decided dispute was opened that day at the latest
	if n.Kind == NoticeDisputeDecided && n.Outcome != "" {
		add("outcome", string(n.Outcome))
		if n.Outcome != OutcomeLost {
			add("refunded", moneyWord(n.Refund))
		}
		add("decided", n.Day.String())
	}
	return out
}

// Account is the account a restriction notice names, to record when the
// vault has none: at the notifier (PayPal's own, or the marketplace's).
func (n Notice) Account() Account {
	return Account{Marketplace: Marketplace(n.From), Login: n.Login, Blocked: n.Day, Reason: n.Reason, AppealBy: n.AppealBy}
}

// AccountChanges are what a restriction notice says of a recorded account.
func (n Notice) AccountChanges(a Account) (fill, suggest []Change) {
	has := a.Fields()
	for _, ch := range []Change{{Field: "blocked", Op: Set, Value: n.Day.String()}, {Field: "reason", Op: Set, Value: n.Reason},
		{Field: "appeal_by", Op: Set, Value: n.AppealBy.String()}} {
		switch was := has[ch.Field]; {
		case ch.Value == "" || same(was, ch.Value):
		case was == "":
			fill = append(fill, ch)
		default:
			suggest = append(suggest, ch)
		}
	}
	return fill, suggest
}

// same reports whether two stored values say the same: dates by their day
// (a day the buyer typed and the instant a mail came), text ignoring case
// and the spaces around it.
func same(was, value string) bool {
	if len(was) >= 10 && len(value) >= 10 && isDay(was[:10]) && isDay(value[:10]) {
		return was[:10] == value[:10]
	}
	return strings.EqualFold(strings.TrimSpace(was), strings.TrimSpace(value))
}

func isDay(s string) bool {
	v, err := date.Stored(s)
	return err == nil && v.IsDay()
}

// describe writes changes as a list: "outcome won, refunded 23.90 USD".
func describe(changes []Change) string {
	out := make([]string, len(changes))
	for i, c := range changes {
		field := strings.ReplaceAll(c.Field, "_", " ")
		switch c.Op {
		case Add:
			out[i] = fmt.Sprintf("%s + %s", field, c.Value)
		case Unset:
			out[i] = "no " + field
		default:
			out[i] = field + " " + c.Value
		}
	}
	return strings.Join(out, ", ")
}

// Understood is what a notice did in the vault: the recorded orders it
// names, the values it filled (edits by the mail), the account it recorded,
// the cases its mail was filed under, and what it suggests.
type Understood struct {
	Notice    Notice       `json:"notice"`
	Orders    []OrderID    `json:"orders,omitempty"`
	Filled    []Edit       `json:"filled,omitempty"`
	Account   AccountID    `json:"account,omitzero"` // recorded from the mail
	Cases     []CaseID     `json:"cases,omitempty"`
	Suggested []Suggestion `json:"suggested,omitempty"`
}
