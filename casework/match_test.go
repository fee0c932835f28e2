package casework

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"vault"
	"vault/internal/money"
	"vault/store"
)

// TestMatchTransactions: orders on four marketplaces and a statement with
// their charges (one converted from USD, one charged at shipment), a
// refund, and unrelated lines: each charge finds its order, the refund its
// order, the unrelated none; two equal orders get suggestions, not links;
// a rejected suggestion stays rejected; a confirmation links.
func TestMatchTransactions(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	ali := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8100000000000001", Total: nok(45900), Ordered: day("2026-09-02"), Payment: "Visa ****4242"})
	temu := addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-211-1", Total: nok(19900), Ordered: day("2026-09-05")})
	amz := addOrder(t, s, vault.Order{Marketplace: vault.Amazon, Number: "302-1-1", Total: money.Money{Minor: 2599, Currency: "USD"}, Ordered: day("2026-09-06")})
	ebay := addOrder(t, s, vault.Order{Marketplace: vault.EBay, Number: "12-1-1", Total: nok(35000), Ordered: day("2026-08-01"), Shipped: day("2026-09-10")})
	twinA := addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-211-2", Total: nok(9900), Ordered: day("2026-09-12")})
	twinB := addOrder(t, s, vault.Order{Marketplace: vault.Temu, Number: "PO-211-3", Total: nok(9900), Ordered: day("2026-09-12")})
	conv := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8100000000000002", Total: nok(34900), Ordered: day("2026-09-14")})
	line := func(key, booked string, minor int64, text string) vault.Transaction {
		return vault.Transaction{Key: key, Booked: day(booked), Amount: nok(minor), Text: text}
	}
	usd := line("k3", "2026-09-07", -27648, "AMZN Mktp US")
	usd.Original, usd.Rate = money.Money{Minor: 2599, Currency: "USD"}, "10.638"
	converted := line("k9", "2026-09-15", -35214, "ALIEXPRESS.COM")
	converted.Original = money.Money{Minor: 3250, Currency: "USD"}
	card := line("k1", "2026-09-03", -45900, "Varekjøp ALIEXPRESS.COM")
	card.Card = "4242"
	txs := []vault.Transaction{card, line("k2", "2026-09-05", -19900, "TEMU.COM"), usd,
		line("k4", "2026-09-11", -35000, "PAYPAL *EBAY"), line("k5", "2026-09-28", 19900, "Retur TEMU.COM"),
		line("k6", "2026-09-12", -9900, "TEMU.COM"), line("k7", "2026-09-12", -9900, "TEMU.COM"),
		line("k8", "2026-09-04", -45900, "REMA 1000"), converted, line("k10", "2026-09-03", -45900, "TEMU.COM")}
	if _, err := s.DB.ImportStatement(ctx, vault.Evidence{Kind: vault.EvidenceStatement, Source: vault.SourceTyped, Title: "statement"}, txs); err != nil {
		t.Fatal(err)
	}
	res, err := s.MatchTransactions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	linked := map[vault.TransactionID]vault.OrderID{}
	for _, m := range res.Linked {
		linked[m.Transaction] = m.Order
	}
	want := map[vault.TransactionID]vault.OrderID{1: ali, 2: temu, 3: amz, 4: ebay, 5: temu, 9: conv}
	for tx, o := range want {
		if linked[tx] != o {
			t.Errorf("%s linked to %s, want %s", tx, linked[tx], o)
		}
	}
	if len(linked) != len(want) {
		t.Errorf("linked %v, want %v", linked, want)
	}
	suggested := map[vault.TransactionID][]vault.OrderID{}
	for _, m := range res.Suggested {
		suggested[m.Transaction] = append(suggested[m.Transaction], m.Order)
	}
	if len(suggested[6]) != 2 || len(suggested[7]) != 2 || len(suggested[8]) != 1 || len(suggested) != 3 {
		t.Errorf("suggested %v; want the two equal Temu charges, each with both orders, and REMA's line (no marketplace named) for the AliExpress order", suggested)
	}
	if err := s.Decide(ctx, 6, twinB.String(), false); err != nil {
		t.Fatal(err)
	}
	if err := s.Decide(ctx, 6, twinA.String(), true); err != nil {
		t.Fatal(err)
	}
	if res, err = s.MatchTransactions(ctx); err != nil {
		t.Fatal(err)
	}
	ms, _ := s.DB.Matches(ctx)
	state := map[[2]int64]string{}
	for _, m := range ms {
		state[[2]int64{int64(m.Transaction), int64(m.Order)}] = m.State + "/" + m.By
	}
	if state[[2]int64{6, int64(twinA)}] != "linked/user" || state[[2]int64{6, int64(twinB)}] != "rejected/user" {
		t.Errorf("decisions: %v", state)
	}
	if got := state[[2]int64{7, int64(twinB)}]; got != "suggested/matcher" {
		t.Errorf("TX-7 and the order left: %q", got)
	}
	before, _ := s.DB.Audit(ctx, "TX-7")
	if _, err := s.MatchTransactions(ctx); err != nil {
		t.Fatal(err)
	}
	if after, _ := s.DB.Audit(ctx, "TX-7"); len(after) != len(before) {
		t.Errorf("a run that changes nothing added %d audit entries to TX-7", len(after)-len(before))
	}
}

// TestMoneyOverview: charged and refunded per marketplace and month, an
// order in the statements' period with no charge, a marketplace charge with
// no order, and a case won 20 days ago whose refund never came.
func TestMoneyOverview(t *testing.T) {
	orders := []vault.Order{
		{ID: 1, Marketplace: vault.AliExpress, Total: nok(45900), Ordered: day("2026-09-02")},
		{ID: 2, Marketplace: vault.Temu, Total: nok(19900), Ordered: day("2026-09-05")}, // no charge
		{ID: 3, Marketplace: vault.Temu, Total: nok(9900), Ordered: day("2026-10-30")},  // after the statements: not missing
	}
	txs := []vault.Transaction{
		{ID: 1, Booked: day("2026-09-03"), Amount: nok(-45900), Text: "ALIEXPRESS.COM", Order: 1},
		{ID: 3, Booked: day("2026-09-10"), Amount: nok(-12300), Text: "TEMU.COM"},
		{ID: 2, Booked: day("2026-09-28"), Amount: nok(20000), Text: "Retur ALIEXPRESS.COM", Order: 1},
		{ID: 4, Booked: day("2026-09-30"), Amount: nok(-4200), Text: "Narvesen"},
	}
	cases := []vault.Case{{ID: 1, Status: vault.StatusWon, Orders: []vault.OrderID{2}, Decided: day("2026-10-01")},
		{ID: 2, Status: vault.StatusWon, Orders: []vault.OrderID{1}, Decided: day("2026-10-01")}}
	m := moneyOf(txs, orders, cases, day("2026-10-21"))
	if len(m.Rows) != 1 || m.Rows[0].Month != "2026-09" || m.Rows[0].Charged.Minor != 45900 || m.Rows[0].Refunded.Minor != 20000 {
		t.Errorf("rows %+v", m.Rows)
	}
	if len(m.OrdersNoCharge) != 1 || m.OrdersNoCharge[0] != 2 {
		t.Errorf("orders without a charge: %v", m.OrdersNoCharge)
	}
	if len(m.ChargesNoOrder) != 1 || m.ChargesNoOrder[0].ID != 3 {
		t.Errorf("charges without an order: %v", m.ChargesNoOrder)
	}
	if len(m.RefundsMissing) != 1 || m.RefundsMissing[0].Case != 1 || m.RefundsMissing[0].Days != 20 {
		t.Errorf("refunds missing: %+v", m.RefundsMissing)
	}
}

// TestSplitPayment: an Amazon order charged per shipment (two charges, one
// of them converted) is linked to both; an order two sets of charges could
// pay is only suggested; charges of another marketplace never count.
func TestSplitPayment(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	usd := func(minor int64) money.Money { return money.Money{Minor: minor, Currency: "USD"} }
	amz := addOrder(t, s, vault.Order{Marketplace: vault.Amazon, Number: "302-1-1", Total: usd(4598), Ordered: day("2026-09-06")})
	ali := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "8100000000000001", Total: nok(30000), Ordered: day("2026-09-02")})
	line := func(key, booked string, minor int64, text string, orig money.Money) vault.Transaction {
		return vault.Transaction{Key: key, Booked: day(booked), Amount: nok(minor), Original: orig, Text: text}
	}
	txs := []vault.Transaction{
		line("a1", "2026-09-07", -21270, "AMZN Mktp US", usd(1999)),
		line("a2", "2026-09-12", -27650, "AMZN Mktp US*2K4", usd(2599)),
		line("b1", "2026-09-03", -10000, "ALIEXPRESS.COM", money.Money{}),
		line("b2", "2026-09-03", -20000, "ALIEXPRESS.COM", money.Money{}),
		line("b3", "2026-09-04", -10000, "ALIEXPRESS.COM", money.Money{}),
		line("c1", "2026-09-08", -2599, "TEMU.COM", usd(1999)),
	}
	if _, err := s.DB.ImportStatement(ctx, vault.Evidence{Kind: vault.EvidenceStatement, Source: vault.SourceTyped, Title: "statement"}, txs); err != nil {
		t.Fatal(err)
	}
	res, err := s.MatchTransactions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, m := range res.Linked {
		got["linked"] = append(got["linked"], m.Transaction.String()+" "+m.Order.String())
	}
	for _, m := range res.Suggested {
		got["suggested"] = append(got["suggested"], m.Transaction.String()+" "+m.Order.String())
	}
	want := map[string][]string{
		"linked": {"TX-1 " + amz.String(), "TX-2 " + amz.String()},
		// 100 + 200 twice over (TX-3 or TX-5 with TX-4), and 100 + 100 is not 300.
		"suggested": {"TX-3 " + ali.String(), "TX-4 " + ali.String(), "TX-5 " + ali.String()},
	}
	if diff := cmp.Diff(want, got, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("split payments (-want +got):\n%s", diff)
	}
}

// TestConfirmMovesTheLine: a credit the matcher linked to one order and the
// buyer confirms for another refunds that other order alone: the first
// case no longer counts it, and never as confirmed.
func TestConfirmMovesTheLine(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	a := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "81", Total: nok(45900), Ordered: day("2026-09-01")})
	b := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "82", Total: nok(45900), Ordered: day("2026-09-01")})
	lineWith(t, s, a, nok(45900), day("2026-10-20"), false)
	ca := addCase(t, s, vault.Case{Kind: vault.Chargeback, Orders: []vault.OrderID{a}})
	cb := addCase(t, s, vault.Case{Kind: vault.Chargeback, Orders: []vault.OrderID{b}})
	if err := s.Decide(ctx, 1, b.String(), true); err != nil {
		t.Fatal(err)
	}
	fa, err := s.Facts(ctx, ca.String())
	if err != nil {
		t.Fatal(err)
	}
	fb, err := s.Facts(ctx, cb.String())
	if err != nil {
		t.Fatal(err)
	}
	if fa.Money.Claim != nok(45900) || len(fa.Money.Refunds) != 0 {
		t.Errorf("the first order still has the line: claim %v, refunds %+v", fa.Money.Claim, fa.Money.Refunds)
	}
	if fb.Money.Claim.Minor != 0 || len(fb.Money.Credited) != 1 || !fb.Money.Credited[0].Confirmed || fb.Money.Credited[0].Order != b {
		t.Errorf("the order the buyer confirmed: claim %v, credited %+v", fb.Money.Claim, fb.Money.Credited)
	}
	ms, _ := s.DB.Matches(ctx)
	if !slices.ContainsFunc(ms, func(m store.Match) bool { return m.Order == a && m.State == "rejected" && m.By == "user" }) {
		t.Errorf("the matcher's link to %s stays: %+v", a, ms)
	}
}

// TestCreditsToConfirm: a credit the matcher linked stays to decide, in the
// run that links it and in every later one, until the buyer confirms or
// rejects it; a charge it linked does not. A converted line whose rate the
// bank did not give says so without "at".
func TestCreditsToConfirm(t *testing.T) {
	ctx := context.Background()
	s := testVault(t)
	ali := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "81", Total: nok(45900), Ordered: day("2026-09-02")})
	eur := addOrder(t, s, vault.Order{Marketplace: vault.AliExpress, Number: "82", Total: money.Money{Minor: 3990, Currency: "EUR"}, Ordered: day("2026-09-02")})
	converted := vault.Transaction{Key: "k3", Booked: day("2026-09-04"), Amount: nok(-48000), Original: money.Money{Minor: 3990, Currency: "EUR"}, Text: "ALIEXPRESS.COM"}
	txs := []vault.Transaction{
		{Key: "k1", Booked: day("2026-09-03"), Amount: nok(-45900), Text: "ALIEXPRESS.COM"},
		{Key: "k2", Booked: day("2026-10-20"), Amount: nok(45900), Text: "ALIEXPRESS.COM / RETUR"},
		converted,
	}
	if _, err := s.DB.ImportStatement(ctx, vault.Evidence{Kind: vault.EvidenceStatement, Source: vault.SourceTyped, Title: "statement"}, txs); err != nil {
		t.Fatal(err)
	}
	pairs := func(ms []store.Match) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Transaction.String()+" "+m.Order.String()+" "+m.Why)
		}
		return out
	}
	credit := []string{"TX-2 " + ali.String() + " the same amount, AliExpress in the text"}
	for run := 1; run <= 2; run++ {
		res, err := s.MatchTransactions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(credit, pairs(res.ToConfirm)); d != "" || res.ToDecide() != 1 {
			t.Errorf("run %d: to confirm (-want +got):\n%s; %d to decide", run, d, res.ToDecide())
		}
		if run == 1 {
			want := []string{"TX-1 " + ali.String() + " the same amount, AliExpress in the text", credit[0],
				"TX-3 " + eur.String() + " 39.90 EUR converted, AliExpress in the text"}
			if d := cmp.Diff(want, pairs(res.Linked)); d != "" {
				t.Errorf("linked (-want +got):\n%s", d)
			}
		}
	}
	if err := s.Decide(ctx, 2, ali.String(), true); err != nil {
		t.Fatal(err)
	}
	res, err := s.MatchTransactions(ctx)
	if err != nil || len(res.ToConfirm) != 0 || res.ToDecide() != 0 {
		t.Errorf("after the confirmation: %+v, %v", res, err)
	}
}
