package store

import (
	"context"
	"database/sql"
	"strconv"

	"vault"
)

// TXT is the record of the words read off a picture (TXT-n for EV-n).
type TXT vault.EvidenceID

func (t TXT) String() string { return "TXT-" + strconv.FormatInt(int64(t), 10) }

// SetText records the words read off a picture and indexes its evidence by
// them, audited. A picture is read once: a second reading is ignored.
func (db *DB) SetText(ctx context.Context, id vault.EvidenceID, engine, text string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := writable(ctx, tx, "evidence", int64(id), id.String()); err != nil {
			return err
		}
		res, err := exec(ctx, tx, `INSERT OR IGNORE INTO evidence_text (evidence_id, engine, text, created_at) VALUES (?,?,?,?)`,
			id, engine, text, db.now())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if err := unindex(ctx, tx, id.String()); err != nil {
			return err
		}
		if err := indexEvidence(ctx, tx, id); err != nil {
			return err
		}
		return audit(ctx, tx, db.now(), "read text", TXT(id))
	})
}

// Unread returns the live pictures (images with a stored file) that have
// no text read off them yet, oldest first; not HEIC photos, which
// tesseract cannot open (they are kept, and shown as such, only), nor the
// pictures vault made of saved pages, whose text the pages hold.
func (db *DB) Unread(ctx context.Context) ([]vault.Evidence, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Evidence, error) {
		return queryEvidenceOrdered(ctx, tx, `WHERE e.sha256 IS NOT NULL AND e.media_type LIKE 'image/%' AND e.media_type NOT IN ('image/heic', 'image/heif')
			AND NOT `+isPicture+`
			AND NOT EXISTS (SELECT 1 FROM evidence_text WHERE evidence_id = e.id) AND `+liveEvidence, `ORDER BY e.id`)
	})
}

// Texts returns the words read off each of ids that has them.
func (db *DB) Texts(ctx context.Context, ids []vault.EvidenceID) (map[vault.EvidenceID]string, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (map[vault.EvidenceID]string, error) {
		out := map[vault.EvidenceID]string{}
		for _, id := range ids {
			var text string
			err := queryRow(ctx, tx, `SELECT text FROM evidence_text WHERE evidence_id = ?`, id).Scan(&text)
			if err == nil {
				out[id] = text
			} else if err != sql.ErrNoRows {
				return nil, err
			}
		}
		return out, nil
	})
}
