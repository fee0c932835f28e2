package casework

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"vault"
	"vault/ocr"
)

// Read is the outcome of reading one picture.
type Read struct {
	ID    vault.EvidenceID
	Words int   // how many words were read
	Err   error // the picture could not be read; nothing was recorded
}

// ReadText reads the words off the pictures of ids (none: every picture
// that has no text yet) with tesseract, a picture a core, and records each
// text as it comes, so an interrupted run keeps what it read. progress
// counts pictures.
func (s *Service) ReadText(ctx context.Context, t *ocr.Tesseract, ids []vault.EvidenceID, progress Progress) ([]Read, error) {
	todo, err := s.DB.Unread(ctx)
	if err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		todo = only(todo, ids)
	}
	out := make([]Read, len(todo))
	work := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range min(runtime.NumCPU(), len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				out[i] = s.readOne(ctx, t, todo[i])
				mu.Lock()
				done++
				progress.report(int64(done), int64(len(todo)))
				mu.Unlock()
			}
		}()
	}
	sent := 0
	for ; sent < len(todo) && ctx.Err() == nil; sent++ {
		work <- sent
	}
	close(work)
	wg.Wait()
	return out[:sent], ctx.Err() // an interrupted run reports only what it tried
}

func (s *Service) readOne(ctx context.Context, t *ocr.Tesseract, e vault.Evidence) Read {
	r := Read{ID: e.ID}
	if ctx.Err() != nil {
		r.Err = ctx.Err()
		return r
	}
	if err := s.Blobs.Check(e.Blob.SHA256, e.Blob.Size); err != nil {
		r.Err = fmt.Errorf("%s: %w", e.ID, err)
		return r
	}
	text, err := t.Read(ctx, s.Blobs.Path(e.Blob.SHA256))
	if err == nil {
		err = s.DB.SetText(ctx, e.ID, t.Name(), text)
	}
	r.Err, r.Words = err, countWords(text)
	return r
}

// only keeps the evidence of ids.
func only(es []vault.Evidence, ids []vault.EvidenceID) []vault.Evidence {
	want := map[vault.EvidenceID]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []vault.Evidence
	for _, e := range es {
		if want[e.ID] {
			out = append(out, e)
		}
	}
	return out
}

func countWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := r == ' ' || r == '\n' || r == '\t'
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
