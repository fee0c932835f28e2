package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"vault"
	"vault/casework"
)

// attachOptions are the flags of 'vault attach file'.
type attachOptions struct {
	orderRefs, caseRefs []string
	kind, at            string
	req                 casework.AttachRequest
	asJSON, force       bool
	noPicture           bool
}

func newAttachFileCmd(a *app, runF func(*attachOptions) error) *cobra.Command {
	o := &attachOptions{}
	cmd := &cobra.Command{
		Use:   "file PATH... (--order ID | --case ID) [flags]",
		Short: "Attach files (screenshots, photos, receipts) as evidence",
		Long: `Attach files, or with --recursive the files in directories, to an order or a
case. Each file is stored once by its SHA-256 (read-only, under blobs/);
attaching the same bytes again links the existing evidence instead of storing
a copy. The media type is detected from the content, with a warning when the
file name says otherwise. Images are decoded before they are kept: a corrupt,
truncated or oversized (decompression bomb) image is refused with the reason.
Without --kind, PNG, GIF and WebP count as screenshots, JPEG and HEIC as
photos, video as video, anything else as other.

A web page saved from the browser is read when it comes in: saved with
SingleFile, as MHTML (Chrome and Edge: Save page as, Webpage, Single File),
or printed to PDF by Chrome or Edge. Its address, the time it was saved (as
the saver wrote it, with its zone), its title and its visible text are kept
(search finds its words); a marketplace's item page counts as a listing,
whose item, price and seller are offered to the order's empty fields; a
carrier's tracking page as tracking, whose events become the order's
tracking history; any other page as page. The picture of a page saved as
HTML or MHTML is drawn once, as it comes, with headless Chromium (network
and scripts off; see 'vault picture'), and the dossier shows it; without
Chromium, or with --no-picture, the dossier shows the page's text.

A file that cannot be attached is reported and skipped; the others are
recorded together. Prints each evidence id (EV-n) on its own line, a summary
on stderr, and exits 1 if any file was refused. Inside a directory, symbolic
links are followed only to files within it.`,
		Example: `  vault attach file order-page.png --order ORD-1
  vault attach file parcel.jpg label.jpg --order 8123456789012345 --kind photo --note "box crushed"
  vault attach file ~/Pictures/dispute --recursive --case CASE-1
  vault attach file IMG_0412.PNG IMG_0413.PNG --inbox`,
		Args: atLeastOne("at least one file"),
		RunE: func(cmd *cobra.Command, paths []string) error {
			if err := o.parse(a, paths); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runAttach)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.orderRefs, "order", nil, "the order the files belong to (ORD-n or order number; repeatable)")
	f.StringArrayVar(&o.caseRefs, "case", nil, "the case the files belong to (CASE-n; repeatable)")
	f.BoolVar(&o.req.Links.Inbox, "inbox", false, "put the files in the inbox, to file later ('vault inbox', 'vault link')")
	f.StringVar(&o.kind, "kind", "", "what the files are: "+strings.Join(vault.Words(vault.EvidenceKinds), ", "))
	f.StringVar(&o.req.Note, "note", "", "a note kept with each file")
	f.StringVar(&o.at, "at", "", "when the screenshot or photo was taken (default: from the picture's EXIF or PNG date) "+dateExample)
	f.BoolVarP(&o.req.Recursive, "recursive", "r", false, "attach the files in directories, and in their subdirectories")
	f.BoolVar(&o.asJSON, "json", false, "print one JSON object per file")
	f.BoolVar(&o.force, "force", false, "confirm an --at after today")
	f.BoolVar(&o.noPicture, "no-picture", false, "draw no picture of saved web pages now (later: 'vault picture')")
	return cmd
}

func (o *attachOptions) parse(a *app, paths []string) error {
	if len(o.orderRefs)+len(o.caseRefs) == 0 && !o.req.Links.Inbox {
		return usagef("say what the files belong to: --order ID or --case ID, or --inbox to file them later")
	}
	var err error
	if o.kind != "" {
		if o.req.Kind, err = parseWord("--kind", o.kind, vault.ParseEvidenceKind); err != nil {
			return err
		}
	}
	o.req.Paths = paths
	o.req.At, err = a.pastDate("at", o.at, o.force)
	return err
}

func (a *app) runAttach(ctx context.Context, o *attachOptions) error {
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	inbox := o.req.Links.Inbox
	if o.req.Links, err = svc.Links(ctx, o.orderRefs, o.caseRefs); err != nil {
		return err
	}
	o.req.Links.Inbox = inbox && len(o.orderRefs)+len(o.caseRefs) == 0
	progress, done := a.progress("attaching")
	results, err := svc.Attach(ctx, o.req, progress)
	done()
	if err != nil {
		return err
	}
	err = a.reportAttach(results, !o.req.At.IsZero(), o.asJSON)
	if !o.noPicture {
		a.drawNew(ctx, svc, newPages(results))
	}
	return err
}

// newPages are the saved web pages just added whose picture can be drawn
// (HTML and MHTML; a printed page's PDF is shown as it is).
func newPages(results []casework.Attached) []vault.EvidenceID {
	var ids []vault.EvidenceID
	for _, r := range results {
		if r.Err == nil && !r.Added.Duplicate && r.Page != nil && r.Page.Format != vault.PagePDF {
			ids = append(ids, r.Added.ID)
		}
	}
	return ids
}

// pageSays is what a saved web page says of itself, for a line after its
// id: its address and save time.
func pageSays(p *vault.Page) string {
	if p == nil {
		return ""
	}
	s := ", a saved page"
	if p.Address != "" {
		s += " of " + p.Address
	}
	if saved := p.SavedText(); saved != "" {
		s += ", saved " + saved
	}
	return s
}

// reportAttach prints an id (or JSON object) per stored file, a line per
// refused file, and a summary; it fails when any file was refused.
func (a *app) reportAttach(results []casework.Attached, atGiven, asJSON bool) error {
	var added, dup, refused, known int
	for _, r := range results {
		if r.Known {
			known++
			continue
		}
		if r.Warning != "" {
			fmt.Fprintf(a.stderr, "vault: warning: %s: %s\n", r.Path, r.Warning)
		}
		if r.Err != nil {
			refused++
			fmt.Fprintf(a.stderr, "vault: %s: %s\n", r.Path, oneLine(r.Err))
			if asJSON {
				printJSONLine(a.stdout, map[string]string{"path": r.Path, "error": oneLine(r.Err)})
			}
			continue
		}
		switch {
		case r.Added.Duplicate && atGiven:
			dup++
			fmt.Fprintf(a.stderr, "vault: %s: same content as %s, stored once; its date stays (change it with 'vault set evidence %s --at ...')\n",
				r.Path, r.Added.ID, r.Added.ID)
		case r.Added.Duplicate:
			dup++
			fmt.Fprintf(a.stderr, "vault: %s: same content as %s, stored once\n", r.Path, r.Added.ID)
		case r.Page != nil:
			added++
			fmt.Fprintf(a.stderr, "vault: %s: %s%s\n", r.Path, r.Added.ID, pageSays(r.Page))
			a.printNotes(r.Offers)
		case r.Undated:
			added++
			fmt.Fprintf(a.stderr, "vault: %s: the picture does not say when it was taken; date it with 'vault set evidence %s --at ...'\n",
				r.Path, r.Added.ID)
		default:
			added++
		}
		if asJSON {
			printJSONLine(a.stdout, struct {
				Path string `json:"path"`
				vault.Added
			}{r.Path, r.Added})
		} else {
			fmt.Fprintln(a.stdout, r.Added.ID)
		}
	}
	if len(results) > 1 || refused > 0 {
		seen := ""
		if known > 0 {
			seen = fmt.Sprintf(", %d seen before", known)
		}
		fmt.Fprintf(a.stderr, "vault: %d added, %d duplicate, %d refused%s\n", added, dup, refused, seen)
	}
	if refused > 0 {
		return fmt.Errorf("%d of %d files refused", refused, len(results))
	}
	return nil
}
