// Package deadlines holds the sourced rules of docs/domain-rules.md as data
// (rules.json, embedded) and the one small evaluator that turns a rule and an
// order's dates into windows: when an action opens, when it closes, how many
// days are left. No deadline logic lives anywhere else.
package deadlines

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"vault"

	"vault/internal/money"
)

//go:embed rules.json
var builtin []byte

// Rule is one sourced rule: what it says, where it comes from, and the
// windows it opens for an order (or for an order in a case of some kind).
type Rule struct {
	ID       string   `json:"id"`
	Scope    string   `json:"scope"`
	Kind     RuleKind `json:"kind"`
	Says     string   `json:"says"`
	Window   string   `json:"window"` // the window as the source states it
	Source   string   `json:"source"`
	Quote    string   `json:"quote,omitempty"` // the source's own words, verbatim, in its language
	URL      string   `json:"url,omitempty"`   // where the source (and the quote) can be read
	Verified string   `json:"verified"`
	Applies  Applies  `json:"applies,omitzero"`
	Windows  []Window `json:"windows,omitempty"`
	Guard    *Guard   `json:"guard,omitempty"`
	Above    string   `json:"above,omitempty"`    // charges: the order total (at least this) from which they may apply
	PerItem  bool     `json:"per_item,omitempty"` // charges: Above is a limit per item, which an order's total only bounds
	Origin   string   `json:"origin,omitempty"`
}

// RuleKind is what a rule does.
type RuleKind string

// The kinds of rule.
const (
	RuleDeadline RuleKind = "deadline" // windows for orders and cases
	RuleInfo     RuleKind = "info"     // said, not computed
	RuleGuard    RuleKind = "guard"    // the dispute-frequency warning
	RuleCharges  RuleKind = "charges"  // import charges above a total
)

// Origins of a rule in a vault's rule set.
const (
	Builtin    = "builtin"
	Overridden = "overridden"
	Added      = "added"
	// Recorded is a deadline no rule computes: a day the records hold, such
	// as the appeal day a marketplace gave for a blocked account.
	Recorded = "recorded"
)

// Applies narrows a rule to orders: all lists empty means every order.
// Payment names match anywhere in the order's payment method, ignoring case.
// Law is the law that applies to the order, as vault.LawFor decides it;
// Currencies, the currency paid, serve rules of a vault's own.
type Applies struct {
	Marketplaces []vault.Marketplace `json:"marketplaces,omitempty"`
	// Except are marketplaces whose own protection handles their orders
	// instead (PayPal's disputes are not for eBay purchases).
	Except     []vault.Marketplace `json:"except_marketplaces,omitempty"`
	Payments   []string            `json:"payments,omitempty"`
	Law        []vault.Law         `json:"law,omitempty"`
	Sellers    []string            `json:"sellers,omitempty"` // outside-eu, outside-no: where the seller is; third-party: not the marketplace
	Currencies []string            `json:"currencies,omitempty"`
	// Buyers are the buyer's countries ('vault config set country') a rule
	// is for, ExceptBuyers those it is not for: a state's own law beside the
	// directives (Sweden's three years).
	Buyers       []string `json:"buyers,omitempty"`
	ExceptBuyers []string `json:"except_buyers,omitempty"`
}

// Window is one period a rule gives: an action may be taken from Opens (nil:
// from now) to Closes (nil: no end), never later than Cap. Cases limits the
// window to orders in a case of one of those kinds; its dates may then use
// "opened".
//
// After says what the end of the window means when it is no loss to the
// buyer: the seller's time is up, or (reklamasjon) a notice is no longer
// sure to be in time but may still be. Such a window passes, it is never
// missed. Uncertain says why the window's dates are not sure (sources that
// disagree).
type Window struct {
	Name  string           `json:"name"`
	Cases []vault.CaseKind `json:"cases,omitempty"`
	// UsedBy are the kinds of case whose opening uses the window: a dispute
	// opened on its last day was opened in time, and the window is used,
	// not missed.
	UsedBy    []vault.CaseKind `json:"used_by,omitempty"`
	Opens     *Point           `json:"opens,omitempty"`
	Closes    *Point           `json:"closes,omitempty"`
	Cap       *Point           `json:"cap,omitempty"`
	After     string           `json:"after,omitempty"`
	Uncertain string           `json:"uncertain,omitempty"`
}

// Point is a date computed from an order's dates: the first term whose date
// is recorded (pick "first", the default), or the earliest or latest of the
// terms that are.
type Point struct {
	Pick string `json:"pick,omitempty"`
	Of   []Term `json:"of"`
}

// Term is a date plus an offset. From names a date, or several separated by
// "|": the first recorded one is used, and any but the first is an estimate
// unless Alternatives says the rule itself names them in turn (Visa: the
// day received, or if not received the day expected).
type Term struct {
	From         string `json:"from"`
	Alternatives bool   `json:"alternatives,omitempty"`
	Days         int    `json:"days,omitempty"`
	BusinessDays int    `json:"business_days,omitempty"`
	Months       int    `json:"months,omitempty"`
	Years        int    `json:"years,omitempty"`
}

// Guard holds the thresholds of a dispute warning: the frequency at one
// marketplace, or (NonReceipt30d) the number of non-receipt disputes at one
// seller within 30 days from which the card scheme wants a letter.
type Guard struct {
	MaxShare90d    float64 `json:"max_share_90d,omitempty"`
	MaxDisputes30d int     `json:"max_disputes_30d,omitempty"`
	MinDisputes90d int     `json:"min_disputes_90d,omitempty"` // the share counts from this many disputes
	NonReceipt30d  int     `json:"non_receipt_30d,omitempty"`
}

// Wrote is the date a term names for the day the buyer last wrote to the
// seller, the one date no record holds as a field.
const Wrote = "wrote"

// Letter is the date a term names for the day the buyer last wrote about a
// case on or after the day it was opened: the letter the case sends (a
// delay's additional time runs from it, not from the case's opening).
const Letter = "letter"

// DateNames are the dates a term can start from: the date fields of an
// order and of its case (vault.Fields), and the day the buyer last wrote to
// the seller.
func DateNames() []string {
	names := []string{Wrote, Letter}
	for _, kind := range []vault.RecordKind{vault.RecordOrder, vault.RecordCase} {
		for _, f := range vault.Fields(kind) {
			if f.Type == vault.DateField {
				names = append(names, f.Key)
			}
		}
	}
	return names
}

// sellerPlaces are the places a rule can ask its seller to be.
var sellerPlaces = []string{"outside-eu", "outside-no", "third-party"}

var (
	kinds = []RuleKind{RuleDeadline, RuleInfo, RuleGuard, RuleCharges}
	picks = []string{"", "first", "earliest", "latest"}
)

// maxOffset bounds every offset: 100 years of days is no rule, it is a typo.
const maxOffset = 36500

// BuiltinRules returns the rules shipped with vault: a copy of the list,
// parsed once (every deadline, letter and dossier asks for it).
func BuiltinRules() []Rule { return slices.Clone(builtinRules()) }

var builtinRules = sync.OnceValue(func() []Rule {
	rules, err := Parse(builtin)
	if err != nil {
		panic("deadlines: rules.json: " + err.Error()) // caught by the tests
	}
	for i := range rules {
		rules[i].Origin = Builtin
	}
	return rules
})

// Parse reads a JSON array of rules and checks each one.
func Parse(b []byte) ([]Rule, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var rules []Rule
	if err := dec.Decode(&rules); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if dec.More() {
		return nil, errors.New("rules: trailing data after the array")
	}
	seen := map[string]bool{}
	for _, r := range rules {
		if err := r.Check(); err != nil {
			return nil, err
		}
		if seen[r.ID] {
			return nil, fmt.Errorf("rule %s: defined twice", r.ID)
		}
		seen[r.ID] = true
	}
	return rules, nil
}

// Check reports the first thing wrong with r.
func (r Rule) Check() error {
	if !validID(r.ID) {
		return fmt.Errorf("rule id %q: use lower-case letters, digits, dots and dashes", r.ID)
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("rule %s: "+format, append([]any{r.ID}, args...)...)
	}
	if !slices.Contains(kinds, r.Kind) {
		return fail("kind %q: want one of %s", r.Kind, strings.Join(vault.Words(kinds), ", "))
	}
	if r.Says == "" || r.Source == "" {
		return fail("says what, according to which source? both are required")
	}
	if r.Kind == RuleGuard && (r.Guard == nil || r.Guard.MaxShare90d < 0 || r.Guard.MaxShare90d > 1 || r.Guard.MaxDisputes30d < 0 ||
		r.Guard.NonReceipt30d < 0 || r.Guard.MaxDisputes30d == 0 && r.Guard.NonReceipt30d == 0) {
		return fail("a guard needs max_share_90d between 0 and 1 with max_disputes_30d > 0, or non_receipt_30d > 0")
	}
	if r.Kind == RuleCharges {
		if _, err := money.Parse(r.Above); err != nil {
			return fail("above: %v", err)
		}
	}
	for _, s := range r.Applies.Sellers {
		if !slices.Contains(sellerPlaces, s) {
			return fail("sellers %q: want %s", s, strings.Join(sellerPlaces, " or "))
		}
	}
	for _, c := range append(slices.Clone(r.Applies.Buyers), r.Applies.ExceptBuyers...) {
		if c != vault.Country(c) || !vault.ValidCountry(c) || c == vault.OutsideEEA {
			return fail("buyers %q: want a country code in capitals, like SE", c)
		}
	}
	for _, l := range r.Applies.Law {
		if l != vault.NorwegianLaw && l != vault.EULaw {
			return fail("law %q: want %q or %q", l, vault.NorwegianLaw, vault.EULaw)
		}
	}
	for _, w := range r.Windows {
		if err := w.check(); err != nil {
			return fail("window %q: %v", w.Name, err)
		}
	}
	return nil
}

// AfterDecision reports whether the window counts from the day a case was
// decided (an appeal): it is the one kind a decided case still has.
func (w Window) AfterDecision() bool {
	for _, p := range []*Point{w.Opens, w.Closes, w.Cap} {
		if p == nil {
			continue
		}
		for _, t := range p.Of {
			if slices.Contains(strings.Split(t.From, "|"), "decided") {
				return true
			}
		}
	}
	return false
}

func (w Window) check() error {
	if w.Name == "" {
		return errors.New("a window needs a name")
	}
	if w.Opens == nil && w.Closes == nil {
		return errors.New("a window needs opens or closes")
	}
	for _, k := range append(slices.Clone(w.Cases), w.UsedBy...) {
		if _, err := vault.ParseCaseKind(string(k)); err != nil {
			return err
		}
	}
	for _, p := range []*Point{w.Opens, w.Closes, w.Cap} {
		if p == nil {
			continue
		}
		if err := p.check(len(w.Cases) > 0); err != nil {
			return err
		}
	}
	return nil
}

func (p *Point) check(inCase bool) error {
	if !slices.Contains(picks, p.Pick) {
		return fmt.Errorf("pick %q: want first, earliest or latest", p.Pick)
	}
	if len(p.Of) == 0 {
		return errors.New("a date needs at least one term")
	}
	for _, t := range p.Of {
		for name := range strings.SplitSeq(t.From, "|") {
			if names := DateNames(); !slices.Contains(names, name) {
				return fmt.Errorf("date %q: want one of %s", name, strings.Join(names, ", "))
			}
			if _, ofCase := vault.FieldOf(vault.RecordCase, name); ofCase && !inCase {
				return fmt.Errorf("%q needs the window to name its case kinds", name)
			}
		}
		for _, n := range []int{t.Days, t.BusinessDays, t.Months * 31, t.Years * 366} {
			if n < 0 || n > maxOffset {
				return fmt.Errorf("offset of %q: must be between 0 and %d days", t.From, maxOffset)
			}
		}
	}
	return nil
}

// validID reports whether id is 1-64 lower-case letters, digits, dots, dashes
// and underscores, starting with a letter or digit.
func validID(id string) bool {
	if id == "" || len(id) > 64 || id[0] == '.' || id[0] == '-' || id[0] == '_' {
		return false
	}
	for _, c := range []byte(id) {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
