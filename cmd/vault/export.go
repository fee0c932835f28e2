package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"vault/export"
	"vault/internal/atomicfile"
	"vault/internal/lang"
	"vault/letters"
	"vault/store"
)

// exportMemory is the soft heap limit of an export.
const exportMemory = 160 << 20

// exportOptions are the flags of 'vault export case', and what they say once
// parsed.
type exportOptions struct {
	pdf, zip, now, profile, maxSize, name, statement, lang string
	maxPages                                               int
	redact, redactSet, split, redactContacts               bool

	generated time.Time
	language  lang.Lang
	limits    export.Profile
}

func newExportCaseCmd(a *app) *cobra.Command {
	var o exportOptions
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
			o.redactSet = cmd.Flags().Changed("redact")
			return a.exportCase(cmd.Context(), args[0], o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.pdf, "pdf", "", "where to write the PDF")
	f.StringVar(&o.zip, "zip", "", "where to write the bundle: PDF, originals, manifest.json, SHA256SUMS")
	f.BoolVar(&o.redact, "redact", true, "mask card numbers in printed text to their last 4 digits (default: on, off for --profile none)")
	f.StringVar(&o.name, "name", "", "the claimant's name, for the cover (default: 'vault config set name')")
	f.StringVar(&o.statement, "statement", "", "a UTF-8 text file with your own statement (default: 'vault case statement', else a drafted letter)")
	f.StringVar(&o.lang, "lang", "en", "language of the dossier's text, dates and amounts: en or nb (Norwegian bokmål)")
	f.StringVar(&o.profile, "profile", "default", "the receiver's limits: "+profileNames())
	f.StringVar(&o.maxSize, "max-size", "", "override the size limit, e.g. 5MB")
	f.IntVar(&o.maxPages, "max-pages", 0, "override the page limit")
	f.BoolVar(&o.redactContacts, "redact-contacts", false, "also mask email addresses and phone numbers in printed text")
	f.BoolVar(&o.split, "split", false, "when one file cannot meet the limits, write numbered parts (FILE-1.pdf ...) that each do")
	f.StringVar(&o.now, "now", "", "the generation time (RFC 3339): the same vault and time give identical files")
	return cmd
}

// exportCase builds the dossier of the case named by ref and writes it as o says.
func (a *app) exportCase(ctx context.Context, ref string, o exportOptions) error {
	switch {
	case o.pdf == "" && o.zip == "":
		return usagef("vault export case needs --pdf FILE or --zip FILE")
	case o.split && (o.pdf == "" || o.zip != ""):
		return usagef("--split writes numbered PDFs: give --pdf FILE, without --zip")
	}
	if err := a.parseExport(&o); err != nil {
		return err
	}
	if a.getenv("GOMEMLIMIT") == "" {
		// Images are decoded on every core; without a soft limit the heap
		// doubles between collections (276 MB peak for 30 screenshots,
		// 182 MB with it, 6 % slower).
		debug.SetMemoryLimit(exportMemory)
	}
	v, err := a.open(ctx)
	if err != nil {
		return err
	}
	d, err := a.dossier(ctx, v, ref, o)
	if err != nil {
		return err
	}
	if o.split {
		return a.writeParts(d, v, o.limits, o.pdf)
	}
	return a.writeDossier(d, v, o)
}

// parseExport reads the flags that need reading: the time, the language and
// the receiver's limits.
func (a *app) parseExport(o *exportOptions) error {
	o.generated = a.now()
	if o.now != "" {
		t, err := time.Parse(time.RFC3339, o.now)
		if err != nil {
			return usagef("--now: %q is not an RFC 3339 time like 2026-11-25T12:00:00Z", o.now)
		}
		o.generated = t
	}
	var err error
	if o.language, err = lang.Parse(o.lang); err != nil {
		return usagef("--lang: %w", err)
	}
	o.limits, err = a.profile(o.profile, o.maxSize, o.maxPages)
	return err
}

// dossier builds the dossier of a case: its records, the rest of the vault
// it draws on, the statement, redaction and the audit head.
func (a *app) dossier(ctx context.Context, v *vault, ref string, o exportOptions) (export.Dossier, error) {
	f, err := caseFile(ctx, v, ref)
	if err != nil {
		return export.Dossier{}, err
	}
	d := export.New(f, o.generated, a.loc)
	d.Lang, d.Claimant = o.language, o.name
	if o.statement != "" {
		if d.Statement, err = readText("--statement", o.statement, store.MaxStatement); err != nil {
			return d, err
		}
	}
	if err := a.fillDossier(ctx, v, f, &d); err != nil {
		return d, err
	}
	redact := o.limits.Redact
	if o.redactSet {
		redact = o.redact
	}
	if redact || o.redactContacts {
		d.Redact(o.redactContacts)
	}
	d.AttachPDFs = o.limits.MaxBytes == 0 // originals cannot shrink: only without a size limit
	d.AuditHead, err = v.db.Head(ctx)
	return d, err
}

// writeDossier fits the dossier to the profile and writes the PDF and the bundle.
func (a *app) writeDossier(d export.Dossier, v *vault, o exportOptions) error {
	profile := o.limits
	data, w, err := export.Fit(d, v.blobs, profile)
	if err != nil {
		return err
	}
	d.Render = w.Render
	if o.pdf != "" {
		a.checkFileName(profile, o.pdf)
		if err := atomicfile.Write(o.pdf, func(out io.Writer) error { _, err := out.Write(data); return err }); err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, o.pdf)
	}
	if o.zip != "" {
		if _, err := export.WriteZip(d, v.blobs, o.zip); err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, o.zip)
	}
	fmt.Fprintf(a.stderr, "vault: a dossier of %d pages, %s (%s profile; images at %d DPI, %s)\n",
		w.Pages, humanSize(w.Bytes), profile.Name, w.Render.DPI, quality(w.Render))
	return nil
}

// fillDossier adds what the dossier takes from the rest of the vault: the
// claimant's name, the timeline with its deadlines, the drafted letter when
// there is no statement, and for a reinstatement the account's overview.
func (a *app) fillDossier(ctx context.Context, v *vault, f store.CaseFile, d *export.Dossier) error {
	var err error
	if d.Entries, err = a.caseTimeline(ctx, v, f, false); err != nil {
		return err
	}
	reinstatement := f.Case.Kind == "reinstatement"
	facts, err := a.letterFacts(ctx, v, f, reinstatement)
	if err != nil {
		return err
	}
	d.Claimant = cmp.Or(d.Claimant, facts.Claimant)
	facts.Claimant, facts.Exhibits = d.Claimant, len(d.Exhibits)
	if facts.Claimant == "" {
		fmt.Fprintln(a.stderr, "note: no claimant name on the cover; set it with 'vault config set name \"Your Name\"' or --name")
	}
	if strings.TrimSpace(d.Statement) == "" {
		if d.Statement, err = letters.Write(letters.ForCase(f.Case.Kind), d.Lang, facts); err != nil {
			return err
		}
		d.StatementDrafted = true
	}
	if reinstatement {
		d.Disputes = facts.Disputes
		report, err := v.db.Report(ctx, "", 0)
		if err != nil {
			return err
		}
		report.Markets = slices.DeleteFunc(report.Markets, func(m store.MarketReport) bool {
			return !slices.ContainsFunc(f.Orders, func(o store.Order) bool { return o.Marketplace == m.Marketplace })
		})
		d.Overview = &report
	}
	return nil
}

// profile is the named receiver profile with any overrides.
func (a *app) profile(name, maxSize string, maxPages int) (export.Profile, error) {
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

func profileNames() string {
	var names []string
	for _, p := range export.Profiles {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// checkFileName warns when Mastercard's upload rule (a name of at most 16
// ASCII letters or digits) is not met.
func (a *app) checkFileName(p export.Profile, path string) {
	if p.Name != "mastercard" {
		return
	}
	stem := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	ok := len(stem) > 0 && len(stem) <= 16
	for _, r := range stem {
		ok = ok && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}
	if !ok {
		fmt.Fprintf(a.stderr, "vault: warning: Mastercom wants a file name of at most 16 letters or digits; %q is not\n", filepath.Base(path))
	}
}

func quality(r export.Render) string {
	if r.Quality == 0 {
		return "screenshots lossless"
	}
	return fmt.Sprintf("JPEG quality %d", r.Quality)
}

// readText reads a text file given with flag: UTF-8 of at most max bytes.
func readText(flag, path string, max int) (string, error) {
	f, err := openRegular(path)
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", flag, path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	switch {
	case err != nil:
		return "", fmt.Errorf("%s %s: %w", flag, path, err)
	case len(data) > max:
		return "", fmt.Errorf("%s %s: over %d kB; a statement is a page or two", flag, path, max/1000)
	case !utf8.Valid(data):
		return "", fmt.Errorf("%s %s: not UTF-8 text", flag, path)
	}
	return string(data), nil
}

// writeParts writes a split dossier: FILE-1.pdf, FILE-2.pdf ... each within the profile.
func (a *app) writeParts(d export.Dossier, v *vault, profile export.Profile, path string) error {
	parts, err := export.Split(d, v.blobs, profile)
	if err != nil {
		return err
	}
	ext := filepath.Ext(path)
	for i, p := range parts {
		name := strings.TrimSuffix(path, ext) + fmt.Sprintf("-%d", i+1) + ext
		if len(parts) == 1 {
			name = path
		}
		a.checkFileName(profile, name)
		if err := atomicfile.Write(name, func(out io.Writer) error { _, err := out.Write(p.Data); return err }); err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, name)
		fmt.Fprintf(a.stderr, "vault: part %d of %d: %d pages, %s, exhibits %s to %s\n", i+1, len(parts), p.Written.Pages,
			humanSize(p.Written.Bytes), cmp.Or(p.First, "-"), cmp.Or(p.Last, "-"))
	}
	return nil
}
