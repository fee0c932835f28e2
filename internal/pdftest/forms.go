package pdftest

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// FormText is the text of each form XObject (a page imported from another
// PDF is drawn as one), in object order. It reads text as fpdf (formerly gofpdf) writes it
// with a UTF-8 font, a literal string of UTF-16BE codes before Tj, so it
// suits fixtures the tests wrote themselves, not PDFs at large.
func FormText(data []byte) ([]string, error) {
	ctx, err := api.ReadContext(bytes.NewReader(data), strict())
	if err != nil {
		return nil, err
	}
	var ids []int
	for id := range ctx.XRefTable.Table {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []string
	for _, id := range ids {
		sd, ok := ctx.XRefTable.Table[id].Object.(types.StreamDict)
		if !ok || sd.Subtype() == nil || *sd.Subtype() != "Form" {
			continue
		}
		if err := sd.Decode(); err != nil {
			return nil, err
		}
		out = append(out, shownText(sd.Content))
	}
	return out, nil
}

// shownText collects the literal strings a content stream shows with Tj.
func shownText(content []byte) string {
	var b strings.Builder
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
		s, end := literal(content, i+1)
		if rest := bytes.TrimLeft(content[end:], " "); bytes.HasPrefix(rest, []byte("Tj")) {
			b.WriteString(decodeUTF16(s))
			b.WriteByte('\n')
		}
		i = end
	}
	return b.String()
}

// literal reads a PDF literal string from just after its "(", returning its
// bytes and the index after its ")".
func literal(c []byte, i int) ([]byte, int) {
	var s []byte
	depth := 0
	for ; i < len(c); i++ {
		switch ch := c[i]; {
		case ch == '\\' && i+1 < len(c):
			i++
			switch c[i] {
			case 'n':
				s = append(s, '\n')
			case 'r':
				s = append(s, '\r')
			default:
				s = append(s, c[i])
			}
		case ch == '(':
			depth++
			s = append(s, ch)
		case ch == ')' && depth == 0:
			return s, i + 1
		case ch == ')':
			depth--
			s = append(s, ch)
		default:
			s = append(s, ch)
		}
	}
	return s, i
}

func decodeUTF16(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}
