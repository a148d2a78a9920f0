//go:build unix

package mail

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

const fifoMbox = "From a@example.org Mon Jan  1 00:00:00 2024\nFrom: A <a@example.org>\n" +
	"Subject: [MAINTAINERS SUMMIT] Pipes\nMessage-ID: <pipe@example.org>\n\nThrough a pipe.\n"

// readWithin runs Read on in and gives up after d: a source must never
// make summit hang.
func readWithin(t *testing.T, in Input, d time.Duration) (*Collection, error, bool) {
	t.Helper()
	type result struct {
		c   *Collection
		err error
	}
	done := make(chan result, 1)
	go func() {
		c, err := Read([]Input{in}, LoadOptions{})
		done <- result{c, err}
	}()
	select {
	case r := <-done:
		if r.c != nil {
			t.Cleanup(func() { r.c.Close() })
		}
		return r.c, r.err, true
	case <-time.After(d):
		return nil, nil, false
	}
}

func TestFIFOWithNoWriter(t *testing.T) {
	old := fifoGrace
	fifoGrace = 100 * time.Millisecond
	t.Cleanup(func() { fifoGrace = old })
	p := filepath.Join(t.TempDir(), "mail.fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	_, err, ok := readWithin(t, fileInput(p), 5*time.Second)
	if !ok {
		// Unblock the open so the test binary can end.
		if w, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
			w.Close()
		}
		t.Fatal("a FIFO with no writer: still waiting after 5s")
	}
	if err == nil || err.Error() != p+": a FIFO with nothing writing to it; start what writes to it first, or pipe the mail on stdin" {
		t.Fatalf("err = %v", err)
	}
}

func TestFIFOWithAWriter(t *testing.T) {
	p := filepath.Join(t.TempDir(), "mail.fifo")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	go func() {
		w, err := os.OpenFile(p, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		w.WriteString(fifoMbox)
		w.Close()
	}()
	c, err, ok := readWithin(t, fileInput(p), 5*time.Second)
	if !ok {
		t.Fatal("a FIFO with a writer: still waiting after 5s")
	}
	if err != nil || len(c.Messages) != 1 || c.Messages[0].ID != "pipe@example.org" {
		t.Fatalf("err = %v, collection %+v", err, c)
	}
}

// /dev/stdin when stdin is a pipe, and <(...) of a shell, are pipes too:
// they are read, at once.
func TestAnonymousPipeByPath(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	p := fmt.Sprintf("/dev/fd/%d", r.Fd())
	if _, err := os.Stat(p); err != nil {
		t.Skip("no /dev/fd:", err)
	}
	go func() {
		w.WriteString(fifoMbox)
		w.Close()
	}()
	c, err, ok := readWithin(t, fileInput(p), 5*time.Second)
	if !ok {
		t.Fatal("a pipe: still waiting after 5s")
	}
	if err != nil || len(c.Messages) != 1 {
		t.Fatalf("err = %v", err)
	}
	if got := bodyText(t, c.Messages[0]); got != "Through a pipe.\n" {
		t.Errorf("body %q", got)
	}

	// An empty pipe is empty input, not a FIFO waiting for a writer.
	r2, w2, _ := os.Pipe()
	defer r2.Close()
	w2.Close()
	p2 := fmt.Sprintf("/dev/fd/%d", r2.Fd())
	_, err, ok = readWithin(t, fileInput(p2), 5*time.Second)
	if !ok || err == nil || err.Error() != p2+": empty file" {
		t.Fatalf("empty pipe: ok=%v err=%v", ok, err)
	}
}

func TestDeviceAsSource(t *testing.T) {
	for _, p := range []string{"/dev/zero", "/dev/urandom", "/dev/null"} {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		_, err, ok := readWithin(t, fileInput(p), 5*time.Second)
		if !ok {
			t.Fatalf("%s: still reading after 5s", p)
		}
		if err == nil || err.Error() != p+": "+deviceProblem {
			t.Errorf("%s: err = %v", p, err)
		}
		t.Log(err)
	}
}
