package pages

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// shop is a web site with the pages Capture meets: a tracking page whose
// script fetches its last event, a listing of a robot vacuum that shows an
// alert, an order page behind a login, a captcha and a refusal.
func shop() *httptest.Server {
	mux := http.NewServeMux()
	page := func(title, body string) string {
		return `<!doctype html><html><head><meta charset="utf-8"><title>` + title + `</title></head><body>
<header><a href="/login">Sign in</a> · <a href="/help">Help</a></header>` + body + `</body></html>`
	}
	mux.HandleFunc("/track/LP00123456789CN", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page("Tracking LP00123456789CN", `<h1>Tracking LP00123456789CN</h1>
<table id="events"><tr><td>2026-08-20 10:12</td><td>Shenzhen</td><td>Accepted by carrier</td></tr>
<tr><td>2026-09-01 06:40</td><td>Guangzhou</td><td>Arrived at sorting centre</td></tr></table>
<script>fetch("/api/last").then(r => r.text()).then(t => {
	const row = document.createElement("tr"); row.innerHTML = t; document.getElementById("events").appendChild(row); });</script>`)))
	})
	mux.HandleFunc("/api/last", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<td>2026-09-03 14:05</td><td>Oslo</td><td>Delivered to pickup point, Blåbærveien 3</td>`))
	})
	mux.HandleFunc("/item/robot-vacuum-x200", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page("Robot vacuum X200", `<h1>Robot vacuum X200</h1><p>1 299,00 kr · Seller: Shenzhen Gadget Store</p>
<script>alert("Subscribe to our newsletter!")</script>`)))
	})
	mux.HandleFunc("/orders/8123456789012345", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/login?next=/orders/8123456789012345", http.StatusFound)
	})
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page("Sign in", `<h1>Sign in</h1><form><input name="user"><input type="password" name="pw"><button>Sign in</button></form>`)))
	})
	mux.HandleFunc("/track/busy", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(page("One moment", `<h1>One more step</h1><p>Please verify you are human to continue.</p><input type="checkbox"> I am not a robot`)))
	})
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
		w.Write([]byte(page("Forbidden", `<h1>Forbidden</h1>`)))
	})
	return httptest.NewServer(mux)
}

// unquote undoes an MHTML part's quoted-printable soft line breaks and
// the escapes of the text a test looks for.
func unquote(b []byte) string {
	s := strings.ReplaceAll(string(b), "=\r\n", "")
	return strings.NewReplacer("=3D", "=", "=C3=A5", "å", "=C3=A6", "æ", "=C3=B8", "ø").Replace(s)
}

// TestCapture: a tracking page is kept with what its script fetched, as
// MHTML and as a picture, dated by the clock given; a listing named robot
// is no robot check; a login, a captcha and a 403 are walls, and Capture
// keeps nothing of them.
func TestCapture(t *testing.T) {
	t.Parallel() // a Chromium and a server of its own
	needChromium(t)
	srv := shop()
	defer srv.Close()
	at := time.Date(2026, 9, 4, 8, 30, 0, 0, time.UTC)
	now := func() time.Time { return at }
	c, err := Capture(context.Background(), srv.URL+"/track/LP00123456789CN", now)
	if err != nil {
		t.Fatal(err)
	}
	if c.Address != srv.URL+"/track/LP00123456789CN" || c.Title != "Tracking LP00123456789CN" || !c.At.Equal(at) {
		t.Errorf("got %s %q %s", c.Address, c.Title, c.At)
	}
	if m := unquote(c.MHTML); !strings.HasPrefix(m, "From: <Saved by Blink>") || !strings.Contains(m, "Delivered to pickup point, Blåbærveien 3") {
		t.Errorf("the archive lacks the event the script fetched:\n%.2000s", m)
	}
	img, err := png.Decode(bytes.NewReader(c.PNG))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != Width {
		t.Errorf("picture %v", img.Bounds())
	}
	t.Logf("tracking page: MHTML %d bytes, PNG %d bytes %v", len(c.MHTML), len(c.PNG), img.Bounds())
	walls := map[string]string{"/orders/8123456789012345": "asks to sign in"}
	if !testing.Short() {
		if _, err := Capture(context.Background(), srv.URL+"/item/robot-vacuum-x200", now); err != nil {
			t.Errorf("a listing of a robot: %v", err)
		}
		walls["/track/busy"], walls["/forbidden"] = "checks for robots", "HTTP 403"
	}
	for path, want := range walls {
		c, err := Capture(context.Background(), srv.URL+path, now)
		var w *WallError
		if !errors.As(err, &w) || !strings.Contains(w.Reason, want) || c.MHTML != nil {
			t.Errorf("%s: got %v, want a wall (%s) and nothing kept", path, err, want)
		}
	}
}

// TestCaptureRefused: an address that is not http(s) is refused before
// Chromium starts; one that does not answer is an error.
func TestCaptureRefused(t *testing.T) {
	for _, a := range []string{"", "file:///etc/passwd", "javascript:alert(1)", "ftp://example.com/", "https://", "posten.no/sporing"} {
		if _, err := Capture(context.Background(), a, time.Now); err == nil || !strings.Contains(err.Error(), "not a web address") {
			t.Errorf("%q: got %v", a, err)
		}
	}
}

// TestWall: the heuristics on pages seen and made up; the nasty ones are
// not walls.
func TestWall(t *testing.T) {
	long := strings.Repeat("Arrived at sorting centre, Guangzhou. ", 100)
	for _, c := range []struct {
		name string
		s    sight
		want string // a part of the reason; "" for no wall
	}{
		{"tracking page with a header sign-in", sight{Address: "https://sporing.posten.no/sporing/LP00123456789CN", Text: "Logg inn\n" + long, Status: 200}, ""},
		{"short tracking page", sight{Address: "https://t.17track.net/en#nums=LP1", Text: "Sign in · Delivered", Status: 200}, ""},
		{"robot vacuum listing", sight{Address: "https://www.amazon.com/robot-vacuum-cleaner/dp/B0ABCDEF", Title: "Robot vacuum", Text: "Robot vacuum " + long}, ""},
		{"amazon sign-in", sight{Address: "https://www.amazon.com/ap/signin?openid.return_to=x", Password: true}, "sign in"},
		{"aliexpress login host", sight{Address: "https://login.aliexpress.com/?return_url=https%3A%2F%2Fwww.aliexpress.com%2Fp%2Forder"}, "sign in"},
		{"ebay signin host", sight{Address: "https://signin.ebay.com/ws/eBayISAPI.dll?SignIn"}, "sign in"},
		{"login.php", sight{Address: "https://shop.example/account/login.php"}, "sign in"},
		{"password form", sight{Address: "https://shop.example/orders", Text: "Email\nPassword", Password: true}, "sign in"},
		{"password in a long page", sight{Address: "https://shop.example/item/1", Text: long, Password: true}, ""},
		{"please log in", sight{Address: "https://shop.example/orders", Text: "Please log in to see your orders"}, "sign in"},
		{"norwegian", sight{Address: "https://minside.example.no/", Text: "Du må logge inn for å se sendingen"}, "sign in"},
		{"401", sight{Address: "https://shop.example/", Status: 401}, "HTTP 401"},
		{"429", sight{Address: "https://shop.example/", Status: 429}, "HTTP 429"},
		{"aliexpress punish", sight{Address: "https://www.aliexpress.com//_____tmd_____/punish?x5secdata=abc"}, "robots"},
		{"amazon captcha", sight{Address: "https://www.amazon.com/errors/validateCaptcha", Text: "Enter the characters you see below"}, "robots"},
		{"google sorry", sight{Address: "https://www.google.com/sorry/index?continue=x", Text: "Our systems have detected unusual traffic"}, "robots"},
		{"cloudflare", sight{Address: "https://shop.example/item/1", Title: "Just a moment...", Text: "Checking your browser before accessing"}, "robots"},
		{"recaptcha frame", sight{Address: "https://shop.example/track", Text: long, Frames: []string{"https://www.google.com/recaptcha/api2/anchor?k=x"}}, "robots"},
		{"verify human in a long page", sight{Address: "https://shop.example/track", Text: long + " Verify you are human"}, "robots"},
		{"empty", sight{}, ""},
		{"not an address", sight{Address: "%%%\x00", Text: "x"}, ""},
		{"emoji and CJK", sight{Address: "https://shop.example/商品/📦", Text: "物流信息 📦 已签收"}, ""},
		{"cjk login words in path", sight{Address: "https://passport.jd.com/new/login.aspx"}, "sign in"},
		{"traversal", sight{Address: "https://shop.example/../../login/../item", Text: long}, "sign in"},
	} {
		got := wall(c.s)
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// FuzzWall: any sight gives an answer, never a panic, and a wall's reason
// is one of the three.
func FuzzWall(f *testing.F) {
	f.Add("https://www.amazon.com/ap/signin", "Sign in", "Email Password", true, 200)
	f.Add("https://sporing.posten.no/sporing/LP1", "Sporing", "Levert", false, 200)
	f.Add("%zz", "", "\xff\xfe", false, 403)
	f.Fuzz(func(t *testing.T, address, title, text string, password bool, status int) {
		got := wall(sight{Address: address, Title: title, Text: text, Password: password, Status: status})
		if got != "" && !strings.Contains(got, "sign in") && !strings.Contains(got, "robots") && !strings.Contains(got, "refused") {
			t.Errorf("reason %q", got)
		}
	})
}
