package casework

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"vault"
	"vault/deadlines"
	"vault/internal/date"
	"vault/store"
)

// Deadline is a window of a rule for an order or a case, with where today
// stands in it.
type Deadline struct {
	deadlines.Deadline
	Status   deadlines.Status `json:"status"`
	DaysLeft int              `json:"days_left"`
	OpensIn  int              `json:"opens_in,omitempty"` // days until a window not yet open opens
	About    string           `json:"about"`              // the order or case, for people
}

// Rules returns the built-in rules with this vault's own.
func (s *Service) Rules(ctx context.Context) ([]deadlines.Rule, error) {
	rows, err := s.DB.Rules(ctx)
	if err != nil {
		return nil, err
	}
	own := make([]deadlines.Rule, 0, len(rows))
	for _, r := range rows {
		parsed, err := deadlines.Parse([]byte("[" + r.JSON + "]"))
		if err != nil || len(parsed) != 1 {
			return nil, fmt.Errorf("rule %s as stored in this vault: %v", r.ID, err)
		}
		own = append(own, parsed[0])
	}
	return deadlines.Merge(deadlines.BuiltinRules(), own), nil
}

// RuleSet is what the rules need besides an order: the rules themselves and
// the buyer's country, whose law applies (vault.LawFor).
type RuleSet struct {
	Rules   []deadlines.Rule
	Country string
}

// RuleSet returns the vault's rules and the buyer's country.
func (s *Service) RuleSet(ctx context.Context) (RuleSet, error) {
	rules, err := s.Rules(ctx)
	if err != nil {
		return RuleSet{}, err
	}
	conf, err := s.DB.Config(ctx)
	return RuleSet{Rules: rules, Country: cmp.Or(conf[string(vault.SettingCountry)], vault.DefaultCountry)}, err
}

// Deadlines computes every window of the vault's open orders and cases,
// sorted by the day each closes, those that cannot be computed last.
func (s *Service) Deadlines(ctx context.Context) ([]Deadline, error) {
	rules, err := s.RuleSet(ctx)
	if err != nil {
		return nil, err
	}
	t, err := s.DB.Tracking(ctx)
	if err != nil {
		return nil, err
	}
	accounts, err := s.DB.Accounts(ctx, false)
	if err != nil {
		return nil, err
	}
	return s.schedule(rules, t.Orders, t.Cases, accounts, buyerLetters(t), vault.Openings(t.Cases)), nil
}

// CaseDeadlines evaluates the rules for one case and its orders, from its
// facts: the buyer's last letter is the last the case holds, and the cases
// opened about its orders used the windows of their kinds.
func (s *Service) CaseDeadlines(rules RuleSet, f vault.CaseFacts) []Deadline {
	var days []date.Value
	for _, l := range f.Contact.Wrote {
		if !l.At.IsZero() {
			days = append(days, l.At)
		}
	}
	wrote := buyerDays{f.Case.ID.String(): days}
	opened := map[vault.OrderID][]vault.Opening{}
	for _, o := range f.Orders {
		wrote[o.ID.String()] = days
		for _, op := range f.Opened {
			if slices.Contains(op.Orders, o.ID) {
				opened[o.ID] = append(opened[o.ID], op)
			}
		}
	}
	var accounts []vault.Account
	if f.Account != nil {
		accounts = append(accounts, *f.Account)
	}
	return s.schedule(rules, f.Orders, []vault.Case{f.Case}, accounts, wrote, opened)
}

// buyerDays are the days the buyer wrote about each order and case (ORD-n,
// CASE-n): a letter linked to the order, or to the case or its orders.
type buyerDays map[string][]date.Value

// last is the day of the last letter about a record dated on or after
// from (zero: any); zero when there is none.
func (l buyerDays) last(record string, from date.Value) date.Value {
	var out date.Value
	for _, at := range l[record] {
		if (from.IsZero() || !at.Time().Before(from.Time())) && at.Time().After(out.Time()) {
			out = at
		}
	}
	return out
}

// buyerLetters finds the buyer's letters about each order and case.
func buyerLetters(t store.Tracking) buyerDays {
	casesOf := map[vault.OrderID][]vault.CaseID{}
	for _, c := range t.Cases {
		for _, o := range c.Orders {
			casesOf[o] = append(casesOf[o], c.ID)
		}
	}
	wrote := buyerDays{}
	add := func(record fmt.Stringer, at date.Value) { wrote[record.String()] = append(wrote[record.String()], at) }
	for _, e := range t.Mine {
		if e.Party = vault.PartyOf(e, t.Buyer); !e.IsBuyerLetter() || e.OccurredAt.IsZero() {
			continue
		}
		for _, o := range e.Orders {
			add(o, e.OccurredAt)
			for _, c := range casesOf[o] {
				add(c, e.OccurredAt)
			}
		}
		for _, c := range e.Cases {
			add(c, e.OccurredAt)
		}
	}
	return wrote
}

// schedule evaluates the rules for each order neither refunded nor settled
// by a case decided for the buyer (one decided against leaves its appeal
// and the order's other ways: a chargeback), and for each open case, and
// adds the appeal day of each account no decided case names. wrote holds
// the buyer's letters by record.
func (s *Service) schedule(rules RuleSet, orders []vault.Order, cases []vault.Case, accounts []vault.Account,
	wrote buyerDays, opened map[vault.OrderID][]vault.Opening) []Deadline {
	byID := map[vault.OrderID]vault.Order{}
	for _, o := range orders {
		byID[o.ID] = o
	}
	open, settled := map[vault.OrderID]bool{}, map[vault.OrderID]bool{}
	var ds []deadlines.Deadline
	about := map[string]string{}
	for _, c := range cases {
		for _, id := range c.Orders {
			if c.Status.Finished() {
				against := c.Outcome == vault.OutcomeLost || c.Outcome == vault.OutcomePartial
				settled[id] = settled[id] || !against // a decision against the buyer leaves the order's other ways open
				if against {
					f := caseFacts(c, byID[id], wrote, rules.Country, opened[id])
					f.Decided = true // only an appeal is left of the case's own windows
					ds = append(ds, deadlines.Evaluate(rules.Rules, f, s.Loc)...)
				}
				continue
			}
			open[id] = true
			ds = append(ds, deadlines.Evaluate(rules.Rules, caseFacts(c, byID[id], wrote, rules.Country, opened[id]), s.Loc)...)
		}
		about[c.ID.String()] = c.Title
	}
	notMine := vault.NotMine(cases)
	for _, o := range orders {
		about[o.ID.String()] = o.Marketplace.Name() + " " + o.Number
		if vault.StatusOf(o, cases) == vault.OrderRefunded || notMine[o.ID] {
			continue // nothing left to claim; or no purchase of the buyer's
		}
		if !settled[o.ID] || open[o.ID] {
			ds = append(ds, deadlines.Evaluate(rules.Rules, OrderFacts(o, wrote.last(o.ID.String(), date.Value{}), rules.Country, opened[o.ID]), s.Loc)...)
		}
	}
	for _, a := range accounts {
		about[a.ID.String()] = a.Marketplace.Name() + " account " + a.Login
		if !a.AppealBy.IsZero() && !decided(cases, a.ID) {
			ds = append(ds, deadlines.Deadline{Record: a.ID.String(), Rule: "account.appeal", Window: "appeal",
				Closes: deadlines.CalendarDay{Time: deadlines.Day(a.AppealBy, s.Loc)}, Note: "the day the marketplace gave, as recorded",
				Origin: deadlines.Recorded})
		}
	}
	return s.rows(ds, about)
}

// decided reports whether a decided case names the account.
func decided(cases []vault.Case, a vault.AccountID) bool {
	return slices.ContainsFunc(cases, func(c vault.Case) bool { return c.Account == a && c.Status.Finished() })
}

// OrderFacts are what the rules know of an order of a buyer in country:
// wrote is the buyer's last letter about it, opened the cases about it.
func OrderFacts(o vault.Order, wrote date.Value, country string, opened []vault.Opening) deadlines.Facts {
	seller, _ := vault.SellerCountry(o)
	dates := map[string]date.Value{deadlines.Wrote: wrote}
	for _, d := range o.AllDates() {
		dates[d.Label] = d.At
	}
	return deadlines.Facts{Record: o.ID.String(), Marketplace: o.Marketplace, Payment: o.Payment, Law: vault.LawFor(o, country),
		Seller: seller, Own: o.SoldByMarketplace(), Buyer: cmp.Or(vault.Country(country), vault.DefaultCountry), Currency: o.Total.Currency, Dates: dates, Opened: opened}
}

// caseFacts are what the rules know of a case about one of its orders:
// wrote is the buyer's last letter about it, letter the last since the
// case was opened (the letter the case sends: a delay's additional time
// runs from it).
func caseFacts(c vault.Case, o vault.Order, wrote buyerDays, country string, opened []vault.Opening) deadlines.Facts {
	f := OrderFacts(o, wrote.last(c.ID.String(), date.Value{}), country, opened)
	f.Record, f.CaseKind = c.ID.String(), c.Kind
	if !c.Opened.IsZero() {
		f.Dates[deadlines.Letter] = wrote.last(c.ID.String(), date.Day(deadlines.Day(c.Opened, time.UTC)))
	}
	for _, d := range c.AllDates() {
		f.Dates[d.Label] = d.At
	}
	return f
}

// rows drops repeats (a case window computed once per order) and sorts by
// closing day, those without an end after them, unknown ones last.
func (s *Service) rows(ds []deadlines.Deadline, about map[string]string) []Deadline {
	today := deadlines.Day(date.Instant(s.Now()), s.Loc)
	seen := map[string]bool{}
	var out []Deadline
	for _, d := range ds {
		key := fmt.Sprint(d.Record, d.Rule, d.Window, d.Opens, d.Closes)
		if seen[key] {
			continue
		}
		seen[key] = true
		status, left := d.Status(today)
		row := Deadline{Deadline: d, Status: status, DaysLeft: left, About: about[d.Record]}
		if status == deadlines.NotYetOpen {
			row.OpensIn = int(d.Opens.Sub(today).Hours() / 24)
		}
		out = append(out, row)
	}
	slices.SortStableFunc(out, func(x, y Deadline) int {
		return cmp.Or(cmp.Compare(boolInt(x.Unknown), boolInt(y.Unknown)), cmp.Compare(boolInt(x.Closes.IsZero()), boolInt(y.Closes.IsZero())),
			x.Closes.Compare(y.Closes.Time),
			strings.Compare(x.Record, y.Record))
	})
	return out
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Basis says in one phrase how a deadline was computed, when not from
// recorded dates only: "estimated: delivered not recorded, expected used",
// "needs delivered", and whether its source is uncertain (the rule says why).
func Basis(d deadlines.Deadline) string {
	var parts []string
	switch {
	case d.Estimated:
		parts = append(parts, "estimated: "+d.Note)
	case d.Note != "":
		parts = append(parts, d.Note)
	}
	if d.Uncertain != "" {
		parts = append(parts, "uncertain")
	}
	return strings.Join(parts, "; ")
}

// CalendarEvents are the deadlines still ahead as calendar entries, each
// with a reminder 3 days before; t gives the fixed texts in the user's
// language, basis a deadline's basis in it.
func CalendarEvents(rows []Deadline, t func(string) string, basis func(deadlines.Deadline) string) []deadlines.CalendarEvent {
	var events []deadlines.CalendarEvent
	for _, r := range rows {
		if r.Unknown || r.Closes.IsZero() || r.Status.Over() {
			continue
		}
		events = append(events, deadlines.CalendarEvent{
			Key:     strings.Join([]string{r.Record, r.Rule, r.Window}, "|"),
			Day:     r.Closes.Time,
			Summary: fmt.Sprintf(t("Last day: %s (%s, %s)"), t(r.Window), r.Record, r.About),
			Description: fmt.Sprintf(t("Rule %s. Opens %s, closes %s. %s\nGenerated by vault."), r.Rule, Day(r.Opens.Time),
				Day(r.Closes.Time), cmp.Or(basis(r.Deadline), t("Computed from recorded dates."))),
			AlarmDays: 3,
		})
	}
	return events
}

// Day writes a deadline's day, or "-" when there is none.
func Day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}
