// Package atomicfile is the one way summit writes a file that a user keeps:
// the annotations store, the rescue copy and every export (`summit export
// -o`, the interface's `e`). A file is replaced whole or not at all, and a
// write that returned nil survives a crash. It imports only the standard
// library and renameio.
package atomicfile

import (
	"os"
	"path/filepath"
	"strings"
)

// ErrNotRegular is the cause when a path names something that cannot be
// replaced by a file: a directory, a FIFO (opening one would wait for a
// reader forever), a socket.
var ErrNotRegular = errorString("not a regular file")

// checkTarget says how path may be written: replaced (a regular file or
// none yet), written through (a character device such as /dev/null or
// /dev/stdout, which cannot be renamed over), or not at all.
func checkTarget(path string) (writeThrough bool, err error) {
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		return false, nil // missing (created) or unreadable (Replace says why)
	case fi.Mode().IsRegular():
		return false, nil
	case fi.Mode()&os.ModeCharDevice != 0:
		return true, nil
	}
	return false, &os.PathError{Op: "write", Path: path, Err: ErrNotRegular}
}

// WriteNew writes data to a new file in dir whose name follows pattern (as
// os.CreateTemp takes it), synced with its directory, and returns its
// path. A failed write leaves no file behind.
func WriteNew(dir, pattern string, data []byte) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = SyncDir(dir)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Target is the file a write to path really replaces: a symlink is
// followed, also when it dangles (its target is then created), so that
// an annotations file kept elsewhere and linked in stays linked.
func Target(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if err != nil || fi.Mode()&os.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", &os.PathError{Op: "resolve", Path: path, Err: errSymlinkLoop}
}

var errSymlinkLoop = errorString("too many levels of symbolic links")

type errorString string

func (e errorString) Error() string { return string(e) }

// tempPrefix is how the temporary file of a write to path begins: a dot,
// the file's name, then digits (renameio's naming, kept on every system).
func tempPrefix(path string) string { return "." + filepath.Base(path) }

// RemoveStale removes the temporary files that writes to path left behind
// when they were interrupted (a kill during a save): "." + name + digits
// in path's directory. The caller must hold whatever lock keeps other
// writers of path out, or it may remove the temporary file of a write in
// progress. Errors are ignored: a stale file is litter, not a fault.
func RemoveStale(path string) {
	dir, prefix := filepath.Dir(path), tempPrefix(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || rest == "" || strings.Trim(rest, "0123456789") != "" || !e.Type().IsRegular() {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
