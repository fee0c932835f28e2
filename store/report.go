package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strconv"

	"vault/internal/date"
	"vault/internal/money"
)

// Report is the overview of a vault's purchases and disputes, per
// marketplace: what a reinstatement request needs to show that disputes were
// few and justified.
type Report struct {
	Marketplace string         `json:"marketplace,omitempty"` // the filter, if any
	Year        int            `json:"year,omitempty"`        // the filter, if any
	Markets     []MarketReport `json:"marketplaces"`
}

// MarketReport is one marketplace's line of a Report.
type MarketReport struct {
	Marketplace string        `json:"marketplace"`
	Orders      int           `json:"orders"`
	Totals      []money.Money `json:"totals"` // one per currency
	Cases       []CaseCount   `json:"cases"`  // by kind and status
	Disputes    int           `json:"disputes"`
	DisputeRate float64       `json:"dispute_rate"` // disputes and chargebacks per order
}

// Dispute is one of the buyer's disputes or chargebacks, with its outcome:
// the list a reinstatement request shows.
type Dispute struct {
	Case        CaseID     `json:"case"`
	Kind        string     `json:"kind"`
	Marketplace string     `json:"marketplace"`
	Orders      string     `json:"orders"` // their order numbers
	Opened      date.Value `json:"opened"`
	Status      string     `json:"status"`
}

// CaseCount counts the cases of one kind in one status.
type CaseCount struct {
	Kind   string `json:"kind"`
	Status string `json:"status"`
	Count  int    `json:"count"`
}

type marketTotal struct {
	name   string
	orders int
	total  money.Money
}

type marketCount struct {
	name string
	CaseCount
}

// orderDay is the day an order counts from: when it was ordered, else when it
// was recorded.
const orderDay = `coalesce(nullif(o.ordered_at, ''), o.created_at)`

// Report counts orders, totals and cases, for one marketplace and one year
// (by the order date) when they are given.
func (db *DB) Report(ctx context.Context, marketplace string, year int) (Report, error) {
	r := Report{Marketplace: NormalizeMarketplace(marketplace), Year: year}
	where := ` WHERE (? = '' OR o.marketplace = ?) AND (? = 0 OR substr(` + orderDay + `, 1, 4) = ?)`
	args := []any{r.Marketplace, r.Marketplace, year, strconv.Itoa(year)}
	err := db.read(ctx, func(tx *sql.Tx) error {
		markets := map[string]*MarketReport{}
		market := func(name string) *MarketReport {
			if markets[name] == nil {
				markets[name] = &MarketReport{Marketplace: name}
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
			JOIN case_orders co ON co.case_id = c.id JOIN orders o ON o.id = co.order_id`+where+`
			GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`, args, func(rs *sql.Rows) (marketCount, error) {
			var x marketCount
			return x, rs.Scan(&x.name, &x.Kind, &x.Status, &x.Count)
		}, func(marketCount) int { return 0 })
		for _, c := range cases {
			mr := market(c.name)
			mr.Cases = append(mr.Cases, c.CaseCount)
			if c.Kind == "dispute" || c.Kind == "chargeback" {
				mr.Disputes += c.Count
			}
		}
		for _, m := range markets {
			if m.Orders > 0 {
				m.DisputeRate = float64(m.Disputes) / float64(m.Orders)
			}
			r.Markets = append(r.Markets, *m)
		}
		slices.SortFunc(r.Markets, func(a, b MarketReport) int { return cmp.Compare(a.Marketplace, b.Marketplace) })
		return err
	})
	return r, err
}

// DisputeActivity counts, for one marketplace, the dispute cases opened
// since day30 and since day90 (days as 2006-01-02) and the orders placed
// since day90.
func (db *DB) DisputeActivity(ctx context.Context, marketplace, day30, day90 string) (d30, d90, orders90 int, err error) {
	err = db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `WITH d AS (SELECT DISTINCT c.id, c.opened_at FROM cases c
				JOIN case_orders co ON co.case_id = c.id JOIN orders o ON o.id = co.order_id
				WHERE c.kind = 'dispute' AND o.marketplace = ?1)
			SELECT (SELECT count(*) FROM d WHERE opened_at >= ?2), (SELECT count(*) FROM d WHERE opened_at >= ?3),
				(SELECT count(*) FROM orders o WHERE o.marketplace = ?1 AND `+orderDay+` >= ?3)`,
			NormalizeMarketplace(marketplace), day30, day90).Scan(&d30, &d90, &orders90)
	})
	return d30, d90, orders90, err
}
