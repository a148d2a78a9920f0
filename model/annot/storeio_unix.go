//go:build unix

package annot

import (
	"errors"
	"os"
	"syscall"
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
