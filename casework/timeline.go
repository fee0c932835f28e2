package casework

import (
	"context"
	"strings"

	"vault"
	"vault/deadlines"
	"vault/export"
	"vault/internal/date"
)

// Timeline is the timeline of the case named by ref (retracted or not),
// from its facts, with the last day of each window the rules give, in time
// order; windows already over or used too ('vault log case').
func (s *Service) Timeline(ctx context.Context, ref string) ([]export.Entry, error) {
	r, facts, err := s.caseFacts(ctx, ref, false)
	if err != nil {
		return nil, err
	}
	return s.timeline(ctx, export.Timeline(r.File, facts), facts, true)
}

// timeline adds to a case's entries the last day of each window the rules
// give. Windows already missed, passed or used come only when asked for:
// the dossier leaves them out (they are not the receiver's business).
func (s *Service) timeline(ctx context.Context, entries []export.Entry, f vault.CaseFacts, over bool) ([]export.Entry, error) {
	rules, err := s.RuleSet(ctx)
	if err != nil {
		return nil, err
	}
	for _, d := range s.CaseDeadlines(rules, f) {
		own := d.Status == deadlines.Used && d.Used.Case == f.Case.ID.String() // the case's own window: its receiver's last day
		done := d.Status.Over() && !own
		if d.Unknown || d.Closes.IsZero() || done && !over {
			continue
		}
		format := "last day: %s (%s)"
		if d.Estimated {
			format += ", estimated"
		}
		args := []any{export.Word(d.Window), d.Rule}
		switch d.Status {
		case deadlines.Missed:
			format += ", missed"
		case deadlines.Guessed:
			format += ", perhaps over"
		case deadlines.Passed:
			format += ", passed"
		case deadlines.Used:
			if !over {
				break
			}
			format += ", used on %s by %s"
			args = append(args, date.Day(d.Used.Day.Time), d.Used.Case)
		}
		e := export.NewEntry(date.Day(d.Closes.Time), d.Record, format, args...)
		e.Rule = d.Rule
		entries = append(entries, e)
	}
	export.SortEntries(entries)
	return entries, nil
}

// receiversWindow reports whether a rule's window is the receiver's own for
// a case of this kind: the card scheme's for a chargeback, the
// marketplace's for a dispute, the law's the seller answers to for a
// withdrawal, a complaint or a delay. A reinstatement has none: the buyer's
// own deadlines are no business of the marketplace's.
func receiversWindow(kind vault.CaseKind, rule string) bool {
	prefix, _, _ := strings.Cut(rule, ".")
	switch kind {
	case vault.Chargeback:
		return prefix == "visa" || prefix == "mastercard" || rule == "no.bank.claim"
	case vault.Unauthorised:
		return rule == "no.unauthorised"
	case vault.Dispute:
		return prefix != "no" && prefix != "eu" && prefix != "visa" && prefix != "mastercard" && prefix != "seller"
	case vault.Withdrawal:
		return rule == "no.angrerett" || rule == "eu.withdrawal"
	case vault.Warranty:
		return rule == "no.reklamasjon" || rule == "eu.guarantee"
	case vault.Delay:
		return rule == "no.forsinkelse" || rule == "eu.delay"
	}
	return false
}
