package casework

import (
	"context"
	"slices"

	"vault"
	"vault/deadlines"
	"vault/export"
	"vault/internal/date"
)

// Timeline is a case's timeline with the last day of each window the rules
// give, in time order. Windows already missed come only when asked for:
// the dossier leaves them out (they are not the receiver's business).
func (s *Service) Timeline(ctx context.Context, f vault.CaseFile, missed bool) ([]export.Entry, error) {
	rules, err := s.RuleSet(ctx)
	if err != nil {
		return nil, err
	}
	entries := export.Timeline(f)
	for _, d := range s.CaseDeadlines(rules, f) {
		if d.Unknown || d.Closes.IsZero() || (d.Status == deadlines.Missed || d.Status == deadlines.Passed) && !missed {
			continue
		}
		format := "last day: %s (%s)"
		if d.Estimated {
			format += ", estimated"
		}
		switch d.Status {
		case deadlines.Missed:
			format += ", missed"
		case deadlines.Passed:
			format += ", passed"
		}
		entries = append(entries, export.NewEntry(date.Day(d.Closes.Time), d.Record, format, export.Word(d.Window), d.Rule))
	}
	slices.SortStableFunc(entries, func(x, y export.Entry) int { return x.At.Time().Compare(y.At.Time()) })
	return entries, nil
}
