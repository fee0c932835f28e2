package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// candidate is a path to attach, or the reason it cannot be.
type candidate struct {
	path string
	err  error
}

// collectFiles expands the command line into files. A directory is walked
// only with recursive. Inside a walked directory a symlink is taken only when
// it resolves to a regular file inside that directory: links out of it, to
// directories, and loops are refused with the reason. A link named on the
// command line is the user's choice and is followed.
func collectFiles(args []string, recursive bool) []candidate {
	var out []candidate
	for _, arg := range args {
		info, err := os.Stat(arg)
		switch {
		case err != nil:
			out = append(out, candidate{arg, unwrapPath(err)})
		case !info.IsDir():
			out = append(out, candidate{path: arg})
		case !recursive:
			out = append(out, candidate{arg, errors.New("is a directory (use --recursive to attach the files in it)")})
		default:
			out = append(out, walkDir(arg)...)
		}
	}
	return out
}

func walkDir(dir string) []candidate {
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return []candidate{{dir, unwrapPath(err)}}
	}
	var out []candidate
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			out = append(out, candidate{path, unwrapPath(err)})
		case d.Type()&fs.ModeSymlink != 0:
			out = append(out, candidate{path, checkLink(path, root, dir)})
		case d.Type().IsRegular():
			out = append(out, candidate{path: path})
		case !d.IsDir():
			out = append(out, candidate{path, errors.New("not a regular file")})
		}
		return nil
	})
	if err != nil {
		out = append(out, candidate{dir, err})
	}
	return out
}

// checkLink allows a symlink that resolves to a regular file inside root
// (the resolved form of dir, which messages name as the user typed it).
func checkLink(path, root, dir string) error {
	switch _, err := os.Stat(path); {
	case errors.Is(err, syscall.ELOOP):
		return errors.New("symlink loop, not followed")
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("broken symlink: its target does not exist")
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return fmt.Errorf("symlink not followed: %w", err)
	}
	rel, err := filepath.Rel(root, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("symlink points outside %s, not followed", dir)
	}
	info, err := os.Stat(target)
	if err != nil {
		return unwrapPath(err)
	}
	if info.IsDir() {
		return errors.New("symlink to a directory, not followed")
	}
	return nil
}
