package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a bar on stderr for long work: only when stderr is a
// terminal, and only once the work has taken more than a second. Otherwise it
// counts silently.
type progress struct {
	out   *os.File
	total int64
	what  string
	start time.Time
	done  int64
	bar   *progressbar.ProgressBar
}

func (a *app) progress(total int64, what string) *progress {
	p := &progress{total: total, what: what, start: time.Now()}
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.out = f
	}
	return p
}

// Write counts bytes done; wrap a reader with io.TeeReader(r, p).
func (p *progress) Write(b []byte) (int, error) {
	p.add(int64(len(b)))
	return len(b), nil
}

// add counts n bytes done, and shows the bar once the work is long.
func (p *progress) add(n int64) {
	p.done += n
	if p.bar == nil && p.out != nil && time.Since(p.start) > time.Second {
		p.bar = progressbar.NewOptions64(p.total, progressbar.OptionSetWriter(p.out),
			progressbar.OptionSetDescription(p.what), progressbar.OptionShowBytes(true),
			progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
		p.bar.Add64(p.done - n)
	}
	if p.bar != nil {
		p.bar.Add64(n)
	}
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

var _ io.Writer = (*progress)(nil)
