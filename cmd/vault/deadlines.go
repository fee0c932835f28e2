package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"vault/deadlines"
	"vault/internal/atomicfile"
	"vault/internal/date"
	"vault/store"
)

func newDeadlinesCmd(a *app) *cobra.Command {
	var within, icsPath string
	var asJSON, all bool
	cmd := &cobra.Command{
		Use:   "deadlines [--within 30d] [--ics FILE] [--all] [--json]",
		Short: "List the windows and deadlines of open orders and cases",
		Long: `List, for every open order and case, each window the rules give (see
'vault rules'): when it opens, when it closes, the days left, the rule, and
whether it was computed from recorded dates or estimated (say, from the
expected delivery because no delivery was recorded). Past windows are shown as
missed. Windows whose dates are not recorded at all are counted at the end
(--all lists them, and --json always has them). An order is open until every
case it is in is won, lost or closed.

A deadline is a calendar date in your time zone (--tz, else the local zone).
--ics writes the deadlines still ahead as an iCalendar file with a reminder
3 days before each; importing a newer file updates the entries.`,
		Example: `  vault deadlines
  vault deadlines --within 30d
  vault deadlines --ics ~/deadlines.ics --tz Europe/Oslo`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			days, err := parseDays(within)
			if err != nil {
				return usagef("--within: %w", err)
			}
			v, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			rows, err := a.deadlines(cmd.Context(), v)
			if err != nil {
				return err
			}
			if within != "" {
				rows = slices.DeleteFunc(rows, func(r deadlineRow) bool {
					return r.Status == "missed" || r.Status == "unknown" || r.DaysLeft > days
				})
			}
			if icsPath != "" {
				return a.writeICS(icsPath, rows)
			}
			if asJSON {
				return printJSON(a.stdout, nonNil(rows))
			}
			return a.printDeadlines(rows, all)
		},
	}
	f := cmd.Flags()
	f.StringVar(&within, "within", "", "only windows still open that close within this many days (30d, 4w)")
	f.StringVar(&icsPath, "ics", "", "write an iCalendar file instead of the list")
	f.BoolVar(&asJSON, "json", false, "print as JSON")
	f.BoolVar(&all, "all", false, "also list the windows that cannot be computed for want of dates")
	return cmd
}

// deadlineRow is a deadline with where today stands in it.
type deadlineRow struct {
	deadlines.Deadline
	Status   string `json:"status"`
	DaysLeft int    `json:"days_left"`
	OpensIn  int    `json:"opens_in,omitempty"` // days until a window not yet open opens
	About    string `json:"about"`              // the order or case, for people
}

// deadlines computes every window of the vault's open orders and cases.
func (a *app) deadlines(ctx context.Context, v *vault) ([]deadlineRow, error) {
	rules, err := loadRules(ctx, v)
	if err != nil {
		return nil, err
	}
	t, err := v.db.Tracking(ctx)
	if err != nil {
		return nil, err
	}
	return a.schedule(rules, t), nil
}

// loadRules returns the built-in rules with this vault's own.
func loadRules(ctx context.Context, v *vault) ([]deadlines.Rule, error) {
	rows, err := v.db.Rules(ctx)
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

// schedule evaluates the rules for each order not settled by a decided case
// and for each open case, sorted by the day each window closes.
func (a *app) schedule(rules []deadlines.Rule, t store.Tracking) []deadlineRow {
	orders := map[store.OrderID]store.Order{}
	for _, o := range t.Orders {
		orders[o.ID] = o
	}
	open, settled := map[store.OrderID]bool{}, map[store.OrderID]bool{}
	var ds []deadlines.Deadline
	about := map[string]string{}
	for _, c := range t.Cases {
		for _, id := range c.Orders {
			if store.Finished(c.Status) {
				settled[id] = true
				continue
			}
			open[id] = true
			ds = append(ds, deadlines.Evaluate(rules, caseFacts(c, orders[id], t.Wrote[c.ID.String()]), a.loc)...)
		}
		about[c.ID.String()] = c.Title
	}
	for _, o := range t.Orders {
		about[o.ID.String()] = o.Marketplace + " " + o.Number
		if !settled[o.ID] || open[o.ID] {
			ds = append(ds, deadlines.Evaluate(rules, orderFacts(o, t.Wrote[o.ID.String()]), a.loc)...)
		}
	}
	return a.rows(ds, about)
}

func orderFacts(o store.Order, wrote date.Value) deadlines.Facts {
	return deadlines.Facts{Record: o.ID.String(), Marketplace: o.Marketplace, Payment: o.Payment, Currency: o.Total.Currency,
		Dates: map[string]date.Value{"ordered": o.Ordered, "paid": o.Paid, "shipped": o.Shipped, "expected": o.Expected,
			"delivered": o.Delivered, "wrote": wrote}}
}

func caseFacts(c store.Case, o store.Order, wrote date.Value) deadlines.Facts {
	f := orderFacts(o, wrote)
	f.Record, f.CaseKind, f.Dates["opened"] = c.ID.String(), c.Kind, c.Opened
	return f
}

// rows drops repeats (a case window computed once per order) and sorts by
// closing day, unknown ones last.
func (a *app) rows(ds []deadlines.Deadline, about map[string]string) []deadlineRow {
	today := deadlines.Day(date.Instant(a.now()), a.loc)
	seen := map[string]bool{}
	var out []deadlineRow
	for _, d := range ds {
		key := fmt.Sprint(d.Record, d.Rule, d.Window, d.Opens, d.Closes)
		if seen[key] {
			continue
		}
		seen[key] = true
		status, left := d.Status(today)
		row := deadlineRow{Deadline: d, Status: status, DaysLeft: left, About: about[d.Record]}
		if status == "not yet open" {
			row.OpensIn = int(d.Opens.Sub(today).Hours() / 24)
		}
		out = append(out, row)
	}
	slices.SortStableFunc(out, func(x, y deadlineRow) int {
		return cmp.Or(cmp.Compare(boolInt(x.Unknown), boolInt(y.Unknown)), x.Closes.Compare(y.Closes),
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

func (a *app) printDeadlines(rows []deadlineRow, all bool) error {
	unknown := 0
	if !all {
		// Unknown rows sort last: count and drop them.
		for len(rows) > 0 && rows[len(rows)-1].Unknown {
			rows, unknown = rows[:len(rows)-1], unknown+1
		}
	}
	if len(rows) == 0 && unknown == 0 {
		fmt.Fprintln(a.stdout, "No deadlines.")
		return nil
	}
	if unknown > 0 {
		what := fmt.Sprintf("%d more windows need", unknown)
		if unknown == 1 {
			what = "1 more window needs"
		}
		defer fmt.Fprintf(a.stdout, "%s dates that are not recorded (--all lists them)\n", what)
	}
	if len(rows) == 0 {
		return nil
	}
	lines := [][]string{{"RECORD", "RULE", "WINDOW", "OPENS", "CLOSES", "LEFT", "BASIS"}}
	overridden := false
	for _, r := range rows {
		rule := r.Rule
		if r.Origin != deadlines.Builtin {
			rule += " *"
			overridden = true
		}
		lines = append(lines, []string{r.Record, rule, r.Window, dayText(r.Opens), dayText(r.Closes), left(r),
			cmp.Or(basis(r.Deadline), "recorded")})
	}
	if err := table(a.stdout, lines); err != nil {
		return err
	}
	if overridden {
		fmt.Fprintln(a.stdout, "* a rule set in this vault ('vault rules' shows it)")
	}
	return nil
}

func dayText(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

func left(r deadlineRow) string {
	switch {
	case r.Status == "unknown":
		return "unknown"
	case r.Status == "missed":
		return fmt.Sprintf("missed %s ago", plural(-r.DaysLeft, "day"))
	case r.Closes.IsZero():
		return r.Status
	case r.DaysLeft == 0:
		return "today"
	case r.Status == "not yet open":
		return fmt.Sprintf("opens in %s, %d left", plural(r.OpensIn, "day"), r.DaysLeft)
	}
	return plural(r.DaysLeft, "day")
}

func basis(d deadlines.Deadline) string {
	switch {
	case d.Estimated:
		return "estimated: " + d.Note
	case d.Note != "":
		return d.Note
	}
	return ""
}

// writeICS writes the deadlines still ahead as a calendar.
func (a *app) writeICS(path string, rows []deadlineRow) error {
	var events []deadlines.CalendarEvent
	for _, r := range rows {
		if r.Unknown || r.Closes.IsZero() || r.Status == "missed" {
			continue
		}
		events = append(events, deadlines.CalendarEvent{
			Key:     strings.Join([]string{r.Record, r.Rule, r.Window}, "|"),
			Day:     r.Closes,
			Summary: fmt.Sprintf("Last day: %s (%s, %s)", r.Window, r.Record, r.About),
			Description: fmt.Sprintf("Rule %s. Opens %s, closes %s. %s\nGenerated by vault.", r.Rule, dayText(r.Opens),
				dayText(r.Closes), cmp.Or(basis(r.Deadline), "Computed from recorded dates.")),
			AlarmDays: 3,
		})
	}
	err := atomicfile.Write(path, func(w io.Writer) error { return deadlines.WriteICS(w, events, a.now()) })
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "wrote %s to %s\n", plural(len(events), "deadline"), path)
	return nil
}

// parseDays reads a span of days: "30", "30d", "4w".
func parseDays(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	num, unit := strings.TrimSpace(s), 1
	switch {
	case strings.HasSuffix(num, "d"):
		num = num[:len(num)-1]
	case strings.HasSuffix(num, "w"):
		num, unit = num[:len(num)-1], 7
	}
	n, err := strconv.Atoi(num)
	if err != nil || n < 0 || n > 36500 {
		return 0, fmt.Errorf("%q: want a number of days like 30d or 4w", s)
	}
	return n * unit, nil
}
