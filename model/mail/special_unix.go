//go:build unix

package mail

import (
	"errors"
	"os"
	"syscall"
)

// diskFull names the failure of a write to a full disk or quota, "" for
// any other failure.
func diskFull(err error) string {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return "no space left on device"
	case errors.Is(err, syscall.EDQUOT):
		return "disk quota exceeded"
	}
	return ""
}

// openFIFO opens a FIFO without waiting for a writer: a plain open blocks
// until one comes, maybe never.
func openFIFO(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
