package receive_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"vault/receive"
)

// TestSlowHonestUpload: an upload with the token that comes slowly (here
// over three seconds, in pieces 100 ms apart) is kept: the body's deadline
// is for each wait, not for the whole (#31, item 5). The deadlines are
// short for the test: 2 s to wait for more, 1 s for the header (with
// -short: 1.5 s in all, 1 s to wait).
func TestSlowHonestUpload(t *testing.T) {
	idle, pieces := 2*time.Second, 30
	if testing.Short() {
		idle, pieces = time.Second, 15 // still longer in all than the wait allowed
	}
	s := newServed(t, 1<<20, 10<<20, receive.Limits{BodyIdle: idle, Header: time.Second})
	body, ctype := form(t, "", map[string][]byte{"slow.txt": bytes.Repeat([]byte("slow but honest\n"), 3000)})
	size := body.Len()
	pr, pw := io.Pipe()
	go func() {
		b := body.Bytes()
		for i := range pieces {
			pw.Write(b[i*len(b)/pieces : (i+1)*len(b)/pieces])
			time.Sleep(100 * time.Millisecond)
		}
		pw.Close()
	}()
	req, _ := http.NewRequest(http.MethodPost, s.url, pr)
	req.ContentLength = int64(size)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "application/json")
	start := time.Now()
	code, rs := do(t, req)
	if code != http.StatusOK || len(rs) != 1 || rs[0].ID == "" || rs[0].Err != "" {
		t.Fatalf("a slow upload after %v: %d %+v", time.Since(start), code, rs)
	}
	t.Logf("%d bytes in %d pieces, kept after %v", size, pieces, time.Since(start).Round(time.Millisecond))
}

// TestStalledUploadEnds: an upload with the token that stops sending (and
// keeps its connection open) is answered and its connection let go once
// it has been still for Limits.BodyIdle; nothing of it is kept (#31, item
// 5). Before, it held the connection for as long as the sender liked.
func TestStalledUploadEnds(t *testing.T) {
	s := newServed(t, 1<<20, 10<<20, receive.Limits{BodyIdle: 300 * time.Millisecond})
	body, ctype := form(t, "", map[string][]byte{"stalled.txt": bytes.Repeat([]byte("x"), 100_000)})
	conn, err := net.Dial("tcp", strings.TrimPrefix(s.base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /%s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nAccept: application/json\r\nContent-Length: %d\r\n\r\n",
		s.token, ctype, body.Len())
	conn.Write(body.Bytes()[:body.Len()/2])
	start := time.Now()
	conn.SetReadDeadline(time.Now().Add(30 * time.Second)) // a safety net, not the verdict
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("a stalled upload: no answer after %v: %v", time.Since(start), err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a stalled upload: %d, want 400", resp.StatusCode)
	}
	t.Logf("a stalled upload answered after %v", time.Since(start).Round(time.Millisecond))
	if n := s.stored(t); n != 0 {
		t.Errorf("%d stored of a stalled upload", n)
	}
	if tmp, _ := filepath.Glob(filepath.Join(s.svc.Dir, "tmp", "*")); len(tmp) != 0 {
		t.Errorf("left in tmp: %v", tmp)
	}
}

// TestParallelSmallUploads: 60 uploads (24 with -short) of 250 kB at
// once, with 5 MB a file and 50 MB a session, all land: each takes from the session what it
// sends, not the whole 5 MB it might (#31, item 7). Before, 10 of them
// held the 50 MB and the others were told the session was full.
func TestParallelSmallUploads(t *testing.T) {
	s := newServed(t, 5_000_000, 50_000_000, receive.Limits{})
	n := 60
	if testing.Short() {
		n = 24 // still more than 10 at once
	}
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, ctype := form(t, "", map[string][]byte{fmt.Sprintf("f%02d.txt", i): bytes.Repeat([]byte(fmt.Sprintf("file %02d\n", i)), 250_000/8)})
			if code, rs := s.post(t, s.url, body, ctype); code != http.StatusOK || len(rs) != 1 || rs[0].Err != "" || rs[0].ID == "" {
				t.Errorf("upload %d: %d %+v", i, code, rs)
			}
		}()
	}
	wg.Wait()
	if got := s.stored(t); got != n {
		t.Errorf("%d stored, want %d", got, n)
	}
}

// TestSessionFullSaysSo: a file within the per-file limit that the
// session's allowance has no room left for is refused as such, not as a
// file "larger than the limit of 0 MB" (#31, item 7).
func TestSessionFullSaysSo(t *testing.T) {
	s := newSession(t, 200_000, 300_000)
	for i, c := range []struct {
		size int
		want string // in the error; "" for kept
	}{
		{150_000, ""},
		{180_000, "this session has received all it takes"},
		{1_000, "this session has received all it takes"},
	} {
		body, ctype := form(t, "", map[string][]byte{fmt.Sprintf("f%d.txt", i): bytes.Repeat([]byte{byte('a' + i)}, c.size)})
		code, rs := s.post(t, s.url, body, ctype)
		if code != http.StatusOK || len(rs) != 1 || c.want == "" && rs[0].Err != "" || !strings.Contains(rs[0].Err, c.want) {
			t.Errorf("file %d of %d bytes: %d %+v, want %q", i, c.size, code, rs, c.want)
		}
	}
	if n := s.stored(t); n != 1 {
		t.Errorf("%d stored, want the first file alone", n)
	}
}

func do(t *testing.T, req *http.Request) (int, []receive.Result) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var rs []receive.Result
	if err := json.NewDecoder(resp.Body).Decode(&rs); err != nil {
		t.Errorf("the answer: %v", err)
	}
	return resp.StatusCode, rs
}
