package mail

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
)

// spooled is a stream (stdin, embedded data, gzip) copied somewhere it can
// be read at random: an unlinked temporary file, or memory when no
// temporary file can be made. An unlinked file costs no RSS and vanishes
// when closed, even if summit is killed.
type spooled struct {
	ra         io.ReaderAt
	closer     io.Closer
	size       int64
	compressed bool
}

func isGzipMagic(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// spool copies r, decompressing it when it starts with the gzip magic
// bytes, whatever its name. The error is the one-line problem to report.
func spool(r io.Reader, rep *reporter) (*spooled, error) {
	counted := &countingReader{r: r, rep: rep}
	br := bufio.NewReaderSize(counted, 256<<10)
	var src io.Reader = br
	sp := &spooled{}
	if magic, _ := br.Peek(2); isGzipMagic(magic) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, gzipProblem(err)
		}
		src = zr
		sp.compressed = true
	}
	f, err := os.CreateTemp("", "summit-spool-*")
	if err == nil {
		os.Remove(f.Name()) // unlinked: the data lives as long as f
		n, err := io.Copy(f, src)
		counted.flush()
		if err != nil {
			f.Close()
			return nil, readProblem(err, sp.compressed)
		}
		sp.ra, sp.closer, sp.size = f, f, n
		return sp, nil
	}
	data, err := io.ReadAll(src)
	counted.flush()
	if err != nil {
		return nil, readProblem(err, sp.compressed)
	}
	sp.ra, sp.size = bytes.NewReader(data), int64(len(data))
	return sp, nil
}

func readProblem(err error, compressed bool) error {
	if compressed {
		return gzipProblem(err)
	}
	return fmt.Errorf("cannot read: %v", err)
}

func gzipProblem(err error) error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return errors.New("truncated gzip data")
	}
	return fmt.Errorf("corrupt gzip data (%v)", err)
}

// countingReader reports the bytes read through it, in steps of a few
// megabytes.
type countingReader struct {
	r       io.Reader
	rep     *reporter
	pending int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.pending += int64(n)
	if c.pending >= 4<<20 {
		c.flush()
	}
	return n, err
}

func (c *countingReader) flush() {
	if c.pending > 0 && c.rep != nil {
		c.rep.add(c.pending, 0)
	}
	c.pending = 0
}
