package tui

import (
	netmail "net/mail"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"summit/model"
	"summit/model/agenda"
	"summit/model/annot"
	"summit/model/mail"
)

// TestDay2023Program builds the committee's real 2023 day from the 2023
// call for topics by keys alone, in the real program loop: the call's
// scope, the announcements ignored, four proposals accepted with their
// lengths, the three burnout threads merged into one 60-minute session,
// titles and leads, the committee session with Linus, prework and the
// LWN background, two decisions for the replies, and the day with its
// breakfast, breaks, lunch and photo. The agenda mail and the draft
// replies it writes (p, tab, e) are those `summit export` writes from the
// same day built through the Store API (cmd/summit's TestAgenda2023Day),
// byte for byte, and so is the markdown agenda but for its title.
func TestDay2023Program(t *testing.T) {
	p := filepath.Join("..", "model", "testdata", "corpora", "ksummit-2023-call.mbox")
	a, err := model.Load([]mail.Input{{Name: p, Path: p}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	dir := t.TempDir()
	st, err := annot.OpenStore(filepath.Join(dir, "summit.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: st, SourceLabel: "ksummit-2023-call.mbox",
		Now:    func() time.Time { return time.Unix(1700000000, 0).UTC() },
		Title:  "[MAINTAINERS SUMMIT] Draft agenda",
		Sender: netmail.Address{Name: "Theodore Ts'o", Address: "tytso@mit.edu"},
		Load:   func(func(mail.Progress)) (*model.Archive, error) { return a, nil }})
	probe := &screenProbe{Model: m}
	tm := teatest.NewTestModel(t, probe,
		teatest.WithInitialTermSize(200, 50),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	tm.Send(tea.BackgroundColorMsg{Color: darkBG})
	// The screen is read from the frames the program draws (the output
	// holds only what changed between frames, so a status line that
	// differs from the last one in its end shows only its end there).
	waitFor := func(t *testing.T, _ *teatest.TestModel, text string) {
		t.Helper()
		probe.waitFor(t, text)
	}
	waitFor(t, tm, "34 topics")

	// Each step types its keys and waits for what they must show: the
	// status bar names every change, so a key that acted on the wrong
	// topic stops the test here.
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	esc := tea.KeyPressMsg{Code: tea.KeyEscape}
	step := func(keys string, want string) {
		t.Helper()
		tm.Type(keys)
		waitFor(t, tm, want)
	}
	// field is a key that opens a one-line field, the text typed there
	// and enter; it waits for the field to open (some open through a
	// command) and then to be gone with what it did on screen.
	const fieldHint = "enter saves · esc cancels"
	field := func(keys, text, want string) {
		t.Helper()
		tm.Type(keys)
		waitFor(t, tm, fieldHint)
		tm.Send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}) // the field's own text goes
		tm.Type(text)
		tm.Send(enter)
		probe.waitUntil(t, "the field to close and show "+want, func(s string) bool {
			return !strings.Contains(s, fieldHint) && strings.Contains(s, want)
		})
	}
	// note is a key of the day view that opens the note area, the text
	// typed, ctrl+s; it waits for the day to be back, which comes with
	// the note saved (the status line may still say so of the one before).
	const noteHint = "ctrl+s saves · esc cancels"
	note := func(keys, text string) {
		t.Helper()
		tm.Type(keys)
		waitFor(t, tm, noteHint)
		tm.Type(text)
		tm.Send(tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl})
		probe.waitUntil(t, "the note saved and the day back", func(s string) bool {
			return !strings.Contains(s, noteHint) && strings.Contains(s, "note saved") && strings.Contains(s, "The day ·")
		})
	}
	// pick selects a topic by filtering the list for words of its title.
	pick := func(words string) {
		t.Helper()
		tm.Send(esc) // the previous filter
		tm.Type("/" + words)
		tm.Send(enter)
	}

	// w: the 2023 call.
	field("w", "2023-08-01..2023-12-31", "24 of 34 topics")
	// x: the call itself and the announcements.
	for _, title := range []string{"Maintainers Summit 2023 Call for Topics", "Results from the 2023 LF TAB election",
		"REMINDER: 2023 Technical Advisory Board election", "2023 Technical Advisory Board election info",
		"kernel.org \"office hours\" at LPC"} {
		pick(strings.ToLower(title))
		step("x", "ignored “"+title[:min(len(title), 35)]) // the flash clips a long title
	}
	// a and +: the four proposals, with their lengths.
	for _, tp := range []struct{ words, title, plus string }{
		{"trust and maintenance of file systems", "Trust and maintenance of file systems", "++"},
		{"the rust experiment", "The Rust experiment", "++"},
		{"maintainer burnout", "Maintainer burnout", "++++"},
		{"maintainers support group", "Maintainers Support Group", "++"},
	} {
		pick(tp.words)
		step("a", "accepted: "+tp.title)
		step(tp.plus, "session of "+map[string]string{"++": "30", "++++": "60"}[tp.plus]+" minutes: "+tp.title)
		// L: the proposer, offered first.
		if tp.title != "Maintainers Support Group" {
			step("L", "Leads of “"+tp.title)
			tm.Send(enter)
			waitFor(t, tm, "leads of “"+tp.title)
		} else {
			field("L", "Steven Rostedt <rostedt@goodmis.org>", "leads of “"+tp.title+"”: Steven Rostedt")
		}
	}
	// m: the two other burnout threads join its session.
	for _, words := range []string{"timing of releases", "coping with stress as a maintainer"} {
		pick(words)
		step("m", "into the session")
		tm.Type("maintainer burnout")
		tm.Send(enter)
		// The picker gone, the status line names the topic (the one
		// before said the same of the other thread).
		probe.waitUntil(t, words+" merged", func(s string) bool {
			return !strings.Contains(s, "enter chooses") && strings.Contains(s, "“"+words) &&
				strings.Contains(s, "merged into the session “Maintainer burnout”")
		})
	}
	// o, O, p: the prework questions, on the proposals' first messages.
	for _, q := range []struct{ words, text string }{
		{"maintainer burnout", "What specific proposals would address maintainer burnout?"},
		{"trust and maintenance of file systems", "Who reviews file systems nobody maintains?"},
	} {
		pick(q.words)
		field("o", q.text, "question added")
		step("O", "Open questions ·")
		step("p", "prework for the session (the agenda lists it): "+q.text[:20])
		step("q", "")
	}
	// d and f: two decisions the replies answer.
	pick("vsock")
	step("d", "declined: VSOCK")
	pick("quality standards for embargoed code")
	step("f", "deferred: Quality standards")
	// [ and ]: the order of the day.
	pick("maintainer burnout")
	step("]", "#2 on the agenda: Maintainer burnout")
	pick("the rust experiment")
	step("[", "#3 on the agenda: The Rust experiment")
	step("[", "#2 on the agenda: The Rust experiment")
	tm.Send(esc)

	// A: the traditional session with Linus.
	field("A", "Are maintainers happy?", "committee session “Are maintainers happy?” added")

	// D: titles, the committee session's length and lead, the
	// background, the day's date and place, its fixed items.
	step("D", "The day ·")
	step("j", "")
	field("r", "Next steps for Rust: are we ready to commit?", "Next steps for Rust: are we ready to commit?")
	step("jj", "")
	field("r", "Maintainers support group", "Maintainers support group")
	step("j", "")
	step("++", "30 min")
	field("L", "Linus Torvalds <torvalds@linux-foundation.org>", "leads of “Are maintainers happy?”: Linus Torvalds")
	// N: the sessions' notes (the day is back after each field, on the
	// session it was for: Linus's, then two up, the burnout session).
	note("N", "The traditional session with Linus; Jon gathers the maintainers' input beforehand.")
	step("kk", "")
	note("N", "60 minutes, given the very long thread.")
	step("g", "The day ·")
	waitFor(t, tm, "lwn.net/Articles/944300")
	step("B", "lwn.net/Articles/944209")
	tm.Type("B")
	field("s", "9:30 2023-11-16 Omni Richmond Hotel", "Omni Richmond Hotel")
	for _, f := range []string{"Hot breakfast and morning refreshments 8:00 60", "Welcome and agenda bashing 9:00 30",
		"Break 10:30 30", "Lunch 12:00 90", "Group photograph 14:30 30", "Break 15:00 30", "Free time 15:30 150",
		"Transportation loads for dinner 18:00 0"} {
		// The status line says what was added: "Break at 15:00 for 30
		// minutes".
		w := strings.Fields(f)
		field("F", f, strings.Join(w[:len(w)-2], " ")+" at "+w[len(w)-2]+" for ")
	}
	step("q", "")

	// p, tab, e: the markdown agenda, the agenda mail, the replies.
	for _, f := range []struct{ tabs, title, file string }{
		{"", "Agenda preview · markdown", "agenda.md"},
		{"\t", "Agenda preview · mail", "agenda.mbox"},
		{"\t", "Agenda preview · replies", "replies.mbox"},
	} {
		tm.Type("p")
		if f.tabs != "" {
			tm.Send(tea.KeyPressMsg{Code: tea.KeyTab})
		}
		waitFor(t, tm, f.title)
		step("e", "Write ")
		tm.Send(enter)
		waitFor(t, tm, "written to "+filepath.Join(dir, f.file))
	}
	tm.Type("qq")
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(*screenProbe).Model
	if fm.saving || st.Dirty() {
		t.Error("work left unsaved at the end")
	}

	read := func(name string) []byte {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	for _, name := range []string{"agenda.md", "agenda.mbox", "replies.mbox"} {
		data, err := os.ReadFile(filepath.Join("..", "cmd", "summit", "testdata", "TestAgenda2023Day", name+".golden"))
		if err != nil {
			t.Fatal(err)
		}
		want := string(data)
		if name == "agenda.md" {
			// The export there ran without --title.
			want = strings.Replace(want, "# "+agenda.DefaultAgendaTitle+"\n", "# [MAINTAINERS SUMMIT] Draft agenda\n", 1)
		}
		if got := read(name); string(got) != want {
			t.Errorf("%s built by keys differs from the one built through the Store API:\n%s", name, lineDiff(want, string(got)))
		}
	}
}

// lineDiff shows the first lines where two texts part.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl
		}
	}
	return ""
}

// screenProbe runs the interface unchanged and keeps the text of the last
// frame drawn, for a test to wait on.
type screenProbe struct {
	*Model
	mu   sync.Mutex
	last string
}

func (p *screenProbe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.Model.Update(msg)
	return p, cmd
}

func (p *screenProbe) View() tea.View {
	v := p.Model.View()
	p.mu.Lock()
	p.last = ansi.Strip(v.Content)
	p.mu.Unlock()
	return v
}

// waitFor waits until a frame shows text.
func (p *screenProbe) waitFor(t *testing.T, text string) {
	t.Helper()
	p.waitUntil(t, strconv.Quote(text), func(s string) bool { return strings.Contains(s, text) })
}

// waitUntil waits until a frame meets ok, as teatest.WaitFor waits on the
// output: polling, for at most 20 seconds (the race detector is slow).
func (p *screenProbe) waitUntil(t *testing.T, what string, ok func(screen string) bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		p.mu.Lock()
		s := p.last
		p.mu.Unlock()
		if ok(s) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited in vain for %s; the last frame:\n%s", what, s)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
