package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"vault"

	"vault/internal/money"
)

type marketTotal struct {
	name   vault.Marketplace
	orders int
	total  money.Money
}

type marketCount struct {
	name vault.Marketplace
	vault.CaseCount
}

// orderDay is the day an order counts from: when it was ordered, else when it
// was recorded.
const orderDay = `coalesce(nullif(o.ordered_at, ''), o.created_at)`

// Report counts orders, totals and cases, for one marketplace and one year
// (by the order date) when they are given.
func (db *DB) Report(ctx context.Context, marketplace vault.Marketplace, year int) (vault.Report, error) {
	r := vault.Report{Marketplace: vault.ParseMarketplace(string(marketplace)), Year: year}
	where := ` WHERE (? = '' OR o.marketplace = ?) AND (? = 0 OR substr(` + orderDay + `, 1, 4) = ?) AND ` + liveOrder
	args := []any{r.Marketplace, r.Marketplace, year, strconv.Itoa(year)}
	err := db.read(ctx, func(tx *sql.Tx) error {
		markets := map[vault.Marketplace]*vault.MarketReport{}
		market := func(name vault.Marketplace) *vault.MarketReport {
			if markets[name] == nil {
				markets[name] = &vault.MarketReport{Marketplace: name}
			}
			return markets[name]
		}
		totals, _, err := scanAll(ctx, tx, `SELECT o.marketplace, coalesce(o.currency, ''), count(*), coalesce(sum(o.total_minor), 0)
			FROM orders o`+where+` GROUP BY 1, 2 ORDER BY 1, 2`, args, func(rs *sql.Rows) (marketTotal, error) {
			var x marketTotal
			return x, rs.Scan(&x.name, &x.total.Currency, &x.orders, &x.total.Minor)
		}, func(marketTotal) int { return 0 })
		if err != nil {
			return err
		}
		for _, t := range totals {
			mr := market(t.name)
			mr.Orders += t.orders
			if t.total.Currency != "" {
				mr.Totals = append(mr.Totals, t.total)
			}
		}
		cases, _, err := scanAll(ctx, tx, `SELECT o.marketplace, c.kind, c.status, count(DISTINCT c.id) FROM cases c
			JOIN case_orders co ON co.case_id = c.id JOIN orders o ON o.id = co.order_id`+where+` AND `+liveCase+`
			GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, args, func(rs *sql.Rows) (marketCount, error) {
			var x marketCount
			return x, rs.Scan(&x.name, &x.Kind, &x.Status, &x.Count)
		}, func(marketCount) int { return 0 })
		for _, c := range cases {
			mr := market(c.name)
			mr.Cases = append(mr.Cases, c.CaseCount)
			if c.Kind.CountsAsDispute() {
				mr.Disputes += c.Count
			}
		}
		for _, m := range markets {
			if m.Orders > 0 {
				m.DisputeRate = float64(m.Disputes) / float64(m.Orders)
			}
			r.Markets = append(r.Markets, *m)
		}
		slices.SortFunc(r.Markets, func(a, b vault.MarketReport) int { return cmp.Compare(a.Marketplace, b.Marketplace) })
		return err
	})
	return r, err
}

// DisputeActivity counts, for one marketplace, the cases that count as
// disputes (vault.CaseKind.CountsAsDispute) opened since day30 and since
// day90 (days as 2006-01-02), the orders they are about, and the orders of
// the 90 days: placed since day90 or disputed since. The orders with are
// those of a case about to be opened: they count as disputed orders of the
// 90 days (its case is the caller's to count).
func (db *DB) DisputeActivity(ctx context.Context, marketplace vault.Marketplace, day30, day90, until string, with []vault.OrderID) (vault.DisputeActivity, error) {
	m := vault.ParseMarketplace(string(marketplace))
	var a vault.DisputeActivity
	ids, err := json.Marshal(with)
	if err != nil {
		return a, err
	}
	disputed := `('ORD-' || o.id IN (SELECT value FROM json_each(?)) OR o.id IN (SELECT co.order_id FROM case_orders co
		JOIN cases c ON c.id = co.case_id WHERE c.kind IN ` + disputeKinds + ` AND c.opened_at >= ? AND substr(c.opened_at, 1, 10) <= ? AND ` + liveCase + `))`
	err = db.read(ctx, func(tx *sql.Tx) error {
		if err := disputesSince(ctx, tx, m, day30, day90, until, &a); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT coalesce(sum(`+disputed+`), 0), count(*) FROM orders o WHERE o.marketplace = ? AND `+liveOrder+`
			AND ((`+orderDay+` >= ? AND substr(`+orderDay+`, 1, 10) <= ?) OR `+disputed+`)`,
			string(ids), day90, until, m, day90, until, string(ids), day90, until).Scan(&a.Disputed90, &a.Orders90)
	})
	return a, err
}

// disputeKinds are the case kinds that count as disputes, in SQL
// (vault.CaseKind.CountsAsDispute; TestDisputeKinds keeps them agreeing).
const disputeKinds = `('dispute', 'chargeback')`

// disputesSince counts the live cases that count as disputes opened since
// day30 and since day90, about orders of the marketplace.
func disputesSince(ctx context.Context, tx *sql.Tx, m vault.Marketplace, day30, day90, until string, a *vault.DisputeActivity) error {
	return tx.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(opened_at >= ?), 0) FROM cases c
		WHERE c.kind IN `+disputeKinds+` AND c.opened_at >= ? AND substr(c.opened_at, 1, 10) <= ? AND `+liveCase+`
		AND EXISTS (SELECT 1 FROM case_orders co JOIN orders o ON o.id = co.order_id WHERE co.case_id = c.id AND o.marketplace = ? AND `+liveOrder+`)`,
		day30, day90, until, m).Scan(&a.Disputes90, &a.Disputes30)
}

// NonReceiptChargebacks counts the live chargebacks opened from day to
// until (days, inclusive) about orders of this seller paid by Visa that are
// not recorded as delivered: Visa's non-receipt disputes at one merchant.
func (db *DB) NonReceiptChargebacks(ctx context.Context, seller, day, until string) (int, error) {
	var n int
	err := db.read(ctx, func(tx *sql.Tx) error {
		return queryRow(ctx, tx, `SELECT count(DISTINCT c.id) FROM cases c JOIN case_orders co ON co.case_id = c.id
			JOIN orders o ON o.id = co.order_id WHERE c.kind = 'chargeback' AND lower(o.seller) = lower(?) AND o.seller <> ''
			AND o.delivered_at = '' AND lower(o.payment) LIKE '%visa%' AND substr(c.opened_at, 1, 10) BETWEEN ? AND ?
			AND `+liveCase+` AND `+liveOrder, seller, day, until).Scan(&n)
	})
	return n, err
}
