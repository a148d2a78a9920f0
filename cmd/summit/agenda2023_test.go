package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/emersion/go-mbox"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
	"summit/model/thread"
)

// No test reads the machine's git configuration: the sender is this one.
func init() {
	gitConfig = func(key string) string {
		return map[string]string{"user.name": "Theodore Ts'o", "user.email": "tytso@mit.edu"}[key]
	}
}

// The threads of the real 2023 day (../shared/corpora/README.md).
const (
	trust2023    = "ZO9NK0FchtYjOuIH@infradead.org"
	rust2023     = "CANiq72=99VFE=Ve5MNM9ZuSe9M-JSH1evk6pABNSEnNjK7aXYA@mail.gmail.com"
	burnout2023  = "20230816180808.GB2919664@perftesting"
	timing2023   = "20230815090023.1bf2e833@kernel.org"
	coping2023   = "ab9cfd857e32635f626a906410ad95877a22f0db.camel@HansenPartnership.com"
	support2023  = "371cb5d1-9997-a03b-4848-550ac8658021@kernel.org" // its first message is not in the archive
	call2023Root = "20230815052947.GA3214753@mit.edu"
)

// build2023Day makes the committee's 2023 day through the Store API, as
// the interface's keys do: the scope, the announcements ignored, the three
// burnout threads merged into one 60-minute session, titles and leads, the
// committee session with Linus, prework and background, and the day with
// its breakfast, breaks, lunch and photo. It returns the annotations
// file. Two decisions are made up, for the replies: a declined and a
// deferred proposal.
func build2023Day(t *testing.T) string {
	t.Helper()
	arc, err := model.Load([]mail.Input{{Name: call2023, Path: call2023}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	p := filepath.Join(t.TempDir(), "summit.json")
	s, err := annot.OpenStore(p)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := annot.ParseScope("2023-08-01", "2023-12-31", "")
	if err != nil {
		t.Fatal(err)
	}
	s.SetScope(sc)
	for _, id := range []string{call2023Root, "a13b3481-ec35-446d-ac7d-9581ce87646f@intel.com",
		"e851a8e5-c4c2-4b5d-887a-509e591cff49@intel.com", "f6ce9799-2625-4f84-a8be-6f20fb911fde@intel.com",
		"20231113-caped-elk-of-acumen-cecd7f@nitro"} {
		s.ToggleIgnored(id)
	}
	topic := func(id string) *thread.Topic {
		for _, tp := range arc.Topics {
			if tp.ID == id {
				return tp
			}
		}
		t.Fatalf("no topic %s", id)
		return nil
	}

	// m: the burnout threads into one session, then its length and note.
	s.MergeTopic(timing2023, burnout2023)
	s.MergeTopic(coping2023, burnout2023)
	for id, minutes := range map[string]int{trust2023: 30, rust2023: 30, burnout2023: 60, support2023: 30} {
		s.ToggleStatus(id, annot.StatusAccepted)
		s.AddMinutes(id, minutes)
	}
	s.SetSessionNote(burnout2023, "60 minutes, given the very long thread.")
	s.SetSessionTitle(rust2023, "Next steps for Rust: are we ready to commit?")
	s.SetSessionTitle(support2023, "Maintainers support group")

	// A: the traditional session with Linus, which nobody proposed.
	linus := s.AddSession("Are maintainers happy?")
	s.AddSessionMinutes(linus, 30)
	s.SetSessionNote(linus, "The traditional session with Linus; Jon gathers the maintainers' input beforehand.")

	// L: leads picked from the participants, or typed.
	for _, id := range []string{trust2023, rust2023, burnout2023} {
		s.AddLead(id, annot.LeadOf(topic(id).Proposer))
	}
	for id, typed := range map[string]string{support2023: "Steven Rostedt <rostedt@goodmis.org>", linus: "Linus Torvalds <torvalds@linux-foundation.org>"} {
		l, ok := annot.ParseLead(typed)
		if !ok {
			t.Fatalf("lead %q", typed)
		}
		s.AddLead(id, l)
	}

	// Prework: an open question, marked in O.
	s.AddQuestion(burnout2023, "What specific proposals would address maintainer burnout?")
	s.SetPrework(burnout2023, 0, true)
	s.AddQuestion(trust2023, "Who reviews file systems nobody maintains?")
	s.SetPrework(trust2023, 0, true)

	// Background: of the links suggested for each session, adopt LWN's
	// articles (the file-system session has two).
	ann := s.Snapshot()
	for _, sess := range agenda.Sessions(arc, ann) {
		if !sess.InDay() {
			continue
		}
		for _, sg := range annot.SuggestBackground(sess.Topics, thread.RawBodyText, sess.Note.Background) {
			if strings.HasPrefix(sg.URL, "https://lwn.net/") {
				s.AddBackground(sess.ID, sg.URL)
			}
		}
	}

	// Decisions the replies answer.
	s.ToggleStatus("ZMiu9Mkdg4wHtCs7@bullseye", annot.StatusDeclined)
	s.ToggleStatus("ZNuuvS5BtmjcazIv@sashalap", annot.StatusDeferred)

	// D: the day, and the sessions in its order.
	if err := s.SetDayDate("2023-11-16"); err != nil {
		t.Fatal(err)
	}
	s.SetDayPlace("Omni Richmond Hotel")
	for _, f := range []struct {
		title, at string
		minutes   int
	}{
		{"Hot breakfast and morning refreshments", "8:00", 60},
		{"Welcome and agenda bashing", "9:00", 30},
		{"Break", "10:30", 30},
		{"Lunch", "12:00", 90},
		{"Group photograph", "14:30", 30},
		{"Break", "15:00", 30},
		{"Free time", "15:30", 150},
		{"Transportation loads for dinner", "18:00", 0},
	} {
		if _, err := s.AddFixed(f.title, f.at, f.minutes); err != nil {
			t.Fatal(err)
		}
	}
	for i, id := range []string{trust2023, rust2023, burnout2023, support2023, linus} {
		var order []string
		for _, ds := range agenda.DaySessions(arc, s.Snapshot()) {
			order = append(order, ds.ID)
		}
		from := -1
		for k, o := range order {
			if o == id {
				from = k
			}
		}
		if from < 0 {
			t.Fatalf("%s is not in the day: %v", id, order)
		}
		s.MoveSession(order, id, i-from)
	}
	if _, err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestAgenda2023Day is the end-to-end test of sessions and the day: the
// real 2023 day built through the Store API, its annotations file, and
// the markdown agenda, the agenda mail and the draft replies exported
// from it.
func TestAgenda2023Day(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	ann := build2023Day(t)
	saved, err := os.ReadFile(ann)
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(namedTB{t, "TestAgenda2023Day/summit.json"}, saved)
	for _, tt := range []struct {
		golden string
		args   []string
	}{
		{"TestAgenda2023Day/agenda.md", nil},
		{"TestAgenda2023Day/agenda.mbox", []string{"--format", "mail", "--title", "[MAINTAINERS SUMMIT] Draft agenda"}},
		{"TestAgenda2023Day/replies.mbox", []string{"--format", "replies"}},
		{"TestAgenda2023Day/agenda.json", []string{"--format", "json", "--status", "accepted"}},
	} {
		code, out, errOut := summit(t, "", append([]string{"export", "--annotations", ann, call2023}, tt.args...)...)
		if code != 0 || errOut != "" {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errOut)
		}
		golden.RequireEqual(namedTB{t, tt.golden}, []byte(out))
		if strings.HasSuffix(tt.golden, ".mbox") {
			checkMbox(t, out)
		}
	}
}

// checkMbox reads an mbox summit wrote as go-mbox and summit's own reader
// do: every message parses, has what a mailer needs, and keeps its lines
// within 78 columns (a lore link too long for any line stands alone).
func checkMbox(t *testing.T, out string) {
	t.Helper()
	r := mbox.NewReader(strings.NewReader(out))
	n := 0
	for {
		msg, err := r.NextMessage()
		if err != nil {
			break
		}
		n++
		var b bytes.Buffer
		if _, err := b.ReadFrom(msg); err != nil {
			t.Fatal(err)
		}
		head, body, ok := strings.Cut(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\n\n")
		if !ok {
			t.Fatalf("message %d has no body", n)
		}
		for _, h := range []string{"From: ", "To: ", "Subject: ", "Date: ", "Message-ID: <"} {
			if !strings.Contains("\n"+head, "\n"+h) {
				t.Errorf("message %d lacks %q:\n%s", n, h, head)
			}
		}
		for _, l := range strings.Split(head+"\n"+body, "\n") {
			if len([]rune(l)) > 78 && !strings.HasPrefix(strings.TrimLeft(strings.TrimLeft(l, " "), "- "), "https://") {
				t.Errorf("message %d: line of %d columns: %q", n, len([]rune(l)), l)
			}
		}
	}
	if n == 0 {
		t.Fatal("no message in the mbox")
	}
	arc, err := model.Load([]mail.Input{{Name: "out.mbox", Reader: strings.NewReader(out)}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	if got := len(arc.Messages); got != n {
		t.Errorf("summit reads %d messages, go-mbox %d", got, n)
	}
}

// TestExportMailNeedsASender: without --from and without git's
// user.email the mail cannot be written, and says why.
func TestExportMailNeedsASender(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	saved := gitConfig
	t.Cleanup(func() { gitConfig = saved })
	gitConfig = func(string) string { return "" }
	code, _, errOut := summit(t, "", "export", "--format", "mail", "--annotations", filepath.Join(t.TempDir(), "a.json"), sample2021)
	if code != 2 || !strings.Contains(errOut, "--from") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	code, out, errOut := summit(t, "", "export", "--format", "mail", "--from", "Program Committee <pc@example.org>",
		"--annotations", filepath.Join(t.TempDir(), "a.json"), sample2021)
	if code != 0 || !strings.Contains(out, "\nFrom: Program Committee <pc@example.org>\n") {
		t.Errorf("--from: exit %d, %s\n%s", code, errOut, out)
	}
	code, _, errOut = summit(t, "", "export", "--format", "mail", "--from", "not an address", sample2021)
	if code != 2 || !strings.Contains(errOut, "--from") {
		t.Errorf("bad --from: exit %d, %q", code, errOut)
	}
}

// TestExportListsSessionDisagreements: two reviewers who merged a topic
// into different sessions, and put lunch at different times, are told so.
func TestExportListsSessionDisagreements(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	dir := t.TempDir()
	var files []string
	for i, into := range []string{burnout2023, trust2023} {
		p := filepath.Join(dir, []string{"a.json", "b.json"}[i])
		s, err := annot.OpenStore(p)
		if err != nil {
			t.Fatal(err)
		}
		s.MergeTopic(timing2023, into)
		id, err := s.AddFixed("Lunch", "12:00", 90)
		if err != nil {
			t.Fatal(err)
		}
		s.MoveFixed(id, 30*i)
		if _, err := s.Flush(); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	code, _, errOut := summit(t, "", "export", "--annotations", files[0], "--annotations", files[1], call2023)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		`summit: reviewers disagree on the session of topic "timing of releases, scheduling shutdowns and their impact on maintainer burnout": the session of "Maintainer burnout" in ` + files[0] + `, the session of "Trust and maintenance of file systems" in ` + files[1] + "\n",
		`summit: reviewers disagree on the time of the day's fixed item lunch-1200: Lunch 12:00, 90 min in ` + files[0] + `, Lunch 12:30, 90 min in ` + files[1] + "\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks\n%s\nin\n%s", want, errOut)
		}
	}
	if strings.Count(errOut, "\n") != 2 {
		t.Errorf("want two disagreements, got\n%s", errOut)
	}
}
