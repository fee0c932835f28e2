package deadlines

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"vault"

	"vault/internal/date"
	"vault/internal/money"
)

// Facts are what the evaluator knows about one order, or one order within a
// case (CaseKind set, and the "opened" date).
type Facts struct {
	Record      string // ORD-n or CASE-n: what a deadline is shown against
	Marketplace vault.Marketplace
	Payment     string
	Law         vault.Law // as vault.LawFor decides it
	Seller      string    // the seller's country, as vault.SellerCountry says; "" not known
	Own         bool      // sold by the marketplace itself (vault.Order.SoldByMarketplace)
	Buyer       string    // the buyer's country, as vault.Country says it
	Decided     bool      // the case was decided against the buyer: only the windows after a decision (an appeal) are left
	Currency    string
	CaseKind    vault.CaseKind
	Dates       map[string]date.Value
	Opened      []vault.Opening // the cases about the order, with the day each was opened: the windows they used
}

// Deadline is one window of one rule, computed for one record. A zero Opens
// means the window is open from now; a zero Closes with Unknown set means the
// dates to compute it are not recorded (Note says which).
type Deadline struct {
	Record    string      `json:"record"`
	Rule      string      `json:"rule"`
	Window    string      `json:"window"`
	Opens     CalendarDay `json:"opens,omitzero"`
	Closes    CalendarDay `json:"closes,omitzero"`
	Unknown   bool        `json:"unknown,omitempty"`
	Estimated bool        `json:"estimated"`
	Note      string      `json:"note,omitempty"`
	After     string      `json:"after,omitempty"`     // the window's end is no loss: what it means (Window.After)
	Uncertain string      `json:"uncertain,omitempty"` // why its dates are not sure
	Origin    string      `json:"origin"`
	Used      *Use        `json:"used,omitempty"` // a case opened in the window used it
}

// Use is a case whose opening used a window: its kind was the window's,
// and it was opened on or before the window's last day (and not before its
// first).
type Use struct {
	Case string         `json:"case"`
	Kind vault.CaseKind `json:"kind"`
	Day  CalendarDay    `json:"day"`
}

// CalendarDay is a day of a deadline, as midnight UTC; JSON writes it as
// the day it is: "2026-12-31".
type CalendarDay struct{ time.Time }

// MarshalJSON writes the day (time.Time's own would write midnight UTC).
func (d CalendarDay) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.Format(time.DateOnly) + `"`), nil
}

// UnmarshalJSON reads "2026-12-31".
func (d *CalendarDay) UnmarshalJSON(b []byte) error {
	t, err := time.Parse(`"`+time.DateOnly+`"`, string(b))
	d.Time = t
	return err
}

// Evaluate computes the windows of every deadline rule that applies to f, in
// the calendar of loc: a deadline is a calendar date in the user's zone.
func Evaluate(rules []Rule, f Facts, loc *time.Location) []Deadline {
	var out []Deadline
	for _, r := range rules {
		if r.Kind != RuleDeadline || !r.Applies.match(f) {
			continue
		}
		for _, w := range r.Windows {
			if (len(w.Cases) > 0) != (f.CaseKind != "") || (f.CaseKind != "" && !slices.Contains(w.Cases, f.CaseKind)) ||
				w.AfterDecision() != f.Decided {
				continue
			}
			out = append(out, w.evaluate(r, f, loc))
		}
	}
	return out
}

func (a Applies) match(f Facts) bool {
	m := vault.ParseMarketplace(string(f.Marketplace))
	if len(a.Marketplaces) > 0 && !slices.Contains(a.Marketplaces, m) || slices.Contains(a.Except, m) {
		return false
	}
	if len(a.Law) > 0 && !slices.Contains(a.Law, f.Law) {
		return false
	}
	if len(a.Currencies) > 0 && !slices.Contains(a.Currencies, f.Currency) {
		return false
	}
	if len(a.Buyers) > 0 && !slices.Contains(a.Buyers, f.Buyer) || slices.Contains(a.ExceptBuyers, f.Buyer) {
		return false
	}
	if len(a.Sellers) > 0 && !slices.ContainsFunc(a.Sellers, f.sellerIs) {
		return false
	}
	if len(a.Payments) == 0 {
		return true
	}
	pay := strings.ToLower(f.Payment)
	return slices.ContainsFunc(a.Payments, func(p string) bool { return strings.Contains(pay, p) })
}

// sellerIs reports whether the seller may be in place: a seller whose
// country is not known may be anywhere. "third-party" is a seller other
// than the marketplace itself.
func (f Facts) sellerIs(place string) bool {
	switch {
	case place == "third-party":
		return !f.Own
	case f.Seller == "":
		return true
	case place == "outside-eu":
		return !vault.InEU(f.Seller)
	case place == "outside-no":
		return f.Seller != "NO"
	}
	return false
}

// value is a computed date and how it was reached.
type value struct {
	day       time.Time
	ok        bool
	estimated bool
	notes     []string
}

func (w Window) evaluate(r Rule, f Facts, loc *time.Location) Deadline {
	d := Deadline{Record: f.Record, Rule: r.ID, Window: w.Name, Origin: r.Origin, After: w.After, Uncertain: w.Uncertain}
	var notes []string
	if w.Opens != nil {
		v := w.Opens.eval(f, loc)
		d.Opens, d.Estimated, notes = CalendarDay{v.day}, v.estimated, v.notes
		if !v.ok && w.Closes != nil { // the window is known, its first day is not
			for i, n := range notes {
				notes[i] = strings.Replace(n, "needs ", "opening day needs ", 1)
			}
		}
	}
	if w.Closes != nil {
		v := w.Closes.eval(f, loc)
		if w.Cap != nil {
			if c := w.Cap.eval(f, loc); c.ok && v.ok && c.day.Before(v.day) {
				v.day, v.estimated = c.day, c.estimated
				v.notes = append(v.notes, "capped by "+describe(w.Cap))
				d.After = "" // the cap is a hard limit: past it the window is missed, not passed
			}
		}
		d.Closes, d.Unknown = CalendarDay{v.day}, !v.ok
		d.Estimated = d.Estimated || v.estimated
		if d.Unknown { // what the last day needs is what to say
			notes = nil
		}
		notes = append(notes, v.notes...)
	}
	d.Used = w.used(d, f, loc)
	slices.Sort(notes)
	d.Note = strings.Join(slices.Compact(notes), "; ")
	return d
}

// used finds the first case of a kind the window names that was opened in
// it: on or after its first day (when it has one) and on or before its
// last (when it is known; a window without an end is used by any). A window
// computed from an estimate is used by any such case: that the case could
// be opened says more of the window than the estimate.
func (w Window) used(d Deadline, f Facts, loc *time.Location) *Use {
	var first *Use
	for _, o := range f.Opened {
		if !slices.Contains(w.UsedBy, o.Kind) || o.Day.IsZero() {
			continue
		}
		day := Day(o.Day, loc)
		outside := !d.Opens.IsZero() && day.Before(d.Opens.Time) || d.Unknown || !d.Closes.IsZero() && day.After(d.Closes.Time)
		if outside && !d.Estimated {
			continue
		}
		if first == nil || day.Before(first.Day.Time) {
			first = &Use{Case: o.Case.String(), Kind: o.Kind, Day: CalendarDay{day}}
		}
	}
	return first
}

// eval computes the point; its notes are those of the term it took (an
// estimate said), or, when no term's dates are recorded, what it needs.
func (p *Point) eval(f Facts, loc *time.Location) value {
	var out value
	var needs []string
	for _, t := range p.Of {
		v := t.eval(f, loc)
		if !v.ok {
			needs = append(needs, v.notes...)
			continue
		}
		better := !out.ok ||
			p.Pick == "earliest" && v.day.Before(out.day) ||
			p.Pick == "latest" && v.day.After(out.day)
		if better {
			out = v
		}
		if p.Pick == "" || p.Pick == "first" {
			break
		}
	}
	if !out.ok {
		out.notes = needs[:min(len(needs), 1)] // the first date it would take
	}
	return out
}

func (t Term) eval(f Facts, loc *time.Location) value {
	names := strings.Split(t.From, "|")
	for i, name := range names {
		v := f.Dates[name]
		if v.IsZero() {
			continue
		}
		out := value{day: t.add(Day(v, loc)), ok: true, estimated: i > 0 && !t.Alternatives}
		if out.estimated {
			out.notes = []string{fmt.Sprintf("%s not recorded, %s used", names[0], name)}
		}
		return out
	}
	return value{notes: []string{"needs " + names[0]}}
}

// Day is the calendar day of v in loc, as midnight UTC.
func Day(v date.Value, loc *time.Location) time.Time {
	t := v.Time()
	if !v.IsDay() {
		t = t.In(loc)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// add moves day by the term's offset: its days first, then its months and
// years, then its business days, so that "14 days, then 12 months" is 12
// months added to the end of the 14 days (Directive 2011/83/EU art. 10 (1)):
// delivered 15 February 2028 ends 29 February, and the 12 months 28 February
// 2029. Months and years keep the day of the month, or take the month's
// last day when it has no such day (31 January + 1 month is 28 or 29
// February; 29 February + 1 year is 28 February), as statutes count them.
// Business days skip Saturdays and Sundays.
func (t Term) add(day time.Time) time.Time {
	day = day.AddDate(0, 0, t.Days)
	if months := t.Years*12 + t.Months; months != 0 {
		first := time.Date(day.Year(), day.Month()+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
		last := first.AddDate(0, 1, -1).Day()
		day = time.Date(first.Year(), first.Month(), min(day.Day(), last), 0, 0, 0, 0, time.UTC)
	}
	for n := t.BusinessDays; n > 0; {
		day = day.AddDate(0, 0, 1)
		if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return day
}

// describe writes a point as the rule states it: "paid|ordered+540d".
func describe(p *Point) string {
	parts := make([]string, len(p.Of))
	for i, t := range p.Of {
		parts[i] = t.From + offset(t)
	}
	s := strings.Join(parts, ", ")
	if p.Pick == "earliest" || p.Pick == "latest" {
		return p.Pick + "(" + s + ")"
	}
	return s
}

func offset(t Term) string {
	var s string
	for _, p := range []struct {
		n    int
		unit string
	}{{t.Years, "y"}, {t.Months, "m"}, {t.Days, "d"}, {t.BusinessDays, "bd"}} {
		if p.n != 0 {
			s += fmt.Sprintf("+%d%s", p.n, p.unit)
		}
	}
	return s
}

// Status is where today stands in a window.
type Status string

// The statuses of a window.
const (
	Open       Status = "open"
	NotYetOpen Status = "not yet open"
	Missed     Status = "missed"
	Passed     Status = "passed"  // over, and no loss (Window.After says what it means)
	Used       Status = "used"    // a case of its kind was opened in it (Deadline.Used)
	Unknown    Status = "unknown" // the dates it needs are not recorded
	// Guessed is a window over by an estimate alone: its last day came from
	// a date that stood for one not recorded (the expected delivery for the
	// delivery), so it is not called missed; recording the date tells.
	Guessed Status = "over by an estimate"
)

// Over reports whether a window is over: missed, passed, used, or over by
// an estimate; nothing is left to do before a last day.
func (s Status) Over() bool { return s == Missed || s == Passed || s == Used || s == Guessed }

// Status says where today stands in d, with the days left until it closes
// (negative once missed).
func (d Deadline) Status(today time.Time) (Status, int) {
	left := 0
	if !d.Closes.IsZero() {
		left = int(d.Closes.Sub(today).Hours() / 24)
	}
	switch {
	case d.Unknown:
		return Unknown, 0
	case d.Used != nil:
		return Used, left
	case !d.Closes.IsZero() && left < 0 && d.After != "":
		return Passed, left
	case !d.Closes.IsZero() && left < 0 && d.Estimated:
		return Guessed, left
	case !d.Closes.IsZero() && left < 0:
		return Missed, left
	case !d.Opens.IsZero() && today.Before(d.Opens.Time):
		return NotYetOpen, left
	}
	return Open, left
}

// ChargesNotes returns the import-charge rules that apply to an order of this
// total: the total is at or above the rule's threshold in the same currency.
func ChargesNotes(rules []Rule, f Facts, total money.Money) []Rule {
	var out []Rule
	for _, r := range rules {
		if r.Kind != RuleCharges || !r.Applies.match(f) {
			continue
		}
		above, err := money.Parse(r.Above)
		if err == nil && above.Currency == total.Currency && total.Minor >= above.Minor {
			out = append(out, r)
		}
	}
	return out
}

// Describe writes a window as computed: "opens shipped+5d, closes delivered|expected+15d".
func Describe(w Window) string {
	var parts []string
	for _, p := range []struct {
		what string
		at   *Point
	}{{"for cases: " + strings.Join(vault.Words(w.Cases), ", "), nil}, {"opens", w.Opens}, {"closes", w.Closes}, {"at the latest", w.Cap}} {
		switch {
		case p.at != nil:
			parts = append(parts, p.what+" "+describe(p.at))
		case strings.HasPrefix(p.what, "for") && len(w.Cases) > 0:
			parts = append(parts, p.what)
		}
	}
	return strings.Join(parts, "; ")
}

// Warn says why a new dispute at marketplace would cross the guard's
// thresholds, counting it in a. The share is of the orders of 90 days that
// were disputed, so a chargeback after a lost dispute about the same order
// adds a dispute but not a disputed order; it only counts from
// MinDisputes90d disputes: a first dispute is no pattern. "" when it would
// not.
func (g Guard) Warn(marketplace vault.Marketplace, a vault.DisputeActivity) string {
	share := float64(a.Disputed90) / float64(max(a.Orders90, a.Disputed90, 1))
	if a.Disputes30 <= g.MaxDisputes30d && (share <= g.MaxShare90d || a.Disputes90 < g.MinDisputes90d) {
		return ""
	}
	orders := fmt.Sprintf("%d of your %d orders", a.Disputed90, a.Orders90)
	if a.Orders90 == 1 {
		orders = fmt.Sprintf("%d of your 1 order", a.Disputed90)
	}
	return fmt.Sprintf("this would be dispute number %d at %s in 30 days and %d in 90 days, about %s there in 90 days (%.0f %%). "+
		"Marketplaces restrict accounts for \"dispute abuse\" and publish no limit; this project's heuristic warns above %d "+
		"disputes in 30 days or disputes about more than %.0f %% of the orders of 90 days.",
		a.Disputes30, marketplace.Name(), a.Disputes90, orders, share*100, g.MaxDisputes30d, g.MaxShare90d*100)
}
