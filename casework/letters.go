package casework

import (
	"context"
	"fmt"
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
	facts.AnswerBy, facts.AnswerFor = answerBy(facts.Today, s.CaseDeadlines(rules, f))
	return facts, nil
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
