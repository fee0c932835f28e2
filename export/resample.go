package export

import (
	"image"
	"math"
)

// Scaling of opaque images: 2x2 averaging while the image is at least twice
// the target size, then a separable Catmull-Rom filter widened by the scale
// factor (so that it also averages, as a downscaling filter must), in fixed
// point. It gives the pixels of golang.org/x/image/draw's CatmullRom within
// a level or two, about three times faster: scaling was 44 % of preparing a
// phone screenshot.

// opaquePixels returns the pixels of an RGBA or NRGBA image without
// transparency (for those the two layouts are the same), or false.
func opaquePixels(img image.Image) (pix []uint8, stride int, ok bool) {
	if img.Bounds().Min != (image.Point{}) {
		return nil, 0, false
	}
	switch m := img.(type) {
	case *image.RGBA:
		return m.Pix, m.Stride, m.Opaque()
	case *image.NRGBA:
		return m.Pix, m.Stride, m.Opaque()
	}
	return nil, 0, false
}

// scaleOpaque scales an opaque image to w x h (not larger than it).
func scaleOpaque(pix []uint8, stride, sw, sh, w, h int) *image.RGBA {
	for sw >= 2*w && sh >= 2*h {
		pix, stride, sw, sh = halve(pix, stride, sw, sh)
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	if sw == w && sh == h {
		for y := range h {
			copy(out.Pix[y*out.Stride:y*out.Stride+4*w], pix[y*stride:])
		}
		return out
	}
	xs, ys := weights(sw, w), weights(sh, h)
	// Rows first, into sums kept with 8 fractional bits (Catmull-Rom
	// overshoots, so no clamping until the end), then columns; both in int32.
	tmp := make([]int32, 3*w*sh)
	for y := range sh {
		scaleRow(tmp[3*w*y:3*w*(y+1)], pix[y*stride:], xs)
	}
	col := make([]int32, 3*w)
	for y, tap := range ys {
		clear(col)
		for i, wt := range tap.w {
			src := tmp[3*w*(tap.first+i) : 3*w*(tap.first+i+1)]
			c := col[:len(src)]
			for j, v := range src {
				c[j] += wt * v
			}
		}
		o := out.Pix[y*out.Stride : y*out.Stride+4*w]
		for x := range w {
			c, q := col[3*x:3*x+3], o[4*x:4*x+4]
			q[0], q[1], q[2], q[3] = clamp8(c[0]), clamp8(c[1]), clamp8(c[2]), 255
		}
	}
	return out
}

// scaleRow applies the row taps to one row of RGBA pixels, into t (RGB
// sums). Written for the compiler to drop its bounds checks in the inner
// loop: a third of an export's time is scaling.
func scaleRow(t []int32, row []uint8, xs []taps) {
	for x, tap := range xs {
		var r, g, b int32
		w := tap.w
		p := row[4*tap.first : 4*(tap.first+len(w))]
		for len(w) > 0 && len(p) >= 4 {
			wt := w[0]
			r += wt * int32(p[0])
			g += wt * int32(p[1])
			b += wt * int32(p[2])
			p, w = p[4:], w[1:]
		}
		q := t[3*x : 3*x+3]
		q[0], q[1], q[2] = r>>rowShift, g>>rowShift, b>>rowShift
	}
}

// halve averages each 2x2 block into one pixel; a last odd row or column is
// dropped.
func halve(pix []uint8, stride, sw, sh int) ([]uint8, int, int, int) {
	w, h := sw/2, sh/2
	out := make([]uint8, 4*w*h)
	for y := range h {
		r0, r1 := pix[2*y*stride:2*y*stride+8*w], pix[(2*y+1)*stride:(2*y+1)*stride+8*w]
		halveRow(out[4*w*y:4*w*(y+1)], r0, r1, w)
	}
	return out, 4 * w, w, h
}

// halveRow averages the 2x2 blocks of two rows of RGBA pixels into w
// opaque pixels, rounding half up.
func halveRow(o, r0, r1 []byte, w int) {
	for x := range w {
		a, b, q := r0[8*x:8*x+8], r1[8*x:8*x+8], o[4*x:4*x+4]
		q[0] = uint8((uint(a[0]) + uint(a[4]) + uint(b[0]) + uint(b[4]) + 2) >> 2)
		q[1] = uint8((uint(a[1]) + uint(a[5]) + uint(b[1]) + uint(b[5]) + 2) >> 2)
		q[2] = uint8((uint(a[2]) + uint(a[6]) + uint(b[2]) + uint(b[6]) + 2) >> 2)
		q[3] = 255
	}
}

// one is 1.0 in the fixed point of the weights; two passes give one².
const one = 1 << 12

// taps are the source pixels (from first) and weights of one output pixel.
type taps struct {
	first int
	w     []int32
}

// weights computes the Catmull-Rom taps that map n source pixels onto m.
func weights(n, m int) []taps {
	scale := float64(n) / float64(m)
	support := 2 * scale
	out := make([]taps, m)
	for i := range out {
		center := (float64(i)+0.5)*scale - 0.5
		lo := max(0, int(math.Ceil(center-support)))
		hi := min(n-1, int(math.Floor(center+support)))
		fw := make([]float64, hi-lo+1)
		var sum float64
		for j := range fw {
			fw[j] = catmullRom((float64(lo+j) - center) / scale)
			sum += fw[j]
		}
		iw := make([]int32, len(fw))
		var isum int32
		for j := range fw {
			iw[j] = int32(math.Round(fw[j] / sum * one))
			isum += iw[j]
		}
		iw[len(iw)/2] += one - isum // the weights sum to exactly one
		out[i] = taps{lo, iw}
	}
	return out
}

func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (1.5*x-2.5)*x*x + 1
	case x < 2:
		return ((-0.5*x+2.5)*x-4)*x + 2
	}
	return 0
}

// rowShift drops fractional bits after the row pass, so that the column pass
// fits in int32: 255 * 1.2 * one >> rowShift * one < 2^31.
const rowShift = 4

// clamp8 rounds a fixed-point sum of both passes to a byte.
func clamp8(v int32) uint8 {
	const unit = one * one >> rowShift
	v = (v + unit/2) >> 20 // unit is 1 << 20
	return uint8(min(max(v, 0), 255))
}
