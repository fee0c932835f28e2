package casework

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"vault"
	"vault/export"
	"vault/internal/atomicfile"
	"vault/internal/lang"
	"vault/letters"
)

// DossierOptions say how a case's dossier is made.
type DossierOptions struct {
	Generated      time.Time
	Lang           lang.Lang
	Claimant       string // "": the vault's name setting
	Statement      string // "": the case's own statement, else a drafted letter
	Redact         bool   // mask card numbers in printed text
	RedactContacts bool   // and email addresses and phone numbers
	ShowNotes      bool   // print the orders' private notes
	AttachPDFs     bool   // embed PDF exhibits (only where no size limit binds)
}

// Dossier assembles the dossier of the case named by ref: its records, the
// timeline with its deadlines, the statement (the claimant's own or the
// letter drafted for the kind of case), for a reinstatement the account's
// overview, redaction and the audit head.
func (s *Service) Dossier(ctx context.Context, ref string, o DossierOptions) (export.Dossier, error) {
	r, facts, err := s.caseFacts(ctx, ref, true)
	if err != nil {
		return export.Dossier{}, err
	}
	d := export.New(r.File, facts, o.Generated, s.Loc)
	d.Lang, d.Claimant = o.Lang, o.Claimant
	if o.Statement != "" {
		d.Statement = o.Statement
	}
	if d.Entries, err = s.timeline(ctx, d.Entries, facts, false); err != nil {
		return d, err
	}
	if d.Entries, err = s.receiverTimeline(ctx, facts.Case.Kind, d.Entries); err != nil {
		return d, err
	}
	lf, err := s.LetterFacts(ctx, facts)
	if err != nil {
		return d, err
	}
	d.Claimant = cmp.Or(d.Claimant, lf.Claimant)
	lf.Claimant, lf.Exhibits, lf.Dossier = d.Claimant, len(d.Exhibits), true
	if strings.TrimSpace(d.Statement) == "" {
		draft, err := letters.Write(letters.ForCase(facts.Case.Kind), d.Lang, lf)
		if err != nil {
			return d, err
		}
		d.Statement, d.StatementDrafted, d.Notes = draft.Text, true, draft.Notes
	}
	d.Summary = letters.Summary(d.Lang, lf)
	if facts.Case.Kind == vault.Reinstatement && facts.History != nil {
		if err := s.overview(ctx, &d, facts.History.Disputes); err != nil {
			return d, err
		}
	}
	if o.Redact || o.RedactContacts {
		d.Redact(o.RedactContacts)
	}
	d.AttachPDFs, d.ShowNotes = o.AttachPDFs, o.ShowNotes
	a, err := s.DB.Anchor(ctx)
	d.AuditHead, d.AuditEntries = a.Head, a.Entries
	return d, err
}

// overview adds a reinstatement's account overview: the report of the
// case's marketplaces and every dispute there with its outcome.
func (s *Service) overview(ctx context.Context, d *export.Dossier, disputes []vault.DisputeOutcome) error {
	report, err := s.DB.Report(ctx, "", 0)
	if err != nil {
		return err
	}
	report.Markets = slices.DeleteFunc(report.Markets, func(m vault.MarketReport) bool {
		return !slices.ContainsFunc(d.Orders, func(o vault.Order) bool { return o.Marketplace == m.Marketplace })
	})
	d.Overview, d.Disputes = &report, disputes
	return nil
}

// receiverTimeline keeps of the rules' last days only the receiver's own
// window, each named by the rule's scope ("Visa"), not its id.
func (s *Service) receiverTimeline(ctx context.Context, kind vault.CaseKind, entries []export.Entry) ([]export.Entry, error) {
	rules, err := s.Rules(ctx)
	if err != nil {
		return nil, err
	}
	scope := map[string]string{}
	for _, r := range rules {
		scope[r.ID], _, _ = strings.Cut(r.Scope, " (")
	}
	entries = slices.DeleteFunc(entries, func(e export.Entry) bool { return e.Rule != "" && !receiversWindow(kind, e.Rule) })
	for i, e := range entries {
		if e.Rule != "" {
			entries[i] = e.Named(scope[e.Rule])
		}
	}
	return entries, nil
}

// WriteDossier fits the dossier to the profile and writes the PDF and the
// bundle, each atomically, to the paths given ("" for none).
func (s *Service) WriteDossier(d export.Dossier, p export.Profile, pdf, zip string) (export.Written, error) {
	data, w, err := export.Fit(d, s.Blobs, p)
	if err != nil {
		return w, err
	}
	d.Render = w.Render
	if pdf != "" {
		if err := writeFile(pdf, data); err != nil {
			return w, err
		}
	}
	if zip != "" {
		if _, err := export.WriteZip(d, s.Blobs, zip); err != nil {
			return w, err
		}
	}
	return w, nil
}

// WrittenPart is one file of a split dossier, written.
type WrittenPart struct {
	Path string
	export.Part
}

// WriteParts writes a split dossier: FILE-1.pdf, FILE-2.pdf ... each within
// the profile (FILE.pdf alone when one part is enough).
func (s *Service) WriteParts(d export.Dossier, p export.Profile, path string) ([]WrittenPart, error) {
	parts, err := export.Split(d, s.Blobs, p)
	if err != nil {
		return nil, err
	}
	ext := filepath.Ext(path)
	var out []WrittenPart
	for i, part := range parts {
		name := strings.TrimSuffix(path, ext) + fmt.Sprintf("-%d", i+1) + ext
		if len(parts) == 1 {
			name = path
		}
		if err := writeFile(name, part.Data); err != nil {
			return out, err
		}
		out = append(out, WrittenPart{Path: name, Part: part})
	}
	return out, nil
}

// writeFile writes data to path atomically.
func writeFile(path string, data []byte) error {
	return atomicfile.Write(path, func(out io.Writer) error { _, err := out.Write(data); return err })
}
