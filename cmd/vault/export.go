package main

import (
	"cmp"
	"context"
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"vault/casework"
	"vault/export"
	"vault/internal/lang"
)

// exportMemory is the soft heap limit of an export: the export's pixel
// cache (128 MB) and the pictures being made. At 160 MB the collector ran
// all the time (40 screenshots: 2.4 s instead of 1.6 s; RSS 237 MB now).
const exportMemory = 224 << 20

// exportOptions are the flags of 'vault export case', and what they say once parsed.
type exportOptions struct {
	ref, pdf, zip, now, profile, maxSize, name, statement string
	lang                                                  lang.Lang
	maxPages                                              int
	redact, redactContacts, split, withNotes              bool

	limits  export.Profile
	dossier casework.DossierOptions
}

func newExportCaseCmd(a *app, runF func(*exportOptions) error) *cobra.Command {
	o := &exportOptions{}
	cmd := &cobra.Command{
		Use:   "case ID (--pdf FILE | --zip FILE)",
		Short: "Write a case's dossier as one PDF",
		Long: `Write the dossier of a case as one PDF: a cover with the claim, a statement
(your own, or the letter vault drafts for the kind of case), the timeline with
the deadlines that apply and the page of each exhibit, the orders with all
their details, every message verbatim in time order, the exhibits (phone
screenshots three to a page) with captions, a manifest of every file with its
size and SHA-256, and where to turn. A reinstatement case also gets an
overview of the account's orders and disputes. Every file is re-hashed first;
an altered file stops the export. The PDF is written to a temporary name and
renamed, so a failed export never leaves a broken file behind.

Receivers limit uploads: --profile picks theirs (default: at most 2 MB and
19 pages, which every receiver accepts; visa, mastercard, amex, stripe,
paypal; none for full quality and no limits). To meet a size limit, images
are re-encoded at lower quality and resolution, and if even that is too large
the export stops and says which exhibits to drop. --max-size and --max-pages
override the profile. Card numbers in printed text are masked to their last
4 digits (--redact, on for every profile but none); the original files are
never changed. --lang nb writes the dossier in Norwegian bokmål. --now fixes
the generation time, so the same vault gives identical files.

--zip writes a bundle: the PDF (dossier.pdf), every original file named by
its exhibit (E01-order-page.png ...), manifest.json (the case, its orders,
each exhibit with its SHA-256) and SHA256SUMS, so the receiver can check
every file with 'sha256sum -c SHA256SUMS' or 'vault verify --dossier'.`,
		Example: `  vault export case CASE-1 --pdf dossier.pdf
  vault export case CASE-1 --pdf dossier.pdf --zip dossier.zip --lang nb
  vault export case CASE-1 --pdf KR2026110042.pdf --profile mastercard`,
		Args: exactArgs(1, "a case id (CASE-n)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.ref = args[0]
			if err := o.parse(a, cmd.Flags().Changed("redact")); err != nil {
				return err
			}
			return do(cmd.Context(), o, runF, a.runExport)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.pdf, "pdf", "", "where to write the PDF")
	f.StringVar(&o.zip, "zip", "", "where to write the bundle: PDF, originals, manifest.json, SHA256SUMS")
	f.BoolVar(&o.redact, "redact", true, "mask card numbers in printed text to their last 4 digits (default: on, off for --profile none)")
	f.StringVar(&o.name, "name", "", "the claimant's name, for the cover (default: 'vault config set name')")
	f.StringVar(&o.statement, "statement", "", "a UTF-8 text file with your own statement (default: 'vault case statement', else a drafted letter)")
	addLang(f, &o.lang, "language of the dossier's text, dates and amounts")
	f.StringVar(&o.profile, "profile", "default", "the receiver's limits: "+profileNames())
	f.StringVar(&o.maxSize, "max-size", "", "override the size limit, e.g. 5MB")
	f.IntVar(&o.maxPages, "max-pages", 0, "override the page limit")
	f.BoolVar(&o.redactContacts, "redact-contacts", false, "also mask email addresses and phone numbers in printed text")
	f.BoolVar(&o.withNotes, "with-notes", false, "print the orders' notes (private by default: they are yours, not the receiver's)")
	f.BoolVar(&o.split, "split", false, "when one file cannot meet the limits, write numbered parts (FILE-1.pdf ...) that each do")
	f.StringVar(&o.now, "now", "", "the generation time (RFC 3339): the same vault and time give identical files")
	return cmd
}

// parse checks the outputs and reads the flags that need reading: the
// time, the language, the receiver's limits, redaction and the statement.
func (o *exportOptions) parse(a *app, redactSet bool) error {
	switch {
	case o.pdf == "" && o.zip == "":
		return usagef("vault export case needs --pdf FILE or --zip FILE")
	case o.split && (o.pdf == "" || o.zip != ""):
		return usagef("--split writes numbered PDFs: give --pdf FILE, without --zip")
	}
	d := &o.dossier
	d.Generated, d.Claimant, d.RedactContacts, d.ShowNotes = a.now(), o.name, o.redactContacts, o.withNotes
	if o.now != "" {
		t, err := time.Parse(time.RFC3339, o.now)
		if err != nil {
			return usagef("--now: %q is not an RFC 3339 time like 2026-11-25T12:00:00Z", o.now)
		}
		d.Generated = t
	}
	var err error
	d.Lang = o.lang
	if o.limits, err = profile(o.profile, o.maxSize, o.maxPages); err != nil {
		return err
	}
	d.Redact = o.limits.Redact
	if redactSet {
		d.Redact = o.redact
	}
	d.AttachPDFs = o.limits.MaxBytes == 0 // originals cannot shrink: only without a size limit
	if o.statement != "" {
		d.Statement, err = readStatement("--statement", o.statement)
	}
	return err
}

func (a *app) runExport(ctx context.Context, o *exportOptions) error {
	if a.getenv("GOMEMLIMIT") == "" {
		// Images are decoded on every core; without a soft limit the heap
		// doubles between collections (276 MB peak for 30 screenshots,
		// 182 MB with it, 6 % slower).
		debug.SetMemoryLimit(exportMemory)
	}
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	d, err := svc.Dossier(ctx, o.ref, o.dossier)
	if err != nil {
		return err
	}
	// The notes are of a dossier written: a refused one has only its error.
	notes := func() {
		if d.Claimant == "" {
			fmt.Fprintln(a.stderr, "note: no claimant name on the cover; set it with 'vault config set name \"Your Name\"' or --name")
		}
		a.printNotes(d.Notes)
	}
	if o.split {
		if err := a.writeParts(svc, d, o); err != nil {
			return err
		}
		notes()
		return a.checkAfter(ctx, svc, o.ref)
	}
	if err := svc.CheckOutput(o.pdf, o.zip); err != nil {
		return err
	}
	a.checkFileName(o.limits, o.pdf)
	w, err := svc.WriteDossier(d, o.limits, o.pdf, o.zip)
	if err != nil {
		return err
	}
	for _, path := range []string{o.pdf, o.zip} {
		if path != "" {
			fmt.Fprintln(a.stdout, path)
		}
	}
	fmt.Fprintf(a.stderr, "vault: a dossier of %d pages, %s (%s profile; %s, %s)\n",
		w.Pages, humanSize(w.Bytes), o.limits.Name, resolution(w.Render), quality(w.Render))
	notes()
	return a.checkAfter(ctx, svc, o.ref)
}

// checkAfter says what the exported claim still lacks.
func (a *app) checkAfter(ctx context.Context, svc *casework.Service, ref string) error {
	c, err := svc.Check(ctx, ref)
	if err == nil {
		a.printMissing(c)
	}
	return err
}

// writeParts writes a split dossier and says what each part holds.
func (a *app) writeParts(svc *casework.Service, d export.Dossier, o *exportOptions) error {
	parts, err := svc.WriteParts(d, o.limits, o.pdf)
	for i, p := range parts {
		a.checkFileName(o.limits, p.Path)
		fmt.Fprintln(a.stdout, p.Path)
		fmt.Fprintf(a.stderr, "vault: part %d of %d: %d pages, %s, exhibits %s to %s\n", i+1, len(parts), p.Written.Pages,
			humanSize(p.Written.Bytes), cmp.Or(p.First, "-"), cmp.Or(p.Last, "-"))
	}
	return err
}

// profile is the named receiver profile with any overrides.
func profile(name, maxSize string, maxPages int) (export.Profile, error) {
	p, ok := export.ProfileNamed(name)
	if !ok {
		return p, usagef("unknown --profile %q (valid: %s)", name, profileNames())
	}
	if maxSize != "" {
		mb, err := strconv.ParseFloat(strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(maxSize)), "MB"), 64)
		if err != nil || mb <= 0 {
			return p, usagef("--max-size %q: give megabytes, like 5MB", maxSize)
		}
		p.MaxBytes = int64(mb * export.MB)
	}
	if maxPages < 0 {
		return p, usagef("--max-pages must be positive")
	}
	if maxPages > 0 {
		p.MaxPages = maxPages
	}
	return p, nil
}

func profileNames() string { return strings.Join(profileList(), ", ") }

// checkFileName warns when the receiver's upload rules refuse the file's name.
func (a *app) checkFileName(p export.Profile, path string) {
	if path == "" {
		return
	}
	if problem := p.FileNameProblem(path); problem != "" {
		fmt.Fprintf(a.stderr, "vault: warning: %s\n", problem)
	}
}

func resolution(r export.Render) string {
	if r.Native {
		return "images at their own pixels"
	}
	return fmt.Sprintf("images at %d DPI", r.DPI)
}

func quality(r export.Render) string {
	if r.Quality == 0 {
		return "screenshots lossless"
	}
	return fmt.Sprintf("JPEG quality %d", r.Quality)
}
