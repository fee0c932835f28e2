package export

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"vault/internal/pdftest"
)

// plainHyphen says why a font's hyphen-minus would read as a dash, or ""
// when it is a plain hyphen: narrower than half an M and than an en dash,
// both as the space it takes and as the ink it draws.
func plainHyphen(ttf []byte) (string, error) {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return "", err
	}
	var b sfnt.Buffer
	ppem := fixed.I(int(f.UnitsPerEm()))
	measure := func(r rune) (advance, ink fixed.Int26_6, err error) {
		i, err := f.GlyphIndex(&b, r)
		if err != nil || i == 0 {
			return 0, 0, err
		}
		bounds, advance, err := f.GlyphBounds(&b, i, ppem, font.HintingNone)
		return advance, bounds.Max.X - bounds.Min.X, err
	}
	hyphen, hyphenInk, err := measure('-')
	if err != nil {
		return "", err
	}
	m, _, err := measure('M')
	if err != nil {
		return "", err
	}
	dash, dashInk, err := measure('–')
	if err != nil {
		return "", err
	}
	switch {
	case hyphen == 0 || m == 0 || dash == 0:
		return "the font lacks '-', 'M' or '–'", nil
	case hyphen*2 >= m:
		return "'-' takes half an M or more", nil
	case hyphen >= dash:
		return "'-' is as wide as an en dash", nil
	case hyphenInk >= dashInk:
		return "'-' draws a stroke as long as an en dash's", nil
	}
	return "", nil
}

// TestHyphenIsPlain: both weights of the dossier's typeface draw '-' as a
// hyphen, and the check would catch the font it replaced: Go Regular draws
// it as wide as a minus sign, so "KR-2026-11-0042" read as dashes (#30).
func TestHyphenIsPlain(t *testing.T) {
	tf, err := typefaceTTF()
	if err != nil {
		t.Fatal(err)
	}
	for name, ttf := range map[string][]byte{"regular": tf.regular, "bold": tf.bold} {
		why, err := plainHyphen(ttf)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if why != "" {
			t.Errorf("%s: %s", name, why)
		}
	}
	if why, err := plainHyphen(goregular.TTF); err != nil || why == "" {
		t.Errorf("Go Regular's hyphen passes the check (%v): the check checks nothing", err)
	}

	// The layout measures with the widths the PDF library read from the
	// same bytes: what is measured is what is drawn.
	d, err := newDoc(meta{Created: generated, PageOf: "%d"})
	if err != nil {
		t.Fatal(err)
	}
	for _, style := range []string{body, bold} {
		d.p.SetFont(style, "", 10)
		if h, m := d.p.GetStringWidth("-"), d.p.GetStringWidth("M"); h*2 >= m {
			t.Errorf("%s: the layout measures '-' %.2f mm wide, 'M' %.2f mm", style, h, m)
		}
	}
}

// TestPDFNamesTypeface: the dossier embeds DejaVu Sans in both weights (and
// no other font for Latin text), and its hyphens extract as hyphens.
func TestPDFNamesTypeface(t *testing.T) {
	f, blobs := newCase(t, "Reference KR-2026-11-0042, ordered 2026-09-02. Blåbær.")
	f.Case.Reference = "KR-2026-11-0042"
	data, path := exportTimes(t, f, blobs, 2)
	var names []string
	for _, line := range bytes.Split(data, []byte("\n")) {
		if name, ok := bytes.CutPrefix(line, []byte("/BaseFont /")); ok {
			names = append(names, string(name))
		}
	}
	want := "utf8dejavusans utf8dejavusans utf8dejavusans-bold utf8dejavusans-bold" // Type0 and its CIDFont each
	if strings.Join(names, " ") != want {
		t.Errorf("the fonts are %q, want %q", names, want)
	}
	info, err := pdftest.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"KR-2026-11-0042", "2026-09-02", "Blåbær"} {
		if !strings.Contains(info.Text, s) {
			t.Errorf("PDF text lacks %q", s)
		}
	}
}
