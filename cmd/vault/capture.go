package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
	"vault/pages"
)

// captureOptions are the flags of 'vault capture'.
type captureOptions struct {
	orderRefs, caseRefs []string
	kind                string
	req                 casework.CaptureRequest
	asJSON              bool
}

func newCaptureCmd(a *app, runF func(*captureOptions) error) *cobra.Command {
	o := &captureOptions{}
	cmd := &cobra.Command{
		Use:   "capture URL (--order ID | --case ID) [flags]",
		Short: "Keep a public web page (a carrier's tracking page) as it is now, with its picture",
		Long: `Open a public web page with headless Chromium, the network and the page's
scripts on, in a fresh profile (no cookies, no login), wait for it to load
(90 seconds at most) and keep it: the page as an MHTML archive (what "Save
page as ... Webpage, single file" keeps), dated by the time it was taken, and
a full-page picture of it, 1280 pixels wide. Both are stored and recorded
together; the picture is a part of the page and the dossier's exhibit of it.

A page that asks to sign in, or checks for robots (a captcha, "verify you are
human"), or that the site refuses (HTTP 401, 403, 429) is not kept: save it
from your own browser instead, where you are signed in (the SingleFile
extension, or Save page as ... Webpage, single file) and attach that file.
Needs Chromium (Debian/Ubuntu: apt-get install chromium).`,
		Example: `  vault capture https://sporing.posten.no/sporing/LP00123456789CN --order ORD-1 --kind tracking
  vault capture https://www.aliexpress.com/item/1005001234567890.html --order 8123456789012345 --kind listing`,
		Args: exactArgs(1, "the page's address (https://...)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(o.orderRefs)+len(o.caseRefs) == 0 {
				return usagef("say what the page belongs to: --order ID or --case ID")
			}
			o.req.Address = args[0]
			if o.kind != "" {
				var err error
				if o.req.Kind, err = parseWord("--kind", o.kind, vault.ParseEvidenceKind); err != nil {
					return err
				}
			}
			return do(cmd.Context(), o, runF, a.runCapture)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.orderRefs, "order", nil, "the order the page belongs to (ORD-n or order number; repeatable)")
	f.StringArrayVar(&o.caseRefs, "case", nil, "the case the page belongs to (CASE-n; repeatable)")
	f.StringVar(&o.kind, "kind", "", "what the page is: tracking, listing, ... (default other)")
	f.StringVar(&o.req.Note, "note", "", "a note kept with the page")
	f.BoolVar(&o.asJSON, "json", false, "print what was kept as JSON")
	return cmd
}

func (a *app) runCapture(ctx context.Context, o *captureOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	if o.req.Links, err = svc.Links(ctx, o.orderRefs, o.caseRefs); err != nil {
		return err
	}
	c, err := svc.Capture(ctx, o.req)
	var wall *pages.WallError
	switch {
	case errors.Is(err, pages.ErrNoChromium):
		return errors.New("vault capture needs Chromium, which is not installed (Debian/Ubuntu: apt-get install chromium)")
	case errors.As(err, &wall):
		where := append(prefixed("--order", o.orderRefs), prefixed("--case", o.caseRefs)...)
		return fmt.Errorf("%s: vault kept nothing. Save the page from your own browser, where you are signed in "+
			"(the SingleFile extension, or Save page as ... Webpage, single file), and attach that file ('vault attach file FILE %s')",
			oneLine(err), strings.Join(where, " "))
	case err != nil:
		return err
	}
	if o.asJSON {
		return printJSON(a.stdout, c)
	}
	fmt.Fprintln(a.stdout, c.Page.ID)
	fmt.Fprintf(a.stderr, "vault: kept %s as %s (MHTML) with its picture %s, taken %s\n", c.Address, c.Page.ID, c.Picture.ID,
		c.At.In(a.loc).Format("2006-01-02 15:04 MST"))
	return nil
}

// prefixed puts a flag before each value.
func prefixed(flag string, values []string) []string {
	var out []string
	for _, v := range values {
		out = append(out, flag+" "+shellWord(v))
	}
	return out
}
