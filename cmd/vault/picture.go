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

func newPictureCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "picture [EV-n...]",
		Short: "Draw the pictures of saved web pages (HTML, MHTML) with headless Chromium",
		Long: `Draw the picture of every saved web page that has none (or only of those
named): an HTML file (as SingleFile saves a page) or an MHTML archive (Save
page as ... Webpage, single file). Headless Chromium opens the page with the
network and scripts off and only the page's own images, 1280 pixels wide,
and draws it whole (a page longer than 20,000 pixels stops there). The
picture is evidence of its own, a part of its page, and the dossier shows it
as the page's exhibit; the page's file stays as it came. Without a picture
the dossier shows the page's text. Needs Chromium (Debian/Ubuntu: apt-get
install chromium), and the fonts of the page's scripts (fonts-noto-cjk for
Chinese, fonts-noto-color-emoji), or their letters are drawn as boxes.`,
		Example: `  vault picture
  vault picture EV-7`,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			ids, err := evidenceIDs(args)
			if err != nil {
				return err
			}
			svc, err := a.open(ctx)
			if err != nil {
				return err
			}
			return a.runPicture(ctx, svc, ids)
		},
	}
}

func (a *app) runPicture(ctx context.Context, svc *casework.Service, ids []vault.EvidenceID) error {
	progress, done := a.progress("drawing")
	drawn, err := svc.PicturePages(ctx, ids, progress)
	done()
	failed, made := 0, 0
	for _, d := range drawn {
		switch {
		case d.Err != nil:
			failed++
			msg := oneLine(d.Err)
			if !strings.HasPrefix(msg, d.Page.String()+":") && !strings.HasPrefix(msg, d.Page.String()+" ") {
				msg = d.Page.String() + ": " + msg // the error may name the page itself
			}
			fmt.Fprintf(a.stderr, "vault: %s\n", msg)
		case d.Picture.Duplicate:
			fmt.Fprintf(a.stderr, "vault: %s has its picture: %s\n", d.Page, d.Picture.ID)
		default:
			made++
			fmt.Fprintln(a.stdout, d.Picture.ID)
		}
	}
	if len(drawn) > 0 {
		fmt.Fprintf(a.stderr, "vault: drew %s\n", plural(made, "picture"))
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d pages could not be drawn", failed, len(drawn))
	}
	return nil
}

// drawNew draws the pictures of saved web pages as they come in, as 'vault
// picture' would; without Chromium it says how to have them later. A page
// that cannot be drawn is kept all the same: the dossier shows its text.
func (a *app) drawNew(ctx context.Context, svc *casework.Service, ids []vault.EvidenceID) {
	for _, id := range ids {
		pic, err := svc.PicturePage(ctx, id)
		switch {
		case errors.Is(err, pages.ErrNoChromium):
			fmt.Fprintf(a.stderr, "vault: %s: no Chromium to draw the page's picture, so the dossier shows its text (apt-get install chromium, then 'vault picture %s')\n", id, id)
			return
		case err != nil:
			fmt.Fprintf(a.stderr, "vault: %s: no picture of the page, so the dossier shows its text: %s\n", id, oneLine(err))
		default:
			fmt.Fprintf(a.stderr, "vault: %s: its picture %s, drawn with headless Chromium\n", id, pic.ID)
		}
	}
}

// savedPages are the saved web pages among ids whose picture can be drawn
// (HTML, MHTML; a printed page's PDF is shown as it is).
func savedPages(ctx context.Context, svc *casework.Service, ids []vault.EvidenceID) []vault.EvidenceID {
	if len(ids) == 0 {
		return nil
	}
	found, err := svc.DB.Pages(ctx, ids)
	if err != nil {
		return nil // drawn later, by 'vault picture'
	}
	var out []vault.EvidenceID
	for _, id := range ids {
		if p, ok := found[id]; ok && p.Format != vault.PagePDF {
			out = append(out, id)
		}
	}
	return out
}
