package date

import (
	"testing"
	"time"
)

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		for _, s := range []string{"2026-10-02", "02.10.2026", "2026-10-02 14:30", "2026-10-02T14:30:00+02:00"} {
			if _, err := Parse(s, time.UTC); err != nil {
				b.Fatal(err)
			}
		}
	}
}
