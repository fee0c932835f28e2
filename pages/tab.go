package pages

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"sync"

	"vault/internal/testpoint"
)

// tab is one page open in Chromium, and what its events said.
type tab struct {
	b               *browser
	target, session string // the target is also the main frame's id
	loaded, idle    chan struct{}
	crashed         chan struct{}
	once            [3]sync.Once // closes each channel once
	mu              sync.Mutex
	status          int // the HTTP status of the main frame's last document
}

// step is one command of a tab's setting up.
type step struct {
	method string
	params any
}

// open opens url in a new tab at the fixed viewport and waits for its load
// event. Offline, page scripts are off and every request but the one for
// url itself (once) fails: nothing is fetched, no local file read, and the
// page cannot go elsewhere.
func (b *browser) open(ctx context.Context, url string, offline bool) (*tab, error) {
	target, session, err := b.newTab(ctx)
	if err != nil {
		return nil, err
	}
	t := &tab{b: b, target: target, session: session, loaded: make(chan struct{}), idle: make(chan struct{}), crashed: make(chan struct{})}
	var served sync.Once
	b.listen(func(e cdpEvent) { t.event(ctx, e, url, offline, &served) })
	steps := []step{
		{"Page.enable", nil},
		{"Page.setLifecycleEventsEnabled", map[string]any{"enabled": true}},
		{"Inspector.enable", nil},
		{"Network.enable", nil},
		{"Emulation.setFocusEmulationEnabled", map[string]any{"enabled": true}},
		{"Emulation.setDeviceMetricsOverride", map[string]any{"width": Width, "height": 800, "deviceScaleFactor": 1, "mobile": false}},
		{"Emulation.setEmulatedMedia", map[string]any{"media": "screen", "features": []map[string]string{
			{"name": "prefers-reduced-motion", "value": "reduce"}, {"name": "prefers-color-scheme", "value": "light"}}}},
	}
	if offline {
		steps = append(steps, step{"Emulation.setScriptExecutionDisabled", map[string]any{"value": true}},
			step{"Fetch.enable", map[string]any{"patterns": []map[string]string{{"urlPattern": "*"}}}})
	}
	for _, s := range steps {
		if err := b.call(ctx, session, s.method, s.params, nil); err != nil {
			return nil, err
		}
	}
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := b.call(ctx, session, "Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		return nil, err
	}
	if nav.ErrorText != "" {
		return nil, fmt.Errorf("the page did not open: %s", nav.ErrorText)
	}
	return t, t.wait(ctx, t.loaded)
}

// event notes what an event says about the tab; offline, it answers every
// request (see open).
func (t *tab) event(ctx context.Context, e cdpEvent, url string, offline bool, served *sync.Once) {
	switch e.method {
	case "Page.loadEventFired":
		t.once[0].Do(func() { close(t.loaded) })
	case "Page.lifecycleEvent":
		var p struct {
			Frame string `json:"frameId"`
			Name  string `json:"name"`
		}
		if json.Unmarshal(e.params, &p) == nil && p.Frame == t.target && p.Name == "networkIdle" && closed(t.loaded) {
			t.once[1].Do(func() { close(t.idle) }) // the page's, not about:blank's before it
		}
	case "Inspector.targetCrashed":
		t.once[2].Do(func() { close(t.crashed) })
	case "Page.javascriptDialogOpening": // an alert would stop the page until answered
		go func() { // see dispatch
			_ = t.b.call(ctx, t.session, "Page.handleJavaScriptDialog", map[string]any{"accept": false}, nil)
		}()
	case "Network.responseReceived":
		var p struct {
			Type     string `json:"type"`
			Frame    string `json:"frameId"`
			Response struct {
				Status int `json:"status"`
			} `json:"response"`
		}
		if json.Unmarshal(e.params, &p) == nil && p.Type == "Document" && p.Frame == t.target {
			t.mu.Lock()
			t.status = p.Response.Status
			t.mu.Unlock()
		}
	case "Fetch.requestPaused":
		var p struct {
			RequestID string `json:"requestId"`
			Request   struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		if !offline || json.Unmarshal(e.params, &p) != nil {
			return
		}
		allow := false
		if p.Request.URL == url {
			served.Do(func() { allow = true })
		}
		go func() { // see dispatch
			testpoint.Reach("pages: request")
			if allow {
				_ = t.b.call(ctx, t.session, "Fetch.continueRequest", map[string]any{"requestId": p.RequestID}, nil)
			} else {
				_ = t.b.call(ctx, t.session, "Fetch.failRequest", map[string]any{"requestId": p.RequestID, "errorReason": "Aborted"}, nil)
			}
		}()
	}
}

// closed reports whether ch is closed.
func closed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// wait waits for ch, unless the page crashes or time runs out.
func (t *tab) wait(ctx context.Context, ch chan struct{}) error {
	select {
	case <-ch:
		return nil
	case <-t.crashed:
		return errors.New("Chromium's page crashed")
	case <-ctx.Done():
		return ctx.Err()
	}
}

// opened confirms that the tab shows url itself, not Chromium's page
// saying it could not be read.
func (t *tab) opened(ctx context.Context, url string) error {
	var tree struct {
		FrameTree struct {
			Frame struct {
				URL         string `json:"url"`
				Unreachable string `json:"unreachableUrl"`
			} `json:"frame"`
		} `json:"frameTree"`
	}
	if err := t.b.call(ctx, t.session, "Page.getFrameTree", nil, &tree); err != nil {
		return err
	}
	if f := tree.FrameTree.Frame; f.URL != url || f.Unreachable != "" {
		return errors.New("Chromium could not read the page")
	}
	return nil
}

// still stops what moves on a page, so the same page gives the same pixels
// every time: animations, transitions, a blinking caret, the ring around a
// focused input.
const still = `*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; }
:focus, :focus-visible { outline: none !important; }`

// draw stops what moves and takes a full-page picture. Settled, it takes
// pictures until two in a row are the same: what the page does after its
// load event (an input it focuses, an image decoded late) has then
// happened.
func (t *tab) draw(ctx context.Context, settle bool) ([]byte, error) {
	if err := t.stand(ctx); err != nil {
		return nil, err
	}
	var pic *image.RGBA
	var last [sha256.Size]byte
	for i := range tries {
		var err error
		if pic, err = t.whole(ctx, pic); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(pic.Pix) // the last picture's sum, not its 100 MB of pixels, is kept
		if !settle || i > 0 && sum == last {
			var buf bytes.Buffer
			err := png.Encode(&buf, pic) // opaque: stored as RGB
			return buf.Bytes(), err
		}
		last = sum
	}
	return nil, fmt.Errorf("the page changed in each of %d pictures taken", tries)
}

// tries is how many pictures draw takes, at most, to see two the same.
const tries = 5

// band is the height of one screenshot: the compositor draws no more than
// its largest texture at once.
const band = 4096

// whole takes a picture of the page: its height measured, then cut at
// MaxHeight, drawn in bands and joined on white, into pic when it has that
// height.
func (t *tab) whole(ctx context.Context, pic *image.RGBA) (*image.RGBA, error) {
	var m struct {
		Content struct {
			Height float64 `json:"height"`
		} `json:"cssContentSize"`
	}
	if err := t.b.call(ctx, t.session, "Page.getLayoutMetrics", nil, &m); err != nil {
		return nil, err
	}
	h := min(MaxHeight, max(1, int(math.Ceil(m.Content.Height))))
	whole := pic
	if whole == nil || whole.Bounds().Dy() != h {
		whole = image.NewRGBA(image.Rect(0, 0, Width, h))
	}
	draw.Draw(whole, whole.Bounds(), image.White, image.Point{}, draw.Src)
	for top := 0; top < h; top += band {
		part, err := t.shot(ctx, top, min(band, h-top))
		if err != nil {
			return nil, err
		}
		draw.Draw(whole, image.Rect(0, top, Width, top+part.Bounds().Dy()), part, part.Bounds().Min, draw.Over)
	}
	return whole, nil
}

// stand adds a style sheet that stops what moves (still).
func (t *tab) stand(ctx context.Context) error {
	for _, m := range []string{"DOM.enable", "CSS.enable"} {
		if err := t.b.call(ctx, t.session, m, nil, nil); err != nil {
			return err
		}
	}
	var sheet struct {
		ID string `json:"styleSheetId"`
	}
	if err := t.b.call(ctx, t.session, "CSS.createStyleSheet", map[string]any{"frameId": t.target}, &sheet); err != nil {
		return err
	}
	return t.b.call(ctx, t.session, "CSS.setStyleSheetText", map[string]any{"styleSheetId": sheet.ID, "text": still}, nil)
}

// shot takes the picture of h pixels of the page from top.
func (t *tab) shot(ctx context.Context, top, h int) (image.Image, error) {
	var out struct {
		Data string `json:"data"`
	}
	err := t.b.call(ctx, t.session, "Page.captureScreenshot", map[string]any{"format": "png", "captureBeyondViewport": true,
		"fromSurface": true, "clip": map[string]any{"x": 0, "y": top, "width": Width, "height": h, "scale": 1}}, &out)
	if err != nil {
		return nil, err
	}
	data, err := base64.StdEncoding.DecodeString(out.Data)
	if err != nil {
		return nil, fmt.Errorf("a screenshot: %w", err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("a screenshot: %w", err)
	}
	return img, nil
}
