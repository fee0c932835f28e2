package receive_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"vault/casework"
	"vault/internal/testimage"
	"vault/ocr"
)

// browser finds headless Chromium, or skips (fails with
// VAULT_REQUIRE_BROWSER set, as .ci/run sets it once it installed one).
func browser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	if os.Getenv("VAULT_REQUIRE_BROWSER") != "" {
		t.Fatal("VAULT_REQUIRE_BROWSER is set and no Chromium is installed")
	}
	t.Skip("Chromium is not installed (apt-get install chromium): the upload page is not tested in a browser")
	return ""
}

// TestPhoneBrowserUpload: headless Chromium at a phone's size opens the
// page, picks 20 screenshots (4 with -short) in the file input and sends
// them; the page's script uploads them one by one, says "Done: 20 sent",
// and all are in the inbox. With VAULT_DOCS=DIR it keeps a screenshot of
// the page there.
func TestPhoneBrowserUpload(t *testing.T) {
	exe := browser(t)
	s := newSession(t, 20<<20, 1<<30)
	dir := t.TempDir()
	n := 20
	if testing.Short() {
		n = 4
	}
	var paths []string
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("IMG_%04d.PNG", i))
		page := testimage.OrderPage(uint64(i), testimage.Order{Marketplace: "AliExpress", Number: "8123456789012345",
			Seller: "Shenzhen Gadget Store", Item: "USB-C charger 65W", Amount: "NOK 349,00"})
		if err := os.WriteFile(p, page, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(390, 844))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)),
		chromedp.Navigate(s.url),
		chromedp.WaitVisible(chromedp.ID("files")),
	)
	if err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	err = chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.ID("files"), paths),
		chromedp.Click(chromedp.CSS("button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("li.done")),
	)
	if err != nil {
		t.Fatal(err)
	}
	done, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("done")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(done, fmt.Sprintf("Done: %d sent", n)) || strings.Count(done, "kept as EV-") != n {
		t.Errorf("the page says:\n%s", done)
	}
	items, err := s.svc.Inbox(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != n {
		t.Errorf("%d in the inbox, want %d", len(items), n)
	}
	for _, it := range items {
		if !strings.HasPrefix(it.FileName, "IMG_") {
			t.Errorf("file name %q: the phone's name is kept", it.FileName)
		}
	}
	if reader, err := ocr.Find(context.Background()); err == nil && !testing.Short() { // the order each names, read off its pixels (casework's TestInboxReadsOrders with -short)
		if _, err := s.svc.ReadText(context.Background(), reader, nil, nil); err != nil {
			t.Fatal(err)
		}
		items, _ = s.svc.Inbox(context.Background())
		for _, it := range items {
			if o, ok := casework.Sure(it.Suggested); !ok || o != s.order {
				t.Errorf("%s: suggested %v, want %s", it.FileName, it.Suggested, s.order)
			}
		}
	}
	if out := os.Getenv("VAULT_DOCS"); out != "" {
		if err := os.WriteFile(filepath.Join(out, "receive-page.png"), shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
