package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// shop DIR serves DIR over HTTP on the loopback until the script ends, at
// $SHOP: a file as an HTML page (a directory's index.html), a file NAME
// that has a NAME.redirect beside it as a redirect (302) to the address
// that file holds, and one with a NAME.status as that HTTP status.
func cmdShop(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: shop DIR")
	}
	root := ts.MkAbs(args[0])
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path := filepath.Join(root, filepath.FromSlash(filepath.Clean("/"+r.URL.Path)))
		if to, err := os.ReadFile(path + ".redirect"); err == nil {
			http.Redirect(w, r, strings.TrimSpace(string(to)), http.StatusFound)
			return
		}
		if info, err := os.Stat(path); err == nil && info.IsDir() {
			path = filepath.Join(path, "index.html")
		}
		page, err := os.ReadFile(path)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if code, err := os.ReadFile(path + ".status"); err == nil {
			n, err := strconv.Atoi(strings.TrimSpace(string(code)))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.WriteHeader(n)
		}
		w.Write(page)
	}))
	ts.Defer(srv.Close)
	ts.Setenv("SHOP", srv.URL)
}
