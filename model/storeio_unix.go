//go:build unix

package model

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"

	"github.com/google/renameio/v2"
)

// lockDir takes an exclusive flock on the directory of the annotations
// file for the time of one read-merge-write, so that two summits saving
// to the same file at the same moment take turns: the second one reads
// what the first one wrote and merges it. The lock is on the directory
// because the file itself is replaced by each save. Other programs do not
// take it; their changes are still merged, within a short window.
func lockDir(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := flockRetry(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, &os.PathError{Op: "lock", Path: dir, Err: err}
	}
	return func() {
		flockRetry(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing releases it anyway
		f.Close()
	}, nil
}

func flockRetry(fd, how int) error {
	for {
		err := syscall.Flock(fd, how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// syncDir makes a rename in dir durable. File systems that cannot fsync a
// directory say EINVAL; the rename is then as durable as they make it.
func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}

// writeFileAtomic replaces path by data: renameio writes and fsyncs a
// temporary file and renames it over path; it does not fsync the
// directory, which makes the rename itself durable, so that is done here.
// The temporary file is put in path's own directory (renameio would
// otherwise pick $TMPDIR when it can), as the spec asks. The file keeps
// the permissions of the one it replaces; a new one is readable by all,
// since it is meant to be shared.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	pf, err := renameio.NewPendingFile(path,
		renameio.WithTempDir(dir),
		renameio.WithPermissions(0o644),
		renameio.WithExistingPermissions())
	if err != nil {
		return err
	}
	defer pf.Cleanup() //nolint:errcheck // nothing to do when removing the temporary file fails
	if _, err := pf.Write(data); err != nil {
		return err
	}
	if err := pf.CloseAtomicallyReplace(); err != nil {
		return err
	}
	return syncDir(dir)
}
