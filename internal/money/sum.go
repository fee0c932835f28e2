package money

import (
	"errors"
	"fmt"
	"math"
)

// ErrOverflow is wrapped by Add, Sub and Sum when the result does not fit
// in an int64 of minor units: a hostile statement can repeat the largest
// amount Parse accepts more than 9,223 times, and a wrapped sum would turn
// a refund negative.
var ErrOverflow = errors.New("amount too large")

// ErrCurrency is wrapped by Add, Sub and Sum when their amounts are in two
// currencies: kroner and dollars do not add up.
var ErrCurrency = errors.New("amounts in different currencies")

// Add returns a+b, or an error wrapping ErrOverflow or ErrCurrency; never a
// wrapped value. A zero Money (no currency) adds nothing, so a sum may
// start from Money{}.
func Add(a, b Money) (Money, error) {
	switch {
	case a.IsZero():
		return b, nil
	case b.IsZero():
		return a, nil
	case a.Currency != b.Currency:
		return Money{}, fmt.Errorf("%s + %s: %w", a, b, ErrCurrency)
	case b.Minor > 0 && a.Minor > math.MaxInt64-b.Minor, b.Minor < 0 && a.Minor < math.MinInt64-b.Minor:
		return Money{}, fmt.Errorf("%s + %s: %w", a, b, ErrOverflow)
	}
	return Money{Minor: a.Minor + b.Minor, Currency: a.Currency}, nil
}

// Sub returns a-b, or an error as Add does. Subtracting from a zero Money
// gives the negative of b.
func Sub(a, b Money) (Money, error) {
	switch {
	case b.IsZero():
		return a, nil
	case a.IsZero():
		a = Money{Currency: b.Currency}
	}
	switch {
	case a.Currency != b.Currency:
		return Money{}, fmt.Errorf("%s - %s: %w", a, b, ErrCurrency)
	case b.Minor < 0 && a.Minor > math.MaxInt64+b.Minor, b.Minor > 0 && a.Minor < math.MinInt64+b.Minor:
		return Money{}, fmt.Errorf("%s - %s: %w", a, b, ErrOverflow)
	}
	return Money{Minor: a.Minor - b.Minor, Currency: a.Currency}, nil
}

// Sum adds ms, stopping at the first error (see Add). The sum of nothing
// is the zero Money.
func Sum(ms ...Money) (Money, error) {
	var sum Money
	for _, m := range ms {
		var err error
		if sum, err = Add(sum, m); err != nil {
			return Money{}, err
		}
	}
	return sum, nil
}
