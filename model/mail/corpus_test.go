package mail

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-mbox"
)

// corpusFiles are the real archives, with the number of messages in each
// file (as Python's mailbox and go-mbox count them) and the number kept
// after removing copies of the same message.
var corpusFiles = []struct {
	path        string
	inFile, one int
}{
	{"../../sample-data/ksummit-2021-accelerator-userspace.mbox", 77, 77},
	{"../../sample-data/ksummit-2024-device-passthrough.mbox", 126, 126},
	{"../../sample-data/lkml-2021-habanalabs-pull-reply.mbox", 1, 1},
	// The edge sample holds one message twice (Sherry Sun's reply of
	// 2020-09-27, <VI1PR04MB4960185041AEE411141583EA92340@...>).
	{"../testdata/corpora/kernel-edge-sample.mbox", 121, 120},
}

// goMboxMessages splits a file with go-mbox, the reference splitter.
func goMboxMessages(t testing.TB, path string) [][]byte {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := mbox.NewReader(f)
	var msgs [][]byte
	for {
		mr, err := r.NextMessage()
		if err == io.EOF {
			return msgs
		}
		if err != nil {
			t.Fatalf("go-mbox: %v", err)
		}
		b, err := io.ReadAll(mr)
		if err != nil {
			t.Fatalf("go-mbox: %v", err)
		}
		msgs = append(msgs, b)
	}
}

// normalizedForGoMbox normalises what go-mbox and summit legitimately do
// differently: go-mbox writes CRLF line endings and undoes only one level
// of ">From " quoting; trailing blank lines differ.
func normalizedForGoMbox(b []byte) string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if t := strings.TrimLeft(l, ">"); strings.HasPrefix(t, "From ") {
			lines[i] = t
		}
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// indexFile runs summit's mbox indexer alone, without dedupe.
func indexFile(t testing.TB, path string) (*Source, []*Message) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	fi, _ := f.Stat()
	src := &Source{Name: path, ra: f, Size: fi.Size(), Kind: KindMbox, quoted: true}
	msgs, err := indexMbox(src, 0, true, &reporter{})
	if err != nil {
		t.Fatal(err)
	}
	return src, msgs
}

func TestCorpusAgreesWithGoMbox(t *testing.T) {
	for _, c := range corpusFiles {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			want := goMboxMessages(t, c.path)
			_, got := indexFile(t, c.path)
			if len(got) != len(want) || len(got) != c.inFile {
				t.Fatalf("summit %d messages, go-mbox %d, expected %d", len(got), len(want), c.inFile)
			}
			for i, m := range got {
				raw, err := m.Raw()
				if err != nil {
					t.Fatal(err)
				}
				if normalizedForGoMbox(raw) != normalizedForGoMbox(want[i]) {
					t.Errorf("message %d (%s) differs from go-mbox's", i, m.ID)
				}
			}
		})
	}
}

func TestCorpusMessages(t *testing.T) {
	for _, c := range corpusFiles {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			a := mustLoad(t, fileInput(c.path))
			if len(a.Messages) != c.one {
				t.Fatalf("%d messages, want %d", len(a.Messages), c.one)
			}
			if d := a.Sources[0].Duplicates; d != c.inFile-c.one {
				t.Errorf("%d duplicates, want %d", d, c.inFile-c.one)
			}
			for _, m := range a.Messages {
				if m.ID == "" || m.Synthetic {
					t.Errorf("message %d: id %q synthetic=%v", m.Seq, m.ID, m.Synthetic)
				}
				if m.From.Email == "" {
					t.Errorf("%s: no From address", m.ID)
				}
				if strings.TrimSpace(m.Subject) == "" {
					t.Errorf("%s: empty subject", m.ID)
				}
				if m.DateUnknown {
					t.Errorf("%s: date unknown: %q", m.ID, m.Warnings())
				}
				for _, s := range []string{m.ID, m.Subject, m.From.Name, m.From.Email} {
					if CleanText(s, false) != s {
						t.Errorf("%s: header value with control characters: %q", m.ID, s)
					}
				}
				b, err := m.Body()
				if err != nil {
					t.Errorf("%s: Body: %v", m.ID, err)
					continue
				}
				if CleanText(b.Text, true) != b.Text || strings.Contains(b.Text, "\r") {
					t.Errorf("%s: body text with control characters", m.ID)
				}
			}
		})
	}
}

func TestCorpusThreadReplies(t *testing.T) {
	// The facts in testdata/corpora/README.md: one root, every other
	// message with In-Reply-To.
	for _, c := range []struct {
		path, rootFrom string
		replies        int
	}{
		{"../../sample-data/ksummit-2021-accelerator-userspace.mbox", "Jonathan Corbet", 76},
		{"../../sample-data/ksummit-2024-device-passthrough.mbox", "Dan Williams", 125},
	} {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			a := mustLoad(t, fileInput(c.path))
			replies := 0
			for _, m := range a.Messages {
				if m.InReplyTo != "" {
					replies++
				} else if m.From.Name != c.rootFrom {
					t.Errorf("root by %q, want %q", m.From.Name, c.rootFrom)
				}
			}
			if replies != c.replies {
				t.Errorf("%d replies, want %d", replies, c.replies)
			}
		})
	}
}

func TestCorpusMergedDedupes(t *testing.T) {
	// The 2021 thread loaded twice, and with the seed rebuilt from it.
	p := "../../sample-data/ksummit-2021-accelerator-userspace.mbox"
	a := mustLoad(t, fileInput(p), fileInput(p), fileInput("../../sample-data/lkml-2021-habanalabs-pull-reply.mbox"))
	if len(a.Messages) != 78 || a.Sources[1].Duplicates != 77 {
		t.Errorf("%d messages, %d duplicates", len(a.Messages), a.Sources[1].Duplicates)
	}
}

func TestLargeMboxSegments(t *testing.T) {
	// Past 32 MiB an mbox is indexed by several goroutines: the result
	// must be the one a single scan gives.
	dir := t.TempDir()
	p := filepath.Join(dir, "big.mbox")
	data := generateMbox(9000, 1)
	if len(data) < 33<<20 {
		data = generateMbox(9000*(33<<20)/len(data)+100, 1)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, msgs := indexFile(t, p)
	n := bytes.Count(data, []byte("\nFrom mboxrd@z")) + 1
	if len(msgs) != n {
		t.Fatalf("%d messages, want %d", len(msgs), n)
	}
	for i, m := range msgs {
		if want := genID(i); m.ID != want {
			t.Fatalf("message %d has id %q, want %q", i, m.ID, want)
		}
	}
}

func TestRebuiltSeedKeepsTheSeedsWords(t *testing.T) {
	seed, err := os.ReadFile("../testdata/seeds/002_c035dff4cdb7c54c.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := mustLoad(t, fileInput("../../sample-data/lkml-2021-habanalabs-pull-reply.mbox"))
	m := a.Messages[0]
	if m.ID != "YSLYklow2ZAPqgK1@pendragon.ideasonboard.com" || m.From.Email != "laurent.pinchart@ideasonboard.com" {
		t.Errorf("id %q from %q", m.ID, m.From.Email)
	}
	text := bodyText(t, m)
	words := strings.Fields(text)
	seedWords := strings.Fields(string(seed))
	if len(seedWords) < len(words) || strings.Join(seedWords[len(seedWords)-len(words):], " ") != strings.Join(words, " ") {
		t.Error("the rebuilt body's words are not the end of the seed's")
	}
}
