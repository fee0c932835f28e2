// Package receive is the one-time upload page 'vault receive' serves to a
// phone on the local network: a form that works without JavaScript (and
// with curl -F), a little script that adds progress, and the checks around
// it: a 128-bit token in the URL compared in constant time, 404 for
// anything else (counted in the log), an idle expiry, size limits per file
// and per session, and limits on what connections without the token can
// hold (Limits). Storing is the caller's (Config.Save): every file goes
// through the vault's own checks there.
package receive

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Choice is an order the page offers to file uploads under.
type Choice struct {
	Ref   string // ORD-1
	Label string // AliExpress 8123456789012345
}

// Result is what became of one uploaded file.
type Result struct {
	Name string `json:"name"`
	ID   string `json:"id,omitempty"`   // EV-7, when kept
	Note string `json:"note,omitempty"` // "same content as EV-3, kept once"
	Err  string `json:"error,omitempty"`
}

// Config is one receiving session.
type Config struct {
	Token    string
	MaxFile  int64 // bytes a file
	MaxTotal int64 // bytes a session
	Idle     time.Duration
	Orders   []Choice
	Limits   Limits
	// Save stores one file (at most max bytes) under order ("" for the
	// inbox); an error fails the whole request.
	Save func(ctx context.Context, name string, r io.Reader, max int64, order string) (Result, error)
	Log  func(format string, args ...any)
	Now  func() time.Time
}

// maxParts bounds the parts of one request; maxField a form value.
const (
	maxParts = 1000
	maxField = 64
)

// Handler serves a session's page and uploads.
type Handler struct {
	cfg     Config
	mu      sync.Mutex
	total   int64 // bytes received this session, kept or not
	last    time.Time
	saving  chan struct{} // bounds the files checked at once: decoding an image takes memory
	conns   *listener     // while serving
	refused refusals      // since the last report
	dropped int64         // connections closed over the limits, as last reported
}

// maxSaving is how many files are stored (and their images decoded) at once.
const maxSaving = 2

// NewToken is 128 random bits, hex.
func NewToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// New makes a session's handler; its idle clock starts now.
func New(cfg Config) *Handler {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = func(string, ...any) {}
	}
	cfg.Limits = cfg.Limits.withDefaults()
	return &Handler{cfg: cfg, last: cfg.Now(), saving: make(chan struct{}, maxSaving)}
}

// Expired reports whether the session has been idle longer than allowed.
func (h *Handler) Expired() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.cfg.Now().Sub(h.last) > h.cfg.Idle
}

// ServeHTTP answers /TOKEN (the page, and uploads to it) and /TOKEN/app.js;
// everything else, a wrong token and an expired session are 404.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	token, rest, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	switch {
	case subtle.ConstantTimeCompare([]byte(token), []byte(h.cfg.Token)) != 1:
		h.refuse(w, r, noToken)
		return
	case h.Expired():
		h.refuse(w, r, expired)
		return
	}
	if c, ok := r.Context().Value(connKey{}).(*conn); ok {
		c.prove()
	}
	h.touch()
	header(w)
	switch {
	case rest == "" && r.Method == http.MethodGet:
		h.page(w, nil)
	case rest == "" && r.Method == http.MethodPost:
		h.upload(w, r)
	case rest == "app.js" && r.Method == http.MethodGet:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, script)
	default:
		h.refuse(w, r, noPage)
	}
}

func (h *Handler) touch() {
	h.mu.Lock()
	h.last = h.cfg.Now()
	h.mu.Unlock()
}

// header keeps the page to itself: no referrer (the URL holds the token),
// no cache, no outside resources.
func header(w http.ResponseWriter) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; img-src 'self' data:")
}

// refuse answers 404 and closes the connection without reading the body:
// a body trickled in slowly must not hold the server (and its shutdown).
// net/http would read up to 256 KB of it after the handler, with no
// deadline; a hijacked connection is the handler's to close. The refusal
// is counted, not logged one by one (report): a flood of them would bury
// the log. The log names no path: it may hold the token, or something
// close to it, or text made to look like a log line.
func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, why reason) {
	h.countRefusal(r, why)
	c, _, err := http.NewResponseController(w).Hijack()
	if err != nil { // not HTTP/1 on a connection of its own
		w.Header().Set("Connection", "close")
		http.NotFound(w, r)
		return
	}
	c.SetWriteDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(c, notFound)
	c.Close()
}

// notFound is http.NotFound's answer, on a connection about to close.
const notFound = "HTTP/1.1 404 Not Found\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"X-Content-Type-Options: nosniff\r\n" +
	"Content-Length: 19\r\n" +
	"Connection: close\r\n" +
	"\r\n" +
	"404 page not found\n"

// upload stores each file part of a multipart form, in order: the order
// field, when present, comes first (the page puts it first).
func (h *Handler) upload(w http.ResponseWriter, r *http.Request) {
	r.Body = &idleBody{ReadCloser: r.Body, rc: http.NewResponseController(w), idle: h.cfg.Limits.BodyIdle}
	mr, err := r.MultipartReader()
	if err != nil {
		http.Error(w, "want a multipart/form-data upload", http.StatusBadRequest)
		return
	}
	var results []Result
	order := ""
	for parts := 0; ; parts++ {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil || parts >= maxParts {
			h.fail(w, r, results, fmt.Errorf("the upload broke off or is malformed: %v", cmpErr(err, "too many parts")))
			return
		}
		switch {
		case p.FormName() == "order":
			if order, err = h.orderField(p); err != nil {
				h.fail(w, r, results, err)
				return
			}
		case p.FileName() != "":
			res, err := h.save(r.Context(), p, order)
			if err != nil {
				h.fail(w, r, results, err)
				return
			}
			results = append(results, res)
		}
		p.Close()
	}
	h.respond(w, r, http.StatusOK, results)
}

func cmpErr(err error, otherwise string) string {
	if err != nil {
		return err.Error()
	}
	return otherwise
}

// orderField reads the order chosen on the page: one offered, or none.
func (h *Handler) orderField(p io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, maxField+1))
	if err != nil || len(b) > maxField {
		return "", errors.New("bad order field")
	}
	ref := strings.TrimSpace(string(b))
	if ref == "" {
		return "", nil
	}
	for _, c := range h.cfg.Orders {
		if c.Ref == ref {
			return ref, nil
		}
	}
	return "", fmt.Errorf("order %q is not one this page offers", ref)
}

// sessionFull is what the phone is told of a file the session's
// allowance has no room for.
const sessionFull = "this session has received all it takes; start a new one on the computer"

// save stores one file within what is left of the session's allowance.
// A file takes from it what it sends, as it arrives: files sent at once
// share what is left by their sizes, not each holding a whole file's limit.
func (h *Handler) save(ctx context.Context, p *multipart.Part, order string) (Result, error) {
	name := p.FileName()
	h.mu.Lock()
	full := h.total >= h.cfg.MaxTotal
	h.mu.Unlock()
	if full {
		return Result{Name: name, Err: sessionFull}, nil
	}
	h.saving <- struct{}{}
	c := &counter{r: p, take: h.take}
	res, err := h.cfg.Save(ctx, name, c, h.cfg.MaxFile, order)
	<-h.saving
	h.touch()
	if c.full {
		h.cfg.Log("refused a file: the session's %g MB are used up", float64(h.cfg.MaxTotal)/1e6)
		return Result{Name: name, Err: sessionFull}, nil
	}
	return res, err
}

// take counts n bytes received and keeps the session awake while they
// come (a long upload is no idle session); false once the session has
// received more than it takes.
func (h *Handler) take(n int64) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.total += n
	h.last = h.cfg.Now()
	return h.total <= h.cfg.MaxTotal
}

// fail answers a request that could not be read to its end: the files
// before the failure are kept and listed, the one it broke in is not.
// The phone is told what it can act on; the computer's log has the detail.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, results []Result, err error) {
	h.cfg.Log("upload from %s: %v", r.RemoteAddr, err)
	results = append(results, Result{Err: "the upload broke off or was not understood; the files above were kept, send the rest again"})
	h.respond(w, r, http.StatusBadRequest, results)
}

func (h *Handler) respond(w http.ResponseWriter, r *http.Request, status int, results []Result) {
	if wantsJSON(r) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(results)
		return
	}
	w.WriteHeader(status)
	h.page(w, results)
}

func wantsJSON(r *http.Request) bool {
	for _, v := range strings.Split(r.Header.Get("Accept"), ",") {
		if t, _, _ := mime.ParseMediaType(strings.TrimSpace(v)); t == "application/json" {
			return true
		}
	}
	return false
}

// errSessionFull ends a file the session has no room left for.
var errSessionFull = errors.New("the session has received all it takes")

// counter takes the bytes read through it from the session's allowance,
// and fails once it is used up.
type counter struct {
	r    io.Reader
	take func(int64) bool
	full bool
}

func (c *counter) Read(p []byte) (int, error) {
	if c.full {
		return 0, errSessionFull
	}
	n, err := c.r.Read(p)
	if n > 0 && !c.take(int64(n)) {
		c.full = true
		return 0, errSessionFull
	}
	return n, err
}

// idleBody reads a request's body with a deadline for each read, started
// again before every one: an upload ends when it stalls for the idle time,
// not when it has taken long. Once the body has ended (or failed) the
// deadline is left alone: net/http then watches the connection itself.
type idleBody struct {
	io.ReadCloser
	rc   *http.ResponseController
	idle time.Duration
	done bool
}

func (b *idleBody) Read(p []byte) (int, error) {
	if b.done {
		return b.ReadCloser.Read(p)
	}
	b.rc.SetReadDeadline(time.Now().Add(b.idle)) // no deadlines (a test's recorder): read without
	n, err := b.ReadCloser.Read(p)
	if err != nil {
		b.done = true
	}
	return n, err
}
