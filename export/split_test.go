package export

import "testing"

// FuzzLargest: the galloping search finds what a scan does, for any
// boundary and guess, and tries no count twice.
func FuzzLargest(f *testing.F) {
	f.Add(1, 99, 39, 36)
	f.Add(1, 60, 43, 45)
	f.Add(1, 10, 0, 5)
	f.Add(1, 10, 10, -1)
	f.Fuzz(func(t *testing.T, lo, hi, boundary, guess int) {
		if lo < 0 || hi > 10000 || lo > hi+1 {
			return
		}
		tried := map[int]bool{}
		got := largest(lo, hi, guess, func(n int) bool {
			if n < lo || n > hi || tried[n] {
				t.Fatalf("tried %d (range %d..%d, tried %v)", n, lo, hi, tried)
			}
			tried[n] = true
			return n <= boundary
		})
		want := -1
		for n := lo; n <= hi; n++ {
			if n <= boundary {
				want = n
			}
		}
		if got != want {
			t.Fatalf("largest(%d, %d, guess %d) with boundary %d = %d, want %d", lo, hi, guess, boundary, got, want)
		}
	})
}

// TestLargestTries: a guess near the boundary settles it in a few tries
// (each one a render of a part).
func TestLargestTries(t *testing.T) {
	for _, tc := range []struct{ hi, boundary, guess, most int }{
		{60, 43, 45, 4}, // part 2 of 100 screenshots: 8 tries before
		{99, 39, 36, 7},
		{99, 39, 39, 4},
	} {
		tries := 0
		got := largest(1, tc.hi, tc.guess, func(n int) bool { tries++; return n <= tc.boundary })
		if got != tc.boundary || tries > tc.most {
			t.Errorf("boundary %d, guess %d: found %d in %d tries, want at most %d", tc.boundary, tc.guess, got, tries, tc.most)
		}
	}
}
