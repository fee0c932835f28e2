// Package letters drafts the letters a buyer sends: to the seller first, then
// to the marketplace, the card issuer, for reinstatement, withdrawal or
// reklamasjon, in English or Norwegian bokmål, filled from a case's records.
// Each letter is a function (write.go); its fixed text is English, with the
// bokmål in bokmal.go. (They were text/template files once: the template
// package keeps every exported method in the binary, 7 MB of it.)
package letters

import (
	"strings"
	"time"
	"vault"

	"vault/internal/lang"
)

// Kind is a kind of letter: to whom, about what.
type Kind string

// The letters vault drafts. Those that go with a kind of case carry its name.
const (
	Seller             = Kind(vault.PartySeller) // try the seller first
	Dispute            = Kind(vault.Dispute)
	Chargeback         = Kind(vault.Chargeback)
	Reinstatement      = Kind(vault.Reinstatement)
	Withdrawal         = Kind(vault.Withdrawal)
	Reklamasjon   Kind = "reklamasjon"            // a defect: the letter of a warranty case
	Delay              = Kind(vault.Delay)        // goods not delivered: deliver by a last day, or the purchase is cancelled
	Unauthorised       = Kind(vault.Unauthorised) // to the bank: a payment not authorised, or executed wrongly
)

// Kinds are the letters vault drafts, in the order help lists them.
var Kinds = []Kind{Seller, Dispute, Chargeback, Reinstatement, Withdrawal, Reklamasjon, Delay, Unauthorised}

// ParseKind reads a kind of letter.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", &vault.UnknownError{What: "letter", Value: s, Valid: vault.Words(Kinds)}
}

// ForCase is the letter that serves as a case's statement in its dossier.
func ForCase(kind vault.CaseKind) Kind {
	switch kind {
	case vault.Chargeback, vault.Reinstatement, vault.Withdrawal, vault.Delay, vault.Unauthorised:
		return Kind(kind)
	case vault.Warranty:
		return Reklamasjon
	}
	return Dispute
}

// Facts are what a letter is drafted from: the case's facts (derived once
// from its records, vault.Derive) and what the letter itself needs.
type Facts struct {
	Claimant string
	Country  string // the buyer's country, whose law applies (vault.LawFor)
	Today    time.Time
	Loc      *time.Location
	Case     vault.CaseFacts
	Dossier  bool // the letter goes with the case's dossier (its statement)
	Exhibits int  // the dossier's exhibits, when the letter goes with one
	// AnswerBy is the day the seller is asked to answer by: 14 days from
	// today, a reasonable time the letters never shorten (forbrukerkjøpsloven
	// §§ 29-30: the seller remedies within a reasonable time); zero means 14
	// days. AnswerFor, when set, tells the buyer that a deadline of theirs
	// comes sooner: a note, never a shorter time in the letter.
	AnswerBy  time.Time
	AnswerFor string
	// MarketClosed: the marketplace's own window to open a dispute is over,
	// perhaps by an estimate: the letter does not threaten a dispute there.
	MarketClosed bool
	// Appeal, when set, is the last day to appeal the decision of the
	// case, and the rule that gives it ("2026-12-10 (ebay.appeal)").
	Appeal string
}

// Draft is a letter and what the user should know of it: a fact the letter
// leaves out because it is not recorded, a window already over, a refund it
// does not subtract.
type Draft struct {
	Text  string
	Notes []vault.Note
}

// writers write each kind of letter.
var writers = map[Kind]func(*letter){
	Seller: (*letter).seller, Dispute: (*letter).dispute, Chargeback: (*letter).chargeback,
	Reinstatement: (*letter).reinstatement, Withdrawal: (*letter).withdrawal, Reklamasjon: (*letter).reklamasjon,
	Delay: (*letter).delay, Unauthorised: (*letter).unauthorised,
}

// Write drafts the letter of this kind in language l. Every sentence that
// states a fact states a recorded one; where the letter needs a fact that is
// not recorded it leaves a bracketed gap, and a note says what to record.
func Write(kind Kind, l lang.Lang, f Facts) (Draft, error) {
	write, ok := writers[kind]
	if !ok {
		return Draft{}, &vault.UnknownError{What: "letter", Value: string(kind), Valid: vault.Words(Kinds)}
	}
	if f.Loc == nil {
		f.Loc = time.UTC
	}
	w := &letter{kind: kind, v: newView(f, l), l: l}
	w.notes = append(w.notes, f.Case.Notes...)
	write(w)
	return Draft{Text: tidy(w.b.String()), Notes: w.notes}, nil
}

// tidy drops the blank lines templates leave: at most one empty line in a row.
func tidy(s string) string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, " \t")
		if line == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, line)
	}
	return strings.TrimSpace(strings.Join(out, "\n")) + "\n"
}
