package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"vault"

	"vault/internal/date"
	"vault/internal/money"
)

// AddOrder records o and returns its id. An order with the same marketplace and
// number is refused with vault.ErrExists.
func (db *DB) AddOrder(ctx context.Context, o vault.Order) (vault.OrderID, error) {
	o.Marketplace = vault.ParseMarketplace(string(o.Marketplace))
	o.Number = strings.TrimSpace(o.Number)
	if o.Marketplace == "" || o.Number == "" {
		return 0, errors.New("an order needs a marketplace and a number")
	}
	var id vault.OrderID
	err := db.write(ctx, func(tx *sql.Tx) error {
		var old vault.OrderID
		err := queryRow(ctx, tx, `SELECT id FROM orders WHERE marketplace = ? AND number = ?`, o.Marketplace, o.Number).Scan(&old)
		if err == nil {
			return fmt.Errorf("order %s %s is already recorded as %s: %w", o.Marketplace.Name(), o.Number, old, vault.ErrExists)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		now := db.now()
		if id, err = insertOrder(ctx, tx, o, now); err != nil {
			return err
		}
		return audit(ctx, tx, now, "add order", id)
	})
	return id, err
}

func insertOrder(ctx context.Context, tx *sql.Tx, o vault.Order, now string) (vault.OrderID, error) {
	total, cur := moneyArgs(o.Total)
	res, err := exec(ctx, tx, `INSERT INTO orders (marketplace, number, seller, total_minor, currency,
		ordered_at, paid_at, shipped_at, expected_at, delivered_at, payment, note, created_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		o.Marketplace, o.Number, o.Seller, total, cur, o.Ordered.String(), o.Paid.String(),
		o.Shipped.String(), o.Expected.String(), o.Delivered.String(), o.Payment, o.Note, now)
	if err != nil {
		return 0, fmt.Errorf("insert order: %w", err)
	}
	n, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	id := vault.OrderID(n)
	if err := writeOrderLists(ctx, tx, id, o); err != nil {
		return 0, err
	}
	return id, indexOrder(ctx, tx, id)
}

// writeOrderLists writes an order's items, tracking numbers and facts
// (after any old ones were removed).
func writeOrderLists(ctx context.Context, tx *sql.Tx, id vault.OrderID, o vault.Order) error {
	for i, item := range o.Items {
		if _, err := exec(ctx, tx, `INSERT INTO order_items (order_id, position, text) VALUES (?,?,?)`, id, i+1, item); err != nil {
			return fmt.Errorf("insert item: %w", err)
		}
	}
	for _, t := range o.Tracking {
		if _, err := exec(ctx, tx, `INSERT OR IGNORE INTO order_tracking (order_id, number) VALUES (?,?)`, id, t); err != nil {
			return fmt.Errorf("insert tracking: %w", err)
		}
	}
	for k, v := range o.Facts() {
		if _, err := exec(ctx, tx, `INSERT INTO order_facts (order_id, key, value) VALUES (?,?,?)`, id, k, v); err != nil {
			return fmt.Errorf("insert %s: %w", k, err)
		}
	}
	return nil
}

// ResolveOrder finds an order by its id ("ORD-3") or by its order number.
// A number recorded on several marketplaces is ErrAmbiguous.
func (db *DB) ResolveOrder(ctx context.Context, ref string) (vault.OrderID, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (vault.OrderID, error) {
		return resolveOrder(ctx, tx, strings.TrimSpace(ref))
	})
}

func resolveOrder(ctx context.Context, tx *sql.Tx, ref string) (vault.OrderID, error) {
	if id, ok := vault.ParseOrderID(ref); ok {
		err := queryRow(ctx, tx, `SELECT id FROM orders WHERE id = ?`, id).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, fmt.Errorf("order %s: %w", ref, vault.ErrNotFound)
		}
		return id, err
	}
	// Live orders first: a retracted order answers to its number only when
	// no live one does.
	type match struct {
		id        vault.OrderID
		market    string
		retracted bool
	}
	matches, _, err := scanAll(ctx, tx, `SELECT o.id, o.marketplace, NOT `+liveOrder+` FROM orders o WHERE o.number = ?
		ORDER BY 3, o.id`, []any{ref}, func(r *sql.Rows) (match, error) {
		var m match
		return m, r.Scan(&m.id, &m.market, &m.retracted)
	}, func(match) int { return 0 })
	if err != nil {
		return 0, err
	}
	var names []string
	for _, m := range matches {
		if m.retracted != matches[0].retracted {
			break
		}
		names = append(names, m.id.String()+" ("+m.market+")")
	}
	switch {
	case len(matches) == 0:
		return 0, fmt.Errorf("order %q: %w (use an id like ORD-1 or a recorded order number)", ref, vault.ErrNotFound)
	case len(names) > 1:
		return 0, fmt.Errorf("order number %q is %s: %w; use the id", ref, strings.Join(names, " and "), vault.ErrAmbiguous)
	}
	return matches[0].id, nil
}

// Order returns one order with its items and tracking numbers.
func (db *DB) Order(ctx context.Context, id vault.OrderID) (vault.Order, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (vault.Order, error) { return orderByID(ctx, tx, id) })
}

func orderByID(ctx context.Context, tx *sql.Tx, id vault.OrderID) (vault.Order, error) {
	os, err := queryOrders(ctx, tx, `WHERE o.id = ?`, id)
	if err != nil {
		return vault.Order{}, err
	}
	if len(os) == 0 {
		return vault.Order{}, fmt.Errorf("order %s: %w", id, vault.ErrNotFound)
	}
	return os[0], nil
}

// Orders returns every order, oldest record first.
// Those retracted come only with all.
func (db *DB) Orders(ctx context.Context, all bool) ([]vault.Order, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Order, error) { return queryOrders(ctx, tx, liveWhere(all, liveOrder)) })
}

const orderColumns = `o.id, o.marketplace, o.number, o.seller, o.total_minor, o.currency, o.ordered_at, o.paid_at,
	o.shipped_at, o.expected_at, o.delivered_at, o.payment, o.note, o.created_at,
	` + orderRetracted

// orderRetracted is why an order was retracted, or "".
const orderRetracted = `coalesce((SELECT reason FROM retractions WHERE record = 'ORD-' || o.id), '')`

// queryOrders loads the orders matching where (a clause on alias o) with their
// items and tracking numbers, in three queries whatever the number of orders.
func queryOrders(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]vault.Order, error) {
	orders, index, err := scanAll(ctx, tx, `SELECT `+orderColumns+` FROM orders o `+where+` ORDER BY o.id`, args,
		scanOrder, func(o vault.Order) vault.OrderID { return o.ID })
	if err != nil || len(orders) == 0 {
		return orders, err
	}
	sub := `SELECT o.id FROM orders o ` + where
	err = eachPair(ctx, tx, `SELECT order_id, text FROM order_items WHERE order_id IN (`+sub+`) ORDER BY order_id, position`, args,
		func(id vault.OrderID, s string) { o := &orders[index[id]]; o.Items = append(o.Items, s) })
	if err != nil {
		return nil, err
	}
	err = eachPair(ctx, tx, `SELECT order_id, number FROM order_tracking WHERE order_id IN (`+sub+`) ORDER BY order_id, rowid`, args,
		func(id vault.OrderID, s string) { o := &orders[index[id]]; o.Tracking = append(o.Tracking, s) })
	if err != nil {
		return nil, err
	}
	err = eachFact(ctx, tx, `SELECT order_id, key, value FROM order_facts WHERE order_id IN (`+sub+`) ORDER BY order_id, key`, args,
		func(id int64, k, v string) error { return orders[index[vault.OrderID(id)]].SetFact(k, v) })
	return orders, err
}

func scanOrder(rows *sql.Rows) (vault.Order, error) {
	var o vault.Order
	var total sql.NullInt64
	var cur sql.NullString
	var dates [5]string
	var created string
	err := rows.Scan(&o.ID, &o.Marketplace, &o.Number, &o.Seller, &total, &cur, &dates[0], &dates[1],
		&dates[2], &dates[3], &dates[4], &o.Payment, &o.Note, &created, &o.Retracted)
	if err != nil {
		return o, fmt.Errorf("scan order: %w", err)
	}
	o.Total = scanMoney(total, cur)
	targets := []*date.Value{&o.Ordered, &o.Paid, &o.Shipped, &o.Expected, &o.Delivered}
	for i, s := range dates {
		if *targets[i], err = date.Stored(s); err != nil {
			return o, fmt.Errorf("order %s: bad stored date %q", o.ID, s)
		}
	}
	o.CreatedAt, err = time.Parse(time.RFC3339, created)
	return o, err
}

func moneyArgs(m money.Money) (any, any) {
	if m.IsZero() {
		return nil, nil
	}
	return m.Minor, m.Currency
}

func scanMoney(minor sql.NullInt64, cur sql.NullString) money.Money {
	if !minor.Valid {
		return money.Money{}
	}
	return money.Money{Minor: minor.Int64, Currency: cur.String}
}

// OrderLines lists every order in one query of the columns a listing shows
// and its status needs: no items, tracking or notes. Those retracted come
// only with all. A vault of 10,000 orders lists
// in a third of the time Orders takes.
func (db *DB) OrderLines(ctx context.Context, all bool) ([]vault.Order, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Order, error) {
		lines, _, err := scanAll(ctx, tx, `SELECT o.id, o.marketplace, o.number, o.seller, o.total_minor, o.currency,
			o.ordered_at, o.paid_at, o.shipped_at, o.delivered_at,
			coalesce((SELECT value FROM order_facts f WHERE f.order_id = o.id AND f.key = 'refunded'), ''),
			`+orderRetracted+` FROM orders o `+liveWhere(all, liveOrder)+` ORDER BY o.id`, nil, scanOrderLine,
			func(vault.Order) vault.OrderID { return 0 })
		return lines, err
	})
}

func scanOrderLine(rows *sql.Rows) (vault.Order, error) {
	var o vault.Order
	var total sql.NullInt64
	var cur sql.NullString
	var ordered, paid, shipped, delivered, refunded string
	if err := rows.Scan(&o.ID, &o.Marketplace, &o.Number, &o.Seller, &total, &cur, &ordered, &paid, &shipped, &delivered,
		&refunded, &o.Retracted); err != nil {
		return o, fmt.Errorf("scan order: %w", err)
	}
	o.Total = scanMoney(total, cur)
	var errs [5]error
	o.Ordered, errs[0] = date.Stored(ordered)
	o.Paid, errs[1] = date.Stored(paid)
	o.Shipped, errs[2] = date.Stored(shipped)
	o.Delivered, errs[3] = date.Stored(delivered)
	if refunded != "" {
		errs[4] = o.SetFact("refunded", refunded)
	}
	return o, errors.Join(errs[:]...)
}
