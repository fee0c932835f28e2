package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/netip"
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
	// interfaces are the machine's addresses to choose from
	// (receive.InterfaceAddrs); a test gives its own.
	interfaces func() []netip.Addr
}

func newReceiveCmd(a *app) *cobra.Command {
	o := &receiveOptions{interfaces: receive.InterfaceAddrs}
	cmd := &cobra.Command{
		Use:   "receive [--listen ADDR:PORT] [--timeout 10m]",
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

The address is this computer's private one (192.168.x.x first, then 10.x.x.x,
172.16-31.x.x, an IPv6 fd.. one); with none (only loopback, link-local or
public addresses) it serves on 127.0.0.1 and says that no phone reaches it:
join the phone's Wi-Fi, or give the address with --listen ADDR:PORT.

The connection is plain HTTP on your local network: anyone on the same
network who sees the address could use it while it is open. The token
makes the address unguessable, no requested path is logged, and the server
closes when idle; use it on a network you trust (your home Wi-Fi), not in a cafe.
(A self-signed HTTPS certificate would need a warning clicked through on
the phone and protect little more against someone on the same network.)
Requests without the token are refused unread and counted on stderr every
10 seconds ("refused 120 requests without the token from 1 address
(192.168.1.40)"), and connections that have not shown it are limited, so
they cannot crowd out the phone.
Any browser or curl -F 'files=@IMG_0001.PNG' URL can use the page.`,
		Example: `  vault receive
  vault receive --listen 192.168.1.20:8765 --timeout 30m --auto-link`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runReceive(cmd.Context(), o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.listen, "listen", "", "ADDR:PORT to listen on (default: this computer's local network address, a free port)")
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
	lan := receive.LANAddresses(o.interfaces())
	ln, err := net.Listen("tcp", listenAddress(o.listen, lan))
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
	at, others := urlAddress(ln.Addr().(*net.TCPAddr).AddrPort(), o.listen == "", lan)
	url := fmt.Sprintf("http://%s/%s", at, token)
	a.announce(url, at.Addr(), len(lan) == 0, others, o.idle)
	if err := h.Serve(ctx, ln); err != nil {
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
		fmt.Fprintf(a.stderr, "vault: received %s as %s%s\n", got.Path, got.Added.ID, pageSays(got.Page))
		a.printNotes(got.Offers)
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

// announce prints the URL on stdout, and on stderr what to do: for a
// person at a terminal the QR code, or why a phone cannot reach the
// address and how to pick one.
func (a *app) announce(url string, host netip.Addr, noLAN bool, others []netip.Addr, idle time.Duration) {
	fmt.Fprintln(a.stdout, url)
	if warning := unreachable(host, noLAN); warning != "" {
		fmt.Fprintf(a.stderr, "vault: warning: %s.\n"+
			"vault: connect this computer to the phone's Wi-Fi and give its address there with --listen ADDR:PORT, as in "+
			"'vault receive --listen 192.168.1.20:8765': a private one (192.168.x.x, 10.x.x.x, 172.16-31.x.x, fd..), as 'ip addr' or 'ipconfig' lists them\n",
			warning)
	} else {
		if f, ok := raw(a.stderr).(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			if qr, err := receive.QR(url); err == nil {
				fmt.Fprint(f, qr) // its colours are escapes the safe writer would mark
			}
		}
		fmt.Fprintf(a.stderr, "vault: open the address on your phone (scan the code with its camera); plain HTTP on your local network.\n")
		if len(others) > 0 {
			fmt.Fprintf(a.stderr, "vault: this computer has other local network addresses too (%s): if the phone cannot open the page, --listen ADDR:PORT picks one\n",
				joinAddrs(others))
		}
	}
	fmt.Fprintf(a.stderr, "vault: stops after %s without a request, or on Ctrl-C\n", idle)
}

// unreachable says why a phone on the local network cannot use a page
// served at a, on a machine with or without (noLAN) an address on a local
// network; "" when it can (receive.OnLAN).
func unreachable(a netip.Addr, noLAN bool) string {
	a = a.Unmap()
	host := a.String()
	if a.Is6() {
		host = "[" + host + "]" // as the URL writes it
	}
	switch {
	case receive.OnLAN(a):
		return ""
	case a.IsLoopback() && noLAN:
		return fmt.Sprintf("this computer has no address on a local network, and a phone cannot reach %s, its loopback address", host)
	case a.IsLoopback():
		return fmt.Sprintf("a phone cannot reach %s: it is this computer's loopback address", host)
	case a.IsUnspecified(): // with an address on a local network, the URL names that one (urlAddress)
		return fmt.Sprintf("this computer has no address on a local network: %s stands for every address it has, and a phone reaches none of them", host)
	case a.IsLinkLocalUnicast():
		return fmt.Sprintf("a phone cannot open %s: it is a link-local address, which browsers do not open from a link", host)
	}
	return fmt.Sprintf("%s is a public address: the page is open to anyone on the internet who finds it, not only to your local network", host)
}

// listenAddress is where to serve: --listen as given, else a free port on
// the machine's first local network address (lan, receive.LANAddresses),
// else on the loopback address, of which announce says that no phone
// reaches it.
func listenAddress(flag string, lan []netip.Addr) string {
	switch {
	case flag != "":
		return flag
	case len(lan) == 0:
		return "127.0.0.1:0"
	}
	return netip.AddrPortFrom(lan[0], 0).String()
}

// urlAddress is the address the URL names, and the machine's other local
// network addresses worth naming: where the server listens; on every
// address (--listen :8765), the first local network one. The others are
// named when vault chose the address, or the server listens on all of them.
func urlAddress(at netip.AddrPort, chosen bool, lan []netip.Addr) (netip.AddrPort, []netip.Addr) {
	switch {
	case len(lan) == 0:
		return at, nil
	case at.Addr().IsUnspecified():
		return netip.AddrPortFrom(lan[0], at.Port()), lan[1:]
	case chosen:
		return at, lan[1:]
	}
	return at, nil
}

func joinAddrs(addrs []netip.Addr) string {
	s := make([]string, len(addrs))
	for i, a := range addrs {
		s[i] = a.String()
	}
	return strings.Join(s, ", ")
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
