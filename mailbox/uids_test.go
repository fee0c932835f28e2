package mailbox

import (
	"fmt"
	"testing"

	"github.com/emersion/go-imap/v2"
)

func TestUIDs(t *testing.T) {
	const max = 1<<32 - 1 // untyped: a UID and a uint32
	for _, tt := range []struct {
		name  string
		set   imap.UIDSet
		after uint32
		n     int
		want  string
	}{
		{"empty", nil, 0, 10, "[]"},
		{"in order", imap.UIDSet{rg(1, 3), rg(7, 7)}, 0, 10, "[1 2 3 7]"},
		{"after a number", imap.UIDSet{rg(1, 3), rg(7, 9)}, 2, 10, "[3 7 8 9]"},
		{"a round's worth", imap.UIDSet{rg(1, 100)}, 10, 3, "[11 12 13]"},
		{"backwards and overlapping", imap.UIDSet{rg(9, 5), rg(1, 2), rg(3, 6)}, 0, 20, "[1 2 3 4 5 6 7 8 9]"},
		{"a star stands for its other end", imap.UIDSet{rg(4, 0), rg(0, 0)}, 0, 5, "[4]"},
		{"up to the last UID there is", imap.UIDSet{rg(max-1, max)}, 0, 5, fmt.Sprint([]uint32{max - 1, max})},
		{"nothing after the last", imap.UIDSet{rg(1, max)}, max, 5, "[]"},
		{"four billion, a few at a time", imap.UIDSet{rg(1, max)}, 1 << 31, 2, fmt.Sprint([]uint32{1<<31 + 1, 1<<31 + 2})},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(uids(tt.set).After(tt.after, tt.n)); got != tt.want {
				t.Errorf("After(%d, %d) = %s, want %s", tt.after, tt.n, got, tt.want)
			}
		})
	}
	u := uids(imap.UIDSet{rg(10, 20), rg(30, 30)})
	for uid, want := range map[uint32]bool{0: false, 9: false, 10: true, 20: true, 21: false, 30: true, 31: false, max: false} {
		if u.Contains(uid) != want {
			t.Errorf("Contains(%d) = %v", uid, !want)
		}
	}
}

// FuzzUIDs: whatever ranges a server sends, the set lists each UID once,
// in order, and agrees with Contains.
func FuzzUIDs(f *testing.F) {
	f.Add(uint32(1), uint32(3), uint32(9), uint32(5), uint32(0), 10)
	f.Add(uint32(0), uint32(0), ^uint32(0), ^uint32(0)-3, uint32(7), 3)
	f.Fuzz(func(t *testing.T, a, b, c, d, after uint32, n int) {
		n = (n%50+50)%50 + 1
		u := uids(imap.UIDSet{rg(a, b), rg(c, d)})
		got := u.After(after, n)
		if len(got) > n {
			t.Fatalf("%d UIDs, asked for %d", len(got), n)
		}
		for i, uid := range got {
			if uid <= after || i > 0 && uid <= got[i-1] || !u.Contains(uid) {
				t.Fatalf("After(%d) = %v", after, got)
			}
		}
	})
}

func rg(start, stop uint32) imap.UIDRange {
	return imap.UIDRange{Start: imap.UID(start), Stop: imap.UID(stop)}
}
