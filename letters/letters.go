// Package letters drafts the letters a buyer sends: to the seller first, then
// to the marketplace, the card issuer, for reinstatement, withdrawal or
// reklamasjon, in English or Norwegian bokmål, filled from a case's records.
// The texts are templates in templates/LANG/KIND.txt.
package letters

import (
	"bytes"
	"embed"
	"fmt"
	"slices"
	"strings"
	"text/template"
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

//go:embed templates
var files embed.FS

// Facts are what a letter is drafted from.
type Facts struct {
	Claimant string
	Today    time.Time
	Loc      *time.Location
	File     store.CaseFile
	Disputes []store.Dispute // the buyer's disputes at the marketplaces of the case (reinstatement)
	Exhibits int             // the dossier's exhibits, when the letter goes with one
}

// Write drafts the letter of this kind in language l.
func Write(kind string, l lang.Lang, f Facts) (string, error) {
	if !slices.Contains(Kinds, kind) {
		return "", fmt.Errorf("letter %q: want one of %s", kind, strings.Join(Kinds, ", "))
	}
	t, err := template.New("").Funcs(funcs(l, f.Loc)).ParseFS(files, "templates/"+string(l)+"/*.txt")
	if err != nil {
		return "", err
	}
	var b bytes.Buffer
	if err := t.ExecuteTemplate(&b, kind+".txt", newView(f, l)); err != nil {
		return "", fmt.Errorf("letter %s: %w", kind, err)
	}
	return tidy(b.String()), nil
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
