package mail

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"syscall"
	"testing"
)

// lower sets *v for the test and puts it back after.
func lower(t *testing.T, v *int64, to int64) {
	t.Helper()
	old := *v
	*v = to
	t.Cleanup(func() { *v = old })
}

// repeatReader repeats one line for ever.
type repeatReader struct {
	line []byte
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		c := copy(p[n:], r.line[r.off:])
		n += c
		r.off = (r.off + c) % len(r.line)
	}
	return n, nil
}

const streamHeader = "From a@example.org Mon Jan  1 00:00:00 2024\n" +
	"From: A <a@example.org>\nSubject: [MAINTAINERS SUMMIT] Big\n" +
	"Date: Mon, 1 Jan 2024 00:00:00 +0000\nMessage-ID: <big@example.org>\n\n"

// mboxStream is one mbox message of about size bytes, made as it is read.
func mboxStream(size int64) io.Reader {
	return io.MultiReader(strings.NewReader(streamHeader),
		io.LimitReader(&repeatReader{line: []byte("a line of the body of a long message\n")}, size-int64(len(streamHeader))))
}

// gzipped compresses what r gives.
func gzipped(t *testing.T, r io.Reader) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	if _, err := io.Copy(zw, r); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}

// countingSource counts the bytes read from it.
type countingSource struct {
	r io.Reader
	n int64
}

func (c *countingSource) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func readErr(t *testing.T, in Input) string {
	t.Helper()
	c, err := Read([]Input{in}, LoadOptions{})
	if err == nil {
		c.Close()
		t.Fatal("loaded; want an error")
	}
	t.Log(err)
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error is more than one line: %q", err)
	}
	return err.Error()
}

// What is not mail is refused from its first bytes, before anything is
// copied: /dev/zero, random data, a gzip of zeros.
func TestSpoolSniffsBeforeCopying(t *testing.T) {
	random := make([]byte, 1<<20)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	var spooled *fullDisk
	useSpoolFile(t, func() (spoolFile, error) {
		spooled = &fullDisk{room: 1 << 30}
		return spooled, nil
	})
	zeros := gzipped(t, io.LimitReader(zeroReader{}, 32<<20))
	for _, tt := range []struct {
		name string
		r    io.Reader
		want string
	}{
		{"zeros", io.LimitReader(zeroReader{}, 64<<20), "stdin: binary data, not mail"},
		{"random", io.MultiReader(bytes.NewReader(random), io.LimitReader(zeroReader{}, 64<<20)), "stdin: binary data, not mail"},
		{"gzip of zeros", bytes.NewReader(zeros), "stdin: binary data, not mail"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			spooled = nil
			src := &countingSource{r: tt.r}
			if got := readErr(t, Input{Name: StdinName, Reader: src}); got != tt.want {
				t.Errorf("err = %q, want %q", got, tt.want)
			}
			if src.n > 1<<20 {
				t.Errorf("read %d bytes before refusing; want the first ones only", src.n)
			}
			if spooled != nil && spooled.Len() > 0 {
				t.Errorf("spooled %d bytes before refusing", spooled.Len())
			}
		})
	}
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A stream that looks like mail is spooled up to maxSpool, then refused
// in one line.
func TestSpoolLimit(t *testing.T) {
	lower(t, &maxSpool, 1<<20)
	got := readErr(t, Input{Name: StdinName, Reader: mboxStream(3 << 20)})
	if want := "stdin: more than 1 MiB; "; !strings.HasPrefix(got, want) {
		t.Errorf("err = %q, want it to start %q", got, want)
	}
	// Exactly the limit still loads.
	c, err := Read([]Input{{Name: StdinName, Reader: mboxStream(1 << 20)}}, LoadOptions{})
	if err != nil {
		t.Fatalf("a stream of exactly the limit: %v", err)
	}
	c.Close()
}

// A gzip bomb: a few KB that inflate past the limit.
func TestSpoolGzipBomb(t *testing.T) {
	lower(t, &maxSpool, 2<<20)
	bomb := gzipped(t, mboxStream(16<<20))
	if len(bomb) > 200<<10 {
		t.Fatalf("bomb of %d bytes", len(bomb))
	}
	got := readErr(t, Input{Name: "t.mbox.gz", Reader: bytes.NewReader(bomb)})
	if want := "t.mbox.gz: gzip expands past 2 MiB; "; !strings.HasPrefix(got, want) {
		t.Errorf("err = %q, want it to start %q", got, want)
	}
}

// fullDisk is a spool file on a disk that fills after room bytes.
type fullDisk struct {
	bytes.Buffer
	room int
}

func (d *fullDisk) Write(p []byte) (int, error) {
	if d.Len()+len(p) > d.room {
		n, _ := d.Buffer.Write(p[:d.room-d.Len()])
		return n, &writeError{syscall.ENOSPC}
	}
	return d.Buffer.Write(p)
}

type writeError struct{ errno syscall.Errno }

func (e *writeError) Error() string { return "write /tmp/summit-spool-1: " + e.errno.Error() }
func (e *writeError) Unwrap() error { return e.errno }

func (d *fullDisk) ReadAt(p []byte, off int64) (int, error) {
	return bytes.NewReader(d.Bytes()).ReadAt(p, off)
}

func (d *fullDisk) Close() error { return nil }

func useSpoolFile(t *testing.T, f func() (spoolFile, error)) {
	old := newSpoolFile
	newSpoolFile = f
	t.Cleanup(func() { newSpoolFile = old })
}

// A disk that fills while a bomb inflates: the size it reached, not
// "corrupt gzip data".
func TestSpoolDiskFull(t *testing.T) {
	useSpoolFile(t, func() (spoolFile, error) { return &fullDisk{room: 1 << 20}, nil })
	bomb := gzipped(t, mboxStream(8<<20))
	got := readErr(t, Input{Name: "t.mbox.gz", Reader: bytes.NewReader(bomb)})
	if want := "t.mbox.gz: gzip expands past 1 MiB"; !strings.HasPrefix(got, want) || !strings.Contains(got, "no space left on device") {
		t.Errorf("err = %q, want it to start %q and say the disk is full", got, want)
	}
	if strings.Contains(got, "corrupt") {
		t.Errorf("err = %q calls the data corrupt", got)
	}
	got = readErr(t, Input{Name: StdinName, Reader: mboxStream(8 << 20)})
	if want := "stdin: more than 1 MiB"; !strings.HasPrefix(got, want) || !strings.Contains(got, "no space left on device") {
		t.Errorf("err = %q, want it to start %q and say the disk is full", got, want)
	}
}

// With no temporary file, memory holds a stream only up to a much lower
// limit, and the error says why.
func TestSpoolMemoryFallback(t *testing.T) {
	useSpoolFile(t, func() (spoolFile, error) {
		return nil, errors.New("open /nowhere/summit-spool-1: no such file or directory")
	})
	lower(t, &maxMemorySpool, 1<<20)
	got := readErr(t, Input{Name: StdinName, Reader: mboxStream(4 << 20)})
	for _, want := range []string{"stdin: more than 1 MiB", "no temporary file", "/nowhere", "TMPDIR"} {
		if !strings.Contains(got, want) {
			t.Errorf("err = %q, want it to say %q", got, want)
		}
	}
	c, err := Read([]Input{{Name: StdinName, Reader: mboxStream(512 << 10)}}, LoadOptions{})
	if err != nil {
		t.Fatalf("a small stream in memory: %v", err)
	}
	defer c.Close()
	b, err := c.Messages[0].Body()
	if err != nil || !strings.HasPrefix(b.Text, "a line of the body") {
		t.Fatalf("body from memory: %v %.40q", err, b.Text)
	}
}
