package export

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"vault"
	"vault/evidence"
	"vault/internal/atomicfile"
	"vault/internal/date"
	"vault/internal/money"
	"vault/internal/pdftest"
	"vault/internal/testimage"
)

var generated = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

// newCase builds a case file with one order, messages, a photo and a
// screenshot, whose files are real blobs in a temp dir.
func newCase(t testing.TB, messages ...string) (vault.CaseFile, *evidence.Blobs) {
	t.Helper()
	blobs := newBlobs(t)
	o := vault.Order{ID: 1, Marketplace: vault.AliExpress, Number: "8123456789012345", Seller: "Blåbær Shop",
		Total: money.Money{Minor: 4990, Currency: "NOK"}, Items: []string{"Lader"}, Tracking: []string{"LP001CN"}}
	var items []vault.Evidence
	for i, m := range messages {
		items = append(items, vault.Evidence{Kind: vault.EvidenceMessage, Source: vault.SourceTyped, Party: vault.PartySeller, Body: m,
			OccurredAt: date.Instant(generated.Add(time.Duration(i-len(messages)) * time.Hour))})
	}
	var photo, shot bytes.Buffer
	jpeg.Encode(&photo, image.NewYCbCr(image.Rect(0, 0, 1600, 1200), image.YCbCrSubsampleRatio420), nil)
	shot.Write(encodePNG(t, image.NewRGBA(image.Rect(0, 0, 1170, 2532))))
	for _, file := range []struct {
		name string
		data []byte
	}{{"order.png", shot.Bytes()}, {"parcel.jpg", photo.Bytes()}} {
		items = append(items, vault.Evidence{Kind: vault.EvidencePhoto, Source: vault.SourceFile, Title: file.name,
			FileName: file.name, Blob: putBlob(t, blobs, file.data)})
	}
	return caseFile(vault.Case{Kind: vault.Chargeback, Title: "Never arrived"}, o, items), blobs
}

// caseFile is a case of one order holding items, numbered as the store would.
func caseFile(c vault.Case, o vault.Order, items []vault.Evidence) vault.CaseFile {
	c.ID, c.Status, c.Orders, c.Opened = 1, vault.StatusOpen, []vault.OrderID{o.ID}, date.Instant(generated)
	for i := range items {
		items[i].ID, items[i].Orders = vault.EvidenceID(i+1), []vault.OrderID{o.ID}
	}
	return vault.CaseFile{Case: c, Orders: []vault.Order{o}, Evidence: items,
		Events: []vault.Event{{ID: 1, At: c.Opened, Text: string(c.Kind) + " case opened"}}}
}

// putBlob stores data and describes it.
func putBlob(t testing.TB, blobs *evidence.Blobs, data []byte) *vault.Blob {
	t.Helper()
	st, err := blobs.Put(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return &vault.Blob{SHA256: st.SHA256, Size: st.Size, MediaType: evidence.MediaType(st.Head)}
}

func TestWritePDFLongText(t *testing.T) {
	var long strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&long, "line %04d of a very long chat log\n", i)
	}
	url := "https://example.com/track?" + strings.Repeat("abcdefghij", 300)
	f, blobs := newCase(t, long.String(), url, "Hei! æøå ÆØÅ")
	d := testNew(f, generated, time.UTC)
	path := filepath.Join(t.TempDir(), "dossier.pdf")
	w, err := writePDF(d, blobs, path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := pdftest.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Pages != w.Pages || info.Pages < 90 {
		t.Errorf("%d pages (reported %d): a 5,000-line message must paginate", info.Pages, w.Pages)
	}
	if st, _ := os.Stat(path); st.Size() != w.Bytes {
		t.Errorf("reported %d bytes, file has %d", w.Bytes, st.Size())
	}
	text := strings.Join(strings.Fields(info.Text), "")
	text = regexp.MustCompile(`page\d+of\d+`).ReplaceAllStringFunc(text, func(s string) string {
		if s == fmt.Sprintf("page%dof%d", info.Pages, info.Pages) {
			return s // the last footer is asserted below
		}
		return ""
	})
	for _, want := range []string{"line0000of", "line4999of", "8123456789012345", "BlåbærShop", "Hei!æøåÆØÅ",
		strings.Repeat("abcdefghij", 5), d.Exhibits[0].Blob.SHA256, d.Exhibits[1].Blob.SHA256,
		fmt.Sprintf("page%dof%d", info.Pages, info.Pages)} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// The whole URL is printed, wrapped but never cut.
	if strings.Count(text, "abcdefghij") < 300 {
		t.Errorf("long URL cut: %d of 300 parts", strings.Count(text, "abcdefghij"))
	}
	for _, want := range []string{"Exhibit E1: order.png", "Exhibit E2: parcel.jpg", "Manifest"} {
		if !strings.Contains(strings.Join(info.Bookmarks, "|"), want) {
			t.Errorf("bookmarks %q lack %q", info.Bookmarks, want)
		}
	}
}

func TestWritePDFIsDeterministic(t *testing.T) {
	f, blobs := newCase(t, "one message")
	dir := t.TempDir()
	var outs [2][]byte
	for i := range outs {
		path := filepath.Join(dir, fmt.Sprintf("d%d.pdf", i))
		if _, err := writePDF(testNew(f, generated, time.UTC), blobs, path); err != nil {
			t.Fatal(err)
		}
		outs[i], _ = os.ReadFile(path)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two exports of the same case at the same time differ")
	}
}

// TestSameBytesEveryTime exports a case of eight realistic phone
// screenshots (a header, a photo, text) ten times under each of 1, 2 and 8
// procs, fitting the default profile (which re-renders to fit): every file
// must be the same bytes, and pass the strict parser.
func TestSameBytesEveryTime(t *testing.T) {
	if testing.Short() {
		t.Skip("30 exports of eight screenshots")
	}
	blobs := newBlobs(t)
	o := vault.Order{ID: 1, Marketplace: vault.AliExpress, Number: "8123456789012345", Total: money.Money{Minor: 45900, Currency: "NOK"}}
	var items []vault.Evidence
	for i := range 8 {
		items = append(items, vault.Evidence{Kind: vault.EvidenceScreenshot, Source: vault.SourceFile, Title: fmt.Sprintf("s%d.png", i),
			FileName: fmt.Sprintf("s%d.png", i), Blob: putBlob(t, blobs, testimage.PhoneScreenshot(uint64(i)))})
	}
	f := caseFile(vault.Case{Kind: vault.Chargeback, Title: "Never arrived"}, o, items)
	profile, _ := ProfileNamed("default")
	var first []byte
	for _, procs := range []int{1, 2, 8} {
		old := runtime.GOMAXPROCS(procs)
		for i := range 10 {
			pdf, _, err := Fit(testNew(f, generated, time.UTC), blobs, profile)
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = pdf
				if err := pdftest.Validate(pdf); err != nil {
					t.Fatalf("strict validation: %v", err)
				}
			} else if !bytes.Equal(pdf, first) {
				t.Fatalf("export %d with GOMAXPROCS %d differs from the first (%d and %d bytes)", i, procs, len(pdf), len(first))
			}
		}
		runtime.GOMAXPROCS(old)
	}
}

// TestNoDuplicateKeys: two files whose pixels are the same (as in the PNG
// test suite) are one image of the PDF, named once in the page resources,
// in every profile; qpdf --check warned of duplicated keys before.
func TestNoDuplicateKeys(t *testing.T) {
	blobs := newBlobs(t)
	img := image.NewRGBA(image.Rect(0, 0, 300, 500))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var fast, best bytes.Buffer
	(&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&fast, img)
	(&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&best, img)
	if bytes.Equal(fast.Bytes(), best.Bytes()) {
		t.Fatal("the two encodings are the same file")
	}
	o := vault.Order{ID: 1, Marketplace: vault.Temu, Number: "PO-1"}
	var items []vault.Evidence
	for i, data := range [][]byte{fast.Bytes(), best.Bytes(), fast.Bytes()} {
		items = append(items, vault.Evidence{Kind: vault.EvidenceScreenshot, Source: vault.SourceFile, Title: fmt.Sprintf("s%d.png", i),
			FileName: fmt.Sprintf("s%d.png", i), Blob: putBlob(t, blobs, data)})
	}
	f := caseFile(vault.Case{Kind: vault.Dispute, Title: "Twins"}, o, items)
	for _, name := range []string{"default", "none"} {
		profile, _ := ProfileNamed(name)
		pdf, _, err := Fit(testNew(f, generated, time.UTC), blobs, profile)
		if err != nil {
			t.Fatal(err)
		}
		if err := pdftest.Validate(pdf); err != nil {
			t.Errorf("profile %s: %v", name, err)
		}
	}
}

// TestWritePDFScreenshotSize pins the size of a phone screenshot's page, so a
// change that bloats exhibits shows up here.
func TestWritePDFScreenshotSize(t *testing.T) {
	f, blobs := newCase(t)
	f.Statement = "I ask for a refund."
	path := filepath.Join(t.TempDir(), "d.pdf")
	w, err := writePDF(testNew(f, generated, time.UTC), blobs, path)
	if err != nil {
		t.Fatal(err)
	}
	if w.Pages != 5 || w.Bytes > 400<<10 {
		t.Errorf("dossier with a photo and a screenshot: %d pages, %d bytes; want 5 pages (the case, statement, timeline, screenshot, photo with the manifest below) under 400 KiB", w.Pages, w.Bytes)
	}
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// writePDF renders the dossier into a file, as the exporter does.
func writePDF(d Dossier, blobs *evidence.Blobs, path string) (Written, error) {
	var w Written
	err := atomicfile.Write(path, func(out io.Writer) error {
		var err error
		w, err = RenderPDF(d, blobs, out)
		return err
	})
	return w, err
}

// newBlobs is a blob store in a temp dir.
func newBlobs(t testing.TB) *evidence.Blobs {
	t.Helper()
	blobs := evidence.NewBlobs(t.TempDir())
	if err := blobs.Init(); err != nil {
		t.Fatal(err)
	}
	return blobs
}

// TestBokmal renders the dossier in Norwegian bokmål: fixed text, dates as
// 02.10.2026 and amounts as 1 234,50 kr.
func TestBokmal(t *testing.T) {
	f, blobs := newCase(t, "Hei, pakken kommer snart")
	f.Orders[0].Total = money.Money{Minor: 123450, Currency: "NOK"}
	f.Orders[0].Ordered = date.Day(time.Date(2026, 10, 2, 0, 0, 0, 0, time.UTC))
	f.Case.Amount = f.Orders[0].Total
	d := testNew(f, generated, time.UTC)
	d.Lang = "nb"
	d.Statement, d.StatementDrafted = "Jeg krever pengene tilbake.", true
	path := filepath.Join(t.TempDir(), "nb.pdf")
	if _, err := writePDF(d, blobs, path); err != nil {
		t.Fatal(err)
	}
	info, err := pdftest.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(info.Text), " ")
	for _, want := range []string{"Dokumentasjon", "Redegjørelse", "Tidslinje", "Selger Blåbær Shop", "Korrespondanse",
		"Filoversikt", "Bilag E1", "Krevd beløp", "02.10.2026", "bestilt AliExpress-ordre 8123456789012345",
		"1 234,50 kr", "melding fra selger", "kortreklamasjon"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the bokmål dossier", want)
		}
	}
	for _, english := range []string{"Evidence dossier", "Timeline", "Communication log", "Where to turn", "Amount claimed"} {
		if strings.Contains(text, english) {
			t.Errorf("English %q left in the bokmål dossier", english)
		}
	}
}

// exportTimes exports a case n times and fails unless every file is the
// same bytes; it returns the bytes and the first file's path.
func exportTimes(t *testing.T, f vault.CaseFile, blobs *evidence.Blobs, n int) ([]byte, string) {
	t.Helper()
	if testing.Short() {
		n = min(n, 3) // the same bytes three times
	}
	dir := t.TempDir()
	var first []byte
	for i := range n {
		path := filepath.Join(dir, fmt.Sprintf("d%d.pdf", i))
		if _, err := writePDF(testNew(f, generated, time.UTC), blobs, path); err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		if i == 0 {
			first = data
		} else if !bytes.Equal(first, data) {
			t.Fatalf("export %d differs from the first", i)
		}
	}
	return first, filepath.Join(dir, "d0.pdf")
}

// TestChineseSeller: an AliExpress seller's name and message in Chinese
// print as Chinese (the fallback font's subset), not as markers; an emoji
// is marked and the manifest says so once; ten exports are the same bytes.
func TestChineseSeller(t *testing.T) {
	f, blobs := newCase(t, "亲，包裹已经在路上了，请再等30天。Blåbær 👍")
	f.Orders[0].Seller = "广州音频科技有限公司"
	first, path := exportTimes(t, f, blobs, 10)
	info, err := pdftest.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(info.Text), "")
	for _, want := range []string{"广州音频科技有限公司", "亲，包裹已经在路上了，请再等30天。Blåbær", "emoji,Korean"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if n := strings.Count(text, "emoji,Korean"); n != 1 {
		t.Errorf("the marker is explained %d times, want once", n)
	}
	if len(first) > 400_000 {
		t.Errorf("%d bytes: the fallback font must be embedded as a subset", len(first))
	}
}

// receiptPDF is a PDF of pages pages, as a marketplace's proof of payment
// looks: written with the dossier's own PDF layer.
func receiptPDF(t testing.TB, pages int) []byte {
	t.Helper()
	doc, err := newDoc(meta{Title: "Temu proof of payment", Created: generated, PageOf: "%d/{nb}"})
	if err != nil {
		t.Fatal(err)
	}
	for n := range pages {
		doc.page()
		doc.heading("Temu — Proof of payment", 18, false)
		doc.field("Order", "PO-211-0987654321")
		doc.field("Paid", "2026-09-02, 459,00 kr, Visa ****4242")
		doc.para(body, 10, fmt.Sprintf("Receipt page %d. Blåbær 蓝莓", n+1))
	}
	var buf bytes.Buffer
	if err := doc.output(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestPDFReceiptPages: a PDF exhibit's pages are drawn in the dossier (its
// text is in the dossier's text), at most maxPDFPages of them, the same
// bytes every time; a file that is not a readable PDF is listed instead.
func TestPDFReceiptPages(t *testing.T) {
	blobs := newBlobs(t)
	o := vault.Order{ID: 1, Marketplace: vault.Temu, Number: "PO-211-0987654321"}
	items := []vault.Evidence{
		{Kind: vault.EvidenceReceipt, Source: vault.SourceFile, FileName: "proof.pdf", Blob: putBlob(t, blobs, receiptPDF(t, 1))},
		{Kind: vault.EvidenceReceipt, Source: vault.SourceFile, FileName: "long.pdf", Blob: putBlob(t, blobs, receiptPDF(t, 12))},
		{Kind: vault.EvidenceReceipt, Source: vault.SourceFile, FileName: "broken.pdf", Blob: putBlob(t, blobs, []byte("%PDF-1.4\nnot really\n%%EOF"))},
		{Kind: vault.EvidenceReceipt, Source: vault.SourceFile, FileName: "loop.pdf", Blob: putBlob(t, blobs, hostilePDFs()["page tree loops"])},
	}
	items[2].Blob.MediaType = "application/pdf"
	items[3].Blob.MediaType = "application/pdf"
	f := caseFile(vault.Case{Kind: vault.Chargeback}, o, items)
	first, path := exportTimes(t, f, blobs, 5)
	info, err := pdftest.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(info.Text), " ")
	forms, err := pdftest.FormText(first)
	if err != nil {
		t.Fatal(err)
	}
	text += " " + strings.Join(strings.Fields(strings.Join(forms, " ")), " ")
	if len(forms) != 11 {
		t.Errorf("%d pages imported; want 11 (one, and ten of twelve)", len(forms))
	}
	for _, want := range []string{"Receipt page 1.", "Visa ****4242", "Receipt page 10.", "Exhibit E2, page 10 of 12",
		"The document has 12 pages; the first 10 are shown.", "Exhibit E3: broken.pdf", "Exhibit E4: loop.pdf", "A PDF whose pages this dossier cannot read"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "Receipt page 11.") {
		t.Error("page 11 of a 12-page exhibit is drawn; the limit is 10")
	}
	if info.Pages < 12 {
		t.Errorf("%d pages: one receipt page and ten of the long one need their own", info.Pages)
	}
}

// testNew is the dossier of a case file with the facts derived from it alone.
func testNew(f vault.CaseFile, generated time.Time, loc *time.Location) Dossier {
	return New(f, vault.Derive(vault.CaseRecords{File: f}), generated, loc)
}
