// Package store is the one owner of the vault's SQL. A *DB wraps one SQLite
// file; every exported method is one whole transaction.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"time"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver

	"vault/internal/testpoint"
	"vault/migrations"
)

// DB is an open vault database.
type DB struct {
	db   *sql.DB
	path string // the database file; its anchor is beside it
	// Now is the clock used for created_at stamps; tests may replace it.
	Now func() time.Time
	// By names who makes the changes recorded as edits: the vault's user.
	By string
	// Loc is the user's zone, in which a day recorded from a mail is
	// checked against today (nil: UTC).
	Loc *time.Location
	// Stored reports whether the blob store holds the file of these bytes.
	// When set, evidence is recorded only while its file is there: a purge
	// that ran between writing the file and recording it took the file away.
	Stored func(sha256 string) bool
}

// ErrNoDatabase is returned by Open when the file does not exist.
var ErrNoDatabase = errors.New("no database")

// Create makes a new database file at path with mode 0600 and applies every
// migration. It fails if the file exists.
func Create(ctx context.Context, path string) (*DB, error) { return CreateAt(ctx, path, time.Now) }

// CreateAt is Create with the clock of what migrating writes (see OpenAt).
func CreateAt(ctx context.Context, path string, now func() time.Time) (*DB, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create database: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("create database: %w", err)
	}
	return OpenAt(ctx, path, now)
}

// Open opens an existing database and applies pending migrations.
func Open(ctx context.Context, path string) (*DB, error) { return OpenAt(ctx, path, time.Now) }

// OpenAt is Open with the clock that stamps what migrating writes (the
// entries that seal records): the vault's own clock, so that a fixed one
// ($VAULT_NOW) gives the same log, and the same dossier, every time.
func OpenAt(ctx context.Context, path string, now func() time.Time) (*DB, error) {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	}
	sqldb, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	db := &DB{db: sqldb, path: path, Now: now}
	if err := db.migrate(ctx); err != nil {
		sqldb.Close()
		return nil, err
	}
	// Best effort: a vault on a read-only disk still opens for reading;
	// it then has no local anchor until a write can make one.
	_ = db.ensureAnchor(ctx)
	return db, nil
}

// dsn sets WAL, foreign keys, a busy timeout and immediate write transactions,
// so that two vault processes writing at once both succeed.
func dsn(path string) string {
	u := url.URL{Scheme: "file", Opaque: url.PathEscape(path)}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)", "temp_store(2)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	u.RawQuery = q.Encode()
	return u.String()
}

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// now is the creation stamp for new rows.
func (db *DB) now() string { return db.Now().UTC().Format(time.RFC3339) }

// write runs fn in one immediate transaction, committing if fn returns nil.
func (db *DB) write(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	txStmts.Store(tx, map[string]*sql.Stmt{})
	defer txStmts.Delete(tx)
	defer txAudited.Delete(tx)
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	testpoint.Reach("db.commit") // the rows written, not yet committed
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return db.anchorAfterCommit(ctx, tx)
}

// read runs fn in one read-only transaction: a consistent snapshot that does
// not take the write lock.
func (db *DB) read(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	txStmts.Store(tx, map[string]*sql.Stmt{})
	defer txStmts.Delete(tx)
	defer tx.Rollback()
	return fn(tx)
}

// readValue runs fn in a read transaction and returns what it returns.
func readValue[T any](ctx context.Context, db *DB, fn func(*sql.Tx) (T, error)) (T, error) {
	var v T
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = fn(tx)
		return err
	})
	return v, err
}

// migrate applies the migrations newer than PRAGMA user_version, all in one
// transaction: an interrupted upgrade leaves the vault as it was. The version
// is read again inside the transaction, so two processes opening an old
// vault at once do not apply a step twice. The steps SQL cannot do
// (afterMigration) run after the last file, since they use this binary's
// queries, which read the newest schema.
func (db *DB) migrate(ctx context.Context) error {
	all, err := migrations.All()
	if err != nil {
		return err
	}
	var version int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	if version > len(all) {
		return fmt.Errorf("database schema version %d is newer than this vault binary knows (%d): upgrade vault", version, len(all))
	}
	if version == len(all) {
		return nil
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
			return err
		}
		pending := all[min(version, len(all)):]
		for _, m := range pending {
			if m.Version == 3 {
				if err := db.refuseReset(); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %s: %w", m.Name, err)
			}
		}
		for _, m := range pending {
			if hook := afterMigration[m.Version]; hook != nil {
				if err := hook(ctx, tx, db.now()); err != nil {
					return fmt.Errorf("migration %s: %w", m.Name, err)
				}
			}
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(all)))
		return err
	})
}

// afterMigration holds the steps of a migration that SQL cannot do: sealing
// existing records needs SHA-256, folding text for search needs Go's
// Unicode tables.
var afterMigration = map[int]func(context.Context, *sql.Tx, string) error{
	3:  adoptRecords,
	6:  rebuildIndexes,
	7:  schemaEdited,
	10: markAnchored,
	15: schemaEdited,
	16: schemaEdited,
}

// schemaEdited makes the connections read a table's new CHECK: the schema
// text changed under them (migration 7, cases.kind; 15, evidence.source; 16, evidence.kind).
func schemaEdited(ctx context.Context, tx *sql.Tx, _ string) error {
	var v int
	if err := tx.QueryRowContext(ctx, `PRAGMA schema_version`).Scan(&v); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA schema_version = %d`, v+1))
	return err
}

// Version returns the schema version (the number of applied migrations).
func (db *DB) Version(ctx context.Context) (int, error) {
	var v int
	err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}
