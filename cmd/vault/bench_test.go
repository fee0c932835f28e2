package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkImportMbox imports an mbox of 1,000 short messages into a new
// vault per iteration, through the same run() the shell uses.
func BenchmarkImportMbox(b *testing.B) {
	dir := b.TempDir()
	var mbox bytes.Buffer
	for i := range 1000 {
		fmt.Fprintf(&mbox, "From s@example.com Mon Oct  5 09:15:00 2026\nFrom: S <s@example.com>\nTo: b@example.no\n"+
			"Subject: About order %d\nDate: Mon, 05 Oct 2026 09:00:00 +0200\nMessage-ID: <%d@example.com>\n\n"+
			"Your parcel %d is delayed. Blåbær refund soon.\n\n", 8000000000000000+i*7919, i, i)
	}
	path := filepath.Join(dir, "m.mbox")
	if err := os.WriteFile(path, mbox.Bytes(), 0o600); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		v := filepath.Join(dir, fmt.Sprint("v", i))
		var out, errOut bytes.Buffer
		for _, args := range [][]string{{"init"}, {"import", "email", path}} {
			if code := run(context.Background(), append([]string{"--vault", v}, args...), strings.NewReader(""), &out, &errOut); code != 0 {
				b.Fatal(errOut.String())
			}
		}
	}
	b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "msgs/s")
}
