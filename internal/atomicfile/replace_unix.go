//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"

	"github.com/google/renameio/v2"
)

// Replace replaces path by data: renameio writes and fsyncs a temporary
// file in path's own directory and renames it over path; the directory is
// then fsynced too, which makes the rename itself durable (renameio does
// not). The file keeps the permissions of the one it replaces; a new one
// is readable by all, since summit's files are meant to be shared.
//
// A character device (/dev/null, /dev/stdout) is written through, since it
// cannot be renamed over; a directory or FIFO is refused with
// ErrNotRegular.
func Replace(path string, data []byte) error {
	if through, err := checkTarget(path); err != nil || through {
		if err == nil {
			err = os.WriteFile(path, data, 0o644)
		}
		return err
	}
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
	return SyncDir(dir)
}

// SyncDir makes a rename in dir durable. File systems that cannot fsync a
// directory say EINVAL; the rename is then as durable as they make it.
func SyncDir(dir string) error {
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
