package store

import (
	"context"
	"database/sql"
	"errors"

	"vault"
)

// isPicture is the condition that evidence e is a picture vault made of a
// saved page (vault.Evidence.IsPicture).
const isPicture = `(e.source = 'vault' AND e.parent_id IS NOT NULL)`

// AddPicture records the picture vault made of a saved page: evidence of
// its own (source vault), a child of the page with no links of its own,
// audited. Its blob must be stored. A page has one live picture: when it
// has one, that one is returned as a duplicate and nothing is recorded.
func (db *DB) AddPicture(ctx context.Context, page vault.EvidenceID, pic vault.Evidence) (vault.Added, error) {
	var out vault.Added
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := writable(ctx, tx, "evidence", int64(page), page.String()); err != nil {
			return err
		}
		var err error
		out, err = db.addPicture(ctx, tx, page, pic, db.now())
		return err
	})
	return out, err
}

// AddCaptured records a page vault captured, linked as asked, and its
// picture, in one transaction (see AddEvidence and AddPicture).
func (db *DB) AddCaptured(ctx context.Context, page, pic vault.Evidence, links vault.Links) ([]vault.Added, error) {
	var out []vault.Added
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := checkLinks(ctx, tx, links, false); err != nil {
			return err
		}
		now := db.now()
		p, err := db.addLinked(ctx, tx, page, links, "capture page", now)
		if err != nil {
			return err
		}
		q, err := db.addPicture(ctx, tx, p.ID, pic, now)
		out = []vault.Added{p, q}
		return err
	})
	return out, err
}

// addPicture records pic as the picture of page, unless page has one.
func (db *DB) addPicture(ctx context.Context, tx *sql.Tx, page vault.EvidenceID, pic vault.Evidence, now string) (vault.Added, error) {
	var id vault.EvidenceID
	err := queryRow(ctx, tx, `SELECT e.id FROM evidence e WHERE e.parent_id = ? AND `+isPicture+` AND `+liveEvidence+
		` ORDER BY e.id LIMIT 1`, page).Scan(&id)
	if err == nil {
		return vault.Added{ID: id, Duplicate: true}, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return vault.Added{}, err
	}
	pic.Parent, pic.Source = page, vault.SourceVault
	a, err := db.addEvidence(ctx, tx, pic, now)
	if err != nil {
		return a, err
	}
	return a, audit(ctx, tx, now, "make picture", a.ID)
}

// Unpictured returns the live evidence that has no picture and may be a
// saved page (an HTML file or an archive; the caller asks
// vault.Evidence.PageFormat), oldest first.
func (db *DB) Unpictured(ctx context.Context) ([]vault.Evidence, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Evidence, error) {
		return queryEvidenceOrdered(ctx, tx, `WHERE e.sha256 IS NOT NULL AND NOT `+isPicture+` AND (e.media_type LIKE 'text/html%'
			OR e.media_type LIKE 'application/xhtml+xml%' OR e.media_type IN ('multipart/related', 'application/x-mimearchive', 'message/rfc822'))
			AND NOT EXISTS (SELECT 1 FROM evidence p WHERE p.parent_id = e.id AND p.source = 'vault'
				AND NOT EXISTS (SELECT 1 FROM retractions WHERE record = 'EV-' || p.id)) AND `+liveEvidence, `ORDER BY e.id`)
	})
}

// pictures reads the live pictures of the evidence in list.
func pictures(ctx context.Context, tx *sql.Tx, list []vault.Evidence) ([]vault.Evidence, error) {
	if len(list) == 0 {
		return nil, nil
	}
	ids := make([]vault.EvidenceID, len(list))
	for i, e := range list {
		ids[i] = e.ID
	}
	in, args := idList(ids)
	return queryEvidence(ctx, tx, `WHERE `+isPicture+` AND e.parent_id IN (`+in+`) AND `+liveEvidence, args...)
}
