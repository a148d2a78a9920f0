//go:build !unix

package atomicfile

import (
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// Replace replaces path by data through a temporary file in the same
// directory, synced and renamed over it (renameio has no Windows support;
// os.Rename replaces the file there too). Permissions follow the Unix
// version: those of the file replaced, else readable by all.
func Replace(path string, data []byte) (err error) {
	if through, err := checkTarget(path); err != nil || through {
		if err == nil {
			err = os.WriteFile(path, data, 0o644)
		}
		return err
	}
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
	}
	tmp := filepath.Join(filepath.Dir(path), tempPrefix(path)+strconv.FormatInt(time.Now().UnixNano(), 10))
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// SyncDir does nothing where a directory cannot be opened for fsync.
func SyncDir(string) error { return nil }
