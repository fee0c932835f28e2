package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
)

// Snapshot writes a consistent copy of the database to path with VACUUM
// INTO, while other processes may go on writing. path must not exist.
func (db *DB) Snapshot(ctx context.Context, path string) error {
	if _, err := db.db.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("snapshot: %w", err)
	}
	return nil
}

// SnapshotInfo is what a database file holds, read without changing it.
type SnapshotInfo struct {
	Schema  int
	Head    string
	Entries int64
	Blobs   []BlobRef
}

// ReadSnapshot opens a database file read-only and lists its schema version,
// its audit head and the blobs its records refer to.
func ReadSnapshot(ctx context.Context, path string) (SnapshotInfo, error) {
	u := url.URL{Scheme: "file", Opaque: url.PathEscape(path), RawQuery: "mode=ro"}
	sqldb, err := sql.Open("sqlite", u.String())
	if err != nil {
		return SnapshotInfo{}, err
	}
	defer sqldb.Close()
	tx, err := sqldb.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return SnapshotInfo{}, fmt.Errorf("read snapshot: %w", err)
	}
	defer tx.Rollback()
	var info SnapshotInfo
	if err := tx.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&info.Schema); err != nil {
		return info, fmt.Errorf("read snapshot: %w", err)
	}
	a, err := lastEntry(ctx, tx)
	info.Entries, info.Head = a.Entries, a.Head
	if err != nil {
		return info, fmt.Errorf("read snapshot: %w", err)
	}
	var c Check
	err = listBlobs(ctx, tx, &c)
	info.Blobs = c.Blobs
	return info, err
}
