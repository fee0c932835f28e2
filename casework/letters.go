package casework

import (
	"context"
	"fmt"
	"slices"
	"time"

	"vault"
	"vault/deadlines"
	"vault/internal/date"
	"vault/internal/lang"
	"vault/letters"
)

// Letter drafts a letter of this kind about the case or (caseRef empty) the
// order named, as if it were a dispute of its own; trouble, when given,
// says what went wrong for this letter.
func (s *Service) Letter(ctx context.Context, kind letters.Kind, l lang.Lang, caseRef, orderRef string, trouble vault.Trouble) (letters.Draft, error) {
	var f vault.CaseFacts
	var err error
	if caseRef != "" {
		f, err = s.Facts(ctx, caseRef)
	} else {
		f, err = s.OrderFacts(ctx, orderRef)
	}
	if err != nil {
		return letters.Draft{}, err
	}
	if trouble != "" {
		f.Case.Problem = trouble
		f.Trouble = vault.TroubleOf(f.Case)
	}
	facts, err := s.LetterFacts(ctx, f)
	if err != nil {
		return letters.Draft{}, err
	}
	return letters.Write(kind, l, facts)
}

// LetterFacts gathers what a letter needs beyond the case's facts: the
// claimant's name and country, today, and the day to ask the seller to
// answer by.
func (s *Service) LetterFacts(ctx context.Context, f vault.CaseFacts) (letters.Facts, error) {
	conf, err := s.DB.Config(ctx)
	if err != nil {
		return letters.Facts{}, err
	}
	facts := letters.Facts{Claimant: conf[string(vault.SettingName)], Country: conf[string(vault.SettingCountry)], Loc: s.Loc, Case: f,
		Today: deadlines.Day(date.Instant(s.Now()), s.Loc)}
	rules, err := s.RuleSet(ctx)
	if err != nil {
		return letters.Facts{}, err
	}
	rows := s.CaseDeadlines(rules, f)
	facts.AnswerBy, facts.AnswerFor = answerBy(facts.Today, rows)
	facts.MarketClosed = marketClosed(rules.Rules, rows)
	if day, rule := appeal(rules.Rules, rows); day != "" {
		facts.Appeal = fmt.Sprintf("%s (%s)", day, rule)
	}
	return facts, nil
}

// appeal is the last day to appeal a decision against the buyer, and its
// rule, while it is not over; "" for none.
func appeal(rules []deadlines.Rule, rows []Deadline) (day, rule string) {
	for _, d := range rows {
		if w, ok := windowOf(rules, d); ok && w.AfterDecision() && !d.Status.Over() && !d.Closes.IsZero() {
			return Day(d.Closes.Time), d.Rule
		}
	}
	return "", ""
}

// windowOf finds the rule's window a deadline was computed from.
func windowOf(rules []deadlines.Rule, d Deadline) (deadlines.Window, bool) {
	r, err := deadlines.Find(rules, d.Rule)
	if err != nil {
		return deadlines.Window{}, false
	}
	for _, w := range r.Windows {
		if w.Name == d.Window {
			return w, true
		}
	}
	return deadlines.Window{}, false
}

// marketClosed reports whether a marketplace's own window to open a
// dispute is over for the case, perhaps by an estimate (and not used by a
// dispute opened in it).
func marketClosed(rules []deadlines.Rule, rows []Deadline) bool {
	for _, d := range rows {
		if !d.Status.Over() || d.Status == deadlines.Used {
			continue
		}
		r, err := deadlines.Find(rules, d.Rule)
		if w, ok := windowOf(rules, d); ok && err == nil && len(r.Applies.Marketplaces) > 0 && slices.Contains(w.UsedBy, vault.Dispute) {
			return true
		}
	}
	return false
}

// answerBy is the day to ask the seller to answer by: 14 days from today,
// or 3 days before the buyer's next deadline when that comes sooner (never
// before tomorrow), with the reason.
func answerBy(today time.Time, rows []Deadline) (time.Time, string) {
	by, why := today.AddDate(0, 0, 14), ""
	first := by.AddDate(0, 0, 3)
	for _, d := range rows {
		if d.Unknown || d.Closes.IsZero() || d.After != "" || d.Status.Over() {
			continue
		}
		if d.Closes.Before(first) {
			first = d.Closes.Time
			why = fmt.Sprintf("your last day for %s (%s) is %s, before the seller's 14 days are over: send the letter today, and act before that day whatever the seller answers",
				d.Window, d.Rule, Day(d.Closes.Time))
		}
	}
	return by, why
}
