package pages

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"vault/internal/testpoint"
)

// needChromium skips a test without Chromium (fails with
// VAULT_REQUIRE_BROWSER set, as .ci/run sets it once it installed one).
func needChromium(t *testing.T) {
	t.Helper()
	if _, err := FindChromium(); err == nil {
		return
	}
	if os.Getenv("VAULT_REQUIRE_BROWSER") != "" {
		t.Fatal("VAULT_REQUIRE_BROWSER is set and no Chromium is installed")
	}
	t.Skip("Chromium is not installed (apt-get install chromium): pages' pictures are not tested")
}

// render renders a page and decodes its picture.
func render(t *testing.T, page string, f Format) image.Image {
	t.Helper()
	start := time.Now()
	data, err := Render(context.Background(), []byte(page), f)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %dx%d, %d bytes, %s", f, img.Bounds().Dx(), img.Bounds().Dy(), len(data), time.Since(start).Round(time.Millisecond))
	return img
}

// count counts the pixels of one colour.
func count(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(bl>>8) == c.B {
				n++
			}
		}
	}
	return n
}

var (
	red   = color.RGBA{255, 0, 0, 255}
	green = color.RGBA{0, 128, 0, 255}
)

// solidPNG is a PNG of one colour.
func solidPNG(w, h int, c color.RGBA) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		copy(img.Pix[i:], []byte{c.R, c.G, c.B, 255})
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img)
	return buf.Bytes()
}

// mhtml is an archive as Chrome writes one ("Save page as ... Webpage,
// single file"): the page quoted-printable, its parts base64, each named by
// its address.
func mhtmlPage(address, html string, parts map[string][]byte) string {
	var b strings.Builder
	b.WriteString("From: <Saved by Blink>\r\nSnapshot-Content-Location: " + address + "\r\nSubject: A saved page\r\n" +
		"Date: Tue, 1 Sep 2026 10:00:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n" +
		"\tboundary=\"----MultipartBoundary--vault----\"\r\n\r\n\r\n------MultipartBoundary--vault----\r\nContent-Type: text/html\r\n" +
		"Content-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: " + address + "\r\n\r\n")
	b.WriteString(strings.ReplaceAll(strings.ReplaceAll(html, "=", "=3D"), "\n", "\r\n"))
	for loc, data := range parts {
		b.WriteString("\r\n------MultipartBoundary--vault----\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n" +
			"Content-Location: " + loc + "\r\n\r\n" + base64.StdEncoding.EncodeToString(data))
	}
	b.WriteString("\r\n------MultipartBoundary--vault------\r\n")
	return b.String()
}

// TestRenderOffline: a page's references to a server (loopback and a
// name), to a local file and by a refresh get nothing: the server sees no
// request, the local red picture is not drawn; the page's own data: image
// and the archive's part are.
func TestRenderOffline(t *testing.T) {
	t.Parallel() // a Chromium and a server of its own
	needChromium(t)
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		t.Errorf("the server was asked for %s", r.URL)
		w.Header().Set("Content-Type", "image/png")
		w.Write(solidPNG(100, 100, red))
	}))
	defer srv.Close()
	local := filepath.Join(t.TempDir(), "red.png")
	if err := os.WriteFile(local, solidPNG(100, 100, red), 0o600); err != nil {
		t.Fatal(err)
	}
	own := "data:image/png;base64," + base64.StdEncoding.EncodeToString(solidPNG(100, 100, green))
	refs := fmt.Sprintf(`<img src="%[1]s/a.png"><img src="https://example.com/b.png"><img src="file://%[2]s">
<link rel="stylesheet" href="%[1]s/style.css"><iframe src="%[1]s/frame"></iframe><iframe src="file://%[2]s"></iframe>
<img srcset="%[1]s/c.png 2x"><video poster="%[1]s/d.png"></video><object data="%[1]s/e"></object>
<link rel="prefetch" href="%[1]s/f"><link rel="preconnect" href="%[1]s"><a ping="%[1]s/g" href="%[1]s/h">link</a>
<div style="background: url(%[1]s/i.png); width: 50px; height: 50px"></div>
<form action="%[1]s/j"><input name="q" autofocus></form>`, srv.URL, local)
	cases := []struct {
		name  string
		page  string
		f     Format
		green int // pixels the page's own image shows
	}{
		{"html", `<!doctype html><html><head><meta http-equiv="refresh" content="0; url=` + srv.URL + `/k"></head><body><h1>Offline</h1><img src="` + own + `">` + refs + `</body></html>`, HTML, 100 * 100},
		{"mhtml", mhtmlPage("https://shop.example/item/1", `<html><body><h1>Offline</h1><img src="https://shop.example/own.png">`+refs+`</body></html>`,
			map[string][]byte{"https://shop.example/own.png": solidPNG(100, 100, green)}), MHTML, 100 * 100},
		{"refresh to a file (full run)", `<html><head><meta http-equiv="refresh" content="0; url=file://` + local + `"></head><body>stay</body></html>`, HTML, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && strings.HasSuffix(c.name, "(full run)") {
				t.Skip("the full run")
			}
			img := render(t, c.page, c.f)
			if n := count(img, red); n > 0 {
				t.Errorf("%d red pixels: a local file or the server's picture was drawn", n)
			}
			if n := count(img, green); n != c.green {
				t.Errorf("%d green pixels, want %d: the page's own image", n, c.green)
			}
			if img.Bounds().Dx() != Width {
				t.Errorf("width %d, want %d", img.Bounds().Dx(), Width)
			}
		})
	}
	if n := hits.Load(); n > 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
}

// TestRenderNoScript: a script that would paint the page red and make it
// 5,000 pixels tall does not run, in HTML nor in an archive, nor one in an
// event handler or a javascript: frame.
func TestRenderNoScript(t *testing.T) {
	t.Parallel() // a Chromium and a server of its own
	needChromium(t)
	script := `<p id="x" style="height: 20px">static</p>
<script>document.body.style.background = "#ff0000"; document.getElementById("x").style.height = "5000px";</script>
<img src="data:," onerror="document.body.style.background = '#ff0000'">
<iframe src="javascript:'<body style=background:#ff0000>'"></iframe>`
	for _, c := range []struct {
		page string
		f    Format
	}{
		{"<html><body>" + script + "</body></html>", HTML},
		{mhtmlPage("https://shop.example/", "<html><body>"+script+"</body></html>", nil), MHTML},
	} {
		img := render(t, c.page, c.f)
		if n := count(img, red); n > 0 {
			t.Errorf("%s: %d red pixels: a script ran", c.f, n)
		}
		if h := img.Bounds().Dy(); h >= 5000 {
			t.Errorf("%s: %d pixels tall: a script ran", c.f, h)
		}
	}
}

// busyPage has what changes between two draws unless stopped: an endless
// animation, a transition, a focused input's caret, a data: font and image.
var busyPage = `<!doctype html><html><head><style>
@keyframes spin { from { transform: rotate(0deg); background: #0a0 } to { transform: rotate(360deg); background: #a00 } }
.spin { width: 80px; height: 80px; animation: spin 0.7s linear infinite; }
.fade { transition: opacity 3s; opacity: 0.5 }
.fade:hover { opacity: 1 }
body { font-family: sans-serif; margin: 20px }
</style></head><body>
<h1>Robot vacuum X200 · 1 299,00 kr</h1>
<div class="spin"></div><p class="fade">Seller: Shenzhen Gadget Store. Blåbærsyltetøy, 日本語, emoji 📦.</p>
<input autofocus value="focused">
<img src="data:image/png;base64,` + base64.StdEncoding.EncodeToString(solidPNG(300, 200, green)) + `">
` + strings.Repeat("<p>Item specifics: colour black, 2600 mAh, 110-240 V.</p>\n", 200) + `</body></html>`

// TestRenderSameBytes: the same page drawn three times, with every core
// busy meanwhile, gives the same PNG bytes each time.
func TestRenderSameBytes(t *testing.T) {
	needChromium(t)
	if testing.Short() {
		t.Skip("three renders under load: the full run")
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range runtime.NumCPU() { // load: the draws must not depend on speed
		wg.Add(1)
		go func() {
			defer wg.Done()
			for x := 0; ; x++ {
				select {
				case <-stop:
					return
				default:
				}
				_ = fmt.Sprint(x * x)
			}
		}()
	}
	defer func() { close(stop); wg.Wait() }()
	var first []byte
	for i := range 3 {
		data, err := Render(context.Background(), []byte(busyPage), HTML)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = data
			t.Logf("%d bytes", len(data))
		} else if !bytes.Equal(data, first) {
			t.Fatalf("draw %d differs from the first (%d and %d bytes)", i+1, len(data), len(first))
		}
	}
}

// TestRenderTall: a page taller than MaxHeight is cut there; its end, and
// its bands' joins, are drawn.
func TestRenderTall(t *testing.T) {
	needChromium(t)
	if testing.Short() {
		t.Skip("a 20,000-pixel picture: the full run")
	}
	page := `<html><body style="margin:0">` + strings.Repeat(`<div style="height:1000px; background:#008000; border-bottom: 10px solid #ff0000"></div>`, 30) + `</body></html>`
	img := render(t, page, HTML)
	if b := img.Bounds(); b.Dx() != Width || b.Dy() != MaxHeight {
		t.Fatalf("%dx%d, want %dx%d", b.Dx(), b.Dy(), Width, MaxHeight)
	}
	for _, y := range []int{0, band - 1, band, 2*band + 7, MaxHeight - 1} {
		want := green
		if y%1010 >= 1000 {
			want = red
		}
		r, g, b, _ := img.At(Width/2, y).RGBA()
		if got := (color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 255}); got != want {
			t.Errorf("row %d is %v, want %v", y, got, want)
		}
	}
}

// TestRenderTimeLimit: a page that never finishes loading (a request held
// forever by a test point) ends with an error at the time limit, and
// Chromium's processes and temp dir are gone.
func TestRenderTimeLimit(t *testing.T) {
	needChromium(t)
	tmp, err := os.MkdirTemp("", "vr") // short: Chromium's sockets go under it
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	t.Setenv("TMPDIR", tmp)
	hold := make(chan struct{})
	defer close(hold)
	testpoint.SetHook(func(name string) {
		if name == "pages: request" {
			<-hold
		}
	})
	defer testpoint.SetHook(nil)
	old := limit
	limit = 3 * time.Second
	defer func() { limit = old }()
	_, err = Render(context.Background(), []byte(`<html><body><img src="https://example.com/never.png">loading</body></html>`), HTML)
	if err == nil || !strings.Contains(err.Error(), "not drawn within 3s") {
		t.Fatalf("got %v, want the time limit", err)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left behind in the temp dir: %v", left)
	}
}

// TestRenderRefused: what is not a page to draw is refused before
// Chromium starts; without Chromium the answer is ErrNoChromium.
func TestRenderRefused(t *testing.T) {
	for _, c := range []struct {
		page []byte
		f    Format
		want string
	}{
		{nil, HTML, "empty"},
		{[]byte("<p>x"), "pdf", "html or mhtml"},
		{make([]byte, MaxPage+1), HTML, "over the 64 MB"},
	} {
		if _, err := Render(context.Background(), c.page, c.f); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%d bytes as %q: got %v, want %q", len(c.page), c.f, err, c.want)
		}
	}
	t.Setenv("PATH", t.TempDir())
	if _, err := Render(context.Background(), []byte("<p>x"), HTML); !errors.Is(err, ErrNoChromium) {
		t.Errorf("without Chromium: got %v", err)
	}
}
