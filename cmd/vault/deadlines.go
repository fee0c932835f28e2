package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"vault/casework"
	"vault/deadlines"
	"vault/internal/atomicfile"
	"vault/internal/lang"
)

// deadlinesOptions are the flags of 'vault deadlines'.
type deadlinesOptions struct {
	within, ics string
	days        int // --within, in days
	asJSON, all bool
	lang        lang.Lang
}

func newDeadlinesCmd(a *app, runF func(*deadlinesOptions) error) *cobra.Command {
	o := &deadlinesOptions{}
	cmd := &cobra.Command{
		Use:   "deadlines [--within 30d] [--ics FILE] [--all] [--json]",
		Short: "List the windows and deadlines of open orders and cases",
		Long: `List, for every open order and case, each window the rules give (see
'vault rules'): when it opens, when it closes, the days left, the rule, and
whether it was computed from recorded dates or estimated (say, from the
expected delivery because no delivery was recorded). Past windows are shown as
missed, and a window in which you opened a case of its kind (a dispute in the
dispute window, a chargeback in the card's) as used, with the day and the case.
Windows whose dates are not recorded at all are counted at the end
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
			var err error
			if o.days, err = parseDays(o.within); err != nil {
				return usagef("--within: %w", err)
			}
			return do(cmd.Context(), o, runF, a.runDeadlines)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.within, "within", "", "only windows still open that close within this many days (30d, 4w)")
	f.StringVar(&o.ics, "ics", "", "write an iCalendar file instead of the list")
	f.BoolVar(&o.asJSON, "json", false, "print as JSON")
	f.BoolVar(&o.all, "all", false, "also list the windows that cannot be computed for want of dates")
	addLang(f, &o.lang, "language of the list and the calendar")
	return cmd
}

func (a *app) runDeadlines(ctx context.Context, o *deadlinesOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	rows, err := svc.Deadlines(ctx)
	if err != nil {
		return err
	}
	if o.within != "" {
		rows = slices.DeleteFunc(rows, func(r casework.Deadline) bool { // the unknown stay, to be counted
			return r.Status.Over() || r.Status != deadlines.Unknown &&
				!r.Closes.IsZero() && r.DaysLeft > o.days
		})
	}
	switch {
	case o.ics != "":
		if err := svc.CheckOutput(o.ics); err != nil {
			return err
		}
		return a.writeICS(o.ics, rows, say(o.lang))
	case o.asJSON:
		return printJSON(a.stdout, nonNil(rows))
	}
	return a.printDeadlines(rows, o.all, o.within, say(o.lang))
}

func (a *app) printDeadlines(rows []casework.Deadline, all bool, within string, s say) error {
	unknown := 0
	if !all {
		// Unknown rows sort last: count and drop them.
		for len(rows) > 0 && rows[len(rows)-1].Unknown {
			rows, unknown = rows[:len(rows)-1], unknown+1
		}
	}
	if len(rows) == 0 && unknown == 0 {
		if within != "" {
			fmt.Fprintf(a.stdout, "No deadlines within %s ('vault deadlines' lists them all).\n", within)
			return nil
		}
		fmt.Fprintln(a.stdout, s.t("No deadlines."))
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
	lines := [][]string{{s.t("RECORD"), s.t("RULE"), s.t("WINDOW"), s.t("OPENS"), s.t("CLOSES"), s.t("LEFT"), s.t("BASIS")}}
	overridden := false
	for _, r := range rows {
		rule := r.Rule
		if r.Origin == deadlines.Added || r.Origin == deadlines.Overridden {
			rule += " *"
			overridden = true
		}
		lines = append(lines, []string{r.Record, rule, s.t(r.Window), casework.Day(r.Opens.Time), casework.Day(r.Closes.Time), s.left(r),
			cmp.Or(s.basisOf(r.Deadline), s.t("recorded"))})
	}
	if err := table(a.stdout, lines); err != nil {
		return err
	}
	if overridden {
		fmt.Fprintln(a.stdout, "* a rule set in this vault ('vault rules' shows it)")
	}
	return nil
}

// left says where today stands in a window: "12 days", "missed 3 days ago".
func (s say) left(r casework.Deadline) string {
	nb := lang.Lang(s) == lang.NB
	days := func(n int) string {
		if nb {
			return strconv.Itoa(n) + map[bool]string{true: " dag", false: " dager"}[n == 1]
		}
		return plural(n, "day")
	}
	switch {
	case r.Status == deadlines.Unknown:
		return s.t("unknown")
	case r.Status == deadlines.Guessed && nb:
		return "kanskje over for " + days(-r.DaysLeft) + " siden: anslått, registrer datoen"
	case r.Status == deadlines.Guessed:
		return fmt.Sprintf("perhaps over %s ago: estimated, record the date", days(-r.DaysLeft))
	case r.Status == deadlines.Missed && nb:
		return "oversittet for " + days(-r.DaysLeft) + " siden"
	case r.Status == deadlines.Missed:
		return fmt.Sprintf("missed %s ago", days(-r.DaysLeft))
	case r.Status == deadlines.Passed:
		return s.t("passed: ") + r.After
	case r.Status == deadlines.Used && nb:
		return fmt.Sprintf("brukt %s (%s)", lang.NB.Day(r.Used.Day.Time), r.Used.Case)
	case r.Status == deadlines.Used:
		return fmt.Sprintf("used on %s (%s)", casework.Day(r.Used.Day.Time), r.Used.Case)
	case r.Closes.IsZero() && r.Status == deadlines.NotYetOpen && nb:
		return "åpner om " + days(r.OpensIn) + ", ingen fast slutt"
	case r.Closes.IsZero() && r.Status == deadlines.NotYetOpen:
		return fmt.Sprintf("opens in %s, no fixed end", days(r.OpensIn))
	case r.Closes.IsZero():
		return s.t("open, no fixed end")
	case r.DaysLeft == 0:
		return s.t("today")
	case r.Status == deadlines.NotYetOpen && nb:
		return fmt.Sprintf("åpner om %s, %d igjen", days(r.OpensIn), r.DaysLeft)
	case r.Status == deadlines.NotYetOpen:
		return fmt.Sprintf("opens in %s, %d left", days(r.OpensIn), r.DaysLeft)
	}
	return days(r.DaysLeft)
}

// writeICS writes the deadlines still ahead as a calendar.
func (a *app) writeICS(path string, rows []casework.Deadline, s say) error {
	events := casework.CalendarEvents(rows, s.t, s.basisOf)
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
