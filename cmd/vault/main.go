// Command vault keeps the evidence of online purchases (orders, messages,
// screenshots, emails) in a local, tamper-evident store and turns a dispute
// or chargeback case into one PDF dossier.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// interrupted is closed once the user asked the command to stop (Ctrl-C,
// SIGTERM); a test that interrupts vault waits on it.
var interrupted <-chan struct{}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	interrupted = ctx.Done()
	go func() {
		<-ctx.Done()
		stop() // the first Ctrl-C asks the command to stop; a second one ends the process
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
