package pages

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ErrNoChromium is returned when no headless Chromium is installed: a
// page's picture cannot be made, and its text is shown instead.
var ErrNoChromium = errors.New("Chromium is not installed (apt-get install chromium)")

// FindChromium returns the path of the Chromium program, or ErrNoChromium.
func FindChromium() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", ErrNoChromium
}

// browser is one headless Chromium, spoken to with the DevTools protocol
// over --remote-debugging-pipe: JSON messages each ended by a NUL byte, our
// commands on its fd 3, its answers and events on its fd 4. It runs in a
// temp dir of its own (its profile), removed by close.
type browser struct {
	cmd    *exec.Cmd
	dir    string
	send   io.WriteCloser
	sendMu sync.Mutex
	mu     sync.Mutex
	next   int64
	calls  map[int64]chan reply
	on     func(e cdpEvent) // what is done with events, one at a time, in order
	events chan cdpEvent    // from the reader to the goroutine that calls on
	exited chan struct{}    // closed when Chromium's answers end
	stderr bytes.Buffer     // its last words, for an error
}

// cdpEvent is a message Chromium sends unasked.
type cdpEvent struct {
	method, session string
	params          json.RawMessage
}

// message is any message on the pipe: a command, its reply or an event.
type message struct {
	ID      int64           `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  any             `json:"params,omitempty"`
	Session string          `json:"sessionId,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *struct {
		Message string `json:"message"`
	} `json:"error,omitempty"`
}

type reply struct {
	result json.RawMessage
	err    error
}

// commonFlags are the flags every run of Chromium gets: headless, a fresh
// profile, no first-run work, no background traffic of its own, a fixed
// scale and text rendering that does not depend on the screen.
func commonFlags(dir string) []string {
	flags := []string{"--headless", "--remote-debugging-pipe", "--user-data-dir=" + filepath.Join(dir, "profile"),
		"--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
		"--disable-sync", "--disable-default-apps", "--disable-extensions", "--disable-breakpad", "--disable-crash-reporter",
		"--disable-dev-shm-usage", "--disable-gpu", "--mute-audio", "--hide-scrollbars", "--force-device-scale-factor=1",
		"--font-render-hinting=none", "--disable-lcd-text", "--disable-font-subpixel-positioning", "--force-color-profile=srgb",
		"--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,DialMediaRouteProvider",
		"about:blank"}
	if os.Geteuid() == 0 {
		flags = append(flags, "--no-sandbox") // Chromium refuses to run as root with its sandbox
	}
	return flags
}

// launch starts Chromium with flags in a new temp dir. The caller must
// close it.
func launch(exe string, flags ...string) (*browser, error) {
	dir, err := os.MkdirTemp("", "vault-chromium-")
	if err != nil {
		return nil, err
	}
	toChrome, ours, err := os.Pipe()
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	theirs, fromChrome, err := os.Pipe()
	if err != nil {
		toChrome.Close()
		ours.Close()
		os.RemoveAll(dir)
		return nil, err
	}
	b := &browser{dir: dir, send: ours, calls: map[int64]chan reply{}, events: make(chan cdpEvent, 256), exited: make(chan struct{})}
	b.cmd = exec.Command(exe, append(commonFlags(dir), flags...)...)
	b.cmd.ExtraFiles = []*os.File{toChrome, fromChrome} // fd 3, fd 4
	b.cmd.Stderr = &tail{mu: &b.mu, buf: &b.stderr}
	b.cmd.SysProcAttr = processGroup()
	// Its caches and font configuration land in the temp dir too, and its
	// temp files unless the dir is too long a path for the sockets it makes
	// there (108 bytes on Linux).
	b.cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"))
	if len(dir) <= maxTempDir {
		b.cmd.Env = append(b.cmd.Env, "TMPDIR="+dir)
	}
	err = b.cmd.Start()
	toChrome.Close()
	fromChrome.Close()
	if err != nil {
		ours.Close()
		theirs.Close()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("start Chromium: %w", err)
	}
	go b.read(theirs)
	go b.dispatch()
	return b, nil
}

// dispatch hands events to b.on in the order they came. A handler must not
// wait for a reply (the reader could be waiting for room in b.events): it
// sends its commands from a goroutine of their own.
func (b *browser) dispatch() {
	for e := range b.events {
		if on := b.handler(); on != nil {
			on(e)
		}
	}
}

// maxTempDir is the longest temp dir Chromium's sockets fit under: it adds
// "/org.chromium.Chromium.XXXXXX/SingletonSocket".
const maxTempDir = 60

// maxMessage bounds one message from Chromium: a screenshot of the
// tallest page allowed, as base64, with room.
const maxMessage = 512 << 20

// read delivers replies to their callers and events to b.on, until the
// pipe closes.
func (b *browser) read(r io.ReadCloser) {
	defer close(b.exited)
	defer close(b.events)
	defer r.Close()
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		data, err := readMessage(br)
		if err != nil {
			b.fail(fmt.Errorf("Chromium stopped: %w%s", err, b.lastWords()))
			return
		}
		var m message
		var params struct {
			Params json.RawMessage `json:"params"`
		}
		if json.Unmarshal(data, &m) != nil || json.Unmarshal(data, &params) != nil {
			continue
		}
		if m.ID == 0 {
			if m.Method != "" {
				b.events <- cdpEvent{m.Method, m.Session, params.Params}
			}
			continue
		}
		b.mu.Lock()
		ch := b.calls[m.ID]
		delete(b.calls, m.ID)
		b.mu.Unlock()
		if ch == nil {
			continue
		}
		if m.Error != nil {
			ch <- reply{err: errors.New(m.Error.Message)}
		} else {
			ch <- reply{result: m.Result}
		}
	}
}

// readMessage reads up to the NUL that ends a message.
func readMessage(br *bufio.Reader) ([]byte, error) {
	var out []byte
	for {
		chunk, err := br.ReadSlice(0)
		out = append(out, chunk...)
		if len(out) > maxMessage {
			return nil, errors.New("a message over the size limit")
		}
		if err == nil {
			return out[:len(out)-1], nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
	}
}

func (b *browser) handler() func(cdpEvent) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.on
}

// listen sets what is done with events.
func (b *browser) listen(on func(cdpEvent)) {
	b.mu.Lock()
	b.on = on
	b.mu.Unlock()
}

// fail ends every call waiting for a reply.
func (b *browser) fail(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id, ch := range b.calls {
		ch <- reply{err: err}
		delete(b.calls, id)
	}
	b.calls = nil
}

// call sends a command (to a page when session is set) and waits for its
// reply, decoded into out when out is not nil.
func (b *browser) call(ctx context.Context, session, method string, params, out any) error {
	ch := make(chan reply, 1)
	b.mu.Lock()
	if b.calls == nil {
		b.mu.Unlock()
		return fmt.Errorf("%s: Chromium stopped%s", method, b.lastWords())
	}
	b.next++
	id := b.next
	b.calls[id] = ch
	b.mu.Unlock()
	if params == nil {
		params = struct{}{}
	}
	data, err := json.Marshal(message{ID: id, Method: method, Params: params, Session: session})
	if err != nil {
		return err
	}
	b.sendMu.Lock()
	_, err = b.send.Write(append(data, 0))
	b.sendMu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.err != nil {
			return fmt.Errorf("%s: %w", method, r.err)
		}
		if out != nil {
			return json.Unmarshal(r.result, out)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// newTab opens a new tab and returns its target (also its main frame's
// id) and the session that speaks to it.
func (b *browser) newTab(ctx context.Context) (target, session string, err error) {
	var t struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &t); err != nil {
		return "", "", err
	}
	var attached struct {
		SessionID string `json:"sessionId"`
	}
	err = b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": t.TargetID, "flatten": true}, &attached)
	return t.TargetID, attached.SessionID, err
}

// close ends Chromium and every process it started, and removes its temp
// dir: politely first (Browser.close), then by killing its process group.
func (b *browser) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = b.call(ctx, "", "Browser.close", nil, nil)
	b.send.Close()
	select {
	case <-b.exited:
	case <-ctx.Done():
	}
	killGroup(b.cmd)
	_ = b.cmd.Wait()
	os.RemoveAll(b.dir)
}

// lastWords is the end of what Chromium wrote to stderr, for an error.
func (b *browser) lastWords() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := strings.TrimSpace(b.stderr.String())
	if s == "" {
		return ""
	}
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return " (" + s + ")"
}

// tail keeps the last few kilobytes written to it.
type tail struct {
	mu  *sync.Mutex
	buf *bytes.Buffer
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if t.buf.Len() > 8<<10 {
		t.buf.Next(t.buf.Len() - 4<<10)
	}
	return len(p), nil
}
