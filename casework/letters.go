package casework

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"vault"
	"vault/deadlines"
	"vault/internal/date"
	"vault/internal/lang"
	"vault/letters"
	"vault/store"
)

// LetterFile is the case named by caseRef, or (caseRef empty) the order
// named by orderRef with its evidence, as if it were a dispute of its own.
func (s *Service) LetterFile(ctx context.Context, caseRef, orderRef string) (vault.CaseFile, error) {
	if caseRef != "" {
		return s.LiveCaseFile(ctx, caseRef)
	}
	id, err := s.DB.ResolveOrder(ctx, orderRef)
	if err != nil {
		return vault.CaseFile{}, err
	}
	o, err := s.DB.OrderFile(ctx, id)
	if err == nil && o.Order.Retracted != "" {
		err = fmt.Errorf("%s is %w: it has no letter", id, vault.ErrRetracted)
	}
	if err != nil {
		return vault.CaseFile{}, err
	}
	return vault.CaseFile{Case: vault.Case{Kind: vault.Dispute, Amount: o.Order.Total}, Orders: []vault.Order{o.Order},
		Evidence: o.Evidence}, nil
}

// Letter drafts a letter of this kind about the case or the order named;
// trouble, when given, says what went wrong for this letter.
func (s *Service) Letter(ctx context.Context, kind letters.Kind, l lang.Lang, caseRef, orderRef string, trouble vault.Trouble) (letters.Draft, error) {
	f, err := s.LetterFile(ctx, caseRef, orderRef)
	if err != nil {
		return letters.Draft{}, err
	}
	if trouble != "" {
		f.Case.Problem = trouble
	}
	facts, err := s.LetterFacts(ctx, f, kind)
	if err != nil {
		return letters.Draft{}, err
	}
	return letters.Write(kind, l, facts)
}

// LetterFacts gathers what a letter of this kind needs beyond the case: the
// claimant's name and country, today, the day to ask the seller to answer
// by, and for a reinstatement the buyer's disputes and orders at the case's
// marketplaces, which takes reading every order.
func (s *Service) LetterFacts(ctx context.Context, f vault.CaseFile, kind letters.Kind) (letters.Facts, error) {
	conf, err := s.DB.Config(ctx)
	if err != nil {
		return letters.Facts{}, err
	}
	facts := letters.Facts{Claimant: conf[string(vault.SettingName)], Country: conf[string(vault.SettingCountry)], Loc: s.Loc, File: f,
		Today: deadlines.Day(date.Instant(s.Now()), s.Loc)}
	if kind == letters.Reinstatement {
		t, err := s.DB.Tracking(ctx)
		if err != nil {
			return letters.Facts{}, err
		}
		facts.Disputes, facts.OrderCount = disputesAt(t, f.Orders)
	}
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
	for _, d := range rows {
		if d.Unknown || d.Closes.IsZero() || d.After != "" || d.Status == deadlines.Missed {
			continue
		}
		if limit := d.Closes.AddDate(0, 0, -3); limit.Before(by) {
			by = limit
			why = fmt.Sprintf("your last day for %s (%s) is %s, and you need the days after the answer", d.Window, d.Rule, Day(d.Closes.Time))
		}
	}
	if !by.After(today) {
		by = today.AddDate(0, 0, 1)
	}
	return by, why
}

// disputesAt lists the cases that count as disputes involving the
// marketplaces of orders, oldest first, each with whether a letter of the
// buyer to the seller came before it; and the buyer's orders there.
func disputesAt(t store.Tracking, orders []vault.Order) ([]vault.DisputeOutcome, int) {
	var markets []vault.Marketplace
	for _, o := range orders {
		markets = append(markets, o.Marketplace)
	}
	byID := map[vault.OrderID]vault.Order{}
	count := 0
	for _, o := range t.Orders {
		byID[o.ID] = o
		if slices.Contains(markets, o.Marketplace) {
			count++
		}
	}
	var out []vault.DisputeOutcome
	for _, c := range t.Cases {
		if !c.Kind.CountsAsDispute() {
			continue
		}
		var numbers []string
		var market vault.Marketplace
		for _, id := range c.Orders {
			if o := byID[id]; slices.Contains(markets, o.Marketplace) {
				numbers, market = append(numbers, o.Number), o.Marketplace
			}
		}
		if len(numbers) > 0 {
			out = append(out, vault.DisputeOutcome{Case: c.ID, Kind: c.Kind, Marketplace: market,
				Orders: strings.Join(numbers, ", "), Opened: c.Opened, Status: c.Status, DisputeNumber: c.DisputeNumber,
				WroteFirst: wroteBefore(t.Mine, c)})
		}
	}
	slices.SortStableFunc(out, func(a, b vault.DisputeOutcome) int { return a.Opened.Time().Compare(b.Opened.Time()) })
	return out, count
}

// wroteBefore reports whether a letter of the buyer about the case or one
// of its orders is dated before the case was opened.
func wroteBefore(mine []vault.Evidence, c vault.Case) bool {
	for _, e := range mine {
		if !e.IsBuyerLetter() || e.OccurredAt.IsZero() || !e.OccurredAt.Time().Before(c.Opened.Time()) {
			continue
		}
		if slices.Contains(e.Cases, c.ID) || slices.ContainsFunc(e.Orders, func(o vault.OrderID) bool { return slices.Contains(c.Orders, o) }) {
			return true
		}
	}
	return false
}
