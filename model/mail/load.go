package mail

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// Input is one source named on the command line (or the embedded sample).
// Path is a file or a maildir directory; Reader is stdin or embedded data
// (then Path is ""). Name is what errors and the status bar show.
type Input struct {
	Name   string
	Path   string
	Reader io.Reader
}

// StdinName is how error messages and the status bar name standard input.
const StdinName = "stdin"

// InputsFromArgs turns command-line sources into inputs: "-" is stdin.
// With no arguments, stdin is the input when it is given: the caller
// passes nil when stdin is a terminal.
func InputsFromArgs(args []string, stdin io.Reader) []Input {
	if len(args) == 0 {
		if stdin == nil {
			return nil
		}
		return []Input{{Name: StdinName, Reader: stdin}}
	}
	inputs := make([]Input, 0, len(args))
	for _, a := range args {
		if a == "-" {
			inputs = append(inputs, Input{Name: StdinName, Reader: stdin})
			continue
		}
		inputs = append(inputs, Input{Name: a, Path: a})
	}
	return inputs
}

// Progress reports how far a load has come. Total is 0 when unknown (stdin).
type Progress struct {
	Bytes, Total int64
	Messages     int
}

// LoadOptions tune Load. Progress, when set, is called from the loading
// goroutines, one call at a time.
type LoadOptions struct {
	Progress func(Progress)
}

// SourceError is a source summit cannot read, with one line saying why.
type SourceError struct {
	Name, Problem string
}

func (e *SourceError) Error() string {
	return e.Name + ": " + e.Problem
}

// Collection is the mail of every input read together: the sources and
// their messages in load order, one copy of each.
type Collection struct {
	Sources  []*Source
	Messages []*Message

	byID idIndex
	// digests are the author-and-body digests of the messages that
	// shared a Message-ID (see keep).
	digests map[*Message]mailSum
	scratch []byte
}

// NewCollection holds messages that were not read from a source (built
// by a test or a generator), so that they can be looked up by Message-ID.
func NewCollection(msgs []*Message) *Collection {
	c := &Collection{Messages: msgs}
	c.byID.reserve(len(msgs))
	for _, m := range msgs {
		c.byID.put(m)
	}
	return c
}

// Lookup finds a loaded message by Message-ID: the last loaded with it.
func (c *Collection) Lookup(id string) *Message {
	return c.byID.get(id)
}

// Read reads every input, merges their messages in order, and keeps one
// copy of a message seen twice (same Message-ID and the same mail, as a
// cross-posted mail is; see keep). A source that cannot be read stops the
// load with a *SourceError; a fault inside one message never does, it
// becomes a warning on it.
func Read(inputs []Input, opt LoadOptions) (*Collection, error) {
	rep := newReporter(opt.Progress, inputs)
	c := &Collection{}
	for _, in := range inputs {
		if in.Name == "" {
			in.Name = in.Path
			if in.Name == "" {
				in.Name = StdinName
			}
		}
		src, msgs, err := loadInput(in, rep)
		if err != nil {
			c.Close()
			return nil, err
		}
		c.Sources = append(c.Sources, src)
		c.Messages = slices.Grow(c.Messages, len(msgs))
		c.byID.reserve(len(c.Messages) + len(msgs))
		for _, m := range msgs {
			if !c.keep(src, m) {
				src.Duplicates++
				continue
			}
			c.byID.put(m)
			m.Seq = int32(len(c.Messages))
			c.Messages = append(c.Messages, m)
		}
	}
	c.byID.trim()
	return c, nil
}

// Close closes the collection's files and frees its spools. Messages can
// no longer be read afterwards.
func (c *Collection) Close() error {
	var first error
	for _, s := range c.Sources {
		if err := s.close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// reporter serialises progress calls from the loading goroutines.
type reporter struct {
	fn       func(Progress)
	mu       sync.Mutex
	total    int64
	bytes    atomic.Int64
	messages atomic.Int64
}

func newReporter(fn func(Progress), inputs []Input) *reporter {
	r := &reporter{fn: fn}
	for _, in := range inputs {
		if in.Reader != nil {
			return r // a stream of unknown length: total unknown
		}
		if fi, err := os.Stat(in.Path); err == nil && fi.Mode().IsRegular() {
			r.total += fi.Size()
		}
	}
	return r
}

func (r *reporter) add(bytes int64, messages int) {
	b := r.bytes.Add(bytes)
	m := r.messages.Add(int64(messages))
	if r.fn == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fn(Progress{Bytes: b, Total: r.total, Messages: int(m)})
}

// loadSpooled copies a stream that cannot be read at will (stdin, gzip)
// into a spool, decompressing it on the way, and indexes the spool.
func loadSpooled(name string, r io.Reader, rep *reporter) (*Source, []*Message, error) {
	sp, err := spool(name, r, rep)
	var se *SourceError
	if errors.As(err, &se) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, &SourceError{name, err.Error()}
	}
	src := &Source{Name: name, Compressed: sp.compressed, ra: sp.ra, closer: sp.closer, Size: sp.size}
	msgs, err := indexSource(src, false, rep)
	if err != nil {
		src.close()
		return nil, nil, err
	}
	return src, msgs, nil
}

// loadInput opens one input, recognises what it is and indexes it.
func loadInput(in Input, rep *reporter) (*Source, []*Message, error) {
	if in.Reader != nil {
		return loadSpooled(in.Name, in.Reader, rep)
	}
	fi, err := os.Stat(in.Path)
	if err != nil {
		return nil, nil, &SourceError{in.Name, describeOSError(err)}
	}
	if fi.IsDir() {
		return loadMaildir(in, rep)
	}
	if fi.Mode()&fs.ModeDevice != 0 {
		return nil, nil, &SourceError{in.Name, deviceProblem}
	}
	if fi.Mode()&fs.ModeNamedPipe != 0 {
		r, c, err := openPipe(in)
		if err != nil {
			return nil, nil, err
		}
		defer c.Close()
		return loadSpooled(in.Name, r, rep)
	}
	f, err := os.Open(in.Path)
	if err != nil {
		return nil, nil, &SourceError{in.Name, describeOSError(err)}
	}
	var magic [2]byte
	n, _ := f.ReadAt(magic[:], 0)
	if !fi.Mode().IsRegular() || (n == 2 && isGzipMagic(magic[:])) {
		// Not a regular file (a pipe was handled above), or gzip data:
		// spool it.
		defer f.Close()
		return loadSpooled(in.Name, f, rep)
	}
	src := &Source{Name: in.Name, ra: f, closer: f, Size: fi.Size()}
	msgs, err := indexSource(src, true, rep)
	if err != nil {
		src.close()
		return nil, nil, err
	}
	return src, msgs, nil
}

// describeOSError is the short reason of a failed stat or open.
func describeOSError(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file or directory"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// indexSource recognises the data of src and indexes its messages.
// countBytes says whether indexing reports the bytes it reads (it does not
// for spools, whose bytes were reported while spooling).
func indexSource(src *Source, countBytes bool, rep *reporter) ([]*Message, error) {
	head := make([]byte, min(src.Size, sniffSize))
	if n, err := src.ra.ReadAt(head, 0); n < len(head) {
		return nil, &SourceError{src.Name, fmt.Sprintf("cannot read: %v", err)}
	}
	what, err := sniff(src.Name, head, src.Size)
	if err != nil {
		return nil, err
	}
	var msgs []*Message
	switch what.kind {
	case KindRebuilt:
		msgs, err = loadDamaged(src)
	case KindMbox:
		src.Kind, src.quoted = KindMbox, true
		msgs, err = indexMbox(src, what.start, countBytes, rep)
		if err == nil && len(msgs) > 0 && endsMidLine(src) {
			last := msgs[len(msgs)-1]
			last.AddWarning("the file ends in the middle of a line: this message may be cut short (truncated download?)")
		}
	default:
		src.Kind = KindMessage
		msgs, err = loadSingle(src, what.start, countBytes, rep)
	}
	if err != nil {
		return nil, err
	}
	src.Messages = len(msgs)
	return msgs, nil
}

// endsMidLine reports whether the source's last byte is not a newline:
// every mbox writer ends a message with one, so a file that does not was
// most likely cut short.
func endsMidLine(src *Source) bool {
	var last [1]byte
	n, _ := src.ra.ReadAt(last[:], src.Size-1)
	return n == 1 && last[0] != '\n'
}

// indexMbox indexes an mbox, on several goroutines when it is large.
func indexMbox(src *Source, start int64, countBytes bool, rep *reporter) ([]*Message, error) {
	nseg := 1
	if src.Size-start > 32<<20 {
		nseg = min(runtime.GOMAXPROCS(0), 4)
	}
	bounds := []int64{start, src.Size}
	if nseg > 1 {
		var err error
		if bounds, err = segmentBounds(src.ra, src.Size, nseg); err != nil {
			return nil, &SourceError{src.Name, fmt.Sprintf("cannot read: %v", err)}
		}
		bounds[0] = start
	}
	results := make([][]*Message, len(bounds)-1)
	errs := make([]error, len(bounds)-1)
	var wg sync.WaitGroup
	for i := range results {
		wg.Go(func() {
			results[i], errs[i] = indexSegment(src, bounds[i], bounds[i+1], countBytes, rep)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, &SourceError{src.Name, fmt.Sprintf("cannot read: %v", err)}
		}
	}
	n := 0
	for _, r := range results {
		n += len(r)
	}
	msgs := make([]*Message, 0, n)
	for _, r := range results {
		msgs = append(msgs, r...)
	}
	return msgs, nil
}

// slabSize is how many Messages are allocated at once: one allocation per
// thousand messages instead of one each.
const slabSize = 1024

// indexSegment indexes [lo, end) of an mbox.
func indexSegment(src *Source, lo, end int64, countBytes bool, rep *reporter) ([]*Message, error) {
	var pending int
	progress := func(n int64) {
		if !countBytes {
			n = 0
		}
		rep.add(n, pending)
		pending = 0
	}
	s := newMboxScanner(src.ra, lo, end, progress)
	p := newHeaderParser()
	var msgs []*Message
	var slab []Message
	var m *Message
	err := s.scan(func(off int64, hdr []byte) int64 {
		if len(slab) == cap(slab) {
			slab = make([]Message, 0, slabSize)
		}
		slab = append(slab, Message{Source: src, Offset: off})
		m = &slab[len(slab)-1]
		msgs = append(msgs, m)
		pending++
		return p.parse(hdr, m)
	}, func(length int64) { m.Length = length })
	if pending > 0 {
		rep.add(0, pending)
	}
	if err != nil {
		return msgs, err
	}
	for _, m := range msgs {
		if m.ID == "" {
			setSyntheticIDFromSource(m)
		}
	}
	return msgs, nil
}

// loadSingle reads a source holding one message, which starts at start
// (after a BOM or blank lines).
func loadSingle(src *Source, start int64, countBytes bool, rep *reporter) ([]*Message, error) {
	hdr, err := readHeaderBlock(io.NewSectionReader(src.ra, start, src.Size-start))
	if err != nil {
		return nil, &SourceError{src.Name, fmt.Sprintf("cannot read: %v", err)}
	}
	m := &Message{Source: src, Offset: start, Length: src.Size - start}
	newHeaderParser().parse(hdr, m)
	if m.ID == "" && m.Subject == "" && m.DateUnknown && m.From == (Address{}) {
		return nil, &SourceError{src.Name, "not mail: no From, Subject, Date or Message-ID header at the start"}
	}
	if m.ID == "" {
		setSyntheticIDFromSource(m)
	}
	if countBytes {
		rep.add(src.Size, 1)
	} else {
		rep.add(0, 1)
	}
	return []*Message{m}, nil
}

// loadMaildir reads the messages of a maildir's cur/ and new/, in name
// order. Each file is a source of its own, opened only when read.
func loadMaildir(in Input, rep *reporter) (*Source, []*Message, error) {
	dir := &Source{Name: in.Name, Kind: KindMaildir}
	var files []string
	isMaildir := false
	for _, sub := range []string{"cur", "new"} {
		entries, err := os.ReadDir(filepath.Join(in.Path, sub))
		if err != nil {
			if errors.Is(err, fs.ErrPermission) {
				return nil, nil, &SourceError{in.Name, "permission denied"}
			}
			continue
		}
		isMaildir = true
		for _, e := range entries {
			if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			files = append(files, filepath.Join(sub, e.Name()))
		}
	}
	if !isMaildir {
		return nil, nil, &SourceError{in.Name, "a directory, not a maildir (no cur/ or new/ inside)"}
	}
	if len(files) == 0 {
		return nil, nil, &SourceError{in.Name, "an empty maildir (no messages in cur/ or new/)"}
	}
	sort.Strings(files)
	p := newHeaderParser()
	msgs := make([]*Message, 0, len(files))
	for _, rel := range files {
		path := filepath.Join(in.Path, rel)
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, &SourceError{filepath.Join(in.Name, rel), describeOSError(err)}
		}
		fi, err := f.Stat()
		var hdr []byte
		if err == nil {
			hdr, err = readHeaderBlock(f)
		}
		f.Close()
		if err != nil {
			return nil, nil, &SourceError{filepath.Join(in.Name, rel), fmt.Sprintf("cannot read: %v", err)}
		}
		src := &Source{Name: filepath.Join(in.Name, rel), Kind: KindMessage, path: path, Size: fi.Size(), Messages: 1}
		m := &Message{Source: src, Length: fi.Size()}
		p.parse(hdr, m)
		if m.ID == "" {
			setSyntheticIDFromSource(m)
		}
		msgs = append(msgs, m)
		dir.Size += fi.Size()
		rep.add(fi.Size(), 1)
	}
	dir.Messages = len(msgs)
	return dir, msgs, nil
}
