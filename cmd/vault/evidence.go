package main

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/internal/lang"
	"vault/store"
)

// listEvidenceOptions are the flags of 'vault list evidence'.
type listEvidenceOptions struct {
	orderRef, caseRef, kind string
	filter                  store.EvidenceFilter
	asJSON                  bool
}

func newListEvidenceCmd(a *app, runF func(*listEvidenceOptions) error) *cobra.Command {
	o := &listEvidenceOptions{}
	cmd := &cobra.Command{
		Use:   "evidence [--order ID] [--case ID] [--kind K]",
		Short: "List evidence: files, messages, emails",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.kind != "" {
				kind, err := parseWord("--kind", o.kind, vault.ParseEvidenceKind)
				if err != nil {
					return err
				}
				o.filter.Kind = kind
			}
			return do(cmd.Context(), o, runF, a.runListEvidence)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.orderRef, "order", "", "only evidence of this order")
	f.StringVar(&o.caseRef, "case", "", "only evidence of this case (and its orders)")
	f.StringVar(&o.kind, "kind", "", "only this kind: "+strings.Join(vault.Words(vault.EvidenceKinds), ", "))
	f.BoolVar(&o.filter.All, "all", false, "also the evidence retracted ('vault retract')")
	f.BoolVar(&o.asJSON, "json", false, "print as JSON")
	return cmd
}

func (a *app) runListEvidence(ctx context.Context, o *listEvidenceOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	if o.orderRef != "" {
		if o.filter.Order, err = svc.DB.ResolveOrder(ctx, o.orderRef); err != nil {
			return err
		}
	}
	if o.caseRef != "" {
		if o.filter.Case, err = svc.DB.ResolveCase(ctx, o.caseRef); err != nil {
			return err
		}
	}
	list, err := svc.DB.ListEvidence(ctx, o.filter)
	if err != nil {
		return err
	}
	if list, err = svc.Place(ctx, list); err != nil {
		return err
	}
	if o.asJSON {
		return printJSON(a.stdout, nonNil(list))
	}
	return a.printEvidenceTable(list, say(lang.EN))
}

// printEvidenceList prints an "Evidence:" section, or nothing when empty.
func (a *app) printEvidenceList(list []vault.Evidence, s say) error {
	if len(list) == 0 {
		return nil
	}
	fmt.Fprintf(a.stdout, "\n%s:\n", s.t("Evidence"))
	return a.printEvidenceTable(list, s)
}

func (a *app) printEvidenceTable(list []vault.Evidence, s say) error {
	l := lang.Lang(s)
	rows := [][]string{s.all("ID", "KIND", "DATE", "FROM", "TYPE", "SIZE", "SHA256", "TITLE")}
	for _, e := range list {
		mt, size, sum := "", "", ""
		if e.Blob != nil {
			mt, size, sum = strings.SplitN(e.Blob.MediaType, ";", 2)[0], humanSize(e.Blob.Size), e.Blob.SHA256[:12]
		}
		rows = append(rows, []string{s.retracted(e.ID.String(), e.Retracted), e.Kind.Word(l), l.Date(e.OccurredAt, a.loc), sender(e, l),
			mt, size, sum, short(e.Title, 40)})
	}
	return table(a.stdout, rows)
}

// sender is who evidence comes from, as a listing shows it: its party, or
// a mail's address when the vault cannot place it.
func sender(e vault.Evidence, l lang.Lang) string {
	if e.Party == vault.PartyUnknown && e.Kind == vault.EvidenceEmail {
		return short(cmp.Or(vault.Address(e.From), e.From), 30)
	}
	return e.Party.Word(l)
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
