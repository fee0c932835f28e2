package deadlines

import (
	"testing"
	"time"
)

// BenchmarkEvaluate: every rule against one order, as 'vault deadlines'
// does for each open order.
func BenchmarkEvaluate(b *testing.B) {
	rules := BuiltinRules()
	f := order("market=aliexpress", "pay=Visa *4242", "cur=NOK", "ordered=2026-10-02", "shipped=2026-10-05", "expected=2026-11-30")
	for b.Loop() {
		if len(Evaluate(rules, f, time.UTC)) == 0 {
			b.Fatal("no deadlines")
		}
	}
}
