package annot

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"summit/model/mail"
	"summit/model/thread"
)

// TestV1FileUpgradedOnFirstSave: a schema 1 file opens as it is, and its
// first save writes it as schema 2 with the same content: every entry,
// every unknown member.
func TestV1FileUpgradedOnFirstSave(t *testing.T) {
	p := copyFixture(t, "valid-v1.json")
	v1 := readFile(t, p)
	s := mustOpen(t, p)
	s.SetStance("877dfop2lx.fsf@meer.lwn.net", StanceOppose)
	s.Undo() // a change and its undo: the content is the file's
	mustSave(t, s)
	v2 := readFile(t, p)
	if !bytes.HasPrefix(v2, []byte("{\n  \"schema\": 2,\n")) {
		t.Fatalf("not written as schema 2:\n%s", v2)
	}
	before, err := decodeAnnotations(v1)
	if err != nil {
		t.Fatal(err)
	}
	after, err := decodeAnnotations(v2)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("the upgrade changed the content:\n%#v\n%#v", before, after)
	}
	// Reading the v2 file back and saving nothing keeps its bytes.
	again := mustOpen(t, p)
	mustSave(t, again)
	if got := readFile(t, p); !bytes.Equal(got, v2) {
		t.Errorf("a second save changed the file:\n%s", got)
	}
}

// TestSessionsRoundTrip: every part of the session model survives the
// file, members summit does not know included, in a stable format.
func TestSessionsRoundTrip(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	s := mustOpen(t, p)
	s.MergeTopic("t2@x", "t1@x")
	s.SetStatus("t1@x", StatusAccepted)
	s.AddMinutes("t1@x", 60)
	s.SetSessionTitle("t1@x", "Maintainer burnout")
	s.SetLeads("t1@x", []Lead{{Name: "Josef Bacik", Email: "josef@toxicpanda.com"}, {Name: " josef  bacik "}, {}})
	s.AddBackground("t1@x", "https://lwn.net/Articles/944300/")
	s.AddQuestion("m1@x", "What would help?")
	s.SetPrework("m1@x", 0, true)
	s.SetSplit("m9@x", true)
	linus := s.AddSession("Are maintainers happy?")
	s.AddSessionMinutes(linus, 30)
	s.AddLead(linus, Lead{Name: "Linus Torvalds"})
	s.SetTentative("t3@x", true)
	if err := s.SetDayStart("9:00"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDayDate("2023-11-16"); err != nil {
		t.Fatal(err)
	}
	lunch, err := s.AddFixed("Lunch", "12:00", 90)
	if err != nil {
		t.Fatal(err)
	}
	if lunch != "lunch-1200" || linus != "session:are-maintainers-happy" {
		t.Errorf("IDs %q, %q", lunch, linus)
	}
	mustSave(t, s)
	data := readFile(t, p)
	// Another summit's members of a session, of the day and of an item.
	data = bytes.Replace(data, []byte(`"title": "Are maintainers happy?"`), []byte(`"title": "Are maintainers happy?", "room": "B"`), 1)
	data = bytes.Replace(data, []byte(`"date": "2023-11-16",`), []byte(`"date": "2023-11-16", "timezone": "EST",`), 1)
	data = bytes.Replace(data, []byte(`"minutes": 90`), []byte(`"minutes": 90, "catering": true`), 1)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	again := mustOpen(t, p)
	if got, want := again.Snapshot(), s.Snapshot(); !reflect.DeepEqual(got, want) {
		t.Errorf("reloaded annotations differ:\n got %#v\nwant %#v", got, want)
	}
	again.AddFixedMinutes(lunch, 15)
	mustSave(t, again)
	storeGolden(t, "sessions.golden", readFile(t, p))
}

func TestDayRefusesBadTimes(t *testing.T) {
	for _, c := range []struct{ name, day, want string }{
		{"start", `{"start": "25:00"}`, `day: start "25:00" is not a time of day`},
		{"fixed", `{"fixed": {"x": {"title": "Lunch", "at": "noon", "minutes": 60}}}`, `fixed item "x": at "noon"`},
		{"date", `{"date": "16 Nov"}`, `day: date "16 Nov" is not a date`},
		{"session", `{}`, ``},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := decodeAnnotations([]byte(`{"schema": 2, "day": ` + c.day + `}`))
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want %q", err, c.want)
			}
		})
	}
	if _, err := decodeAnnotations([]byte(`{"schema": 2, "sessions": {"not-a-session@x": {"title": "x"}}}`)); err == nil {
		t.Error("a committee session whose ID is a Message-ID was accepted")
	}
	s := mustOpen(t, filepath.Join(t.TempDir(), AnnotationsFileName))
	if err := s.SetDayEnd("17h"); err == nil {
		t.Error("SetDayEnd took 17h")
	}
	if _, err := s.AddFixed("Lunch", "", 60); err == nil {
		t.Error("AddFixed took no time")
	}
	if s.Dirty() {
		t.Error("a refused change changed the store")
	}
}

// TestMergeTopicIntoSession: a merge is one undo step; the topic's own
// decision waits in the file; the keys that decide act on the session.
func TestMergeTopicIntoSession(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), AnnotationsFileName))
	s.SetStatus("b@x", StatusDeclined)
	s.AddMinutes("b@x", 15)
	s.MergeTopic("b@x", "a@x")
	if got := s.SessionOf("b@x"); got != "a@x" {
		t.Fatalf("SessionOf(b) = %q", got)
	}
	s.SetStatus("b@x", StatusAccepted) // the session's, through a member
	s.AddMinutes("b@x", 60)
	if n := s.Topic("a@x"); n.Status != StatusAccepted || n.Minutes != 60 {
		t.Errorf("host = %+v", n)
	}
	if n := s.Topic("b@x"); n.Status != StatusDeclined || n.Minutes != 15 || n.Session != "a@x" {
		t.Errorf("member = %+v", n)
	}
	if got := s.Session("b@x"); got.Status != StatusAccepted || got.Minutes != 60 {
		t.Errorf("Session(b) = %+v", got)
	}
	s.Undo()
	s.Undo()
	s.Undo()
	if got := s.SessionOf("b@x"); got != "b@x" || s.Session("b@x").Status != StatusDeclined {
		t.Errorf("after undo: SessionOf(b) = %q, %+v", got, s.Session("b@x"))
	}
	s.Redo()
	if got := s.SessionOf("b@x"); got != "a@x" {
		t.Errorf("after redo: SessionOf(b) = %q", got)
	}
	s.Unmerge("b@x")
	if n := s.Topic("b@x"); n.Session != "" || n.Status != StatusDeclined {
		t.Errorf("after Unmerge: %+v", n)
	}
}

func TestMergeMovesAWholeSessionAndUnmergePromotes(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), AnnotationsFileName))
	s.MergeTopic("c@x", "b@x")
	s.SetStatus("b@x", StatusAccepted)
	s.SetSessionTitle("b@x", "Burnout")
	s.SetTopicNote("b@x", "b's own note")
	s.MergeTopic("b@x", "a@x") // b brings c
	for _, id := range []string{"b@x", "c@x"} {
		if got := s.SessionOf(id); got != "a@x" {
			t.Errorf("SessionOf(%s) = %q", id, got)
		}
	}
	if !s.Undo() || s.SessionOf("c@x") != "b@x" || s.SessionOf("b@x") != "b@x" {
		t.Fatalf("the merge of a session is not one undo step: %q %q", s.SessionOf("b@x"), s.SessionOf("c@x"))
	}
	// b hosts b and c; taking b out leaves c hosting the session.
	s.Unmerge("b@x")
	if n := s.Topic("c@x"); n.Session != "" || n.Status != StatusAccepted || n.Title != "Burnout" {
		t.Errorf("new host = %+v", n)
	}
	if n := s.Topic("b@x"); n.Status != "" || n.Title != "" || n.Note != "b's own note" {
		t.Errorf("old host = %+v", n)
	}
}

func TestSessionOfChainsAndCycles(t *testing.T) {
	a := Annotations{Topics: map[string]TopicNote{
		"a": {Session: "b"}, "b": {Session: "c"}, "c": {},
		"x": {Session: "y"}, "y": {Session: "x"},
		"m": {Session: "session:gone"},
	}}
	for id, want := range map[string]string{"a": "c", "b": "c", "c": "c", "x": "x", "y": "x", "m": "session:gone", "free": "free"} {
		if got := a.SessionOf(id); got != want {
			t.Errorf("SessionOf(%s) = %q, want %q", id, got, want)
		}
	}
	if got := a.SessionMembers("c"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("members of c = %q", got)
	}
}

func TestCommitteeSessions(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), AnnotationsFileName))
	id := s.AddSession("Tools update")
	if again := s.AddSession("Tools update!"); again != "session:tools-update-2" {
		t.Errorf("second ID = %q", again)
	}
	s.MergeTopic("t@x", id)
	s.MergeTopic("u@x", "session:nope") // no such session: nothing
	if s.SessionOf("t@x") != id || s.SessionOf("u@x") != "u@x" {
		t.Fatalf("SessionOf = %q, %q", s.SessionOf("t@x"), s.SessionOf("u@x"))
	}
	s.SetSessionTitle(id, "")
	if n := s.Session(id); n.Title != "Tools update" || n.Status != StatusAccepted {
		t.Errorf("session = %+v", n)
	}
	s.RemoveSession(id)
	if s.SessionOf("t@x") != "t@x" || !s.Session(id).IsZero() {
		t.Errorf("after RemoveSession: %q, %+v", s.SessionOf("t@x"), s.Session(id))
	}
	s.Undo()
	if s.SessionOf("t@x") != id || s.Session(id).Title != "Tools update" {
		t.Errorf("undo of RemoveSession: %q, %+v", s.SessionOf("t@x"), s.Session(id))
	}
}

func TestDayEdits(t *testing.T) {
	s := mustOpen(t, filepath.Join(t.TempDir(), AnnotationsFileName))
	id, err := s.AddFixed("", "10:30", 30)
	if err != nil || id != "tbd-1030" {
		t.Fatalf("AddFixed = %q, %v", id, err)
	}
	s.MoveFixed(id, 15)
	s.AddFixedMinutes(id, -45)
	if f := s.Day().Fixed[id]; f != (FixedItem{Title: "TBD", At: "10:45", Minutes: 0}) {
		t.Errorf("fixed = %+v", f)
	}
	if err := s.SetFixed(id, FixedItem{Title: "Group photo", At: "14:30", Minutes: 15}); err != nil {
		t.Fatal(err)
	}
	s.RemoveFixed(id)
	if len(s.Day().Fixed) != 0 {
		t.Error("not removed")
	}
	for range 4 {
		s.Undo()
	}
	if f := s.Day().Fixed[id]; f != (FixedItem{Title: "TBD", At: "10:30", Minutes: 30}) {
		t.Errorf("after undo: %+v", f)
	}
}

// TestMergeSessionsThreeWay: sessions, merges and the day merge like the
// rest; a topic merged into two different sessions is a conflict (ours
// kept), leads and background links are united, and a committee session
// one side removed while the other changed it survives.
func TestMergeSessionsThreeWay(t *testing.T) {
	base := Annotations{
		Topics:   map[string]TopicNote{"t@x": {Status: StatusAccepted}},
		Sessions: map[string]SessionNote{"session:a": {Title: "A", Status: StatusAccepted}, "session:b": {Title: "B"}},
		Day:      Day{Fixed: map[string]FixedItem{"lunch-1200": {Title: "Lunch", At: "12:00", Minutes: 60}}},
	}
	ours := cloneAnnotations(base)
	theirs := cloneAnnotations(base)
	ours.Topics["t@x"] = TopicNote{Status: StatusAccepted, Session: "session:a", Leads: []Lead{{Name: "Ann"}}}
	theirs.Topics["t@x"] = TopicNote{Status: StatusAccepted, Session: "session:b", Leads: []Lead{{Name: "Bob"}}, Background: []string{"https://lwn.net/Articles/1/"}}
	delete(ours.Sessions, "session:a")
	theirs.Sessions["session:a"] = SessionNote{Title: "A", Status: StatusAccepted, Minutes: 30}
	theirs.Day.Fixed["lunch-1200"] = FixedItem{Title: "Lunch", At: "12:30", Minutes: 60}
	theirs.Day.Start = "09:00"
	ours.Day.Fixed["break-1030"] = FixedItem{Title: "Break", At: "10:30", Minutes: 30}

	got, conflicts := Merge(base, ours, theirs)
	tn := got.Topics["t@x"]
	if tn.Session != "session:a" || !slices.Equal(tn.Leads, []Lead{{Name: "Ann"}, {Name: "Bob"}}) || len(tn.Background) != 1 {
		t.Errorf("topic = %+v", tn)
	}
	if got.Sessions["session:a"].Minutes != 30 {
		t.Errorf("the changed session was lost: %+v", got.Sessions)
	}
	if got.Day.Start != "09:00" || got.Day.Fixed["lunch-1200"].At != "12:30" || got.Day.Fixed["break-1030"].Title != "Break" {
		t.Errorf("day = %+v", got.Day)
	}
	var fields []string
	for _, c := range conflicts {
		fields = append(fields, c.Kind+" "+c.Field)
	}
	if want := []string{"topic session", "session removed"}; !slices.Equal(fields, want) {
		t.Errorf("conflicts = %q, want %q", fields, want)
	}

	// Several reviewers: the same, and the disagreements listed.
	ds := ReviewerDisagreements([]string{"a.json", "b.json"}, []Annotations{ours, theirs})
	var dfs []string
	for _, d := range ds {
		dfs = append(dfs, d.Kind+" "+d.ID+" "+d.Field)
	}
	if want := []string{"topic t@x session", "day lunch-1200 time"}; !slices.Equal(dfs, want) {
		t.Errorf("disagreements = %q, want %q", dfs, want)
	}
	merged := MergeReviewers(ours, theirs)
	if merged.Topics["t@x"].Session != "session:a" || merged.Day.Start != "09:00" {
		t.Errorf("MergeReviewers = %+v", merged)
	}
}

// TestAdoptReportsSessionChanges: another summit's change to a session or
// the day that replaces the user's is reported and undoable.
func TestAdoptReportsSessionChanges(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	mine := mustOpen(t, p)
	mine.MergeTopic("b@x", "a@x")
	mine.SetLeads("a@x", []Lead{{Name: "Ann"}})
	if _, err := mine.AddFixed("Lunch", "12:00", 60); err != nil {
		t.Fatal(err)
	}
	mustSave(t, mine)

	theirs := mustOpen(t, p)
	theirs.Unmerge("b@x")
	theirs.SetLeads("a@x", []Lead{{Name: "Bob"}})
	theirs.MoveFixed("lunch-1200", 30)
	mustSave(t, theirs)

	mine.SetStance("m@x", StanceSupport)
	ad := mustSave(t, mine)
	var got []string
	for _, c := range ad.Replaced {
		got = append(got, c.Kind+" "+c.Field+" "+c.Before+" -> "+c.After)
	}
	want := []string{"topic lead Ann -> ", "topic session a@x -> ", "day fixed Lunch 12:00, 60 min -> Lunch 12:30, 60 min"}
	if !slices.Equal(got, want) {
		t.Errorf("replaced = %q\nwant %q", got, want)
	}
	mine.Undo()
	if mine.SessionOf("b@x") != "a@x" || mine.Day().Fixed["lunch-1200"].At != "12:00" {
		t.Errorf("undo of the outside change: %q %+v", mine.SessionOf("b@x"), mine.Day())
	}
}

func TestPreworkMergesOnItsOwn(t *testing.T) {
	q := Question{Text: "q"}
	b := []Question{q}
	o := []Question{{Text: "q", Prework: true}}
	th := []Question{{Text: "q", Answered: true}}
	got, clashes := mergeQuestions(b, o, th)
	if want := []Question{{Text: "q", Answered: true, Prework: true}}; !slices.Equal(got, want) || len(clashes) != 0 {
		t.Errorf("merge = %+v %v, want %+v", got, clashes, want)
	}
}

func TestParseLead(t *testing.T) {
	for in, want := range map[string]Lead{
		"Thorsten Leemhuis <linux@leemhuis.info>": {Name: "Thorsten Leemhuis", Email: "linux@leemhuis.info"},
		"linux@leemhuis.info":                     {Email: "linux@leemhuis.info"},
		"Thorsten Leemhuis":                       {Name: "Thorsten Leemhuis"},
		`"Ts'o, Theodore" <tytso@mit.edu>`:        {Name: "Ts'o, Theodore", Email: "tytso@mit.edu"},
	} {
		if got, ok := ParseLead(in); !ok || got != want {
			t.Errorf("ParseLead(%q) = %+v, %v", in, got, ok)
		}
	}
	if _, ok := ParseLead(" \x1b "); ok {
		t.Error("an empty lead parsed")
	}
}

func TestSuggestBackground(t *testing.T) {
	msg := func(id, body string) *mail.Message {
		return &mail.Message{ID: id, From: mail.Address{Name: id}, Subject: body}
	}
	m1 := msg("a@x", "See https://lore.kernel.org/all/a@x/ and https://lore.kernel.org/lkml/20230101.GA1@other/.")
	m2 := msg("b@x", "> https://lore.kernel.org/lkml/20230101.GA1@other/\nhttps://lwn.net/Articles/944300/, and http://www.lwn.net/Articles/944300 again; https://example.org/x")
	tp := &thread.Topic{ID: "a@x", Messages: []*mail.Message{m1, m2}}
	text := func(m *mail.Message) string { return m.Subject }
	got := SuggestBackground([]*thread.Topic{tp}, text, nil)
	var urls []string
	for _, s := range got {
		urls = append(urls, s.URL+" "+s.Message)
	}
	want := []string{"https://lwn.net/Articles/944300/ b@x", "https://lore.kernel.org/lkml/20230101.GA1@other/ a@x"}
	if !slices.Equal(urls, want) {
		t.Errorf("suggestions = %q\nwant %q", urls, want)
	}
	if got := SuggestBackground([]*thread.Topic{tp}, text, []string{"https://lwn.net/Articles/944300"}); len(got) != 1 {
		t.Errorf("an adopted link is suggested again: %+v", got)
	}
}
