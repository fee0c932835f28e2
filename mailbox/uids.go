package mailbox

import (
	"cmp"
	"slices"

	"github.com/emersion/go-imap/v2"
)

// UIDs is a set of a folder's mails by UID, as a server listed them:
// ranges, never expanded into a list, so that a server that claims four
// billion mails costs no memory.
type UIDs struct {
	ranges []imap.UIDRange // sorted, apart, none dynamic
}

// uids makes a set of the server's ranges: sorted and merged, each given
// either way round ("9:3" is 3 to 9); a "*", which no answer holds,
// stands for its other end.
func uids(set imap.UIDSet) UIDs {
	rs := make([]imap.UIDRange, 0, len(set))
	for _, r := range set {
		start, stop := cmp.Or(r.Start, r.Stop), cmp.Or(r.Stop, r.Start)
		if start == 0 {
			continue
		}
		rs = append(rs, imap.UIDRange{Start: min(start, stop), Stop: max(start, stop)})
	}
	slices.SortFunc(rs, func(a, b imap.UIDRange) int { return cmp.Compare(a.Start, b.Start) })
	out := rs[:0]
	for _, r := range rs {
		if n := len(out); n > 0 && uint64(r.Start) <= uint64(out[n-1].Stop)+1 {
			out[n-1].Stop = max(out[n-1].Stop, r.Stop)
			continue
		}
		out = append(out, r)
	}
	return UIDs{ranges: out}
}

// Contains reports whether uid is in the set.
func (u UIDs) Contains(uid uint32) bool {
	i := u.first(uid)
	return i < len(u.ranges) && u.ranges[i].Start <= imap.UID(uid)
}

// After returns up to n UIDs of the set greater than uid, in order.
func (u UIDs) After(uid uint32, n int) []uint32 {
	var out []uint32
	for i := u.first(uid + 1); i < len(u.ranges) && len(out) < n && uid < ^uint32(0); i++ {
		for v := max(uint32(u.ranges[i].Start), uid+1); len(out) < n; v++ {
			out = append(out, v)
			if v == uint32(u.ranges[i].Stop) {
				break
			}
		}
	}
	return out
}

// first is the index of the first range that ends at or after uid.
func (u UIDs) first(uid uint32) int {
	i, _ := slices.BinarySearchFunc(u.ranges, uid, func(r imap.UIDRange, v uint32) int { return cmp.Compare(uint32(r.Stop), v) })
	return i
}
