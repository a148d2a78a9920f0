package annot

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"summit/internal/atomicfile"
)

// AnnotationsFileName is the name of the annotations file summit puts
// beside the mail when no --annotations is given.
const AnnotationsFileName = "summit.json"

// DefaultAnnotationsPath is where the annotations live when the user does
// not say: beside the first file given, in the working directory for mail
// read from stdin, and in the user's state directory for the embedded
// demo, whose sample archive lives nowhere on disk. For the demo it creates
// the state directory, since nothing else would.
func DefaultAnnotationsPath(firstInput string, fromStdin, demo bool) (string, error) {
	switch {
	case demo:
		dir, err := userStateDir()
		if err != nil {
			return "", err
		}
		dir = filepath.Join(dir, "summit")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", fmt.Errorf("%s: %w", dir, pathErrCause(err))
		}
		return filepath.Join(dir, AnnotationsFileName), nil
	case fromStdin || firstInput == "-" || firstInput == "":
		wd, err := os.Getwd()
		if err != nil {
			return "", fmt.Errorf("working directory: %w", err)
		}
		return filepath.Join(wd, AnnotationsFileName), nil
	default:
		abs, err := filepath.Abs(filepath.Clean(firstInput))
		if err != nil {
			return "", fmt.Errorf("%s: %w", firstInput, err)
		}
		return filepath.Join(filepath.Dir(abs), AnnotationsFileName), nil
	}
}

// userStateDir is $XDG_STATE_HOME, or ~/.local/state as the XDG base
// directory specification says when it is unset. Go has no
// os.UserStateDir.
func userStateDir() (string, error) {
	if dir := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return dir, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no state directory: %w", err)
	}
	return filepath.Join(home, ".local", "state"), nil
}

// Store holds the annotations of a session and keeps them in their file.
// It is safe for concurrent use: the interface changes it while a Save runs
// in the background. Every change is one undo step and makes the store
// dirty until a Save writes it; a Save that fails leaves it dirty, so the
// next one writes the change again and nothing is lost.
//
// The store never writes blindly over its file: it remembers the bytes it
// last read or wrote, and when the file holds something else at save time
// (a second summit, a git pull), it merges the two (see Merge) and writes
// and adopts the merge.
type Store struct {
	path string

	// saveMu makes Saves run one at a time, each reading and writing the
	// file as a whole.
	saveMu sync.Mutex

	mu  sync.Mutex
	cur Annotations
	// extras are the members of the file this summit does not know; they
	// are written back as they were.
	extras annExtras
	// base is the content of the file as last read or written (never
	// modified in place), baseSum the hash of its bytes, and baseRead
	// whether there was a file.
	base     Annotations
	baseSum  [sha256.Size]byte
	baseRead bool
	// gen counts changes; savedGen is the gen the file holds.
	gen, savedGen uint64
	undo, redo    []editStep

	// baseStat is the file's size and time when last read or written.
	baseStat fileStat
	// adoptedGen is the gen of the last save adopted.
	adoptedGen uint64
}

// OpenStore reads the annotations file at path. A missing file is an empty
// store; the file is created by the first Save. A file that is not an
// annotations file, or one written by a newer summit, is an error, and
// nothing is ever written to it. OpenStore never writes.
func OpenStore(path string) (*Store, error) {
	s := &Store{path: path, cur: emptyAnnotations(), base: emptyAnnotations()}
	data, err := readRegular(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.baseStat = fileStat{size: -1}
		return s, nil
	case err != nil:
		return nil, fmt.Errorf("%s: %w", path, pathErrCause(err))
	}
	f, err := decodeAnnotations(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s.cur = f.ann
	s.base = cloneAnnotations(f.ann)
	s.extras = f.extras
	s.baseSum = sha256.Sum256(data)
	s.baseRead = true
	s.baseStat = statOf(path)
	return s, nil
}

// Path is the file the store saves to, for the status bar.
func (s *Store) Path() string { return s.path }

// Snapshot is a deep copy of the annotations, free for the caller to keep
// or change.
func (s *Store) Snapshot() Annotations {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneAnnotations(s.cur)
}

// Message is the note on one message (the zero note when there is none).
func (s *Store) Message(id string) MessageNote {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneMessageNote(s.cur.Messages[id])
}

// Topic is the note on one topic (the zero note when there is none).
func (s *Store) Topic(id string) TopicNote {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneTopicNote(s.cur.Topics[id])
}

// Session is the fields of a session: id is a committee session's ID or
// a topic's, which gives the fields of the session the topic is in (see
// Annotations.Session).
func (s *Store) Session(id string) SessionNote {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur.Session(id)
}

// SessionOf is the ID of the session a topic is in (see
// Annotations.SessionOf).
func (s *Store) SessionOf(topicID string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur.SessionOf(topicID)
}

// Day is the day as set (the zero Day when it is not).
func (s *Store) Day() Day {
	s.mu.Lock()
	defer s.mu.Unlock()
	return cloneDay(s.cur.Day)
}

// Dirty reports whether there are changes the file does not hold yet.
func (s *Store) Dirty() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen != s.savedGen
}

// Saved is what one Save wrote, to be handed to Adopt on the goroutine
// that owns the interface's state: a Save runs in the background and
// changes nothing the interface reads; Adopt takes the result in.
type Saved struct {
	gen      uint64 // the change count the file now holds
	written  Annotations
	sum      [sha256.Size]byte
	extras   annExtras
	ours     Annotations // what this summit had when the save began
	stat     fileStat
	merged   bool
	noChange bool // nothing was dirty: there is nothing to adopt

	// Conflicts are the fields both this summit and the file changed,
	// differently, since this summit last read it; this summit's value
	// was written (Merge keeps ours).
	Conflicts []Conflict
}

// Checked reports whether the save had anything to do: a change of ours to
// write, or one in the file to take in. A watch that found neither did
// nothing, and the status bar should not say "saved".
func (r Saved) Checked() bool { return !r.noChange }

// Adoption says what adopting a save did to the annotations the user sees.
type Adoption struct {
	// Merged is set when the file had been changed by someone else and
	// their changes came in.
	Merged bool
	// Conflicts: both sides changed these fields; this summit's value was
	// kept and written.
	Conflicts []Conflict
	// Replaced lists the user's annotations (stances, notes, questions,
	// topic fields) that the change to the file set to another value or
	// removed (After ""). Together with what it added, that is one undo
	// step: Undo takes it back, and the next save writes that again.
	Replaced []Change
}

// Removed counts the annotations of Replaced that the change deleted.
func (a Adoption) Removed() int {
	n := 0
	for _, c := range a.Replaced {
		if c.After == "" {
			n++
		}
	}
	return n
}

// Save writes the annotations to the file atomically: a temporary file in
// the same directory, fsync, rename, fsync of the directory, so that a
// crash leaves either the old file or the new one, never a part. When the
// file changed since the store last read or wrote it, the change is merged
// with ours first, and the merge is written. Save changes nothing in the
// store: the caller passes the result to Adopt. A file that became corrupt
// or newer meanwhile is refused and left as it is. On any error the store
// stays dirty and the next Save tries again.
func (s *Store) Save() (Saved, error) {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()

	s.mu.Lock()
	if s.gen == s.savedGen && !s.fileChanged() {
		s.mu.Unlock()
		return Saved{noChange: true}, nil
	}
	ours := cloneAnnotations(s.cur)
	extras := s.extras.clone()
	base, baseSum, baseRead := s.base, s.baseSum, s.baseRead
	gen, dirty := s.gen, s.gen != s.savedGen
	s.mu.Unlock()

	dir := filepath.Dir(s.path)
	unlock, err := lockDir(dir)
	if err != nil {
		return Saved{}, fmt.Errorf("%s: %w", s.path, pathErrCause(err))
	}
	defer unlock()

	target, err := atomicfile.Target(s.path)
	if err != nil {
		return Saved{}, fmt.Errorf("%s: %w", s.path, pathErrCause(err))
	}
	// Under the lock no other summit is writing: what an interrupted save
	// left behind can go.
	atomicfile.RemoveStale(target)
	merged, mergedExtras := ours, extras
	var conflicts []Conflict
	didMerge := false
	disk, err := readRegular(target)
	switch {
	case errors.Is(err, fs.ErrNotExist) && !dirty:
		// Only looking for another summit's change: there is none.
		return Saved{noChange: true}, nil
	case errors.Is(err, fs.ErrNotExist):
		// Never written, or removed since: removing the file is not a
		// wish to delete every annotation, so ours is written whole.
	case err != nil:
		return Saved{}, fmt.Errorf("%s: %w", s.path, pathErrCause(err))
	case !baseRead || sha256.Sum256(disk) != baseSum:
		theirs, err := decodeAnnotations(disk)
		if err != nil {
			return Saved{}, fmt.Errorf("%s: %w", s.path, err)
		}
		if !baseRead {
			base = emptyAnnotations()
		}
		merged, conflicts = Merge(base, ours, theirs.ann)
		mergedExtras = extras.union(theirs.extras)
		didMerge = true
	}
	out, err := encodeAnnotations(merged, mergedExtras)
	if err != nil {
		return Saved{}, fmt.Errorf("%s: %w", s.path, err)
	}
	if disk == nil || !bytes.Equal(disk, out) {
		if err := atomicfile.Replace(target, out); err != nil {
			return Saved{}, fmt.Errorf("%s: %w", s.path, pathErrCause(err))
		}
	}
	return Saved{gen: gen, written: merged, sum: sha256.Sum256(out), extras: mergedExtras,
		ours: ours, merged: didMerge, Conflicts: conflicts, stat: statOf(target)}, nil
}

// fileStat is what tells cheaply that the file changed: its size and
// modification time.
type fileStat struct {
	size int64
	mod  int64
}

func statOf(path string) fileStat {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStat{size: -1}
	}
	return fileStat{fi.Size(), fi.ModTime().UnixNano()}
}

// fileChanged reports whether the file may differ from what the store last
// read or wrote, so that a Save with nothing of ours to write still takes
// in another summit's change (and tells the user). s.mu is held.
func (s *Store) fileChanged() bool {
	target, err := atomicfile.Target(s.path)
	if err != nil {
		return false
	}
	return statOf(target) != s.baseStat
}

// Adopt takes in what a Save wrote: the file's content becomes the base of
// the next merge, and a merge's changes from outside become the user's
// annotations, kept under the changes made while the save ran, as one
// undo step. Results of saves older than one already adopted are ignored.
func (s *Store) Adopt(r Saved) Adoption {
	if r.noChange {
		return Adoption{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.gen < s.adoptedGen {
		return Adoption{}
	}
	s.adoptedGen = r.gen
	s.base = r.written
	s.baseSum = r.sum
	s.baseRead = true
	s.baseStat = r.stat
	s.savedGen = max(s.savedGen, r.gen)
	ad := Adoption{Merged: r.merged, Conflicts: r.Conflicts}
	if !r.merged {
		return ad
	}
	s.extras = r.extras
	// Changes made while this Save ran are kept on top of the merge.
	next, _ := Merge(r.ours, s.cur, r.written)
	st := diffStep(s.cur, next)
	if len(st) == 0 {
		return ad
	}
	// Only what replaced or removed something of the user's is an undo
	// step: undoing another reviewer's mere additions would delete their
	// work, and u should take back the user's own last change instead.
	var replacing editStep
	for _, e := range st {
		if cs := e.changes(); len(cs) > 0 {
			ad.Replaced = append(ad.Replaced, cs...)
			replacing = append(replacing, e)
		}
	}
	s.applyStep(st, false)
	if len(replacing) > 0 {
		s.undo = append(s.undo, replacing)
		s.redo = nil
	}
	// The file holds next when nothing was changed meanwhile; otherwise
	// the change made meanwhile still has to be saved.
	if s.gen == r.gen {
		s.gen++
		s.savedGen = s.gen
	} else {
		s.gen++
	}
	return ad
}

// Flush is Save and Adopt at once, for a caller that owns the store's
// state on its own goroutine: main's last save after the interface ended,
// a test.
func (s *Store) Flush() (Adoption, error) {
	r, err := s.Save()
	if err != nil {
		return Adoption{}, err
	}
	return s.Adopt(r), nil
}

// readRegular reads the annotations file, refusing what is not a regular
// file: reading a FIFO would wait for a writer forever, and a device
// would never end.
func readRegular(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: path, Err: atomicfile.ErrNotRegular}
	}
	return os.ReadFile(path)
}

// pathErrCause strips the path from an *fs.PathError, since the caller's
// message already starts with the file name.
func pathErrCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func emptyAnnotations() Annotations {
	return Annotations{Messages: map[string]MessageNote{}, Topics: map[string]TopicNote{}}
}

func cloneAnnotations(a Annotations) Annotations {
	c := Annotations{
		Scope:    a.Scope,
		Messages: make(map[string]MessageNote, len(a.Messages)),
		Topics:   make(map[string]TopicNote, len(a.Topics)),
		Day:      cloneDay(a.Day),
	}
	if len(a.Sessions) > 0 {
		// Like Day.Fixed, nil when empty, so that equal content compares
		// equal.
		c.Sessions = make(map[string]SessionNote, len(a.Sessions))
	}
	for id, n := range a.Messages {
		c.Messages[id] = cloneMessageNote(n)
	}
	for id, n := range a.Topics {
		c.Topics[id] = cloneTopicNote(n)
	}
	for id, n := range a.Sessions {
		c.Sessions[id] = cloneSessionNote(n)
	}
	return c
}

func cloneMessageNote(n MessageNote) MessageNote {
	if n.Questions != nil {
		n.Questions = append([]Question(nil), n.Questions...)
	}
	return n
}
