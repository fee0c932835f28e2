package receive_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"vault"
	"vault/casework"
	"vault/internal/testimage"
	"vault/receive"
)

// session is a receive handler storing into a real vault in a temp dir.
type session struct {
	svc   *casework.Service
	h     *receive.Handler
	base  string // http://127.0.0.1:port
	url   string // base/token
	token string
	stop  func() // stops serving; the session's final report is logged then
	now   time.Time
	mu    sync.Mutex
	log   []string
	order vault.OrderID
}

// newSession serves the handler alone, on a test server.
func newSession(t *testing.T, maxFile, maxTotal int64) *session {
	t.Helper()
	s := makeSession(t, maxFile, maxTotal, receive.Limits{})
	srv := httptest.NewServer(s.h)
	t.Cleanup(srv.Close)
	s.stop = srv.Close
	s.base = srv.URL
	s.url = s.base + "/" + s.token
	return s
}

// newServed serves the session as 'vault receive' does (Handler.Serve),
// within lim, until the test ends or it calls s.stop.
func newServed(t *testing.T, maxFile, maxTotal int64, lim receive.Limits) *session {
	t.Helper()
	s := makeSession(t, maxFile, maxTotal, lim)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.h.Serve(ctx, ln) }()
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
	}
	t.Cleanup(s.stop)
	s.base = "http://" + ln.Addr().String()
	s.url = s.base + "/" + s.token
	return s
}

func makeSession(t *testing.T, maxFile, maxTotal int64, lim receive.Limits) *session {
	t.Helper()
	ctx := context.Background()
	svc, err := casework.Create(ctx, filepath.Join(t.TempDir(), "v"), time.Now, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	s := &session{svc: svc, now: time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)}
	if s.order, err = svc.DB.AddOrder(ctx, vault.Order{Marketplace: vault.AliExpress, Number: "8123456789012345"}); err != nil {
		t.Fatal(err)
	}
	token, err := receive.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	s.token = token
	s.h = receive.New(receive.Config{Token: token, MaxFile: maxFile, MaxTotal: maxTotal, Idle: 10 * time.Minute, Limits: lim,
		Orders: []receive.Choice{{Ref: s.order.String(), Label: "AliExpress 8123456789012345"}},
		Now:    func() time.Time { s.mu.Lock(); defer s.mu.Unlock(); return s.now },
		Log: func(f string, args ...any) {
			s.mu.Lock()
			s.log = append(s.log, fmt.Sprintf(f, args...))
			s.mu.Unlock()
		},
		Save: func(ctx context.Context, name string, r io.Reader, max int64, order string) (receive.Result, error) {
			links := vault.Links{Inbox: true}
			if order != "" {
				links = vault.Links{Orders: []vault.OrderID{s.order}}
			}
			got, err := svc.Receive(ctx, name, r, max, links)
			res := receive.Result{Name: got.Path, ID: got.Added.ID.String()}
			if got.Err != nil {
				res = receive.Result{Name: got.Path, Err: got.Err.Error()}
			}
			return res, err
		}})
	return s
}

// form is a multipart body: an order field (when not "-") and files.
func form(t *testing.T, order string, files map[string][]byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	if order != "-" {
		w.WriteField("order", order)
	}
	for _, name := range sortedKeys(files) {
		fw, _ := w.CreateFormFile("files", name)
		fw.Write(files[name])
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

func sortedKeys(m map[string][]byte) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

func (s *session) post(t *testing.T, url string, body io.Reader, ctype string) (int, []receive.Result) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, body)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rs []receive.Result
	json.NewDecoder(resp.Body).Decode(&rs)
	return resp.StatusCode, rs
}

// refusedPost posts body to url and says what came back unless it was a
// refusal: a 404, or a connection reset while the body was still going
// out, as a refusal closes the connection without reading the body.
func refusedPost(t *testing.T, url string, body []byte, ctype string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	resp, err := http.DefaultClient.Do(req)
	switch {
	case errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE):
		return ""
	case err != nil:
		return err.Error()
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		return resp.Status
	}
	return ""
}

func (s *session) stored(t *testing.T) int {
	t.Helper()
	es, err := s.svc.DB.ListEvidence(context.Background(), storeFilterAll())
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// TestTokenAndExpiry: no token, a wrong one, one a character short, and
// the right one after the idle time are all 404, counted in one line of
// the log without the token; nothing is stored.
func TestTokenAndExpiry(t *testing.T) {
	s := newSession(t, 10<<20, 100<<20)
	shot := testimage.PhoneScreenshot(1)
	body, ctype := form(t, "", map[string][]byte{"a.png": shot})
	token := s.token
	for _, url := range []string{s.base, s.base + "/", s.base + "/" + strings.Repeat("0", 32), s.url[:len(s.url)-1],
		s.url + "x", s.base + "/../" + token} {
		if got := refusedPost(t, url, body.Bytes(), ctype); got != "" {
			t.Errorf("POST %s: %s, want 404", url, got)
		}
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", url, resp.StatusCode)
		}
	}
	if resp, _ := http.Get(s.url); resp.StatusCode != http.StatusOK {
		t.Fatalf("the page: %d", resp.StatusCode)
	}
	s.mu.Lock()
	s.now = s.now.Add(11 * time.Minute)
	s.mu.Unlock()
	if got := refusedPost(t, s.url, body.Bytes(), ctype); got != "" {
		t.Errorf("after the idle time: %s, want 404", got)
	}
	if n := s.stored(t); n != 0 {
		t.Errorf("%d stored, want none", n)
	}
	s.h.Report()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.log {
		if strings.Contains(l, token) {
			t.Errorf("the log shows the token: %s", l)
		}
	}
	want := "refused 13 requests from 1 address (127.0.0.1): 12 without the token, 1 after the session expired"
	if len(s.log) != 1 || s.log[0] != want {
		t.Errorf("the log:\n%s\nwant the one line\n%s", strings.Join(s.log, "\n"), want)
	}
}

// TestLimits: a file over the file limit is refused whole, a session's
// total (which counts what it was sent, refused or not) stops further
// files, an order the page did not offer fails.
func TestLimits(t *testing.T) {
	s := newSession(t, 200_000, 500_001)
	big := bytes.Repeat([]byte("x"), 200_001)
	body, ctype := form(t, "", map[string][]byte{"big.txt": big})
	code, rs := s.post(t, s.url, body, ctype)
	if code != http.StatusOK || len(rs) != 1 || !strings.Contains(rs[0].Err, "larger than the limit") {
		t.Errorf("oversized: %d %+v", code, rs)
	}
	if n := s.stored(t); n != 0 {
		t.Errorf("%d stored after an oversized file", n)
	}
	for i := range 3 {
		body, ctype = form(t, "", map[string][]byte{fmt.Sprintf("f%d.txt", i): bytes.Repeat([]byte{byte('a' + i)}, 150_000)})
		s.post(t, s.url, body, ctype)
	}
	if n := s.stored(t); n != 2 {
		t.Errorf("%d stored; after 200 kB refused, the session's 500 kB take two files of 150 kB and refuse the third", n)
	}
	body, ctype = form(t, "ORD-99", map[string][]byte{"a.txt": []byte("a")})
	if code, _ := s.post(t, s.url, body, ctype); code != http.StatusBadRequest {
		t.Errorf("an order not offered: %d", code)
	}
}

// TestConcurrentUploads: 12 phones' uploads at once all land, each once.
func TestConcurrentUploads(t *testing.T) {
	s := newSession(t, 10<<20, 1<<30)
	n := 12
	if testing.Short() {
		n = 6
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, ctype := form(t, "ORD-1", map[string][]byte{fmt.Sprintf("IMG_%d.PNG", i): testimage.PhoneScreenshot(uint64(i))})
			if code, rs := s.post(t, s.url, body, ctype); code != 200 || len(rs) != 1 || rs[0].Err != "" {
				t.Errorf("upload %d: %d %+v", i, code, rs)
			}
		}()
	}
	wg.Wait()
	es, _ := s.svc.DB.ListEvidence(context.Background(), storeFilterOrder(s.order))
	if len(es) != n {
		t.Errorf("%d filed under the order, want %d", len(es), n)
	}
}

// brokenReader gives n bytes of r, then fails as a dropped connection does.
type brokenReader struct {
	r io.Reader
	n int
}

func (b *brokenReader) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	p = p[:min(len(p), b.n)]
	n, err := b.r.Read(p)
	b.n -= n
	return n, err
}

// TestDroppedAndHostile: a connection dropped mid-file keeps the files
// before it and nothing of the broken one (no row, no blob, no temp file);
// malformed bodies are refused without a crash.
func TestDroppedAndHostile(t *testing.T) {
	s := newSession(t, 10<<20, 1<<30)
	body, ctype := form(t, "", map[string][]byte{"a.txt": []byte("first, whole"), "b.png": testimage.PhoneScreenshot(3)})
	req, _ := http.NewRequest(http.MethodPost, s.url, &brokenReader{r: body, n: body.Len() / 2})
	req.Header.Set("Content-Type", ctype)
	req.ContentLength = -1
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
	}
	time.Sleep(100 * time.Millisecond) // the handler sees the end of the body
	es, _ := s.svc.DB.ListEvidence(context.Background(), storeFilterAll())
	if len(es) != 1 || es[0].FileName != "a.txt" {
		t.Errorf("after a dropped upload: %+v; want a.txt alone", es)
	}
	if tmp, _ := filepath.Glob(filepath.Join(s.svc.Dir, "tmp", "*")); len(tmp) != 0 {
		t.Errorf("left in tmp: %v", tmp)
	}
	for _, bad := range []struct{ body, ctype string }{
		{"garbage", "multipart/form-data; boundary=x"},
		{"--x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"../../etc/passwd\"\r\n\r\nroot\r\n--x--\r\n", "multipart/form-data; boundary=x"},
		{"--x\r\n" + strings.Repeat("X-A: b\r\n", 20000) + "\r\n\r\n--x--", "multipart/form-data; boundary=x"},
		{strings.Repeat("--x\r\nContent-Disposition: form-data; name=\"z\"\r\n\r\n\r\n", 1200) + "--x--\r\n", "multipart/form-data; boundary=x"},
		{"a=b", "application/x-www-form-urlencoded"},
		{"--x\r\nContent-Disposition: form-data; name=\"order\"\r\n\r\n" + strings.Repeat("1", 100) + "\r\n--x--\r\n", "multipart/form-data; boundary=x"},
	} {
		code, _ := s.post(t, s.url, strings.NewReader(bad.body), bad.ctype)
		if code == http.StatusInternalServerError || code == 0 {
			t.Errorf("%.30q: %d", bad.body, code)
		}
	}
	es, _ = s.svc.DB.ListEvidence(context.Background(), storeFilterAll())
	for _, e := range es {
		if strings.Contains(e.FileName, "/") || strings.HasPrefix(e.FileName, ".") {
			t.Errorf("a file name with a path: %q", e.FileName)
		}
	}
}

// TestSessionTotalUnderParallelUploads: files sent at once share what is
// left of the session's allowance; they cannot each take all of it.
func TestSessionTotalUnderParallelUploads(t *testing.T) {
	s := newSession(t, 200_000, 500_000)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, ctype := form(t, "", map[string][]byte{fmt.Sprintf("f%d.txt", i): bytes.Repeat([]byte{byte('a' + i)}, 150_000)})
			s.post(t, s.url, body, ctype)
		}()
	}
	wg.Wait()
	var total int64
	es, _ := s.svc.DB.ListEvidence(context.Background(), storeFilterAll())
	for _, e := range es {
		total += e.Blob.Size
	}
	if total > 500_000 {
		t.Errorf("%d files, %d bytes kept; the session takes 500 kB", len(es), total)
	}
}

// TestRefusalDoesNotWaitForTheBody: a request without the token that
// trickles its body gets its 404 at once, on a connection then closed
// while the body still comes (#31, item 5): net/http would read on, up to
// 256 KB, with no deadline; it cannot hold the server or its shutdown.
func TestRefusalDoesNotWaitForTheBody(t *testing.T) {
	s := newSession(t, 1<<20, 1<<20)
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /nottoken HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n")
	conn.SetReadDeadline(time.Now().Add(30 * time.Second)) // a safety net: the answer comes at once
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no answer while the body trickles: %v", err)
	}
	if resp.StatusCode != http.StatusNotFound || !resp.Close {
		t.Errorf("%d, close %v", resp.StatusCode, resp.Close)
	}
	io.Copy(io.Discard, resp.Body)
	stop := make(chan struct{})
	defer close(stop)
	go func() { // the body goes on, a byte at a time
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				if _, err := conn.Write([]byte("1\r\nx\r\n")); err != nil {
					return
				}
			}
		}
	}()
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(30 * time.Second))
	if n, err := br.Read(make([]byte, 1)); n > 0 || err == nil || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Errorf("after the 404 the connection stays open while the body trickles: read %d, %v after %v", n, err, time.Since(start))
	}
	for _, l := range s.log {
		if strings.Contains(l, "nottoken") {
			t.Errorf("the log names the path: %s", l)
		}
	}
}
