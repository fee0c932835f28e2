// Package letters drafts the letters a buyer sends: to the seller first, then
// to the marketplace, the card issuer, for reinstatement, withdrawal or
// reklamasjon, in English or Norwegian bokmål, filled from a case's records.
// Each letter is a function (write.go); its fixed text is English, with the
// bokmål in bokmal.go. (They were text/template files once: the template
// package keeps every exported method in the binary, 7 MB of it.)
package letters

import (
	"fmt"
	"strings"
	"time"

	"vault/internal/lang"
	"vault/store"
)

// Kinds are the letters vault drafts.
var Kinds = []string{"seller", "dispute", "chargeback", "reinstatement", "withdrawal", "reklamasjon"}

// ForCase is the letter that serves as a case's statement in its dossier.
func ForCase(kind string) string {
	switch kind {
	case "chargeback", "reinstatement", "withdrawal":
		return kind
	case "warranty":
		return "reklamasjon"
	}
	return "dispute"
}

// Facts are what a letter is drafted from.
type Facts struct {
	Claimant string
	Today    time.Time
	Loc      *time.Location
	File     store.CaseFile
	Disputes []store.Dispute // the buyer's disputes at the marketplaces of the case (reinstatement)
	Exhibits int             // the dossier's exhibits, when the letter goes with one
}

// writers write each kind of letter.
var writers = map[string]func(*letter){
	"seller": (*letter).seller, "dispute": (*letter).dispute, "chargeback": (*letter).chargeback,
	"reinstatement": (*letter).reinstatement, "withdrawal": (*letter).withdrawal, "reklamasjon": (*letter).reklamasjon,
}

// Write drafts the letter of this kind in language l.
func Write(kind string, l lang.Lang, f Facts) (string, error) {
	write, ok := writers[kind]
	if !ok {
		return "", fmt.Errorf("letter %q: want one of %s", kind, strings.Join(Kinds, ", "))
	}
	if f.Loc == nil {
		f.Loc = time.UTC
	}
	w := &letter{v: newView(f, l), l: l}
	write(w)
	return tidy(w.b.String()), nil
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
