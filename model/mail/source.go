package mail

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// SourceKind says what a source was, for the status bar and for how its
// byte ranges are read back.
type SourceKind int

const (
	// KindMbox is an mbox file (mboxo or mboxrd, LF or CRLF).
	KindMbox SourceKind = iota
	// KindMessage is a single RFC 5322 message.
	KindMessage
	// KindMaildir is a maildir directory; each of its files is a
	// KindMessage source of its own.
	KindMaildir
	// KindRebuilt is a message whose headers were damaged and that summit
	// rebuilt in memory from what it could recover.
	KindRebuilt
)

func (k SourceKind) String() string {
	switch k {
	case KindMbox:
		return "mbox"
	case KindMessage:
		return "message"
	case KindMaildir:
		return "maildir"
	case KindRebuilt:
		return "rebuilt message"
	}
	return "unknown"
}

// Source is one input the messages were read from: an mbox file, a single
// message, a maildir file, or stdin / a gzip stream spooled to a temporary
// file. Messages refer to it for their raw bytes.
type Source struct {
	// Name is what the user gave (a path, or StdinName), used in
	// error messages and the status bar.
	Name string

	Kind       SourceKind
	Compressed bool  // the input was gzip data, decompressed to a spool
	Size       int64 // bytes of (decompressed) data
	Messages   int   // messages read from it (files of a maildir included)
	Duplicates int   // of those, already loaded from an earlier source or place
	// Reused counts the messages kept under a derived id because an
	// earlier, different mail has their Message-ID.
	Reused int

	// quoted is set when the byte ranges are mboxrd-quoted (">From ").
	quoted bool

	// Exactly one way to reach the bytes: ra (an open file, a spool or
	// memory), or path, opened on demand (maildir files, so that a large
	// maildir does not hold one descriptor per message).
	ra     io.ReaderAt
	closer io.Closer
	path   string

	mu     sync.Mutex
	closed bool
}

// readAt reads exactly length bytes at off.
func (s *Source) readAt(off, length int64) ([]byte, error) {
	if length < 0 || length > 1<<31 {
		return nil, fmt.Errorf("%s: message of %d bytes is too large", s.Name, length)
	}
	buf := make([]byte, length)
	ra := s.ra
	if ra == nil && s.path != "" {
		f, err := os.Open(s.path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		ra = f
	}
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if ra == nil || closed {
		return nil, fmt.Errorf("%s: source is closed", s.Name)
	}
	n, err := ra.ReadAt(buf, off)
	if n == len(buf) {
		return buf, nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return nil, fmt.Errorf("%s: %w", s.Name, err)
}

// section is a reader of length bytes at off, read as it is needed, and
// what to close after (nil when nothing was opened for it).
func (s *Source) section(off, length int64) (*io.SectionReader, io.Closer, error) {
	ra, closer, err := s.readerAt()
	if err != nil {
		return nil, nil, err
	}
	return io.NewSectionReader(ra, off, length), closer, nil
}

// readerAt is the source's bytes, and what to close after (nil when
// nothing was opened for them).
func (s *Source) readerAt() (io.ReaderAt, io.Closer, error) {
	ra := s.ra
	var closer io.Closer
	if ra == nil && s.path != "" {
		f, err := os.Open(s.path)
		if err != nil {
			return nil, nil, err
		}
		ra, closer = f, f
	}
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if ra == nil || closed {
		if closer != nil {
			closer.Close()
		}
		return nil, nil, fmt.Errorf("%s: source is closed", s.Name)
	}
	return ra, closer, nil
}

// close releases the file or spool behind the source. A spool is an
// unlinked temporary file, so closing it frees its disk space.
func (s *Source) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.closer != nil {
		return s.closer.Close()
	}
	return nil
}
