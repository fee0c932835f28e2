package main

import (
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"vault/casework"
)

// progress shows a bar on stderr for long work: only when stderr is a
// terminal, and only once the work has taken more than a second. finish
// clears it.
func (a *app) progress(what string) (casework.Progress, func()) {
	f, ok := a.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	start := time.Now()
	var bar *progressbar.ProgressBar
	report := func(done, total int64) {
		if bar == nil && time.Since(start) > time.Second {
			bar = progressbar.NewOptions64(total, progressbar.OptionSetWriter(f),
				progressbar.OptionSetDescription(what), progressbar.OptionShowBytes(true),
				progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
		}
		if bar != nil {
			bar.Set64(done)
		}
	}
	return report, func() {
		if bar != nil {
			bar.Finish()
		}
	}
}
