package money

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

func TestAdd(t *testing.T) {
	nok := func(minor int64) Money { return Money{minor, "NOK"} }
	tests := []struct {
		a, b            Money
		sum, diff       Money
		sumErr, diffErr error
	}{
		{a: nok(4990), b: nok(10), sum: nok(5000), diff: nok(4980)},
		{a: Money{}, b: nok(10), sum: nok(10), diff: nok(-10)},
		{a: nok(10), b: Money{}, sum: nok(10), diff: nok(10)},
		{a: Money{}, b: Money{}},
		{a: nok(math.MaxInt64 - 1), b: nok(1), sum: nok(math.MaxInt64), diff: nok(math.MaxInt64 - 2)},
		{a: nok(math.MaxInt64), b: nok(1), sumErr: ErrOverflow, diff: nok(math.MaxInt64 - 1)},
		{a: nok(math.MinInt64), b: nok(-1), sumErr: ErrOverflow, diff: nok(math.MinInt64 + 1)},
		{a: nok(math.MinInt64), b: nok(1), sum: nok(math.MinInt64 + 1), diffErr: ErrOverflow},
		{a: nok(-1), b: nok(math.MinInt64), sumErr: ErrOverflow, diff: nok(math.MaxInt64)},
		{a: nok(0), b: nok(math.MinInt64), sum: nok(math.MinInt64), diffErr: ErrOverflow},
		{a: Money{}, b: nok(math.MinInt64), sum: nok(math.MinInt64), diffErr: ErrOverflow},
		{a: nok(5), b: Money{5, "SEK"}, sumErr: ErrCurrency, diffErr: ErrCurrency},
	}
	check := func(op string, a, b, got Money, err error, want Money, wantErr error) {
		t.Helper()
		if wantErr != nil && !errors.Is(err, wantErr) || wantErr == nil && (err != nil || got != want) {
			t.Errorf("%s(%v, %v) = %v, %v; want %v, %v", op, a, b, got, err, want, wantErr)
		}
	}
	for _, tt := range tests {
		sum, err := Add(tt.a, tt.b)
		check("Add", tt.a, tt.b, sum, err, tt.sum, tt.sumErr)
		diff, err := Sub(tt.a, tt.b)
		check("Sub", tt.a, tt.b, diff, err, tt.diff, tt.diffErr)
	}
}

// TestAddAgainstBig: Add and Sub give the exact result or ErrOverflow,
// as arbitrary precision says, near both ends of int64 and in between.
func TestAddAgainstBig(t *testing.T) {
	r := rand.New(rand.NewPCG(31, 6))
	near := func() int64 {
		switch r.IntN(4) {
		case 0:
			return math.MaxInt64 - r.Int64N(1000)
		case 1:
			return math.MinInt64 + r.Int64N(1000)
		case 2:
			return r.Int64N(2*maxMinor) - maxMinor
		}
		return int64(r.Uint64())
	}
	for range 10000 {
		a, b := Money{near(), "NOK"}, Money{near(), "NOK"}
		for _, op := range []struct {
			name string
			f    func(Money, Money) (Money, error)
			big  func(x, y *big.Int) *big.Int
		}{
			{"Add", Add, func(x, y *big.Int) *big.Int { return new(big.Int).Add(x, y) }},
			{"Sub", Sub, func(x, y *big.Int) *big.Int { return new(big.Int).Sub(x, y) }},
		} {
			want := op.big(big.NewInt(a.Minor), big.NewInt(b.Minor))
			got, err := op.f(a, b)
			if !want.IsInt64() {
				if !errors.Is(err, ErrOverflow) {
					t.Fatalf("%s(%d, %d) = %v, %v; want ErrOverflow", op.name, a.Minor, b.Minor, got, err)
				}
			} else if err != nil || got.Minor != want.Int64() {
				t.Fatalf("%s(%d, %d) = %v, %v; want %s", op.name, a.Minor, b.Minor, got, err, want)
			}
		}
	}
}

// TestSumOfManyLargest: 9,300 of the largest amount Parse accepts (the
// statement of #31, item 6) do not fit in an int64: Sum says so; 9,223 do.
func TestSumOfManyLargest(t *testing.T) {
	largest, err := Parse("9999999999999,99 NOK")
	if err != nil {
		t.Fatal(err)
	}
	many := func(n int) []Money {
		ms := make([]Money, n)
		for i := range ms {
			ms[i] = largest
		}
		return ms
	}
	if got, err := Sum(many(9223)...); err != nil || got.Minor != 9223*largest.Minor {
		t.Errorf("Sum of 9,223: %v, %v", got, err)
	}
	if got, err := Sum(many(9300)...); !errors.Is(err, ErrOverflow) {
		t.Errorf("Sum of 9,300 = %v, %v; want ErrOverflow", got, err)
	}
	if got, err := Sum(); err != nil || !got.IsZero() {
		t.Errorf("Sum() = %v, %v", got, err)
	}
	if _, err := Sum(largest, Money{1, "SEK"}); !errors.Is(err, ErrCurrency) {
		t.Errorf("Sum of NOK and SEK: %v", err)
	}
}

// TestFormatExtremes: the ends of int64 are written with their digits,
// not "--9223372036854775808".
func TestFormatExtremes(t *testing.T) {
	for m, want := range map[Money]string{
		{math.MinInt64, "NOK"}: "-92233720368547758.08 NOK",
		{math.MaxInt64, "NOK"}: "92233720368547758.07 NOK",
		{-1, "NOK"}:            "-0.01 NOK",
	} {
		if got := m.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", m, got, want)
		}
	}
}
