package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"vault/deadlines"
	"vault/store"
)

// guardDispute warns before a dispute that may get the account blocked for
// "dispute abuse": too many disputes at one marketplace in 30 days, or too
// large a share of its orders in 90 (thresholds in the rule set; a heuristic).
// On a terminal it asks; elsewhere, and with force, it warns and goes on.
func (a *app) guardDispute(ctx context.Context, v *vault, c store.Case, orders []store.Order, force bool) error {
	rules, err := loadRules(ctx, v)
	if err != nil {
		return err
	}
	var guard deadlines.Rule
	for _, r := range rules {
		if r.Kind == "guard" && r.Guard != nil {
			guard = r
		}
	}
	if guard.Guard == nil {
		return nil
	}
	today := a.now().In(a.loc)
	seen := map[string]bool{}
	for _, o := range orders {
		if seen[o.Marketplace] {
			continue
		}
		seen[o.Marketplace] = true
		d30, d90, orders90, err := v.db.DisputeActivity(ctx, o.Marketplace,
			today.AddDate(0, 0, -30).Format("2006-01-02"), today.AddDate(0, 0, -90).Format("2006-01-02"))
		if err != nil {
			return err
		}
		warning := guard.Guard.Warn(o.Marketplace, d30+1, d90+1, max(orders90, 1))
		if warning == "" {
			continue
		}
		fmt.Fprintf(a.stderr, "warning: %s\n  This is a heuristic (rule %s: %s).\n  Try the seller first: 'vault draft letter seller --order %s' writes the letter.\n",
			warning, guard.ID, guard.Source, o.ID)
		if !force && a.interactive() && !a.confirm("Open the dispute anyway?") {
			return errors.New("no dispute opened")
		}
	}
	return nil
}

// interactive reports whether questions can be asked: stdin is a terminal.
func (a *app) interactive() bool {
	f, ok := a.stdin.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// confirm asks a yes/no question on the terminal; no is the default.
func (a *app) confirm(question string) bool {
	fmt.Fprintf(a.stderr, "%s [y/N] ", question)
	line, _ := bufio.NewReader(a.stdin).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes"
}
