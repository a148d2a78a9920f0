//go:build !unix

package model

import (
	"os"
	"path/filepath"
)

// lockDir does nothing where flock is missing: concurrent saves are then
// merged by content, with a short window in which two may cross.
func lockDir(string) (unlock func(), err error) {
	return func() {}, nil
}

// syncDir does nothing where a directory cannot be opened for fsync.
func syncDir(string) error { return nil }

// writeFileAtomic replaces path by data through a temporary file in the
// same directory, synced and renamed over it (renameio has no Windows
// support; os.Rename replaces the file there too).
func writeFileAtomic(path string, data []byte) (err error) {
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
