package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault/store"
)

// unlinkOptions are the flags of 'vault unlink'.
type unlinkOptions struct {
	record, caseRef, orderRef string
	asJSON                    bool
}

func newUnlinkCmd(a *app, runF func(*unlinkOptions) error) *cobra.Command {
	o := &unlinkOptions{}
	cmd := &cobra.Command{
		Use:   "unlink EV-n|ORD-n (--case ID | --order ID)",
		Short: "Take evidence or an order out of a case, or evidence off an order",
		Long: `Take a piece of evidence out of a case (it leaves the case's dossier, even when
it belongs to one of the case's orders, which keep it), evidence off an order,
or an order out of a case (a case keeps at least one). The record and its file
stay in the vault; the change is an edit in the audit log.`,
		Example: `  vault unlink EV-3 --case CASE-1
  vault unlink EV-3 --order ORD-2
  vault unlink ORD-2 --case CASE-1`,
		Args: exactArgs(1, "the evidence (EV-n) or order (ORD-n) to unlink"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (o.caseRef == "") == (o.orderRef == "") {
				return usagef("give --case or --order: what to unlink it from")
			}
			o.record = args[0]
			return do(cmd.Context(), o, runF, a.runUnlink)
		},
	}
	cmd.Flags().StringVar(&o.caseRef, "case", "", "the case to take it out of")
	cmd.Flags().StringVar(&o.orderRef, "order", "", "the order to take the evidence off")
	cmd.Flags().BoolVar(&o.asJSON, "json", false, "print each edit as a line of JSON")
	return cmd
}

func (a *app) runUnlink(ctx context.Context, o *unlinkOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	edits, err := svc.Unlink(ctx, o.record, o.caseRef, o.orderRef)
	if errors.Is(err, store.ErrNoChange) { // what the user wants is already so
		fmt.Fprintf(a.stderr, "vault: %s\n", err)
		return nil
	}
	if err != nil || o.asJSON {
		return cmp.Or(err, a.printEdits(edits, true))
	}
	for _, e := range edits { // a case's edit names its member; evidence's, its order
		member, from := e.Old, e.Record
		if strings.HasPrefix(e.Record, "EV-") {
			member, from = e.Record, e.Old
		}
		fmt.Fprintf(a.stdout, "%s unlinked from %s\n", member, from)
	}
	return nil
}

// retractOptions are the flags of 'vault retract'.
type retractOptions struct {
	ref, reason string
	asJSON      bool
}

func newRetractCmd(a *app, runF func(*retractOptions) error) *cobra.Command {
	o := &retractOptions{}
	cmd := &cobra.Command{
		Use:   "retract ID --reason TEXT",
		Short: "Take a record entered by mistake out of listings, deadlines and dossiers",
		Long: `Retract an order, a piece of evidence, a case or an account entered by mistake.
It leaves listings (--all shows it), deadlines, dossiers and search; the
record itself stays, with its audit history, and a retraction of its own is
added to the audit log with the reason. Its files stay too ('vault purge'
removes the files only retracted evidence refers to). An order in a case is
refused: unlink it or retract the case first. To correct a field, use
'vault set' instead.`,
		Example: `  vault retract EV-4 --reason "screenshot of another order"
  vault retract ORD-3 --reason "entered twice"`,
		Args: exactArgs(1, "the record to retract (ORD-n, EV-n, CASE-n, ACC-n)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := required(cmd, "reason"); err != nil {
				return err
			}
			if o.reason = strings.TrimSpace(o.reason); o.reason == "" {
				return usagef("--reason is empty")
			}
			o.ref = args[0]
			return do(cmd.Context(), o, runF, a.runRetract)
		},
	}
	cmd.Flags().StringVar(&o.reason, "reason", "", "why it is retracted (required)")
	cmd.Flags().BoolVar(&o.asJSON, "json", false, "print the result as JSON")
	return cmd
}

func (a *app) runRetract(ctx context.Context, o *retractOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	record, err := svc.Retract(ctx, o.ref, o.reason)
	if err != nil {
		return err
	}
	if o.asJSON {
		return printJSONLine(a.stdout, map[string]string{"retracted": record, "reason": o.reason})
	}
	fmt.Fprintf(a.stdout, "retracted %s\n", record)
	return nil
}

func newPurgeCmd(a *app) *cobra.Command {
	var asJSON, dryRun bool
	cmd := &cobra.Command{
		Use:   "purge [--dry-run] [--json]",
		Short: "Remove the files that only retracted evidence refers to",
		Long: `Remove from the vault the stored files that only retracted evidence refers to
(a photo attached by mistake that should not be kept). Each removal is
recorded in the audit log first, so 'vault verify' knows the file is gone on
purpose. Files that live evidence also uses are kept. --dry-run lists them.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			svc, err := a.open(cmd.Context())
			if err != nil {
				return err
			}
			var files []store.Purgeable
			if dryRun {
				files, err = svc.DB.Purgeable(cmd.Context())
			} else {
				files, err = svc.Purge(cmd.Context())
			}
			if err != nil {
				return err
			}
			if asJSON {
				return printJSON(a.stdout, nonNil(files))
			}
			verb := "removed"
			if dryRun {
				verb = "would remove"
			}
			for _, f := range files {
				fmt.Fprintf(a.stdout, "%s %s (%s, of %s)\n", verb, f.SHA256[:16], humanSize(f.Size), joinIDs(f.Of))
			}
			if len(files) == 0 {
				fmt.Fprintln(a.stdout, "Nothing to purge.")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "list what would be removed")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print as JSON")
	return cmd
}
