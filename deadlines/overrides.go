package deadlines

import (
	"errors"
	"fmt"
	"slices"
)

// Merge returns the rule set of a vault: base with each of own replacing the
// rule of the same id (marked overridden) or added to it (marked added).
func Merge(base, own []Rule) []Rule {
	out := slices.Clone(base)
	for _, r := range own {
		i := slices.IndexFunc(out, func(b Rule) bool { return b.ID == r.ID })
		if i < 0 {
			r.Origin = Added
			out = append(out, r)
			continue
		}
		r.Origin = Overridden
		out[i] = r
	}
	return out
}

// NoRuleError is a rule id that is not in the rule set.
type NoRuleError struct{ ID string }

func (e *NoRuleError) Error() string { return fmt.Sprintf("no rule %q", e.ID) }

// ErrNoClosing is a window with no closing date to move.
var ErrNoClosing = errors.New("no closing date to move")

// Find returns the rule with this id.
func Find(rules []Rule, id string) (Rule, error) {
	i := slices.IndexFunc(rules, func(r Rule) bool { return r.ID == id })
	if i < 0 {
		return Rule{}, &NoRuleError{ID: id}
	}
	return rules[i], nil
}

// WithDays returns r with one window (the first when window is "") closing
// days after its starting dates, instead of what the source says. A term
// that is a recorded day itself (AliExpress's protection end) stays.
func (r Rule) WithDays(window string, days int) (Rule, error) {
	if days < 0 || days > maxOffset {
		return r, fmt.Errorf("%d days: must be between 0 and %d", days, maxOffset)
	}
	i := 0
	if window != "" {
		i = slices.IndexFunc(r.Windows, func(w Window) bool { return w.Name == window })
	}
	if i < 0 || i >= len(r.Windows) {
		return r, fmt.Errorf("rule %s has no window %q", r.ID, window)
	}
	w := r.Windows[i]
	if w.Closes == nil {
		return r, fmt.Errorf("rule %s, window %q has %w", r.ID, w.Name, ErrNoClosing)
	}
	closes := &Point{Pick: w.Closes.Pick, Of: slices.Clone(w.Closes.Of)}
	for j, t := range closes.Of {
		if t != (Term{From: t.From}) {
			closes.Of[j] = Term{From: t.From, Alternatives: t.Alternatives, Days: days}
		}
	}
	w.Closes = closes
	r.Windows = slices.Clone(r.Windows)
	r.Windows[i] = w
	r.Window = fmt.Sprintf("%s (set in this vault: %s closes %s)", r.Window, w.Name, describe(closes))
	return r, r.Check()
}
