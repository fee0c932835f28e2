package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault/store"
)

func newListEvidenceCmd(a *app) *cobra.Command {
	var orderRef, caseRef, kind string
	cmd := &cobra.Command{
		Use:   "evidence [--order ID] [--case ID] [--kind K]",
		Short: "List evidence: files, messages, emails",
		Args:  noArgs,
	}
	viewCmd(a, cmd, func(ctx context.Context, v *vault, _ []string) ([]store.Evidence, error) {
		var f store.EvidenceFilter
		var err error
		if kind != "" {
			if err := oneOf("--kind", kind, store.EvidenceKinds); err != nil {
				return nil, err
			}
			f.Kind = kind
		}
		if orderRef != "" {
			if f.Order, err = v.db.ResolveOrder(ctx, orderRef); err != nil {
				return nil, err
			}
		}
		if caseRef != "" {
			if f.Case, err = v.db.ResolveCase(ctx, caseRef); err != nil {
				return nil, err
			}
		}
		list, err := v.db.ListEvidence(ctx, f)
		return nonNil(list), err
	}, a.printEvidenceTable)
	fl := cmd.Flags()
	fl.StringVar(&orderRef, "order", "", "only evidence of this order")
	fl.StringVar(&caseRef, "case", "", "only evidence of this case (and its orders)")
	fl.StringVar(&kind, "kind", "", "only this kind: "+strings.Join(store.EvidenceKinds, ", "))
	return cmd
}

// printEvidenceList prints an "Evidence:" section, or nothing when empty.
func (a *app) printEvidenceList(list []store.Evidence) error {
	if len(list) == 0 {
		return nil
	}
	fmt.Fprintln(a.stdout, "\nEvidence:")
	return a.printEvidenceTable(list)
}

func (a *app) printEvidenceTable(list []store.Evidence) error {
	rows := [][]string{{"ID", "KIND", "DATE", "FROM", "TYPE", "SIZE", "SHA256", "TITLE"}}
	for _, e := range list {
		mt, size, sum := "", "", ""
		if e.Blob != nil {
			mt, size, sum = strings.SplitN(e.Blob.MediaType, ";", 2)[0], humanSize(e.Blob.Size), e.Blob.SHA256[:12]
		}
		rows = append(rows, []string{e.ID.String(), e.Kind, e.OccurredAt.Format(a.loc), e.Party, mt, size, sum, short(e.Title, 40)})
	}
	return table(a.stdout, rows)
}

// humanSize writes a byte count the way ls -h does.
func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
