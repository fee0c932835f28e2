package letters

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/internal/lang"
)

// acts are the laws the letters name, as they name them.
var acts = []string{"forbrukerkjøpsloven", "angrerettloven", "finansavtaleloven", "konsumentköplagen", "lag (2005:59)", "købeloven",
	"forbrugeraftaleloven", "BGB", "Directive 2011/83/EU", "Directive (EU) 2019/771", "Directive (EU) 2015/2366", "Regulation (EU) 2022/2065"}

var (
	actName  = regexp.MustCompile(strings.Join(quoteAll(acts), "|"))
	section  = regexp.MustCompile(`\d+ kap\. \d+ §|§ \d+[a-z]?(?:-\d+)?(?: [a-z]\b)?|art\. \d+(?:-\d+)?`)
	national = regexp.MustCompile(`§`)
)

// euAct reports whether an act is the EU's: its sections are articles.
func euAct(name string) bool {
	return strings.HasPrefix(name, "Directive") || strings.HasPrefix(name, "Regulation")
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = regexp.QuoteMeta(s)
	}
	return out
}

// citations are the (act, section) pairs a text names: each section with
// the last act named before it on its line, a directive's for an article.
func citations(text string) [][2]string {
	var out [][2]string
	for _, line := range strings.Split(text, "\n") {
		names := actName.FindAllStringIndex(line, -1)
		for _, loc := range section.FindAllStringIndex(line, -1) {
			ref := line[loc[0]:loc[1]]
			act := ""
			for _, n := range names {
				name := line[n[0]:n[1]]
				if n[0] < loc[0] && euAct(name) != national.MatchString(ref) {
					act = name
				}
			}
			out = append(out, [2]string{act, ref})
		}
	}
	return out
}

// TestEveryCitationHasItsSource drafts every letter for a buyer in Norway,
// Sweden, Denmark and Germany (delivered, withdrawn in time and late, on a
// credit card, each problem) and checks that each section of a law the
// letters and their notes name is in Sources with its words and address.
func TestEveryCitationHasItsSource(t *testing.T) {
	found := map[[2]string]bool{}
	for _, country := range []string{"NO", "SE", "DK", "DE"} {
		for _, trouble := range append([]vault.Trouble{""}, vault.Troubles...) {
			for _, today := range []time.Time{time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC), time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)} {
				s := shape{kind: vault.Withdrawal, trouble: trouble, country: country, payment: "Visa credit ****4242", delivered: true}
				f := s.facts()
				f.Today = today
				for _, kind := range Kinds {
					d, err := Write(kind, lang.EN, f)
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range citations(d.Text + "\n" + noteTexts(d.Notes)) {
						found[c] = true
					}
				}
			}
		}
	}
	if len(found) < 15 {
		t.Fatalf("only %d citations found: %v", len(found), found)
	}
	for c := range found {
		if !slices.ContainsFunc(Sources, func(s Source) bool {
			return s.Act == c[0] && (s.Section == c[1] || strings.HasPrefix(c[1], s.Section+"-"))
		}) {
			t.Errorf("%s %s is cited, and not in Sources", c[0], c[1])
		}
	}
	for _, s := range Sources {
		if s.Quote == "" || !strings.HasPrefix(s.URL, "https://") {
			t.Errorf("%s %s: no quote or no address", s.Act, s.Section)
		}
	}
}

func TestCitations(t *testing.T) {
	got := citations("I use my right of withdrawal (angrerett, angrerettloven § 20): 14 days (§ 21).\n" +
		"(finansavtaleloven chapter 4; Directive (EU) 2015/2366 art. 71), konsumentköplagen 5 kap. 2 §, købeloven § 78 a, (Widerruf, BGB § 312g and § 355 (2))")
	want := [][2]string{{"angrerettloven", "§ 20"}, {"angrerettloven", "§ 21"}, {"Directive (EU) 2015/2366", "art. 71"},
		{"konsumentköplagen", "5 kap. 2 §"}, {"købeloven", "§ 78 a"}, {"BGB", "§ 312g"}, {"BGB", "§ 355"}}
	if !slices.Equal(got, want) {
		t.Errorf("%v", got)
	}
}
