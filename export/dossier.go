// Package export turns a case into a dossier: one PDF that a bank officer or
// a marketplace agent can read in two minutes and check against the originals.
package export

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"vault"
	"vault/evidence"
	"vault/internal/lang"
)

// Dossier is everything the PDF shows, as plain data built from the vault.
type Dossier struct {
	Case             vault.Case
	Orders           []vault.Order
	Events           []vault.Event
	Account          *vault.Account   // the account of a reinstatement, when the case names one
	Messages         []vault.Evidence // messages and emails, oldest first
	Attachments      []vault.Evidence // files that came with an email (Parent set)
	Exhibits         []Exhibit        // every stored file, numbered E1, E2 ... in time order
	Generated        time.Time
	Location         *time.Location         // where dates are shown
	AuditHead        string                 // the hash of the last audit entry when generated
	AuditEntries     int64                  // and its number: the entries the log held
	Redacted         bool                   // card numbers in printed text are masked (see Redact)
	RedactedContacts bool                   // and email addresses and phone numbers
	Render           Render                 // image resolution and quality; zero means DefaultRender
	Entries          []Entry                // the timeline
	Claimant         string                 // who makes the claim, for the cover
	Summary          string                 // the case in one paragraph, for page 1 (letters.Summary)
	Statement        string                 // the statement page: the claimant's text or a drafted letter
	StatementDrafted bool                   // the statement is vault's draft, not the claimant's own
	Notes            []vault.Note           // what the drafted statement leaves out, for the user (not printed)
	Overview         *vault.Report          // for a reinstatement: the account's orders and disputes
	Disputes         []vault.DisputeOutcome // and every dispute with its outcome
	Facts            vault.CaseFacts        // what page 1 and the timeline state (vault.Derive)
	Charges          []vault.Transaction    // the statement lines of the orders the facts hold: charges, confirmed credits
	ShowNotes        bool                   // print the orders' private notes
	Lang             lang.Lang              // the language of the fixed text, dates and amounts
	// AttachPDFs embeds exhibits that are PDFs (receipts, statements) as
	// document-level attachments: their originals travel inside the dossier.
	AttachPDFs bool
	// Part and Parts number the files of a split dossier (0: not split).
	// Parts after the first hold only a cover, their exhibits and the manifest.
	Part, Parts int
	cache       *exportCache        // what the renders of one export share: pictures, checks
	mask        func(string) string // redacts a text read from an exhibit at render time (Redact)
	// Exhibits' page numbers: found by the dry layout (placed), printed by
	// the real one (pageOf) where the timeline refers to an exhibit.
	placed, pageOf map[string]int
}

// Exhibit is a stored file of the case with its number in the dossier.
type Exhibit struct {
	Label string // "E1"
	vault.Evidence
	// Picture is the picture vault drew of a saved page, shown as its
	// exhibit; nil for any other file, and a page without one.
	Picture *vault.Evidence
	Page    *vault.Page // what it says of itself, when it is a saved web page
}

// New builds the dossier of a case file with its facts, generated at the
// given time: what it states comes from the facts, what it shows (messages,
// exhibits, events) from the file.
func New(f vault.CaseFile, facts vault.CaseFacts, generated time.Time, loc *time.Location) Dossier {
	d := Dossier{Case: facts.Case, Orders: facts.Orders, Events: f.Events, Account: facts.Account, Generated: generated, Location: loc,
		Entries: Timeline(f, facts), Statement: f.Statement, Facts: facts}
	d.Charges = append(slices.Clone(facts.Money.Charged), facts.Money.Credited...)
	slices.SortStableFunc(d.Charges, func(a, b vault.Transaction) int {
		return cmp.Or(a.Booked.Time().Compare(b.Booked.Time()), cmp.Compare(a.ID, b.ID))
	})
	ev := slices.Clone(f.Evidence)
	slices.SortStableFunc(ev, func(a, b vault.Evidence) int {
		return cmp.Or(vault.CompareDated(a.OccurredAt, b.OccurredAt), cmp.Compare(a.ID, b.ID))
	})
	pictures := map[vault.EvidenceID]*vault.Evidence{}
	for i, p := range f.Pictures {
		pictures[p.Parent] = &f.Pictures[i]
	}
	for _, e := range ev {
		if e.IsPicture() {
			continue // shown as its page's exhibit
		}
		if e.Kind.IsCorrespondence() {
			d.Messages = append(d.Messages, e)
		}
		if e.Parent != 0 {
			d.Attachments = append(d.Attachments, e)
		}
		if e.Blob != nil {
			x := Exhibit{Label: fmt.Sprintf("E%d", len(d.Exhibits)+1), Evidence: e, Picture: pictures[e.ID]}
			if p, ok := f.Pages[e.ID]; ok {
				x.Page = &p
			}
			d.Exhibits = append(d.Exhibits, x)
		}
	}
	for _, e := range f.Statements { // the last exhibits: their lines for this case
		if e.Blob != nil && d.ExhibitOf(e.ID) == "" {
			d.Exhibits = append(d.Exhibits, Exhibit{Label: fmt.Sprintf("E%d", len(d.Exhibits)+1), Evidence: e})
		}
	}
	return d
}

// Whole reports whether an exhibit's file goes with the dossier (a bundle's
// copy, a PDF's attachment, its pages drawn): all but bank statements, of
// which only the case's lines are shown.
func (x Exhibit) Whole() bool { return x.Kind != vault.EvidenceStatement }

// ExhibitOf returns the exhibit label of an evidence id, or "".
func (d Dossier) ExhibitOf(id vault.EvidenceID) string {
	for _, x := range d.Exhibits {
		if x.ID == id {
			return x.Label
		}
	}
	return ""
}

// Check confirms that every exhibit's stored file still matches the SHA-256
// the dossier will print, so the manifest never vouches for altered bytes.
func (d Dossier) Check(blobs *evidence.Blobs) error {
	for _, x := range d.Exhibits {
		files := []vault.Evidence{x.Evidence}
		if x.Picture != nil {
			files = append(files, *x.Picture)
		}
		for _, e := range files {
			if d.cache.checked(e.Blob.SHA256) {
				continue // by an earlier render of this export
			}
			if err := blobs.Check(e.Blob.SHA256, e.Blob.Size); err != nil {
				return fmt.Errorf("%s (%s): %w", e.ID, e.FileName, err)
			}
			d.cache.markChecked(e.Blob.SHA256)
		}
	}
	return nil
}
