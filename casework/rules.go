package casework

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"vault/deadlines"
	"vault/store"
)

// maxRulesFile bounds a rules file: a megabyte of rules is not a rules file.
const maxRulesFile = 1 << 20

// OverrideDays is the rule id with one window (its first, or the one
// named) closing days after its start dates, always counted from the
// built-in rule, not from an earlier override.
func (s *Service) OverrideDays(ctx context.Context, id, window string, days int) (deadlines.Rule, error) {
	r, err := s.Rule(ctx, id)
	if err != nil {
		return r, err
	}
	if r.Origin == deadlines.Overridden {
		r, _ = deadlines.Find(deadlines.BuiltinRules(), id)
	}
	return r.WithDays(window, days)
}

// ReadRules reads a JSON array of whole rules from a file.
func ReadRules(path string) ([]deadlines.Rule, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(b) > maxRulesFile {
		return nil, fmt.Errorf("%s: a rules file of %d bytes is not a rules file", path, len(b))
	}
	rules, err := deadlines.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("%s: no rules in it", path)
	}
	return rules, nil
}

// SaveRules keeps rules as this vault's own, in one transaction.
func (s *Service) SaveRules(ctx context.Context, rules []deadlines.Rule) error {
	rows := make([]store.RuleRow, len(rules))
	for i, r := range rules {
		r.Origin = ""
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		rows[i] = store.RuleRow{ID: r.ID, JSON: string(b)}
	}
	return s.DB.SetRules(ctx, rows)
}

// NotSetError is a reset of a rule the vault does not set.
type NotSetError struct{ Rule string }

func (e *NotSetError) Error() string { return e.Rule + " is not set in this vault" }

// ResetRule goes back to the built-in rule, or removes a rule the vault added.
func (s *Service) ResetRule(ctx context.Context, id string) (deadlines.Rule, error) {
	r, err := s.Rule(ctx, id)
	if err != nil {
		return r, err
	}
	if r.Origin == deadlines.Builtin {
		return r, &NotSetError{Rule: r.ID}
	}
	return r, s.DB.SetRules(ctx, []store.RuleRow{{ID: r.ID}})
}

// Rule is the rule of this id in the vault's rule set.
func (s *Service) Rule(ctx context.Context, id string) (deadlines.Rule, error) {
	rules, err := s.Rules(ctx)
	if err != nil {
		return deadlines.Rule{}, err
	}
	return deadlines.Find(rules, id)
}
