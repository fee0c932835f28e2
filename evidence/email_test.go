package evidence

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
	"vault"
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "email", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseEmail(t *testing.T) {
	tests := []struct {
		file, id, from, subject, text string
		date                          string
		attachments                   []string
	}{
		{"aliexpress-confirmation.eml", "20261002143000.8123456789012345@notice.aliexpress.com",
			"AliExpress <transaction@notice.aliexpress.com>", "✅ Order 8123456789012345 confirmed",
			"Total: NOK 349,00", "2026-10-02T06:30:00Z", nil},
		{"seller-latin1.eml", "qp-latin1@butikk-ost.example", "Butikk Øst <salg@butikk-ost.example>",
			"Re: Bestilling 8123456789012345 - blåbær", "Pakken med blåbærsyltetøy er sendt.", "2026-10-05T07:15:00Z", nil},
		{"windows-1252.eml", "cp1252@example.de", "Shop <shop@example.de>", "Refund approved",
			"The refund of 49,90 € was “approved” – see you.", "2026-10-06T08:00:00Z", nil},
		{"koi8-r.eml", "koi8r@example.ru", "Продавец <seller@example.ru>", "Заказ отправлен",
			"Здравствуйте! Ваш заказ отправлен.", "2026-10-07T08:00:00Z", nil},
		{"gb2312.eml", "gb2312@example.cn", "卖家 <seller@example.cn>", "包裹已发货",
			"您好，您的包裹已发货，请耐心等待。", "2026-10-08T04:00:00Z", nil},
		{"shift_jis.eml", "sjis@example.jp", "ショップ <shop@example.jp>", "発送のお知らせ",
			"ご注文の商品を発送しました。", "2026-10-09T04:00:00Z", nil},
		{"html-only.eml", "html-only@posten.no", "Carrier <noreply@posten.no>", "Parcel delayed",
			"Your parcel is delayed", "2026-10-10T06:00:00Z", nil},
		{"attachments.eml", "attach@example.com", "Seller <seller@example.com>", "Photos and receipt",
			"See attached.", "2026-10-11T09:00:00Z", []string{"photo.png", "passwd", "kvittering blåbær.txt"}},
		{"rtl-emoji.eml", "rtl@example.com", "Seller <s@example.com>", "📦 הזמנה שלך – طلبك 🚚",
			"שלום — مرحبا", "2026-10-12T09:00:00Z", nil},
	}
	for _, tt := range tests {
		e, err := ParseEmail(fixture(t, tt.file))
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		var names []string
		for _, a := range e.Attachments {
			names = append(names, a.Name)
		}
		if e.MessageID != tt.id || e.From != tt.from || e.Subject != tt.subject || !strings.Contains(e.Text, tt.text) ||
			e.Date.Format(time.RFC3339) != tt.date || strings.Join(names, "|") != strings.Join(tt.attachments, "|") {
			t.Errorf("%s:\n got id=%q from=%q subject=%q date=%s attachments=%q\n text=%q", tt.file,
				e.MessageID, e.From, e.Subject, e.Date.Format(time.RFC3339), names, e.Text)
		}
	}
}

// TestParseEmailUndeclaredCharset: mail that names no charset is read as
// UTF-8 when it is valid UTF-8, else as windows-1252.
func TestParseEmailUndeclaredCharset(t *testing.T) {
	for body, want := range map[string]string{
		"Order Total: €15,99 – blåbær":            "Order Total: €15,99 – blåbær",
		"Bl\xe5b\xe6r \x80 \x93quoted\x94 \xd8st": "Blåbær € “quoted” Øst",
	} {
		e, err := ParseEmail([]byte("From: a@b.no\r\nSubject: Bl\xe5\r\nMessage-ID: <x@b>\r\n\r\n" + body))
		if err != nil || e.Text != want || e.Subject != "Blå" {
			t.Errorf("body %q: text %q subject %q, %v; want %q", body, e.Text, e.Subject, err, want)
		}
	}
}

func TestParseEmailRefuses(t *testing.T) {
	for _, raw := range [][]byte{fixture(t, "no-headers.eml"), nil, []byte("\x00\x01\x02"), []byte("\r\n\r\n")} {
		if e, err := ParseEmail(raw); !errors.Is(err, ErrNotEmail) {
			t.Errorf("ParseEmail(%q) = %+v, %v; want ErrNotEmail", raw, e, err)
		}
	}
}

func TestParseEmailLargeAttachment(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 10<<20/16)
	var raw bytes.Buffer
	raw.WriteString("From: a@example.com\r\nSubject: big\r\nMessage-ID: <big@x>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\n" +
		"Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=big.bin\r\n" +
		"Content-Transfer-Encoding: base64\r\n\r\n")
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		raw.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	raw.WriteString(enc + "\r\n--b--\r\n")
	e, err := ParseEmail(raw.Bytes())
	if err != nil || len(e.Attachments) != 1 || !bytes.Equal(e.Attachments[0].Data, data) {
		t.Fatalf("10 MB attachment: %v, %d attachments", err, len(e.Attachments))
	}
}

func TestMbox(t *testing.T) {
	m := NewMbox(bytes.NewReader(fixture(t, "three.mbox")))
	var got []string
	for {
		raw, err := m.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		e, err := ParseEmail(raw)
		switch {
		case err != nil:
			got = append(got, "broken")
		default:
			got = append(got, e.Subject)
			if e.Subject == "Second" && !strings.Contains(e.Text, "\nFrom here on, all is well.\n>From a nested quote.") {
				t.Errorf("mboxrd quoting not undone: %q", e.Text)
			}
		}
	}
	if want := "Re: Bestilling 8123456789012345 - blåbær|broken|Second"; strings.Join(got, "|") != want {
		t.Errorf("messages %q, want %q", got, want)
	}
	// The first message comes back byte for byte as it went in.
	first, _ := NewMbox(bytes.NewReader(fixture(t, "three.mbox"))).Next()
	if want := bytes.ReplaceAll(fixture(t, "seller-latin1.eml"), []byte("\r\n"), []byte("\n")); !bytes.Equal(first, append(want, '\n')) {
		t.Errorf("first message changed:\n%q\nwant\n%q", first, want)
	}
}

func TestMboxEdges(t *testing.T) {
	if _, err := NewMbox(strings.NewReader("")).Next(); err != io.EOF {
		t.Errorf("empty mbox: %v, want io.EOF", err)
	}
	if _, err := NewMbox(strings.NewReader("Subject: x\n\nnot an mbox")).Next(); err == nil || err == io.EOF {
		t.Errorf("eml read as mbox: %v", err)
	}
	// A body line starting with "From " that is not after a blank line is content.
	m := NewMbox(strings.NewReader("From a\nSubject: x\n\nline\nFrom the seller, hello\n"))
	raw, err := m.Next()
	if err != nil || !strings.Contains(string(raw), "From the seller, hello") {
		t.Errorf("unquoted From line split the message: %q, %v", raw, err)
	}
	if _, err := m.Next(); err != io.EOF {
		t.Errorf("after the last message: %v", err)
	}
	// mboxo: a body line "From ..." after a blank line is text, unless it
	// is a separator, with a sender and a date (#18, item 18).
	mbox := "From seller@example.com Tue Oct 20 09:30:00 2026\nSubject: x\n\nHello.\n\nFrom the seller: we shipped it on Oct 20 09:30 2026\n" +
		"\nFrom 1781234567890@xxx Thu Nov 26 10:00:00 +0000 2026\nSubject: gmail\n\nb\n" +
		"\nFrom MAILER-DAEMON Mon Oct  5 10:00:00 2026\nSubject: daemon\n\nc\n" +
		"\nFrom - Mon Nov 23 10:00:00 2026\nSubject: thunderbird\n\nd\n"
	var subjects []string
	for m := NewMbox(strings.NewReader(mbox)); ; {
		raw, err := m.Next()
		if err != nil {
			break
		}
		e, _ := ParseEmail(raw)
		subjects = append(subjects, e.Subject)
		if e.Subject == "x" && !strings.Contains(e.Text, "From the seller: we shipped it") {
			t.Errorf("the body line was lost: %q", e.Text)
		}
	}
	if got := strings.Join(subjects, "|"); got != "x|gmail|daemon|thunderbird" {
		t.Errorf("messages %q", got)
	}
}

func FuzzMbox(f *testing.F) {
	f.Add([]byte("From a\nSubject: x\n\nbody\n\nFrom b@c Mon Oct  5 09:15:00 2026\nSubject: y\n\n>From z\n"))
	f.Add([]byte("From \n\n\nFrom \n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m := NewMbox(bytes.NewReader(data))
		total := 0
		for i := 0; ; i++ {
			raw, err := m.Next()
			if err == io.EOF {
				break
			}
			if err != nil && i > 0 {
				t.Fatalf("error after the first message: %v", err)
			}
			if err != nil {
				break
			}
			total += len(raw)
			if i > len(data) {
				t.Fatal("more messages than bytes")
			}
		}
		if total > len(data) {
			t.Fatalf("%d bytes of messages from %d bytes", total, len(data))
		}
	})
}

func FuzzParseEmail(f *testing.F) {
	for _, name := range []string{"aliexpress-confirmation.eml", "attachments.eml", "shift_jis.eml", "no-headers.eml"} {
		data, _ := os.ReadFile(filepath.Join("testdata", "email", name))
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		e, err := ParseEmail(raw)
		h, herr := ParseHeader(raw) // what an IMAP import judges a mail by, before it has the rest
		if err != nil {
			return
		}
		if herr != nil || h.MessageID != e.MessageID || h.From != e.From || h.To != e.To || h.Subject != e.Subject || !h.Date.Equal(e.Date) {
			t.Fatalf("ParseHeader gives %+v, %v; ParseEmail's header is %+v", h, herr, e)
		}
		for _, s := range []string{e.From, e.To, e.Subject, e.Text, e.MessageID} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 from ParseEmail: %q", s)
			}
		}
		for _, a := range e.Attachments {
			if a.Name != SafeName(a.Name, "attachment") {
				t.Fatalf("unsafe attachment name %q", a.Name)
			}
		}
	})
}

func TestSafeName(t *testing.T) {
	long := strings.Repeat("æ", 200) + ".pdf"
	tests := []struct{ in, want string }{
		{"receipt.pdf", "receipt.pdf"},
		{"../../etc/passwd", "passwd"},
		{`..\..\windows\system32\cmd.exe`, "cmd.exe"},
		{"/absolute/path.png", "path.png"},
		{"a\x00b.png", "a_b.png"},
		{"evil\u202egnp.exe", "evil_gnp.exe"},
		{"CON", "_CON"},
		{"nul.txt", "_nul.txt"},
		{"com1.log", "_com1.log"},
		{"company.txt", "company.txt"},
		{"what?.png", "what_.png"},
		{".hidden", "hidden"},
		{"...", "attachment"},
		{"", "attachment"},
		{"\xff\xfe.txt", "_.txt"},
		{"kvittering blåbær.txt", "kvittering blåbær.txt"},
		{"请等待.png", "请等待.png"},
		{"📦.jpg", "📦.jpg"},
		{long, strings.Repeat("æ", 73) + ".pdf"},
	}
	for _, tt := range tests {
		if got := SafeName(tt.in, "attachment"); got != tt.want {
			t.Errorf("SafeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"../../etc/passwd", "CON", "a\x00b", strings.Repeat("æ", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := SafeName(s, "attachment")
		if n == "" || len(n) > maxName+16 || !utf8.ValidString(n) || strings.ContainsAny(n, "/\\\x00") ||
			n == "." || n == ".." || strings.HasPrefix(n, ".") {
			t.Fatalf("SafeName(%q) = %q", s, n)
		}
		if SafeName(n, "attachment") != n {
			t.Fatalf("SafeName not stable: %q -> %q -> %q", s, n, SafeName(n, "attachment"))
		}
	})
}

func TestParty(t *testing.T) {
	for from, want := range map[string]vault.Party{
		"AliExpress <transaction@notice.aliexpress.com>": vault.PartyMarketplace,
		"noreply@posten.no":      vault.PartyCarrier,
		"service@paypal.no":      vault.PartyBank,
		"Seller <s@example.com>": vault.PartyUnknown,
		"no address":             vault.PartyUnknown,
		"x@ebay-paypal.example":  vault.PartyMarketplace, // names two: marketplaces come first, every time
	} {
		for range 20 {
			if got := Party(from); got != want {
				t.Fatalf("Party(%q) = %q, want %q", from, got, want)
			}
		}
	}
}

// TestParseEmailParts: the shapes of mail the vault meets, read by the
// standard library's MIME reader.
func TestParseEmailParts(t *testing.T) {
	head := "From: Seller <s@example.com>\r\nSubject: x\r\nMessage-ID: <p@x>\r\nMIME-Version: 1.0\r\n"
	tests := []struct {
		name, raw, text string
		attachments     []string
	}{
		{"alternative prefers the text part", head + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n" +
			"Content-Type: text/html\r\n\r\n<p>HTML</p>\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nPlain\r\n--b--\r\n", "Plain", nil},
		{"quoted-printable, soft breaks, latin1", head + "Content-Type: text/plain; charset=iso-8859-1\r\n" +
			"Content-Transfer-Encoding: quoted-printable\r\n\r\nBl=E5b=E6r og r=\r\nekesmo=F8rbr=F8d\r\n", "Blåbær og rekesmoørbrød", nil},
		{"CRLF becomes LF", head + "\r\nline one\r\nline two\r\n", "line one\nline two", nil},
		{"base64 with stray characters", head + "Content-Transfer-Encoding: base64\r\n\r\nSGVp\r\n IGRlcg==*\r\n", "Hei der", nil},
		{"an unknown charset is read as undeclared text", head + "Content-Type: text/plain; charset=x-martian\r\n\r\nblåbær", "blåbær", nil},
		{"filename in encoded words", head + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b\r\n" +
			"Content-Type: image/png; name=\"=?utf-8?q?kvittering_=C3=B8?=.png\"\r\n\r\nPNG\r\n--b--\r\n", "hi", []string{"kvittering ø.png"}},
		{"a forwarded message is no attachment (it is Forwarded)", head + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nFYI\r\n--b\r\n" +
			"Content-Type: message/rfc822\r\n\r\nFrom: a@b.no\r\nSubject: inner\r\n\r\nthe inner text\r\n--b--\r\n", "FYI", nil},
		{"a message cut short keeps what it holds", head + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nfirst\r\n--b\r\nContent-Type: text/plain\r\n\r\nsec", "first\n\nsec", nil},
		{"html only, with script, style, entities and a link", head + "Content-Type: text/html; charset=utf-8\r\n\r\n" +
			"<html><head><style>p{color:red}</style><title>t</title></head><body><script>alert(1)</script><h1>Pakken er forsinket</h1>" +
			"<p>Sporing <a href=\"https://track.example/LP001?a=1&amp;b=2\">LP001</a> &amp; mer &#248;<br>ny linje</p><!-- <p>skjult</p> --></body></html>",
			"Pakken er forsinket\n\nSporing LP001 (https://track.example/LP001?a=1&b=2) & mer ø\nny linje", nil},
	}
	for _, tt := range tests {
		e, err := ParseEmail([]byte(tt.raw))
		var names []string
		for _, a := range e.Attachments {
			names = append(names, a.Name)
		}
		if err != nil || e.Text != tt.text || strings.Join(names, "|") != strings.Join(tt.attachments, "|") {
			t.Errorf("%s: %v\n text %q\n want %q\n attachments %q", tt.name, err, e.Text, tt.text, names)
		}
	}
}

// TestParseEmailBounds: parts nested 20,000 deep (a 1.4 MB message that
// once took minutes) and 100,000 parts are refused quickly.
func TestParseEmailBounds(t *testing.T) {
	var deep strings.Builder
	deep.WriteString("From: a@b.no\r\nSubject: deep\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n")
	for i := range 20000 {
		fmt.Fprintf(&deep, "--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n", i, i+1)
	}
	var many strings.Builder
	many.WriteString("From: a@b.no\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n")
	for range 100000 {
		many.WriteString("--b\r\n\r\nx\r\n")
	}
	for name, raw := range map[string]string{"deep": deep.String(), "many": many.String()} {
		start := time.Now()
		_, err := ParseEmail([]byte(raw))
		if !errors.Is(err, ErrNotEmail) || time.Since(start) > 5*time.Second {
			t.Errorf("%s: %v after %v", name, err, time.Since(start))
		}
	}
}

func FuzzHTMLText(f *testing.F) {
	for _, s := range []string{"<p>a<br>b</p>", `<a href="x">y</a>`, "<script>x", "<!--", "<a href='", "&amp;&#x1F4E6;<", "<td>1<td>2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := HTMLText(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("HTMLText(%q) = %q: invalid UTF-8", s, out)
		}
		if len(out) > 2*len(s)+16 {
			t.Fatalf("HTMLText(%q) = %d bytes from %d", s, len(out), len(s))
		}
	})
}

// TestForwardedAsAttachment: a mail forwarded "as attachment" (the phone's
// way) carries the original whole; it is handed over raw, not kept as an
// attachment called "attachment".
func TestForwardedAsAttachment(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "email", "forwarded.eml"))
	if err != nil {
		t.Fatal(err)
	}
	e, err := ParseEmail(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Forwarded) != 1 || len(e.Attachments) != 0 || !strings.Contains(e.Text, "Sent from my iPhone") {
		t.Fatalf("outer: %d forwarded, %d attachments, text %q", len(e.Forwarded), len(e.Attachments), e.Text)
	}
	inner, err := ParseEmail(e.Forwarded[0])
	if err != nil {
		t.Fatal(err)
	}
	if inner.From != "Guangzhou Audio <seller@aliexpress.example>" || inner.MessageID != "seller-answer-1@aliexpress.example" ||
		!strings.Contains(inner.Text, "请耐心等待") || inner.Date.IsZero() {
		t.Errorf("inner: %+v", inner)
	}
}

// endless is n bytes of 'x' and no newline, made as they are read.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n)
	for i := range k {
		p[i] = 'x'
	}
	e.n -= k
	return int(k), nil
}

// TestMboxLongLine: a 300 MB line without a newline is skipped as too
// large, in a few megabytes: ReadBytes held it whole (#18).
func TestMboxLongLine(t *testing.T) {
	head := strings.NewReader("From a@b.no Mon Jan  1 00:00:00 2026\nSubject: x\n\n")
	tail := strings.NewReader("\n\nFrom a@b.no Mon Jan  1 00:00:00 2026\nSubject: next\n\nhi\n")
	m := NewMbox(io.MultiReader(head, &endless{n: 300 << 20}, tail))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := m.Next()
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("the long message: %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("allocated %d MB for a 300 MB line", alloc>>20)
	}
	next, err := m.Next()
	if err != nil || !bytes.Contains(next, []byte("Subject: next")) {
		t.Errorf("the message after: %q, %v", next, err)
	}
}

// TestNestedMultipartBounded: 20,000 nested multiparts (1.4 MB) took 233 s
// and 1.1 GB in a hostile review (#18, item 11). Nesting stops at MaxDepth,
// fast and small.
func TestNestedMultipartBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n")
	const levels = 20000
	for i := range levels {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\r\n\r\nhello\r\n")
	for i := levels - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	raw := []byte(b.String())
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := ParseEmail(raw)
	elapsed := time.Since(start)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	if !errors.Is(err, ErrTooDeep) {
		t.Errorf("%d levels: %v, want ErrTooDeep", levels, err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; elapsed > 2*time.Second || alloc > 300<<20 {
		t.Errorf("%d levels (%d kB): %v and %d MB allocated; want under 2 s and 300 MB", levels, len(raw)>>10, elapsed, alloc>>20)
	}
}

// TestParseHeader reads header lines as an IMAP server sends them before
// the mail (HEADER.FIELDS, maybe cut at the bytes asked for).
func TestParseHeader(t *testing.T) {
	for _, tt := range []struct {
		name, raw      string
		from, subject  string
		messageID, err string
	}{
		{"section", "From: AliExpress <transaction@notice.aliexpress.com>\r\nSubject: Order 1 confirmed\r\nMessage-ID: <a@b>\r\n\r\n",
			"AliExpress <transaction@notice.aliexpress.com>", "Order 1 confirmed", "a@b", ""},
		{"no blank line", "From: x@temu.com\r\nSubject: Shipped", "x@temu.com", "Shipped", "", ""},
		{"cut in a line", "From: x@temu.com\r\nSubj", "", "", "", "not an email"},
		{"empty", "", "", "", "", "not an email"},
		{"only a blank line", "\r\n", "", "", "", "not an email"},
		{"encoded æøå", "From: =?utf-8?q?Bl=C3=A5b=C3=A6r_AS?= <post@blabaer.no>\r\nSubject: =?iso-8859-1?q?S=F8knad?=\r\n\r\n",
			"Blåbær AS <post@blabaer.no>", "Søknad", "", ""},
		{"CJK and emoji", "From: 淘宝 <shop@taobao.example>\r\nSubject: 📦 包裹已发货\r\n\r\n", "淘宝 <shop@taobao.example>", "📦 包裹已发货", "", ""},
		{"windows-1252 bytes", "From: s@x.no\r\nSubject: Bl\xe5b\xe6r\r\n\r\n", "s@x.no", "Blåbær", "", ""},
		{"a body follows", "From: s@x.no\r\n\r\n" + strings.Repeat("x", 1<<20), "s@x.no", "", "", ""},
		{"path traversal in the subject", "From: s@x.no\r\nSubject: ../../etc/passwd\r\n\r\n", "s@x.no", "../../etc/passwd", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, err := ParseHeader([]byte(tt.raw))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %+v, %v; want %q", e, err, tt.err)
				}
				return
			}
			if err != nil || e.From != tt.from || e.Subject != tt.subject || e.MessageID != tt.messageID || e.Text != "" {
				t.Fatalf("got %+v, %v", e, err)
			}
		})
	}
}
