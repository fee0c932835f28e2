package main

import (
	"context"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/internal/atomicfile"
	"vault/internal/lang"
	"vault/letters"
)

func newDraftCmd(a *app) *cobra.Command {
	return group("draft", "Draft a letter from a case's records", newDraftLetterCmd(a, nil))
}

// draftLetterOptions are the flags of 'vault draft letter'.
type draftLetterOptions struct {
	kind              letters.Kind
	caseRef, orderRef string
	lang              lang.Lang
	out, problem      string
	trouble           vault.Trouble
}

func newDraftLetterCmd(a *app, runF func(*draftLetterOptions) error) *cobra.Command {
	o := &draftLetterOptions{}
	kinds := strings.Join(vault.Words(letters.Kinds), "|")
	cmd := &cobra.Command{
		Use:   "letter " + kinds + " --case ID|--order ID [--lang en|nb] [--out FILE]",
		Short: "Draft a ready-to-send letter: to the seller, the marketplace, the bank",
		Long: `Draft a letter filled from the records: the order numbers, dates and amounts,
what was tried, what is asked and by when, and the law of your country
('vault config set country', default Norway). Every sentence that states a
fact states a recorded one: what went wrong (the case's --problem, or
--problem here), your letters to the seller and the answers, the shipment,
the dispute numbers. Where a fact is not recorded the letter says nothing of
it, or leaves a bracketed gap, and a note on stderr says what to record.
Letters:

  seller         try the seller first, with a deadline: 14 days, or sooner when
                 one of your own deadlines comes first (needs only --order)
  dispute        to the marketplace's dispute centre
  chargeback     to the card issuer
  reinstatement  to the marketplace, listing your disputes and their outcomes
  withdrawal     using the 14-day right of withdrawal (angrerett)
  reklamasjon    a complaint about a defect: repair or replacement, else a
                 price reduction or cancelling the purchase
  delay          goods not delivered: a last day to deliver, else cancelling
  unauthorised   to the bank: a payment you did not authorise, or a wrong one

The name under the letter comes from 'vault config set name'. The dossier
uses the same letter as its statement page when no statement was written.`,
		Example: `  vault draft letter seller --order 8123456789012345 --lang nb
  vault draft letter reinstatement --case CASE-2 --out letter.txt`,
		Args: exactArgs(1, "the letter: "+strings.Join(vault.Words(letters.Kinds), ", ")),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if o.kind, err = parseWord("letter", args[0], letters.ParseKind); err != nil {
				return err
			}
			if o.problem != "" {
				if o.trouble, err = parseWord("--problem", o.problem, vault.ParseTrouble); err != nil {
					return err
				}
			}
			if (o.caseRef == "") == (o.orderRef == "") {
				return usagef("give --case or --order")
			}
			return do(cmd.Context(), o, runF, a.runDraftLetter)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.caseRef, "case", "", "the case the letter is about")
	f.StringVar(&o.orderRef, "order", "", "the order the letter is about (when there is no case yet)")
	addLang(f, &o.lang, "language")
	f.StringVar(&o.out, "out", "", "write the letter to FILE instead of stdout")
	f.StringVar(&o.problem, "problem", "", "what went wrong, for this letter: "+strings.Join(vault.Words(vault.Troubles), ", "))
	return cmd
}

func (a *app) runDraftLetter(ctx context.Context, o *draftLetterOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	draft, err := svc.Letter(ctx, o.kind, o.lang, o.caseRef, o.orderRef, o.trouble)
	if err != nil {
		return err
	}
	if o.out == "" {
		_, err = io.WriteString(a.stdout, draft.Text)
	} else if err = svc.CheckOutput(o.out); err == nil {
		err = atomicfile.Write(o.out, func(w io.Writer) error { _, err := io.WriteString(w, draft.Text); return err })
	}
	if err != nil {
		return err
	}
	a.printNotes(draft.Notes) // of a letter written: a refused one has only its error
	return nil
}

// printNotes writes what a drafted letter leaves out, a note a line.
