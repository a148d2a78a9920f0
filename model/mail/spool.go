package mail

import (
	"bufio"
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

// maxSpool is the most a stream (stdin, a pipe, gzip data) is spooled
// for; tests lower it.
var maxSpool int64 = 8 << 30

// maxMemorySpool is the most a stream is held in memory for, when no
// temporary file can be made; tests lower it.
var maxMemorySpool int64 = 128 << 20

// spoolFile is what a spool is written to and read back from.
type spoolFile interface {
	io.Writer
	io.ReaderAt
	io.Closer
}

// newSpoolFile makes the unlinked temporary file of a spool; tests
// replace it to play a full disk or a missing $TMPDIR.
var newSpoolFile = func() (spoolFile, error) {
	f, err := os.CreateTemp("", "summit-spool-*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name()) // unlinked: the data lives as long as f
	return f, nil
}

func isGzipMagic(b []byte) bool {
	return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b
}

// spool copies r, decompressing it when it starts with the gzip magic
// bytes, whatever its name. It looks at the first bytes (decompressed)
// before copying anything, so that what is not mail (/dev/zero, random
// data, an image) is refused at once rather than after filling the disk,
// and it stops at maxSpool. The error is the one-line problem to report:
// a *SourceError when the data is not mail.
func spool(name string, r io.Reader, rep *reporter) (*spooled, error) {
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
	head := bufio.NewReaderSize(src, sniffSize)
	first, err := head.Peek(sniffSize)
	if err != nil && err != io.EOF {
		counted.flush()
		return nil, readProblem(err, sp.compressed)
	}
	size := int64(len(first))
	if err == nil {
		size++ // more to come: not empty, whatever the head holds
	}
	if _, err := sniff(name, first, size); err != nil {
		counted.flush()
		return nil, err
	}

	f, ferr := newSpoolFile()
	if ferr == nil {
		w := &spoolWriter{w: f}
		n, err := io.CopyBuffer(w, io.LimitReader(head, maxSpool+1), make([]byte, 256<<10))
		counted.flush()
		switch {
		case w.err != nil:
			err = sp.diskFull(n, w.err)
		case err != nil:
			err = readProblem(err, sp.compressed)
		case n > maxSpool:
			err = sp.limitProblem()
		}
		if err != nil {
			f.Close()
			return nil, err
		}
		sp.ra, sp.closer, sp.size = f, f, n
		return sp, nil
	}
	// No temporary file: memory, for a stream that fits well within it.
	limit := min(maxMemorySpool, maxSpool)
	mem, err := readChunks(io.LimitReader(head, limit+1))
	counted.flush()
	if err != nil {
		return nil, readProblem(err, sp.compressed)
	}
	if mem.size > limit {
		if limit == maxSpool {
			return nil, sp.limitProblem()
		}
		return nil, sp.tooLarge(limit, fmt.Sprintf(", too much to hold in memory, and no temporary file could be made (%v); set TMPDIR to a writable folder", ferr))
	}
	sp.ra, sp.size = mem, mem.size
	return sp, nil
}

// tooLarge is the problem of a stream that passed n bytes, why being
// the rest of the line: "stdin: more than 8 GiB; ...", "t.mbox.gz: gzip
// expands past 907 MiB and ...".
func (sp *spooled) tooLarge(n int64, why string) error {
	if sp.compressed {
		return fmt.Errorf("gzip expands past %s%s", sizeText(n), why)
	}
	return fmt.Errorf("more than %s%s", sizeText(n), why)
}

// limitProblem is the problem of a stream longer than maxSpool.
func (sp *spooled) limitProblem() error {
	if sp.compressed {
		return sp.tooLarge(maxSpool, "; too much to spool (a gzip bomb?): gunzip it to a file and open that, if it is mail")
	}
	return sp.tooLarge(maxSpool, "; too much to spool from a stream: save it to a file and open that")
}

// diskFull is the problem of a spool whose writes failed after n bytes:
// most often a full disk, which a gzip bomb fills.
func (sp *spooled) diskFull(n int64, err error) error {
	dir := os.TempDir()
	why := fmt.Sprintf(" and writing it to the temporary folder %s failed (%v)", dir, err)
	if full := diskFull(err); full != "" {
		why = fmt.Sprintf(" and the temporary folder %s is full (%s)", dir, full)
	}
	return sp.tooLarge(n, why+"; set TMPDIR to a folder with room")
}

// spoolWriter keeps the error of a failed write, so that it is not taken
// for an error of the data read.
type spoolWriter struct {
	w   io.Writer
	err error
}

func (s *spoolWriter) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// sizeText is a size for a message: "8 GiB", "907 MiB", "64 KiB".
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 10<<30:
		return fmt.Sprintf("%.0f GiB", float64(n)/(1<<30))
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// chunks is a spool in memory, in pieces of chunkSize: the memory held is
// the data's size, never the double a growing slice costs.
type chunks struct {
	parts [][]byte
	size  int64
}

const chunkSize = 1 << 20

func readChunks(r io.Reader) (*chunks, error) {
	c := &chunks{}
	for {
		buf := make([]byte, chunkSize)
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			c.parts = append(c.parts, buf[:n])
			c.size += int64(n)
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return c, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func (c *chunks) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	n := 0
	for n < len(p) && off < c.size {
		part := c.parts[off/chunkSize]
		k := copy(p[n:], part[off%chunkSize:])
		n += k
		off += int64(k)
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
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
