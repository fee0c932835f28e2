package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"vault/casework"
)

// progress shows a bar on stderr for long work ("attaching  45% [=====   ]
// 12.3 MiB of 27.0 MiB"): only when stderr is a terminal, only once the
// work has taken more than a second, redrawn at most ten times a second.
// finish clears it.
func (a *app) progress(what string) (casework.Progress, func()) {
	return a.progressOf(what, humanSize, "")
}

// progressOf is progress counting in show's units, with unit after the
// total ("253 of 562 messages").
func (a *app) progressOf(what string, show func(int64) string, unit string) (casework.Progress, func()) {
	f, ok := a.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	start, drawn, shown := time.Now(), time.Time{}, false
	report := func(done, total int64) {
		if now := time.Now(); now.Sub(start) > time.Second && now.Sub(drawn) > 100*time.Millisecond {
			drawn, shown = now, true
			drawBar(f, what, show(done), show(total)+strings.TrimRight(" "+unit, " "), share(done, total))
		}
	}
	return report, func() {
		if shown {
			fmt.Fprint(f, "\r\033[K")
			shown = false
		}
	}
}

// share is done's part of total, from 0 to 1.
func share(done, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return min(float64(done)/float64(total), 1)
}

// drawBar writes one line of progress over the last one.
func drawBar(w io.Writer, what, done, total string, share float64) {
	const width = 30
	full := int(share * width)
	fmt.Fprintf(w, "\r\033[K%s %3.0f%% [%s%s] %s of %s", what, share*100, strings.Repeat("=", full),
		strings.Repeat(" ", width-full), done, total)
}
