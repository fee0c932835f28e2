package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/internal/date"
)

// addMessageOptions are the flags of 'vault add message' and the message they make.
type addMessageOptions struct {
	orderRef, text, file, from, at string
	message                        vault.Evidence
	asJSON, force                  bool
}

func newAddMessageCmd(a *app, runF func(*addMessageOptions) error) *cobra.Command {
	o := &addMessageOptions{}
	cmd := &cobra.Command{
		Use:   "message --order ID (--text TEXT | --file PATH) [flags]",
		Short: "Record a message exchanged about an order",
		Long: `Record a message with the seller, the marketplace, the carrier or the bank,
verbatim. The text comes from --text or from a UTF-8 text file (--file), whose
original bytes are also kept. --at is when it was sent (default: now).
Prints the new evidence id (EV-n) on the first line.`,
		Example: `  vault add message --order ORD-1 --from seller --at "2026-10-20 09:15" --text "Parcel is on its way"
  vault add message --order 8123456789012345 --from me --file chat.txt`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := required(cmd, "order"); err != nil {
				return err
			}
			if err := o.parse(a); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runAddMessage)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.orderRef, "order", "", "the order (ORD-n or its order number) (required)")
	f.StringVar(&o.text, "text", "", "the message text")
	f.StringVar(&o.file, "file", "", "read the message text from a UTF-8 text file")
	f.StringVar(&o.from, "from", string(vault.PartySeller), "who wrote it: "+strings.Join(vault.Words(vault.Parties), ", "))
	f.StringVar(&o.at, "at", "", "when it was sent (default now) "+dateExample)
	f.BoolVar(&o.asJSON, "json", false, "print the result as JSON")
	f.BoolVar(&o.force, "force", false, "confirm a date after today")
	return cmd
}

func (o *addMessageOptions) parse(a *app) error {
	if (o.text == "") == (o.file == "") {
		return usagef("give the message as --text or --file (one of them)")
	}
	party, err := parseWord("--from", o.from, vault.ParseParty)
	if err != nil {
		return err
	}
	when, err := a.pastDate("at", o.at, o.force)
	if err != nil {
		return err
	}
	if when.IsZero() {
		when = date.Instant(a.now())
	}
	o.message = vault.Evidence{Kind: vault.EvidenceMessage, Source: vault.SourceTyped, Party: party, OccurredAt: when, Body: o.text}
	return nil
}

func (a *app) runAddMessage(ctx context.Context, o *addMessageOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	links, err := svc.Links(ctx, []string{o.orderRef}, nil)
	if err != nil {
		return err
	}
	e := o.message
	if o.file != "" {
		if e, err = svc.MessageFromFile(e, o.file); err != nil {
			return fileError(o.file, err, "use 'vault attach file' for it", "convert it (iconv) or use 'vault attach file'")
		}
	}
	e.Title = casework.Title(e.Body, 80)
	added, err := svc.DB.AddEvidence(ctx, []vault.Evidence{e}, links)
	if err != nil {
		return err
	}
	for _, ad := range added {
		if ad.Duplicate {
			fmt.Fprintf(a.stderr, "vault: %s: same content as %s, stored once\n", e.Title, ad.ID)
		}
		if o.asJSON {
			err = printJSONLine(a.stdout, ad)
		} else {
			_, err = fmt.Fprintln(a.stdout, ad.ID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// fileError names the file an error of reading it as text is about, with
// the hint of what to do when it is too large or not text ("": none).
func fileError(name string, err error, tooLargeHint, notTextHint string) error {
	var tooLarge *casework.TooLargeError
	hint := ""
	switch {
	case errors.As(err, &tooLarge):
		hint = tooLargeHint
	case errors.Is(err, casework.ErrNotText):
		hint = notTextHint
	}
	if hint != "" {
		return fmt.Errorf("%s: %w; %s", name, err, hint)
	}
	return fmt.Errorf("%s: %w", name, err)
}
