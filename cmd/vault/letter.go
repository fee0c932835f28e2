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
	kind                      letters.Kind
	caseRef, orderRef, langID string
	lang                      lang.Lang
	out                       string
}

func newDraftLetterCmd(a *app, runF func(*draftLetterOptions) error) *cobra.Command {
	o := &draftLetterOptions{}
	kinds := strings.Join(vault.Words(letters.Kinds), "|")
	cmd := &cobra.Command{
		Use:   "letter " + kinds + " --case ID|--order ID [--lang en|nb] [--out FILE]",
		Short: "Draft a ready-to-send letter: to the seller, the marketplace, the bank",
		Long: `Draft a letter filled from the records: the order numbers, dates and amounts,
what was tried, what is asked and by when, and the law that applies (by the
currency paid: NOK for Norwegian law, another EU/EEA currency for EU law).
Letters:

  seller         try the seller first, with a 14-day deadline (needs only --order)
  dispute        to the marketplace's dispute centre
  chargeback     to the card issuer
  reinstatement  to the marketplace, listing your disputes and their outcomes
  withdrawal     using the 14-day right of withdrawal (angrerett)
  reklamasjon    a complaint about defects

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
			if o.lang, err = lang.Parse(o.langID); err != nil {
				return usagef("--lang: %w", err)
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
	f.StringVar(&o.langID, "lang", "en", "language: en or nb (Norwegian bokmål)")
	f.StringVar(&o.out, "out", "", "write the letter to FILE instead of stdout")
	return cmd
}

func (a *app) runDraftLetter(ctx context.Context, o *draftLetterOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	text, err := svc.Letter(ctx, o.kind, o.lang, o.caseRef, o.orderRef)
	if err != nil {
		return err
	}
	if o.out == "" {
		_, err = io.WriteString(a.stdout, text)
		return err
	}
	return atomicfile.Write(o.out, func(w io.Writer) error { _, err := io.WriteString(w, text); return err })
}
