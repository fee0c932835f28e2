package pages

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Captured is a public page as vault opened it: the archive Chromium
// saved of it and its picture, taken at one time.
type Captured struct {
	Address string    // where the page ended, after redirects
	Title   string    // the page's title
	At      time.Time // when the archive was taken
	MHTML   []byte    // the page and its parts, as "Save page as ... MHTML" keeps them
	PNG     []byte    // the whole page, 1280 pixels wide, cut at MaxHeight
}

// WallError is a page that is not there for vault to keep: a sign-in form
// or a check for robots stands in front of it.
type WallError struct {
	Address string // where the page ended
	Reason  string
}

func (e *WallError) Error() string { return e.Address + ": " + e.Reason }

// settleTime is how long Capture waits after the load event for the page's
// scripts to fetch what it shows (a tracking page's events), at most.
const settleTime = 10 * time.Second

// Capture opens a public page in headless Chromium, network and scripts on,
// in a fresh profile: it waits for the load event and for the network to
// go quiet (at most settleTime), then keeps the page as MHTML and as a
// full-page PNG, dated by now. A page that asks to sign in or checks for
// robots is a *WallError, and nothing of it is kept.
func Capture(ctx context.Context, address string, now func() time.Time) (Captured, error) {
	u, err := url.Parse(address)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Captured{}, fmt.Errorf("%q is not a web address (http:// or https://)", address)
	}
	exe, err := FindChromium()
	if err != nil {
		return Captured{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	b, err := launch(exe)
	if err != nil {
		return Captured{}, err
	}
	defer b.close()
	c, err := b.capture(ctx, u.String(), now)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return Captured{}, fmt.Errorf("the page did not load within %s: %w", limit, ctx.Err())
	}
	return c, cmpOr(ctx.Err(), err)
}

// capture opens the page and keeps it, unless a wall stands in front.
func (b *browser) capture(ctx context.Context, address string, now func() time.Time) (Captured, error) {
	t, err := b.open(ctx, address, false)
	if err != nil {
		return Captured{}, err
	}
	quiet, stop := context.WithTimeout(ctx, settleTime)
	err = t.wait(quiet, t.idle)
	stop()
	if err != nil && ctx.Err() != nil {
		return Captured{}, err
	} // else a page still busy after settleTime is kept as it is
	var seen struct {
		Result struct {
			Value sight `json:"value"`
		} `json:"result"`
	}
	if err := b.call(ctx, t.session, "Runtime.evaluate", map[string]any{"expression": look, "returnByValue": true}, &seen); err != nil {
		return Captured{}, err
	}
	s := seen.Result.Value
	t.mu.Lock()
	s.Status = t.status
	t.mu.Unlock()
	if reason := wall(s); reason != "" {
		return Captured{}, &WallError{Address: s.Address, Reason: reason}
	}
	var snap struct {
		Data string `json:"data"`
	}
	if err := b.call(ctx, t.session, "Page.captureSnapshot", map[string]any{"format": "mhtml"}, &snap); err != nil {
		return Captured{}, err
	}
	c := Captured{Address: s.Address, Title: s.Title, At: now(), MHTML: []byte(snap.Data)}
	if len(c.MHTML) > MaxPage {
		return Captured{}, fmt.Errorf("the page's archive is %d MB, over the %d MB vault keeps", len(c.MHTML)>>20, MaxPage>>20)
	}
	c.PNG, err = t.draw(ctx, false)
	return c, err
}

// sight is what the page shows that tells a wall from the page itself.
type sight struct {
	Address  string   `json:"address"`  // where the page ended
	Title    string   `json:"title"`    // its title
	Text     string   `json:"text"`     // its visible text (the first 200,000 characters)
	Password bool     `json:"password"` // a password field is visible
	Frames   []string `json:"frames"`   // the addresses of its frames
	Status   int      `json:"-"`        // the HTTP status of its document
}

// look is the script that reads a sight off the page.
const look = `(() => {
	const shown = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
	return {
		address: location.href,
		title: document.title,
		text: (document.body ? document.body.innerText : "").slice(0, 200000),
		password: [...document.querySelectorAll("input[type=password]")].some(shown),
		frames: [...document.querySelectorAll("iframe")].map(f => f.src),
	};
})()`

// short is the number of words under which a page is a form, not a
// listing or a tracking history: a sign-in page says little else.
const short = 300

// Words and addresses that give a wall away. A page's own words are read
// in lower case; the weak ones count only on a short page (a tracking
// page has "Sign in" in its header). The addresses' words are whole parts
// of the path, so that /robot-vacuum is no robot check.
var (
	loginParts    = []string{"login", "log-in", "signin", "sign-in", "sign_in", "logon", "auth", "oauth", "sso", "passport"}
	loginHosts    = []string{"login.", "signin.", "accounts.", "passport.", "auth.", "sso."}
	captchaParts  = []string{"challenge", "punish", "sorry", "validatecaptcha", "captcha"}
	captchaIn     = []string{"captcha", "_____tmd_____", "cdn-cgi/challenge-platform"}
	captchaFrames = []string{"recaptcha", "hcaptcha", "challenges.cloudflare.com", "geetest", "arkoselabs", "funcaptcha",
		"captcha-delivery.com"}
	captchaWords = []string{"captcha", "verify you are human", "verify that you are human", "are you a robot",
		"not a robot", "robot check", "unusual traffic", "ikke en robot", "human verification"}
	captchaWeak = []string{"checking your browser", "just a moment", "press and hold", "press & hold", "slide to verify",
		"security check", "access denied", "enable javascript and cookies"}
	loginWeak = []string{"sign in to continue", "log in to continue", "please sign in", "please log in",
		"you need to sign in", "you must be logged in", "you must log in", "sign in to see", "log in to see",
		"logg inn for å", "du må logge inn", "logga in för att", "melde dich an", "connectez-vous"}
)

// wall says why a page vault opened is not the page itself but a sign-in
// form or a check for robots, or "" when it is the page.
func wall(s sight) string {
	host, parts, path := split(s.Address)
	text := strings.ToLower(s.Title + "\n" + s.Text)
	isShort := len(strings.Fields(text)) < short
	const login, robots = "the page asks to sign in", "the page checks for robots (a captcha)"
	switch {
	case s.Status == 401 || s.Status == 407:
		return fmt.Sprintf("%s (HTTP %d)", login, s.Status)
	case s.Status == 403 || s.Status == 429:
		return fmt.Sprintf("the site refused vault (HTTP %d): it wants a login, or takes vault for a robot", s.Status)
	case anyOf(parts, captchaParts) || anyIn(path, captchaIn) || anyIn(text, captchaWords) || anyFrame(s.Frames, captchaFrames):
		return robots
	case isShort && anyIn(text, captchaWeak):
		return robots
	case anyOf(parts, loginParts) || hostStarts(host, loginHosts):
		return login
	case isShort && (s.Password || anyIn(text, loginWeak)):
		return login
	}
	return ""
}

// split reads an address in lower case: its host, the parts of its path
// (without an extension: login.php is login) and its path and query.
func split(address string) (host string, parts []string, path string) {
	u, err := url.Parse(strings.ToLower(address))
	if err != nil {
		return "", nil, strings.ToLower(address)
	}
	for _, p := range strings.Split(u.Path, "/") {
		if i := strings.IndexByte(p, '.'); i > 0 {
			p = p[:i]
		}
		parts = append(parts, p)
	}
	return u.Hostname(), parts, u.EscapedPath() + "?" + u.RawQuery
}

// anyOf reports whether one of parts is one of words.
func anyOf(parts, words []string) bool {
	for _, p := range parts {
		if slices.Contains(words, p) {
			return true
		}
	}
	return false
}

// hostStarts reports whether a host starts with one of prefixes.
func hostStarts(host string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(host, p) {
			return true
		}
	}
	return false
}

func anyIn(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func anyFrame(frames, hosts []string) bool {
	for _, f := range frames {
		if anyIn(strings.ToLower(f), hosts) {
			return true
		}
	}
	return false
}
