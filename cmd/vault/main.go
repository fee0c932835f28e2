// Command vault keeps the evidence of online purchases (orders, messages,
// screenshots, emails) in a local, tamper-evident store and turns a dispute
// or chargeback case into one PDF dossier.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"vault/internal/atomicfile"
)

// grace is how long a command has, after the first Ctrl-C or SIGTERM, to
// stop at a point of its choosing (an import at a message boundary); then
// it ends where it is. Either way the vault stays valid: a file is
// renamed into place whole, a transaction commits or does not
// (TestCrashSafety kills at each such point). A test binary's children
// wait less.
var grace = 2 * time.Second

// interrupted is closed once the user asked the command to stop (Ctrl-C,
// SIGTERM); a test that interrupts vault waits on it.
var interrupted <-chan struct{}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	interrupted = ctx.Done()
	go func() {
		<-ctx.Done()
		stop() // the first Ctrl-C asks the command to stop; a second one ends the process
		time.Sleep(grace)
		atomicfile.RemovePending()
		fmt.Fprintf(os.Stderr, "vault: stopped: interrupted, and the work did not end within %v; what it committed is kept ('vault verify' checks)\n", grace)
		os.Exit(130)
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
