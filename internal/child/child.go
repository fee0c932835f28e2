// Package child runs the vault binary as a child process that reads one
// hostile file (a seller's PDF, a saved page) within limits on its memory,
// CPU time and wall-clock time, and answers on its standard output. The
// parent sends the file on standard input; the child says a hello line
// before it reads, so that a parent can tell a vault that knows the
// command from one that does not.
package child

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Limits are what a child may spend.
type Limits struct {
	Memory uint64        // bytes of address space above what the process maps when it starts
	CPU    uint64        // seconds of CPU time
	Wall   time.Duration // from start to answer
}

// maxAnswer is how much of a child's answer, and of its stderr, is kept.
const maxAnswer = 4 << 20

// Self returns the program to run as the child: this one, when it is
// vault. A test binary is vault only when it runs as vault under that name
// and is the vault on PATH (cmd/vault's TestMain and export's do that);
// another package's test binary reads in process.
func Self() (string, bool) {
	exe, err := os.Executable()
	if err != nil {
		return "", false
	}
	if !testing.Testing() {
		return exe, true
	}
	onPath, err := exec.LookPath("vault")
	if err != nil {
		return "", false
	}
	a, err1 := filepath.EvalSymlinks(onPath)
	b, err2 := filepath.EvalSymlinks(exe)
	return exe, err1 == nil && err2 == nil && a == b
}

// Run runs exe as "vault command" on src. started is false when the child
// did not say hello (an older vault in its place): then it read nothing.
// answer is what it wrote after the hello, at most 4 MB; why says how it
// ended, for the caller to report when the answer is not whole.
func Run(exe, command, hello string, src []byte, l Limits) (answer []byte, why string, started bool) {
	ctx, cancel := context.WithTimeout(context.Background(), l.Wall)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, command)
	cmd.Args[0] = "vault" // a test binary runs vault under that name
	cmd.Stdin = bytes.NewReader(src)
	var stdout, stderr capped
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.SysProcAttr = attr()
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	answer, started = bytes.CutPrefix(stdout.Bytes(), []byte(hello))
	return answer, failure(ctx, err, stderr.String(), l), started
}

// failure says why a child ended without a whole answer.
func failure(ctx context.Context, err error, stderr string, l Limits) string {
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return fmt.Sprintf("reading it took longer than %v", l.Wall)
	case strings.Contains(stderr, "out of memory"):
		return fmt.Sprintf("reading it needs more than %d MB of memory", l.Memory>>20)
	case errors.As(err, &exit) && exit.ExitCode() == -1: // killed: the CPU limit's SIGKILL
		return fmt.Sprintf("reading it took more than %d s of CPU time, or was stopped (%v)", l.CPU, err)
	case err != nil:
		line, _, _ := strings.Cut(strings.TrimSpace(stderr), "\n")
		return fmt.Sprintf("the reader failed (%v): %.200s", err, line)
	}
	return "the reader gave no answer"
}

// capped is a buffer that keeps the first maxAnswer bytes written to it
// and drops the rest.
type capped struct{ bytes.Buffer }

func (c *capped) Write(p []byte) (int, error) {
	if room := maxAnswer - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
