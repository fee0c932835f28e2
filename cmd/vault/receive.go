package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"vault"
	"vault/casework"
	"vault/receive"
)

type receiveOptions struct {
	listen            string
	idle              time.Duration
	maxFile, maxTotal string
	auto, noRead      bool
}

func newReceiveCmd(a *app) *cobra.Command {
	o := &receiveOptions{}
	cmd := &cobra.Command{
		Use:   "receive [--listen ADDR] [--timeout 10m]",
		Short: "Serve a one-time upload page for the phone on the local network",
		Long: `Start a small web server on this computer's local network address and print
the address of a one-time upload page (with a random 128-bit token in it) on
stdout, and as a QR code to scan with the phone's camera. The page takes
screenshots, photos (from the library, or the camera) and files into the
inbox, or under an order chosen on the page (it lists your orders' numbers).
Each file goes through the checks of 'attach file', and lands whole or not
at all; the phone keeps its file name and the photo its EXIF date. The
server stops after --timeout without a request, or on Ctrl-C; then the words
in the new pictures are read (when tesseract is installed) and --auto-link
files what names exactly one order.

The connection is plain HTTP on your local network: anyone on the same
network who sees the address could use it while it is open. The token
makes the address unguessable, no requested path is logged, and the server
closes when idle; use it on a network you trust (your home Wi-Fi), not in a cafe.
(A self-signed HTTPS certificate would need a warning clicked through on
the phone and protect little more against someone on the same network.)
Any browser or curl -F 'files=@IMG_0001.PNG' URL can use the page.`,
		Example: `  vault receive
  vault receive --listen 192.168.1.20:8765 --timeout 30m --auto-link`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runReceive(cmd.Context(), o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", "", "address to listen on (default: the local network address, a free port)")
	f.DurationVar(&o.idle, "timeout", 10*time.Minute, "stop after this long without a request")
	f.StringVar(&o.maxFile, "max-file", "100MB", "the largest file taken")
	f.StringVar(&o.maxTotal, "max-total", "2000MB", "the most taken in one session")
	f.BoolVar(&o.auto, "auto-link", false, "file each new picture that names exactly one order by number")
	f.BoolVar(&o.noRead, "no-ocr", false, "do not read the words in the pictures ('vault ocr' does it later)")
	return cmd
}

func (a *app) runReceive(ctx context.Context, o *receiveOptions) error {
	maxFile, err := megabytes("--max-file", o.maxFile)
	if err != nil {
		return err
	}
	maxTotal, err := megabytes("--max-total", o.maxTotal)
	if err != nil {
		return err
	}
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	choices, err := orderChoices(ctx, svc)
	if err != nil {
		return err
	}
	token, err := receive.NewToken()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cmp.Or(o.listen, lanAddress()+":0"))
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	var mu sync.Mutex
	var received []vault.EvidenceID
	h := receive.New(receive.Config{Token: token, MaxFile: maxFile, MaxTotal: maxTotal, Idle: o.idle, Orders: choices,
		Log: func(format string, args ...any) { fmt.Fprintf(a.stderr, "vault: "+format+"\n", args...) },
		Save: func(ctx context.Context, name string, r io.Reader, max int64, order string) (receive.Result, error) {
			res, err := a.saveUpload(ctx, svc, name, r, max, order)
			if err == nil && res.ID != "" && res.Note == "" {
				id, _ := vault.ParseEvidenceID(res.ID)
				mu.Lock()
				received = append(received, id)
				mu.Unlock()
			}
			return res, err
		}})
	url := fmt.Sprintf("http://%s/%s", ln.Addr(), token)
	a.announce(url, o.idle)
	if err := serve(ctx, ln, h); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "vault: stopped receiving: %s\n", plural(len(received), "new file"))
	return a.afterReceive(received, o)
}

// afterReceive reads the new pictures and files the sure ones, in a
// context of its own: Ctrl-C ended the session, not this.
func (a *app) afterReceive(ids []vault.EvidenceID, o *receiveOptions) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	svc, err := a.open(ctx)
	if err != nil {
		return err
	}
	if !o.noRead {
		if err := a.readNew(ctx, svc, ids); err != nil {
			return err
		}
	}
	if o.auto {
		return a.autoLink(ctx, svc)
	}
	return nil
}

// saveUpload stores one uploaded file through the vault's checks.
func (a *app) saveUpload(ctx context.Context, svc *casework.Service, name string, r io.Reader, max int64, order string) (receive.Result, error) {
	links := vault.Links{Inbox: true}
	if order != "" {
		id, err := svc.DB.ResolveOrder(ctx, order)
		if err != nil {
			return receive.Result{Name: name, Err: err.Error()}, nil
		}
		links = vault.Links{Orders: []vault.OrderID{id}}
	}
	got, err := svc.Receive(ctx, name, r, max, links)
	if err != nil {
		return receive.Result{}, err
	}
	res := receive.Result{Name: got.Path}
	switch {
	case got.Err != nil:
		res.Err = oneLine(got.Err)
		fmt.Fprintf(a.stderr, "vault: refused %s: %s\n", got.Path, res.Err)
	case got.Added.Duplicate:
		res.ID, res.Note = got.Added.ID.String(), "same content as "+got.Added.ID.String()+", kept once"
		fmt.Fprintf(a.stderr, "vault: %s: same content as %s\n", got.Path, got.Added.ID)
	default:
		res.ID = got.Added.ID.String()
		fmt.Fprintf(a.stderr, "vault: received %s as %s\n", got.Path, got.Added.ID)
	}
	return res, nil
}

// orderChoices are the live orders the page offers, newest first.
func orderChoices(ctx context.Context, svc *casework.Service) ([]receive.Choice, error) {
	orders, err := svc.DB.Orders(ctx, false)
	if err != nil {
		return nil, err
	}
	var out []receive.Choice
	for i := len(orders) - 1; i >= 0; i-- {
		o := orders[i]
		out = append(out, receive.Choice{Ref: o.ID.String(), Label: o.Marketplace.Name() + " " + o.Number})
	}
	return out, nil
}

// announce prints the URL on stdout, and for a person at a terminal the QR
// code and what to do on stderr.
func (a *app) announce(url string, idle time.Duration) {
	fmt.Fprintln(a.stdout, url)
	if f, ok := raw(a.stderr).(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if qr, err := receive.QR(url); err == nil {
			fmt.Fprint(f, qr) // its colours are escapes the safe writer would mark
		}
	}
	fmt.Fprintf(a.stderr, "vault: open the address on your phone (scan the code with its camera); plain HTTP on your local network.\n"+
		"vault: stops after %s without a request, or on Ctrl-C\n", idle)
}

// serve runs the server until ctx ends or the session is idle too long.
func serve(ctx context.Context, ln net.Listener, h *receive.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case err := <-errc:
			return err
		case <-ctx.Done():
		case <-tick.C:
			if !h.Expired() {
				continue
			}
		}
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := srv.Shutdown(shut); errors.Is(err, context.DeadlineExceeded) {
			return srv.Close() // a connection that would not finish: cut it, keep what came
		} else if err != nil && !errors.Is(err, http.ErrServerClosed) {
			return err
		}
		return nil
	}
}

// lanAddress is the first private IPv4 address of an interface that is up,
// else the loopback address.
func lanAddress() string {
	ifaces, _ := net.Interfaces()
	for _, i := range ifaces {
		if i.Flags&net.FlagUp == 0 || i.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := i.Addrs()
		for _, addr := range addrs {
			if ip, ok := addr.(*net.IPNet); ok && ip.IP.To4() != nil && ip.IP.IsPrivate() {
				return ip.IP.String()
			}
		}
	}
	return "127.0.0.1"
}

// megabytes reads a size like 100MB (a megabyte is 10^6 bytes, as the
// receivers' limits count).
func megabytes(flag, s string) (int64, error) {
	mb, err := strconv.ParseFloat(strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "MB"), 64)
	if err != nil || mb <= 0 || mb > 1e6 {
		return 0, usagef("%s %q: give megabytes, like 100MB", flag, s)
	}
	return int64(mb * 1e6), nil
}
