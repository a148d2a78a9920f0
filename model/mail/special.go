package mail

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// The sources that are not files: devices, named pipes (FIFOs) and the
// pipes /dev/stdin and a shell's <(...) name. None may make summit wait
// without a word: a FIFO nothing writes to would block open for ever, a
// terminal would wait for typing.

// fifoGrace is how long a FIFO is given for its writer to come.
var fifoGrace = time.Second

// deviceProblem is the problem of a device given as a source.
const deviceProblem = "a device, not a file of mail (give an mbox file, a maildir, or the mail on stdin)"

// isNamedFIFO says whether path is a FIFO in the file system, as mkfifo
// makes, rather than an anonymous pipe reached through /dev/stdin or
// /dev/fd/N, whose link does not resolve to a path.
func isNamedFIFO(path string) bool {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		return false
	}
	fi, err := os.Lstat(real)
	return err == nil && fi.Mode()&fs.ModeNamedPipe != 0
}

// openPipe opens a pipe given by path. An anonymous pipe is opened as it
// is (that never blocks). A FIFO is opened without waiting for a writer,
// and refused in one line when none comes within fifoGrace.
func openPipe(in Input) (io.Reader, io.Closer, error) {
	if !isNamedFIFO(in.Path) {
		f, err := os.Open(in.Path)
		if err != nil {
			return nil, nil, &SourceError{in.Name, describeOSError(err)}
		}
		return f, f, nil
	}
	f, err := openFIFO(in.Path)
	if err != nil {
		return nil, nil, &SourceError{in.Name, describeOSError(err)}
	}
	// Opened without waiting, a FIFO reads as ended while it has no
	// writer; once one has come, a read waits for its data.
	buf := make([]byte, 32<<10)
	deadline := time.Now().Add(fifoGrace)
	for {
		n, err := f.Read(buf)
		if n > 0 {
			return io.MultiReader(bytes.NewReader(buf[:n]), f), f, nil
		}
		if err != nil && err != io.EOF {
			f.Close()
			return nil, nil, &SourceError{in.Name, describeOSError(err)}
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, nil, &SourceError{in.Name, "a FIFO with nothing writing to it; start what writes to it first, or pipe the mail on stdin"}
		}
		time.Sleep(20 * time.Millisecond)
	}
}
