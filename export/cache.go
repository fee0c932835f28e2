package export

import (
	"image"
	"io"
	"math"
	"runtime"
	"slices"
	"sync"

	"vault/evidence"
)

// pictureKey names one prepared rendition of an image.
type pictureKey struct {
	sum        string
	maxW, maxH int
	photo      bool
	quality    int
	rows       band // a band of the image's rows; none: the whole image
}

// pixelKey names an image scaled to a box: what renditions that differ
// only in encoding (lossless, then JPEG to fit a limit) share.
type pixelKey struct {
	sum        string
	maxW, maxH int
}

// pixelBudget bounds the pixels kept for later renditions: 40 phone
// screenshots take about 118 MB at half size and 36 MB scaled to a third
// of a page at 150 DPI; a case of thousands decodes again rather than hold
// them all.
const pixelBudget = 128 << 20

// exportCache keeps what the renders of one export share: fitting a profile
// or splitting renders the same images again and again (a 60-screenshot
// split took 79 s before prepared pictures were kept), and the files
// re-hashed once need not be again.
type exportCache struct {
	mu     sync.Mutex
	m      map[pictureKey]picture
	pixels map[pixelKey]*image.RGBA
	// Images at half size by SHA-256 (see halvedPNG): every box of a
	// screenshot starts from them, so it is decoded once an export; nil for
	// a file halvedPNG does not take.
	halves map[string]*image.RGBA
	held   int               // bytes in pixels and halves
	order  []pixelKey        // what they hold, oldest first (a half: maxW 0)
	sizes  map[string][2]int // image width and height by SHA-256, for the layout
	// What readPDF found of PDF exhibits, by SHA-256 (no pages: not
	// readable as a PDF).
	pdfs map[string]pdfDoc
	// During a dry run (see prefetch), get only records what the layout
	// asks for and answers with the size the picture will have.
	dry    bool
	wanted []pictureKey
	// The files re-hashed by this export: a split renders many times.
	verified map[string]bool
	// The fewest exhibits of a part that a setting was too large for.
	large map[largeKey]int
	// Pages' pictures' quiet rows by SHA-256 (quietRows; nil: not known).
	quiets map[string][]bool
}

// largeKey names a render setting for the parts that start with one
// exhibit: with more of the exhibits after it, the PDF only grows.
type largeKey struct {
	part   int
	first  string
	render Render
}

func newExportCache() *exportCache {
	return &exportCache{m: map[pictureKey]picture{}, pixels: map[pixelKey]*image.RGBA{}, halves: map[string]*image.RGBA{},
		sizes: map[string][2]int{}, pdfs: map[string]pdfDoc{}, verified: map[string]bool{}, large: map[largeKey]int{},
		quiets: map[string][]bool{}}
}

// checked reports whether a file was re-hashed in this export already.
func (c *exportCache) checked(sum string) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.verified[sum]
}

func (c *exportCache) markChecked(sum string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.verified[sum] = true
}

// tooLarge records that d at setting r was over its profile's byte limit.
func (c *exportCache) tooLarge(d Dossier, r Render) {
	if c == nil || len(d.Exhibits) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	k := largeKey{d.Part, d.Exhibits[0].Label, r}
	if n, ok := c.large[k]; !ok || len(d.Exhibits) < n {
		c.large[k] = len(d.Exhibits)
	}
}

// knownTooLarge reports whether setting r was too large for at most d's
// exhibits of the same part. (The count of parts, known later, only adds
// "of N" to the cover.)
func (c *exportCache) knownTooLarge(d Dossier, r Render) bool {
	if c == nil || len(d.Exhibits) == 0 {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.large[largeKey{d.Part, d.Exhibits[0].Label, r}]
	return ok && n <= len(d.Exhibits)
}

// size is an image's width and height, read from its header once per export.
func (c *exportCache) size(sum string, blobs *evidence.Blobs) (int, int, error) {
	if c != nil {
		c.mu.Lock()
		wh, ok := c.sizes[sum]
		c.mu.Unlock()
		if ok {
			return wh[0], wh[1], nil
		}
	}
	w, h, err := evidence.ImageSize(func() (io.ReadCloser, error) { return blobs.Open(sum) })
	if err == nil && c != nil {
		c.mu.Lock()
		c.sizes[sum] = [2]int{w, h}
		c.mu.Unlock()
	}
	return w, h, err
}

// quiet is which rows of a page's picture are quiet (quietRows), read once
// per export; nil when not known.
func (c *exportCache) quiet(sum string, blobs *evidence.Blobs) []bool {
	if c != nil {
		c.mu.Lock()
		q, ok := c.quiets[sum]
		c.mu.Unlock()
		if ok {
			return q
		}
	}
	r, err := blobs.Open(sum)
	if err != nil {
		return nil
	}
	q, _ := quietRows(r)
	r.Close()
	if c != nil {
		c.mu.Lock()
		c.quiets[sum] = q
		c.mu.Unlock()
	}
	return q
}

// get returns a prepared picture, preparing it once per export.
func (c *exportCache) get(k pictureKey, blobs *evidence.Blobs) (picture, error) {
	if c != nil {
		c.mu.Lock()
		pic, ok := c.m[k]
		c.mu.Unlock()
		if ok {
			return pic, nil
		}
	}
	if c != nil && c.dry {
		w, h, err := c.size(k.sum, blobs)
		if k.rows.rows > 0 {
			h = k.rows.rows
		}
		c.mu.Lock()
		c.wanted = append(c.wanted, k)
		c.mu.Unlock()
		w, h = fitSize(w, h, k.maxW, k.maxH)
		return picture{w: w, h: h}, err
	}
	pic, err := c.prepare(k, blobs)
	if err == nil && c != nil {
		c.mu.Lock()
		c.m[k] = pic
		c.mu.Unlock()
	}
	return pic, err
}

// prepare makes a picture, its scaled pixels kept (within pixelBudget) for
// the next rendition of the same box.
func (c *exportCache) prepare(k pictureKey, blobs *evidence.Blobs) (picture, error) {
	open := func() (io.ReadCloser, error) { return blobs.Open(k.sum) }
	if k.rows.rows > 0 { // each band is shown once: its pixels are not kept
		flat, err := bandScaled(open, k.rows, k.maxW, k.maxH)
		if err != nil {
			return picture{}, err
		}
		return encodePicture(flat, k.photo, k.quality)
	}
	return prepareWith(open, k.maxW, k.maxH, k.photo, k.quality, func(open func() (io.ReadCloser, error), maxW, maxH int) (*image.RGBA, error) {
		pk := pixelKey{k.sum, maxW, maxH}
		if c != nil {
			c.mu.Lock()
			flat := c.pixels[pk]
			c.used(pk)
			c.mu.Unlock()
			if flat != nil {
				return flat, nil
			}
		}
		flat := c.fromHalf(k.sum, open, blobs, maxW, maxH)
		var err error
		if flat == nil {
			flat, err = scaled(open, maxW, maxH)
		}
		if err == nil {
			c.keep(pk, flat)
		}
		return flat, err
	})
}

// fromHalf fits an image in maxW x maxH starting from its pixels at half
// size, as fit would from the whole image, when the box is at most half the
// image and the file is a PNG halvedPNG takes; else nil.
func (c *exportCache) fromHalf(sum string, open func() (io.ReadCloser, error), blobs *evidence.Blobs, maxW, maxH int) *image.RGBA {
	if c == nil {
		return nil
	}
	sw, sh, err := c.size(sum, blobs)
	w, h := fitSize(sw, sh, maxW, maxH)
	if err != nil || sw < 2*w || sh < 2*h {
		return nil
	}
	c.mu.Lock()
	half, seen := c.halves[sum]
	c.used(pixelKey{sum: sum})
	c.mu.Unlock()
	if !seen {
		r, err := open()
		if err != nil {
			return nil
		}
		half, _ = halvedPNG(r)
		r.Close()
		c.keepHalf(sum, half)
	}
	if half == nil {
		return nil
	}
	return scaleOpaque(half.Pix, half.Stride, half.Rect.Dx(), half.Rect.Dy(), w, h)
}

// keepHalf holds an image at half size within the budget, and remembers a
// file halvedPNG did not take.
func (c *exportCache) keepHalf(sum string, half *image.RGBA) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if half == nil {
		c.halves[sum] = nil
		return
	}
	if c.makeRoom(len(half.Pix)) {
		c.halves[sum], c.held = half, c.held+len(half.Pix)
		c.order = append(c.order, pixelKey{sum: sum})
	}
}

// keep holds scaled pixels within the budget.
func (c *exportCache) keep(k pixelKey, flat *image.RGBA) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.makeRoom(len(flat.Pix)) {
		c.pixels[k], c.held = flat, c.held+len(flat.Pix)
		c.order = append(c.order, k)
	}
}

// used marks pixels as just used: the last to let go of.
func (c *exportCache) used(k pixelKey) {
	if i := slices.Index(c.order, k); i >= 0 {
		c.order = append(slices.Delete(c.order, i, i+1), k)
	}
}

// makeRoom lets go of kept pixels until n more bytes fit in the budget,
// and reports whether they do: halves first (3.5 times the room of a third
// of a page, and needed only for a box not made yet), then scaled pixels,
// each the one used longest ago first. A split's tries ask again for the
// same boxes of a part, and move the few exhibits at its end from box to
// box. When the first halves held the budget for good, 100 screenshots
// were decoded 183 times.
func (c *exportCache) makeRoom(n int) bool {
	for _, halves := range []bool{true, false} {
		for i := 0; c.held+n > pixelBudget && i < len(c.order); {
			k := c.order[i]
			if (k.maxW == 0) != halves {
				i++
				continue
			}
			c.order = slices.Delete(c.order, i, i+1)
			if halves {
				c.held -= len(c.halves[k.sum].Pix)
				delete(c.halves, k.sum)
			} else {
				c.held -= len(c.pixels[k].Pix)
				delete(c.pixels, k)
			}
		}
	}
	return c.held+n <= pixelBudget
}

// prefetch prepares the pictures the last layout asked for on all cores:
// decoding, scaling and encoding one screenshot is single-threaded work
// that the page layout would wait for. With a budget (bytes, 0: none) it
// stops once the pictures alone are larger, since the PDF that embeds them
// would be too, and reports false: the render need not be written.
//
// With guess it also stops when a sample, the first four pictures, says
// that all of them will pass the budget: their mean size less two
// standard errors, times their number (a sample of a fifth took 8 % longer
// on 100 screenshots and chose the same). A fit's first,
// lossless try of 30 screenshots encoded 28 PNGs before it passed 2 MB.
// Only that try guesses: a JPEG step always follows it, so a wrong guess
// costs sharpness, never the dossier. The sample is fixed (not the
// pictures done first) and its sums are integers, so the choice is the
// same every time.
func prefetch(d Dossier, blobs *evidence.Blobs, budget int64, guess bool) bool {
	keys := slices.Compact(d.cache.wanted)
	n := min(len(keys), 4)
	var b pictureBytes
	if b.prepare(d.cache, blobs, keys[:n], budget); b.over(budget) {
		return false
	}
	if guess && budget > 0 && n < len(keys) && b.willPass(len(keys), budget) {
		return false
	}
	b.prepare(d.cache, blobs, keys[n:], budget)
	return !b.over(budget)
}

// pictureBytes adds up the bytes of prepared pictures, each once.
type pictureBytes struct {
	mu        sync.Mutex
	seen      map[string]bool // pictures with the same bytes are embedded once
	total, sq int64           // the sum of their sizes, and of their squares
	count     int
}

func (b *pictureBytes) over(budget int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return budget > 0 && b.total > budget
}

// willPass reports whether n pictures like those added so far will pass
// the budget, with two standard errors of their mean to spare.
func (b *pictureBytes) willPass(n int, budget int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.count < 2 {
		return false
	}
	k := float64(b.count)
	mean := float64(b.total) / k
	variance := max(0, (float64(b.sq)-k*mean*mean)/(k-1))
	se := math.Sqrt(variance/k) * math.Sqrt(max(0, 1-k/float64(n)))
	return float64(n)*(mean-2*se) > float64(budget)
}

// prepare prepares the pictures of keys on all cores, until their bytes
// pass the budget.
func (b *pictureBytes) prepare(c *exportCache, blobs *evidence.Blobs, keys []pictureKey, budget int64) {
	work := make(chan pictureKey)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(keys)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range work {
				if b.over(budget) {
					continue
				}
				pic, err := c.get(k, blobs) // an error shows again when the real layout asks
				if err != nil {
					continue
				}
				b.add(pic)
			}
		}()
	}
	for _, k := range keys {
		work <- k
	}
	close(work)
	wg.Wait()
}

func (b *pictureBytes) add(pic picture) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	if !b.seen[pic.id] {
		size := embedded(pic)
		b.seen[pic.id], b.total, b.sq, b.count = true, b.total+size, b.sq+size*size, b.count+1
	}
}

// embedded is the least a picture adds to the PDF: its data, less the
// PNG chunk framing fpdf drops (the PDF keeps the compressed pixels).
func embedded(pic picture) int64 { return max(0, int64(len(pic.data))-1024) }
