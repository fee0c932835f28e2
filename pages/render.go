package pages

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"
)

// Format is how a saved page is stored.
type Format string

// The formats of saved pages Render takes.
const (
	HTML  Format = "html"  // one self-contained HTML file (SingleFile)
	MHTML Format = "mhtml" // a web archive: "Save page as ... MHTML"
)

// The limits of a page's picture.
const (
	Width     = 1280     // CSS pixels: the viewport, and the picture's width
	MaxHeight = 20_000   // pixels; a longer page is cut there
	MaxPage   = 64 << 20 // bytes of a saved page Render takes
)

// limit bounds one render or capture, Chromium's start to the last pixel.
var limit = 90 * time.Second

// offline are the flags that keep a render from reaching any network: every
// connection goes to a proxy nobody listens on (loopback included), no name
// resolves, and page scripts are off. Render also fails every request but the
// page's own file (see open).
var offline = []string{"--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
	"--host-resolver-rules=MAP * ~NOTFOUND", "--blink-settings=scriptEnabled=false", "--dns-prefetch-disable", "--no-pings"}

// Render draws a saved page as the buyer saw it: headless Chromium opens it
// with the network and scripts off and only the page's own resources (data:
// URIs, the parts of an MHTML archive), at a fixed width of 1280 CSS pixels
// and scale 1, and returns a full-page PNG (RGB, on white), cut at MaxHeight.
// Text is drawn in the system's fonts (not the user's own), unhinted: a
// script needs its fonts installed (fonts-noto-cjk, fonts-noto-color-emoji),
// or its letters are boxes. Without Chromium it returns ErrNoChromium.
func Render(ctx context.Context, page []byte, format Format) ([]byte, error) {
	name := map[Format]string{HTML: "page.html", MHTML: "page.mhtml"}[format]
	switch {
	case name == "":
		return nil, fmt.Errorf("a page to render is html or mhtml, not %q", format)
	case len(page) == 0:
		return nil, errors.New("the page is empty")
	case len(page) > MaxPage:
		return nil, fmt.Errorf("the page is %d MB, over the %d MB a picture is made of", len(page)>>20, MaxPage>>20)
	}
	exe, err := FindChromium()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	b, err := launch(exe, offline...)
	if err != nil {
		return nil, err
	}
	defer b.close()
	path := filepath.Join(b.dir, name) // Chromium reads an archive as MHTML by its name
	if err := os.WriteFile(path, page, 0o600); err != nil {
		return nil, err
	}
	pic, err := b.picture(ctx, (&url.URL{Scheme: "file", Path: path}).String())
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, fmt.Errorf("the page was not drawn within %s: %w", limit, ctx.Err())
	}
	return pic, cmpOr(ctx.Err(), err)
}

// cmpOr is the first error that is not nil.
func cmpOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// picture opens a page's file offline and draws it, settled.
func (b *browser) picture(ctx context.Context, url string) ([]byte, error) {
	t, err := b.open(ctx, url, true)
	if err != nil {
		return nil, err
	}
	if err := t.opened(ctx, url); err != nil {
		return nil, err
	}
	return t.draw(ctx, true)
}
