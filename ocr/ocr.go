// Package ocr reads the words in a picture with the tesseract program
// (Debian: tesseract-ocr, with tesseract-ocr-nor for Norwegian). It is an
// outside program on purpose: no Go OCR without cgo comes near it, and the
// vault stays cgo-free; without it the vault works, only unread.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// ErrMissing is returned by Find when tesseract is not installed.
var ErrMissing = errors.New("tesseract is not installed (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-nor; macOS: brew install tesseract tesseract-lang)")

// Timeout bounds the reading of one picture.
const Timeout = 2 * time.Minute

// Tesseract is the installed program and the languages it reads in.
type Tesseract struct {
	path, version string
	langs         []string
}

// wanted are the languages read, when installed: the marketplaces' English
// and the buyer's Norwegian.
var wanted = []string{"eng", "nor"}

// Find locates tesseract and the languages it has of wanted.
func Find(ctx context.Context) (*Tesseract, error) {
	path, err := exec.LookPath("tesseract")
	if err != nil {
		return nil, ErrMissing
	}
	t := &Tesseract{path: path}
	out, err := exec.CommandContext(ctx, path, "--version").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("tesseract --version: %v", err)
	}
	t.version = strings.TrimSpace(strings.SplitN(string(out), "\n", 2)[0])
	out, err = exec.CommandContext(ctx, path, "--list-langs").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("tesseract --list-langs: %v", err)
	}
	have := strings.Fields(string(out))
	for _, l := range wanted {
		for _, h := range have {
			if h == l {
				t.langs = append(t.langs, l)
			}
		}
	}
	if len(t.langs) == 0 {
		return nil, fmt.Errorf("tesseract has no English or Norwegian data (apt-get install tesseract-ocr-eng tesseract-ocr-nor)")
	}
	return t, nil
}

// Name says what read a text: "tesseract 5.3.0 (eng+nor)", kept with it.
func (t *Tesseract) Name() string {
	return fmt.Sprintf("%s (%s)", t.version, strings.Join(t.langs, "+"))
}

// Read returns the words in the picture at path. One picture takes one
// core (OMP_THREAD_LIMIT=1): the caller reads several at once.
func (t *Tesseract) Read(ctx context.Context, path string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, t.path, path, "stdout", "-l", strings.Join(t.langs, "+"), "--psm", "3")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", fmt.Errorf("tesseract: %w", ctx.Err())
		}
		return "", fmt.Errorf("tesseract: %v: %s", err, strings.TrimSpace(lastLine(stderr.String())))
	}
	return tidy(stdout.String()), nil
}

// tidy trims each line and drops empty ones and the form feed tesseract ends a page with.
func tidy(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(strings.ReplaceAll(l, "\f", "")); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
