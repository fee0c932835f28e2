package evidence

import (
	"errors"
	"fmt"
	"image"
	"io"

	_ "image/gif" // decoders for the formats phones and browsers save
	_ "image/jpeg"
	_ "image/png"

	"github.com/disintegration/imaging"
	_ "golang.org/x/image/webp"
)

// MaxPixels refuses decompression bombs: a 100,000 x 100,000 PNG header asks
// for 40 GB. 50 megapixels is beyond any phone camera's default.
const MaxPixels = 50_000_000

// MaxSide refuses a picture longer on a side than JPEG can be (65,535): a
// 1 x 49,999,999 PNG is under MaxPixels, yet scaling it took 4.7 GB. The
// longest phone screenshot that scrolls is some 30,000 pixels.
const MaxSide = 65_535

// ErrBadImage wraps every reason an image is refused.
var ErrBadImage = errors.New("bad image")

// DecodeImage reads an image's header first and refuses it when it is too
// large, then decodes it (PNG of any depth or interlacing, JPEG incl.
// progressive and CMYK, GIF, WebP) with its EXIF orientation applied.
// open is called twice: once for the header, once for the pixels.
func DecodeImage(open func() (io.ReadCloser, error)) (image.Image, error) {
	r, err := open()
	if err != nil {
		return nil, err
	}
	cfg, format, err := image.DecodeConfig(r)
	r.Close()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, fmt.Errorf("%w: %s of %dx%d pixels, over the %d megapixel limit",
			ErrBadImage, format, cfg.Width, cfg.Height, MaxPixels/1_000_000)
	}
	if cfg.Width > MaxSide || cfg.Height > MaxSide {
		return nil, fmt.Errorf("%w: %s of %dx%d pixels, longer on a side than %d", ErrBadImage, format, cfg.Width, cfg.Height, MaxSide)
	}
	if format == "jpeg" {
		if err := checkScans(open); err != nil {
			return nil, err
		}
	}
	if r, err = open(); err != nil {
		return nil, err
	}
	defer r.Close()
	img, err := imaging.Decode(r, imaging.AutoOrientation(true))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadImage, err)
	}
	return img, nil
}

// checkScans refuses a JPEG of more than MaxScans scans before decoding it.
func checkScans(open func() (io.ReadCloser, error)) error {
	r, err := open()
	if err != nil {
		return err
	}
	defer r.Close()
	if n, _ := jpegScans(r, MaxScans); n > MaxScans {
		return fmt.Errorf("%w: a JPEG of more than %d scans (a photo has about ten): decoding it could take minutes",
			ErrBadImage, MaxScans)
	}
	return nil // a damaged stream is the decoder's to report
}

// ImageSize reads an image's width and height from its header only.
func ImageSize(open func() (io.ReadCloser, error)) (int, int, error) {
	r, err := open()
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	cfg, _, err := image.DecodeConfig(r)
	return cfg.Width, cfg.Height, err
}
