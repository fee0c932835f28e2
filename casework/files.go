package casework

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf8"
)

// Candidate is a path to attach, or the reason it cannot be.
type Candidate struct {
	Path string
	Err  error
	// A file found by walking a directory is opened through the handle the
	// walk read it from (root, by its path rel in it): no link, directory
	// or parent swapped in after the walk can lead out of that directory.
	root *os.Root
	rel  string
}

// Open opens the candidate's file for reading, as OpenRegular does.
func (c Candidate) Open() (*os.File, error) {
	if c.root == nil {
		return OpenRegular(c.Path)
	}
	f, err := c.root.OpenFile(c.rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		if UnwrapPath(err).Error() == "path escapes from parent" { // os.Root's errPathEscapes
			return nil, errors.New("now leads outside the directory (changed since it was read), not followed")
		}
		return nil, UnwrapPath(err)
	}
	return checkOpened(f)
}

// Collect expands paths into files. A directory is walked only with
// recursive. Inside a walked directory a symlink is taken only when it
// resolves to a regular file inside that directory: links out of it, to
// directories, and loops are refused with the reason. A link named among
// paths is the user's choice and is followed. The caller calls done when
// the files are read: it closes the walked directories.
func Collect(paths []string, recursive bool) (files []Candidate, done func()) {
	var roots []*os.Root
	for _, arg := range paths {
		info, err := os.Stat(arg)
		switch {
		case err != nil:
			files = append(files, Candidate{Path: arg, Err: UnwrapPath(err)})
		case !info.IsDir():
			files = append(files, Candidate{Path: arg})
		case !recursive:
			files = append(files, Candidate{Path: arg, Err: errors.New("is a directory (use --recursive to attach the files in it)")})
		default:
			found, root := walkDir(arg)
			files = append(files, found...)
			if root != nil {
				roots = append(roots, root)
			}
		}
	}
	return files, func() {
		for _, r := range roots {
			r.Close()
		}
	}
}

// walkDir lists the files of dir, read through one handle on it.
func walkDir(dir string) ([]Candidate, *os.Root) {
	resolved, err := filepath.Abs(dir)
	if err == nil {
		resolved, err = filepath.EvalSymlinks(resolved)
	}
	var root *os.Root
	if err == nil {
		root, err = os.OpenRoot(resolved)
	}
	if err != nil {
		return []Candidate{{Path: dir, Err: UnwrapPath(err)}}, nil
	}
	var out []Candidate
	err = fs.WalkDir(root.FS(), ".", func(rel string, d fs.DirEntry, err error) error {
		c := Candidate{Path: filepath.Join(dir, rel), root: root, rel: rel}
		switch {
		case err != nil:
			c.Err = UnwrapPath(err)
		case d.Type()&fs.ModeSymlink != 0:
			c.rel, c.Err = checkLink(filepath.Join(resolved, rel), resolved, dir)
		case d.IsDir():
			return nil
		case !d.Type().IsRegular():
			c.Err = errors.New("not a regular file")
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		out = append(out, Candidate{Path: dir, Err: err})
	}
	return out, root
}

// checkLink allows a symlink that resolves to a regular file inside root
// (the resolved form of dir, which messages name as the user typed it), and
// returns that file's path in root.
func checkLink(path, root, dir string) (string, error) {
	switch _, err := os.Stat(path); {
	case errors.Is(err, syscall.ELOOP):
		return "", errors.New("symlink loop, not followed")
	case errors.Is(err, fs.ErrNotExist):
		return "", errors.New("broken symlink: its target does not exist")
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", fmt.Errorf("symlink not followed: %w", err)
	}
	rel, err := filepath.Rel(root, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", fmt.Errorf("symlink points outside %s, not followed", dir)
	}
	info, err := os.Stat(target)
	if err != nil {
		return "", UnwrapPath(err)
	}
	if info.IsDir() {
		return "", errors.New("symlink to a directory, not followed")
	}
	return rel, nil
}

// OpenRegular opens path for reading if it is a regular, non-empty file,
// with an error that says what it is otherwise (without the path, which
// callers name).
func OpenRegular(path string) (*os.File, error) {
	// O_NONBLOCK: opening a FIFO with no writer would wait forever (#18);
	// it has no effect on a regular file's reads.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, UnwrapPath(err)
	}
	return checkOpened(f)
}

// checkOpened returns f if it is a regular, non-empty file; else it closes
// it and says what it is.
func checkOpened(f *os.File) (*os.File, error) {
	info, err := f.Stat()
	switch {
	case err != nil:
	case info.IsDir():
		err = errors.New("is a directory, not a file")
	case !info.Mode().IsRegular():
		err = errors.New("not a regular file")
	case info.Size() == 0:
		err = errors.New("the file is empty")
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// UnwrapPath drops the operation and path from an *os.PathError, which the
// caller already names.
func UnwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// ReadText reads a non-empty UTF-8 text file of at most max bytes. Its
// errors do not name the file: callers do.
func ReadText(path string, max int) (string, error) {
	f, err := OpenRegular(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	switch {
	case err != nil:
		return "", err
	case len(data) > max:
		return "", &TooLargeError{Max: max}
	case !utf8.Valid(data):
		return "", ErrNotText
	}
	return string(data), nil
}

// ErrNotText is a file read as text that is not UTF-8.
var ErrNotText = errors.New("not UTF-8 text")

// TooLargeError is a text file over the limit of what it is read for.
type TooLargeError struct{ Max int }

func (e *TooLargeError) Error() string {
	if e.Max >= 1<<20 {
		return fmt.Sprintf("larger than %d MB", e.Max>>20)
	}
	return fmt.Sprintf("over %d kB", e.Max/1000)
}
