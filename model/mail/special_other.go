//go:build !unix

package mail

import "os"

// diskFull names the failure of a write to a full disk, "" for any other
// failure (or where the errors are not known).
func diskFull(err error) string { return "" }

// openFIFO opens a named pipe; only unix systems have them in the file
// system.
func openFIFO(path string) (*os.File, error) { return os.Open(path) }
