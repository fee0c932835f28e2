package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault/casework"
)

func newCheckCaseCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "case ID [--json]",
		Short: "List what a strong claim holds, and what the vault still lacks",
		Long: `List, for the case's kind and what went wrong, what a strong claim holds
(domain-rules.md "What a strong dossier holds", and what the banks' and the
card schemes' dispute forms ask for) and whether the vault has each item: the
record that proves it, or the command that records it. For goods not received
through a card: the order confirmation, proof of payment, the promised
delivery date, the tracking and its last scan, your dated message to the
seller, the marketplace dispute and its outcome, the scheme's waiting time.
It exits 0 either way; --json gives the list to scripts.`,
		Example: `  vault check case CASE-1
  vault check case CASE-1 --json`,
		Args: exactArgs(1, "a case id (CASE-n)"),
	}
	return viewCmd(a, cmd, func(ctx context.Context, svc *casework.Service, args []string) (casework.Checklist, error) {
		return svc.Check(ctx, args[0])
	}, a.printChecklist)
}

func (a *app) printChecklist(c casework.Checklist) error {
	fmt.Fprintf(a.stdout, "%s (%s): %d of %d recorded\n", c.Case, c.Kind, len(c.Items)-c.Missing(), len(c.Items))
	rows := [][]string{{"", "WHAT", "RECORD / TO DO"}}
	for _, it := range c.Items {
		mark, how := "[x]", it.Record
		if it.Says != "" {
			how += ": " + it.Says
		}
		if !it.Have {
			mark, how = "[ ]", it.Todo
			if it.Fix != nil {
				how = strings.Join(commands(*it.Fix), ", then ")
				if it.Todo != "" {
					how += " (" + it.Todo + ")"
				}
			}
		}
		rows = append(rows, []string{mark, it.What, how})
	}
	return table(a.stdout, rows)
}

// printMissing says, after an export, what the claim still lacks.
func (a *app) printMissing(c casework.Checklist) {
	var missing []string
	for _, it := range c.Items {
		if !it.Have {
			missing = append(missing, it.What)
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(a.stderr, "note: the claim lacks %s ('vault check case %s' says how to record them)\n", strings.Join(missing, "; "), c.Case)
	}
}
