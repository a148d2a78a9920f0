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

	lastMerged    bool
	lastConflicts []Conflict
}

// OpenStore reads the annotations file at path. A missing file is an empty
// store; the file is created by the first Save. A file that is not an
// annotations file, or one written by a newer summit, is an error, and
// nothing is ever written to it. OpenStore never writes.
func OpenStore(path string) (*Store, error) {
	s := &Store{path: path, cur: emptyAnnotations(), base: emptyAnnotations()}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
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
	return s.cur.Topics[id]
}

// Dirty reports whether there are changes the file does not hold yet.
func (s *Store) Dirty() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen != s.savedGen
}

// LastMerge tells whether the last successful Save found the file changed
// by someone else and merged it, and the conflicts of that merge, so the
// status bar can say so.
func (s *Store) LastMerge() (merged bool, conflicts []Conflict) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastMerged, append([]Conflict(nil), s.lastConflicts...)
}

// Save writes the annotations to the file atomically: a temporary file in
// the same directory, fsync, rename, fsync of the directory, so that a
// crash leaves either the old file or the new one, never a part. When the
// file changed since the store last read or wrote it, the change is merged
// with ours first, and the merge is both written and adopted. A file that
// became corrupt or newer meanwhile is refused and left as it is. On any
// error the store stays dirty and the next Save tries again.
func (s *Store) Save() error {
	s.saveMu.Lock()
	defer s.saveMu.Unlock()

	s.mu.Lock()
	if s.gen == s.savedGen {
		s.mu.Unlock()
		return nil
	}
	ours := cloneAnnotations(s.cur)
	extras := s.extras.clone()
	base, baseSum, baseRead := s.base, s.baseSum, s.baseRead
	gen := s.gen
	s.mu.Unlock()

	dir := filepath.Dir(s.path)
	unlock, err := lockDir(dir)
	if err != nil {
		return fmt.Errorf("%s: %w", s.path, pathErrCause(err))
	}
	defer unlock()

	target, err := atomicfile.Target(s.path)
	if err != nil {
		return fmt.Errorf("%s: %w", s.path, pathErrCause(err))
	}
	merged, mergedExtras := ours, extras
	var conflicts []Conflict
	didMerge := false
	disk, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Never written, or removed since: removing the file is not a
		// wish to delete every annotation, so ours is written whole.
	case err != nil:
		return fmt.Errorf("%s: %w", s.path, pathErrCause(err))
	case !baseRead || sha256.Sum256(disk) != baseSum:
		theirs, err := decodeAnnotations(disk)
		if err != nil {
			return fmt.Errorf("%s: %w", s.path, err)
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
		return fmt.Errorf("%s: %w", s.path, err)
	}
	if disk == nil || !bytes.Equal(disk, out) {
		if err := atomicfile.Replace(target, out); err != nil {
			return fmt.Errorf("%s: %w", s.path, pathErrCause(err))
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.base = merged
	s.baseSum = sha256.Sum256(out)
	s.baseRead = true
	if didMerge {
		// Changes made while this Save ran are kept on top of the merge.
		s.cur, _ = Merge(ours, s.cur, merged)
		s.extras = mergedExtras
	}
	s.savedGen = gen
	s.lastMerged = didMerge
	s.lastConflicts = conflicts
	return nil
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
		Messages: make(map[string]MessageNote, len(a.Messages)),
		Topics:   make(map[string]TopicNote, len(a.Topics)),
	}
	for id, n := range a.Messages {
		c.Messages[id] = cloneMessageNote(n)
	}
	for id, n := range a.Topics {
		c.Topics[id] = n
	}
	return c
}

func cloneMessageNote(n MessageNote) MessageNote {
	if n.Questions != nil {
		n.Questions = append([]Question(nil), n.Questions...)
	}
	return n
}
