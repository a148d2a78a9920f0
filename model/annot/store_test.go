package annot

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	_ "github.com/charmbracelet/x/exp/golden" // registers the -update flag used by storeGolden
)

// copyFixture copies a file of testdata/store into a fresh directory and
// returns its new path, so a test may let the store write to it.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "store", name))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustOpen(t *testing.T, path string) *Store {
	t.Helper()
	s, err := OpenStore(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustSave(t *testing.T, s *Store) Adoption {
	t.Helper()
	ad, err := s.Flush()
	if err != nil {
		t.Fatal(err)
	}
	return ad
}

// saveAdopt is Flush for tests that look only at the error.
func saveAdopt(s *Store) error {
	_, err := s.Flush()
	return err
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// storeGolden compares got with testdata/store/<name>, rewriting it under
// -update.
func storeGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "store", name)
	if f := flag.Lookup("update"); f != nil && f.Value.String() == "true" {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := readFile(t, p)
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update if the change is intended):\n--- got\n%s\n--- want\n%s", p, got, want)
	}
}

// triage makes one of every kind of change on s.
func triage(s *Store) {
	s.SetStance("m1@example.org", StanceSupport)
	s.AddQuestion("m1@example.org", "Is the <uapi> stable & documented?")
	s.AddQuestion("m1@example.org", "Who maintains it?")
	s.SetAnswered("m1@example.org", 1, true, "m2@example.org")
	s.SetMessageNote("m2@example.org", "Greg's answer:\n  yes, see the docs.")
	s.SetStance("m3@example.org", StanceNeutral)
	s.SetStatus("t1@example.org", StatusAccepted)
	s.AddMinutes("t1@example.org", 45)
	s.SetTopicNote("t1@example.org", "Morning slot.")
	s.MoveTopic([]string{"t2@example.org", "t1@example.org"}, "t1@example.org", -1)
}

func TestStoreRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	s := mustOpen(t, p)
	triage(s)
	if !s.Dirty() {
		t.Fatal("not dirty after changes")
	}
	mustSave(t, s)
	if s.Dirty() {
		t.Error("still dirty after a save")
	}
	saved := readFile(t, p)
	storeGolden(t, "format.golden", saved)

	again := mustOpen(t, p)
	if got, want := again.Snapshot(), s.Snapshot(); !reflect.DeepEqual(got, want) {
		t.Errorf("reloaded annotations differ:\n got %#v\nwant %#v", got, want)
	}
	// A change and its undo save the very same bytes.
	again.SetStance("m1@example.org", StanceOppose)
	again.Undo()
	mustSave(t, again)
	if got := readFile(t, p); !bytes.Equal(got, saved) {
		t.Errorf("saving the same content gave other bytes:\n%s\nwant\n%s", got, saved)
	}
}

func TestEncodeIsDeterministic(t *testing.T) {
	a := emptyAnnotations()
	b := emptyAnnotations()
	ids := []string{"z@x", "a@x", "m@x", "0@x", "é@x", "A@x"}
	for i, id := range ids {
		a.Messages[id] = MessageNote{Stance: Stances[i%len(Stances)], Note: id}
		a.Topics[id] = TopicNote{Order: i + 1}
	}
	for i := len(ids) - 1; i >= 0; i-- {
		id := ids[i]
		b.Messages[id] = MessageNote{Stance: Stances[i%len(Stances)], Note: id}
		b.Topics[id] = TopicNote{Order: i + 1}
	}
	// Zero entries, and undecided spelled out, carry nothing.
	b.Messages["empty@x"] = MessageNote{Questions: []Question{}}
	b.Topics["undecided@x"] = TopicNote{Status: StatusUndecided}
	first, err := encodeAnnotations(a, annExtras{})
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		got, err := encodeAnnotations(b, annExtras{})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, first) {
			t.Fatalf("same content, other bytes:\n%s\nwant\n%s", got, first)
		}
	}
	if strings.Contains(string(first), "empty@x") || strings.Contains(string(first), "undecided@x") {
		t.Errorf("zero entries were written:\n%s", first)
	}
}

func TestOpenStoreMissingFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, AnnotationsFileName)
	s := mustOpen(t, p)
	if s.Path() != p {
		t.Errorf("Path() = %q, want %q", s.Path(), p)
	}
	if a := s.Snapshot(); len(a.Messages)+len(a.Topics) != 0 {
		t.Errorf("a missing file gave %v", a)
	}
	if err := saveAdopt(s); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("opening or saving without changes created the file (%v)", err)
	}
	s.SetStance("a@b", StanceConcern)
	mustSave(t, s)
	if got := mustOpen(t, p).Message("a@b").Stance; got != StanceConcern {
		t.Errorf("stance after save = %q", got)
	}
}

func TestOpenStoreRefusesAndLeavesFile(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "store", "bad-*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	files = append(files, filepath.Join("testdata", "store", "newer-v3.json"))
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			p := copyFixture(t, filepath.Base(f))
			before := readFile(t, p)
			_, err := OpenStore(p)
			if err == nil {
				t.Fatal("OpenStore accepted it")
			}
			newer := strings.HasPrefix(filepath.Base(f), "newer")
			wantPrefix := p + ": not a summit annotations file: "
			wantIs := ErrNotAnnotations
			if newer {
				wantPrefix = p + ": written by a newer summit (schema 3); not touching it"
				wantIs = ErrNewerSchema
			}
			if !strings.HasPrefix(err.Error(), wantPrefix) || !errors.Is(err, wantIs) {
				t.Errorf("error = %q, want it to start with %q", err, wantPrefix)
			}
			if detail := strings.TrimPrefix(err.Error(), p); strings.Contains(detail, "\n") || strings.Contains(detail, "json:") || strings.Contains(detail, "Go value") {
				t.Errorf("error is not one plain line: %q", err)
			}
			if got := readFile(t, p); !bytes.Equal(got, before) {
				t.Error("the file was changed")
			}
		})
	}
}

// TestSaveRefusesFileSpoiledMeanwhile replaces a good file by a corrupt
// or newer one between open and save: the save fails, the file stays as
// it is, and the change waits in memory for a save that can succeed.
func TestSaveRefusesFileSpoiledMeanwhile(t *testing.T) {
	for _, spoiler := range []string{"bad-truncated.json", "bad-html-page.json", "newer-v3.json"} {
		t.Run(spoiler, func(t *testing.T) {
			p := copyFixture(t, "valid-v1.json")
			s := mustOpen(t, p)
			s.SetStance("new@example.org", StanceOppose)
			spoiled := readFile(t, filepath.Join("testdata", "store", spoiler))
			if err := os.WriteFile(p, spoiled, 0o644); err != nil {
				t.Fatal(err)
			}
			err := saveAdopt(s)
			if err == nil || !strings.HasPrefix(err.Error(), p+": ") {
				t.Fatalf("Save over %s: err = %v", spoiler, err)
			}
			if got := readFile(t, p); !bytes.Equal(got, spoiled) {
				t.Error("the spoiled file was written over")
			}
			if !s.Dirty() {
				t.Error("the store forgot it has a change to save")
			}
			assertNoTempFiles(t, filepath.Dir(p))

			// Once the file is good again, the change reaches it.
			if err := os.WriteFile(p, readFile(t, filepath.Join("testdata", "store", "valid-v1.json")), 0o644); err != nil {
				t.Fatal(err)
			}
			mustSave(t, s)
			got := mustOpen(t, p)
			if got.Message("new@example.org").Stance != StanceOppose || got.Topic("877dfop2lx.fsf@meer.lwn.net").Minutes != 45 {
				t.Errorf("after the retry the file holds %v", got.Snapshot())
			}
		})
	}
}

// TestUnloadedAndUnknownKept checks that entries and members this session
// did not touch, or does not know, are written back as they were.
func TestUnloadedAndUnknownKept(t *testing.T) {
	p := copyFixture(t, "valid-v1.json")
	s := mustOpen(t, p)
	s.SetStance("877dfop2lx.fsf@meer.lwn.net", StanceConcern)
	mustSave(t, s)
	storeGolden(t, "valid-v1.saved.golden", readFile(t, p))

	f, err := decodeAnnotations(readFile(t, p))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(f.extras.top["reviewer"]); got != `"jc"` {
		t.Errorf("unknown top-level member = %s", got)
	}
	if got := string(f.extras.messages["not-loaded-anywhere@example.org"]["reviewed_with"]); got != `"a later summit"` {
		t.Errorf("unknown entry member = %s", got)
	}
	want := MessageNote{Stance: StanceOppose, Note: "kept as it is"}
	if got := f.ann.Messages["not-loaded-anywhere@example.org"]; !reflect.DeepEqual(got, want) {
		t.Errorf("untouched entry = %#v, want %#v", got, want)
	}
}

// TestConcurrentStores is two summits on one file: each changes entries of
// its own and one they share, and each saves; neither loses the other's
// work, and the first one adopts the second's changes on its next save.
func TestConcurrentStores(t *testing.T) {
	p := copyFixture(t, "valid-v1.json")
	alice := mustOpen(t, p)
	bob := mustOpen(t, p)

	alice.SetStance("a-only@x", StanceSupport)
	alice.SetTopicNote("877dfop2lx.fsf@meer.lwn.net", "Alice: keep it short.")
	alice.AddQuestion("877dfop2lx.fsf@meer.lwn.net", "Alice asks?")
	bob.SetStance("b-only@x", StanceOppose)
	bob.SetTopicNote("877dfop2lx.fsf@meer.lwn.net", "Bob: needs a demo.")
	bob.AddMinutes("877dfop2lx.fsf@meer.lwn.net", 15)
	bob.AddQuestion("877dfop2lx.fsf@meer.lwn.net", "Bob asks?")
	bob.SetStance("877dfop2lx.fsf@meer.lwn.net", StanceAlternative)
	alice.SetStance("877dfop2lx.fsf@meer.lwn.net", StanceConcern)

	mustSave(t, alice)
	if ad := mustSave(t, bob); !ad.Merged || len(ad.Conflicts) != 2 {
		t.Errorf("bob's save: merged %v, conflicts %v; want a merge with stance and note conflicts", ad.Merged, ad.Conflicts)
	}
	// Alice makes one more change and saves: she picks up Bob's work.
	alice.SetStatus("old-topic@example.org", StatusDeferred)
	mustSave(t, alice)

	disk := mustOpen(t, p).Snapshot()
	if !reflect.DeepEqual(disk, alice.Snapshot()) {
		t.Errorf("alice's memory and the file differ:\n%v\n%v", alice.Snapshot(), disk)
	}
	msg := disk.Messages["877dfop2lx.fsf@meer.lwn.net"]
	topic := disk.Topics["877dfop2lx.fsf@meer.lwn.net"]
	checks := []struct {
		what string
		ok   bool
	}{
		{"alice's own entry", disk.Messages["a-only@x"].Stance == StanceSupport},
		{"bob's own entry", disk.Messages["b-only@x"].Stance == StanceOppose},
		{"bob's stance kept over alice's (his save merged hers as theirs)", msg.Stance == StanceAlternative},
		{"both questions and the old ones", len(msg.Questions) == 4},
		{"both notes", strings.Contains(topic.Note, "Alice: keep it short.") && strings.Contains(topic.Note, "Bob: needs a demo.")},
		{"bob's minutes", topic.Minutes == 60},
		{"alice's later status", disk.Topics["old-topic@example.org"].Status == StatusDeferred},
		{"untouched entry", disk.Messages["not-loaded-anywhere@example.org"].Note == "kept as it is"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("lost: %s\n%#v", c.what, disk)
		}
	}
}

// TestParallelSaves has several stores save to one file at once (run with
// -race): the directory lock and the merge keep every store's entries.
func TestParallelSaves(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	const writers, changes = 6, 8
	var wg sync.WaitGroup
	errs := make(chan error, writers*changes)
	for w := range writers {
		s := mustOpen(t, p)
		wg.Go(func() {
			for c := range changes {
				s.SetStance(msgID(w, c), Stances[c%len(Stances)])
				if err := saveAdopt(s); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got := mustOpen(t, p).Snapshot()
	for w := range writers {
		for c := range changes {
			if got.Messages[msgID(w, c)].Stance != Stances[c%len(Stances)] {
				t.Errorf("lost %s", msgID(w, c))
			}
		}
	}
}

func msgID(w, c int) string {
	return string(rune('a'+w)) + "-" + string(rune('0'+c)) + "@x"
}

// TestSaveWhileEditing changes the store while saves run in another
// goroutine, as the interface does (run with -race); the last save holds
// everything.
func TestSaveWhileEditing(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	s := mustOpen(t, p)
	done := make(chan struct{})
	saved := make(chan error)
	go func() {
		for {
			select {
			case <-done:
				saved <- saveAdopt(s)
				return
			default:
				if err := saveAdopt(s); err != nil {
					saved <- err
					return
				}
			}
		}
	}()
	for i := range 200 {
		s.SetStance(msgID(i%26, i%10), Stances[i%len(Stances)])
		s.AddMinutes("t@x", 15)
		if i%7 == 0 {
			s.Undo()
		}
	}
	close(done)
	if err := <-saved; err != nil {
		t.Fatal(err)
	}
	if s.Dirty() {
		t.Error("dirty after the last save")
	}
	if got, want := mustOpen(t, p).Snapshot(), s.Snapshot(); !reflect.DeepEqual(got, want) {
		t.Errorf("file and memory differ:\n%v\n%v", got, want)
	}
}

// TestFailedSaveKeepsEverything makes the write itself fail: the old file
// stays whole, the store stays dirty, and a save after the cause is gone
// writes the change.
func TestFailedSaveKeepsEverything(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "annotations")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, AnnotationsFileName)
	s := mustOpen(t, p)
	s.SetStance("first@x", StanceSupport)
	mustSave(t, s)
	old := readFile(t, p)

	s.SetStance("second@x", StanceOppose)
	breakDir, fixDir := blockWrites(t, dir)
	breakDir()
	err := saveAdopt(s)
	fixDir()
	if err == nil {
		t.Fatal("Save succeeded although the directory could not be written")
	}
	if !strings.HasPrefix(err.Error(), p+": ") || strings.Contains(err.Error(), "\n") {
		t.Errorf("error = %q, want one line starting with the path", err)
	}
	if got := readFile(t, p); !bytes.Equal(got, old) {
		t.Errorf("the old file was damaged:\n%s", got)
	}
	assertNoTempFiles(t, dir)
	if !s.Dirty() {
		t.Error("the store forgot the change")
	}
	mustSave(t, s)
	got := mustOpen(t, p)
	if got.Message("first@x").Stance != StanceSupport || got.Message("second@x").Stance != StanceOppose {
		t.Errorf("after the retry the file holds %v", got.Snapshot())
	}
}

// blockWrites returns functions that make dir impossible to write to and
// then possible again. A read-only directory stops everyone but root;
// tests may run as root, so when a probe shows that the read-only
// directory is still writable, the directory is moved away and a regular
// file takes its name, so the path cannot be written by anyone.
func blockWrites(t *testing.T, dir string) (breakDir, fixDir func()) {
	t.Helper()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	probe := filepath.Join(dir, "probe")
	f, err := os.Create(probe)
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err != nil {
		return func() { os.Chmod(dir, 0o555) }, func() { os.Chmod(dir, 0o755) } //nolint:errcheck // checked above
	}
	f.Close()
	os.Remove(probe)
	away := dir + ".away"
	return func() {
			if err := os.Rename(dir, away); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dir, []byte("not a directory\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, func() {
			if err := os.Remove(dir); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(away, dir); err != nil {
				t.Fatal(err)
			}
		}
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != AnnotationsFileName {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestSaveKeepsPermissionsAndFollowsSymlink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "repo-summit.json")
	if err := os.WriteFile(real, readFile(t, filepath.Join("testdata", "store", "valid-v1.json")), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, AnnotationsFileName)
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symlinks here:", err)
	}
	s := mustOpen(t, link)
	s.SetStance("a@b", StanceNeutral)
	mustSave(t, s)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the symlink was replaced (%v)", err)
	}
	fi, err := os.Stat(real)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("permissions = %v, want 0600 kept", fi.Mode().Perm())
	}
	if mustOpen(t, real).Message("a@b").Stance != StanceNeutral {
		t.Error("the change did not reach the file the link points to")
	}
}

func TestDefaultAnnotationsPath(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name             string
		input            string
		stdin, demo      bool
		want             string
		wantStateDirMade bool
	}{
		{name: "file", input: "/srv/ks/2026/a.mbox", want: "/srv/ks/2026/summit.json"},
		{name: "relative file", input: "ks/a.mbox", want: filepath.Join(wd, "ks", "summit.json")},
		{name: "maildir with slash", input: "/srv/ks/maildir/", want: "/srv/ks/summit.json"},
		{name: "stdin", stdin: true, want: filepath.Join(wd, "summit.json")},
		{name: "dash", input: "-", want: filepath.Join(wd, "summit.json")},
		{name: "demo", demo: true, want: filepath.Join(state, "summit", "summit.json"), wantStateDirMade: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DefaultAnnotationsPath(tt.input, tt.stdin, tt.demo)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if tt.wantStateDirMade {
				if fi, err := os.Stat(filepath.Dir(got)); err != nil || !fi.IsDir() {
					t.Errorf("state directory not made: %v", err)
				}
			}
		})
	}
	t.Run("demo without XDG_STATE_HOME", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("XDG_STATE_HOME", "")
		t.Setenv("HOME", home)
		got, err := DefaultAnnotationsPath("", false, true)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(home, ".local", "state", "summit", "summit.json"); got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	})
}

// bigAnnotations is a summit's worth of annotations and more: n messages
// with a stance, a question on every fourth, n/20 topics.
func bigAnnotations(n int) Annotations {
	a := emptyAnnotations()
	for i := range n {
		id := strings.Repeat("x", 20) + string(rune('a'+i%26)) + "-" + strconv.Itoa(i) + "@example.org"
		note := MessageNote{Stance: Stances[i%len(Stances)]}
		if i%4 == 0 {
			note.Questions = []Question{{Text: "Does this break the ABI for " + id + "?"}}
		}
		a.Messages[id] = note
		if i%20 == 0 {
			a.Topics[id] = TopicNote{Status: StatusAccepted, Minutes: 30, Order: i/20 + 1}
		}
	}
	return a
}

func BenchmarkEncodeAnnotations10k(b *testing.B) {
	a := bigAnnotations(10000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := encodeAnnotations(a, annExtras{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOpenStore10k(b *testing.B) {
	data, err := encodeAnnotations(bigAnnotations(10000), annExtras{})
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), AnnotationsFileName)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := OpenStore(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChangeAndSave10k is one keypress's worth of work on a large
// file: a change and the save that follows it, fsyncs included.
func BenchmarkChangeAndSave10k(b *testing.B) {
	data, err := encodeAnnotations(bigAnnotations(10000), annExtras{})
	if err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(b.TempDir(), AnnotationsFileName)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	s, err := OpenStore(p)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		s.SetStance("bench@x", Stances[i%len(Stances)])
		if err := saveAdopt(s); err != nil {
			b.Fatal(err)
		}
	}
}
