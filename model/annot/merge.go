package annot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// NoteMergeSeparator joins two versions of a note that were both changed,
// so that neither reviewer's words are lost and the reader sees where one
// ends.
const NoteMergeSeparator = "\n\n--- merged with another version ---\n\n"

// Conflict is a field that two sides of a merge changed differently. For
// stance, status, minutes and order ours is kept; for notes both are kept,
// joined by NoteMergeSeparator; for a question's answer, the answered
// side is kept.
type Conflict struct {
	Kind string // "message", "topic", "session" (a committee session), "scope" or "day"
	// ID is the Message-ID of the message or of the topic's root, the
	// committee session's ID, the fixed item's ID for the day ("" for the
	// day's own times).
	ID string
	// Field: "stance", "note", "question" of a message; "status",
	// "minutes", "order", "note", "ignored", "session" (merged into),
	// "title", "tentative" of a topic or session, "removed" for a
	// committee session one side removed and the other changed; "start",
	// "end", "date", "place", "fixed" (removed on one side, changed on the
	// other), "fixed title", "fixed time", "fixed minutes" of the day.
	Field  string
	Ours   string
	Theirs string
}

// Merge is the three-way merge of annotations, field by field: a field
// changed on one side only takes that change, a field changed on both to
// the same value takes it, and a field changed on both differently is a
// Conflict (see Conflict for what is kept). Questions are matched by text:
// one added on either side is kept, one removed on one side and left as it
// was on the other is removed, and answered wins over open. The inputs
// are not modified; the conflicts come messages first, then topics, each
// by ID.
func Merge(base, ours, theirs Annotations) (Annotations, []Conflict) {
	out := emptyAnnotations()
	var conflicts []Conflict
	for _, id := range unionKeys(base.Messages, ours.Messages, theirs.Messages) {
		n, cs := mergeMessageNote(id, base.Messages[id], ours.Messages[id], theirs.Messages[id])
		if !n.IsZero() {
			out.Messages[id] = n
		}
		conflicts = append(conflicts, cs...)
	}
	for _, id := range unionKeys(base.Topics, ours.Topics, theirs.Topics) {
		n, cs := mergeTopicNote(id, base.Topics[id], ours.Topics[id], theirs.Topics[id])
		if !n.IsZero() {
			out.Topics[id] = n
		}
		conflicts = append(conflicts, cs...)
	}
	var clash bool
	if out.Scope, clash = mergeScalar(base.Scope, ours.Scope, theirs.Scope); clash {
		conflicts = append(conflicts, Conflict{Kind: "scope", Field: "scope", Ours: ours.Scope.String(), Theirs: theirs.Scope.String()})
	}
	for _, id := range unionKeys(base.Sessions, ours.Sessions, theirs.Sessions) {
		n, cs := mergeSessionEntry(id, base.Sessions[id], ours.Sessions[id], theirs.Sessions[id])
		if !n.IsZero() {
			if out.Sessions == nil {
				out.Sessions = map[string]SessionNote{}
			}
			out.Sessions[id] = n
		}
		conflicts = append(conflicts, cs...)
	}
	var cs []Conflict
	out.Day, cs = mergeDay(base.Day, ours.Day, theirs.Day)
	conflicts = append(conflicts, cs...)
	return out, conflicts
}

func unionKeys[V any](maps ...map[string]V) []string {
	seen := map[string]bool{}
	var keys []string
	for _, m := range maps {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

func mergeMessageNote(id string, b, o, t MessageNote) (MessageNote, []Conflict) {
	var n MessageNote
	var cs []Conflict
	conflict := func(field, ours, theirs string) {
		cs = append(cs, Conflict{Kind: "message", ID: id, Field: field, Ours: ours, Theirs: theirs})
	}
	var clash bool
	if n.Stance, clash = mergeScalar(b.Stance, o.Stance, t.Stance); clash {
		conflict("stance", string(o.Stance), string(t.Stance))
	}
	var qcs [][2]Question
	n.Questions, qcs = mergeQuestions(b.Questions, o.Questions, t.Questions)
	for _, q := range qcs {
		conflict("question", describeQuestion(q[0]), describeQuestion(q[1]))
	}
	if n.Note, clash = mergeNote(b.Note, o.Note, t.Note); clash {
		conflict("note", o.Note, t.Note)
	}
	n.Split, _ = mergeScalar(b.Split, o.Split, t.Split) // two values: no clash
	return cloneMessageNote(normalizeMessageNote(n)), cs
}

func mergeTopicNote(id string, b, o, t TopicNote) (TopicNote, []Conflict) {
	b, o, t = normalizeTopicNote(b), normalizeTopicNote(o), normalizeTopicNote(t)
	var cs []Conflict
	conflict := func(field, ours, theirs string) {
		cs = append(cs, Conflict{Kind: "topic", ID: id, Field: field, Ours: ours, Theirs: theirs})
	}
	// The fields of the session the topic hosts, then the topic's own.
	n := withSession(TopicNote{}, mergeSessionFields(topicSession(b), topicSession(o), topicSession(t), conflict))
	var clash bool
	if n.Ignored, clash = mergeScalar(b.Ignored, o.Ignored, t.Ignored); clash {
		conflict("ignored", strconv.FormatBool(o.Ignored), strconv.FormatBool(t.Ignored))
	}
	if n.Session, clash = mergeScalar(b.Session, o.Session, t.Session); clash {
		conflict("session", o.Session, t.Session)
	}
	return normalizeTopicNote(n), cs
}

// mergeSessionFields merges the fields of a session, whether a committee
// session or a topic hosts it. Leads and background links are sets: one
// added on either side is kept, one removed on one side is removed.
func mergeSessionFields(b, o, t SessionNote, conflict func(field, ours, theirs string)) SessionNote {
	var n SessionNote
	var clash bool
	if n.Status, clash = mergeScalar(b.Status, o.Status, t.Status); clash {
		conflict("status", statusName(o.Status), statusName(t.Status))
	}
	if n.Minutes, clash = mergeScalar(b.Minutes, o.Minutes, t.Minutes); clash {
		conflict("minutes", strconv.Itoa(o.Minutes), strconv.Itoa(t.Minutes))
	}
	if n.Order, clash = mergeScalar(b.Order, o.Order, t.Order); clash {
		conflict("order", strconv.Itoa(o.Order), strconv.Itoa(t.Order))
	}
	if n.Note, clash = mergeNote(b.Note, o.Note, t.Note); clash {
		conflict("note", o.Note, t.Note)
	}
	if n.Title, clash = mergeScalar(b.Title, o.Title, t.Title); clash {
		conflict("title", o.Title, t.Title)
	}
	n.Leads = mergeSet(b.Leads, o.Leads, t.Leads)
	n.Background = mergeSet(b.Background, o.Background, t.Background)
	if n.Tentative, clash = mergeScalar(b.Tentative, o.Tentative, t.Tentative); clash {
		conflict("tentative", strconv.FormatBool(o.Tentative), strconv.FormatBool(t.Tentative))
	}
	return normalizeSessionNote(n)
}

// mergeSessionEntry merges a committee session. One that one side removed
// is removed when the other left it as it was, and kept whole, as the
// other side has it, when the other changed it (a conflict).
func mergeSessionEntry(id string, b, o, t SessionNote) (SessionNote, []Conflict) {
	b, o, t = normalizeSessionNote(b), normalizeSessionNote(o), normalizeSessionNote(t)
	var cs []Conflict
	conflict := func(field, ours, theirs string) {
		cs = append(cs, Conflict{Kind: "session", ID: id, Field: field, Ours: ours, Theirs: theirs})
	}
	switch {
	case !b.IsZero() && o.IsZero() && !t.IsZero():
		if sessionNotesEqual(b, t) {
			return SessionNote{}, nil
		}
		conflict("removed", "removed", t.Title)
		return cloneSessionNote(t), cs
	case !b.IsZero() && t.IsZero() && !o.IsZero():
		if sessionNotesEqual(b, o) {
			return SessionNote{}, nil
		}
		conflict("removed", o.Title, "removed")
		return cloneSessionNote(o), cs
	}
	return mergeSessionFields(b, o, t, conflict), cs
}

// mergeDay merges the day: its times and places as single values, the
// fixed items one by one by ID, each field on its own, an item removed on
// one side removed unless the other changed it.
func mergeDay(b, o, t Day) (Day, []Conflict) {
	var n Day
	var cs []Conflict
	conflict := func(id, field, ours, theirs string) {
		cs = append(cs, Conflict{Kind: "day", ID: id, Field: field, Ours: ours, Theirs: theirs})
	}
	var clash bool
	if n.Start, clash = mergeScalar(b.Start, o.Start, t.Start); clash {
		conflict("", "start", o.Start, t.Start)
	}
	if n.End, clash = mergeScalar(b.End, o.End, t.End); clash {
		conflict("", "end", o.End, t.End)
	}
	if n.Date, clash = mergeScalar(b.Date, o.Date, t.Date); clash {
		conflict("", "date", o.Date, t.Date)
	}
	if n.Place, clash = mergeScalar(b.Place, o.Place, t.Place); clash {
		conflict("", "place", o.Place, t.Place)
	}
	for _, id := range unionKeys(b.Fixed, o.Fixed, t.Fixed) {
		bf, inB := b.Fixed[id]
		of, inO := o.Fixed[id]
		tf, inT := t.Fixed[id]
		var f FixedItem
		switch {
		case inB && !inO && inT:
			if tf != bf {
				conflict(id, "fixed", "removed", tf.String())
				f = tf
			}
		case inB && inO && !inT:
			if of != bf {
				conflict(id, "fixed", of.String(), "removed")
				f = of
			}
		default:
			field := func(name, ours, theirs string) { conflict(id, name, ours, theirs) }
			if f.Title, clash = mergeScalar(bf.Title, of.Title, tf.Title); clash {
				field("fixed title", of.Title, tf.Title)
			}
			if f.At, clash = mergeScalar(bf.At, of.At, tf.At); clash {
				field("fixed time", of.At, tf.At)
			}
			if f.Minutes, clash = mergeScalar(bf.Minutes, of.Minutes, tf.Minutes); clash {
				field("fixed minutes", strconv.Itoa(of.Minutes), strconv.Itoa(tf.Minutes))
			}
		}
		if f != (FixedItem{}) {
			if n.Fixed == nil {
				n.Fixed = map[string]FixedItem{}
			}
			n.Fixed[id] = f
		}
	}
	return n, cs
}

// mergeSet is the three-way merge of a list kept as a set: ours' order,
// then what only theirs added; an element removed on one side is gone.
func mergeSet[T comparable](b, o, t []T) []T {
	if slices.Equal(o, t) || slices.Equal(t, b) {
		return slices.Clone(o)
	}
	if slices.Equal(o, b) {
		return slices.Clone(t)
	}
	var out []T
	for _, list := range [][]T{o, t} {
		for _, x := range list {
			if slices.Contains(out, x) {
				continue
			}
			inB, inO, inT := slices.Contains(b, x), slices.Contains(o, x), slices.Contains(t, x)
			if inB && !(inO && inT) {
				continue // removed by one side
			}
			out = append(out, x)
		}
	}
	return out
}

// statusName spells the empty status as undecided, for people.
func statusName(s Status) string {
	if s == "" {
		return string(StatusUndecided)
	}
	return string(s)
}

// mergeScalar is the three-way merge of one value; on a clash ours is kept.
func mergeScalar[T comparable](b, o, t T) (T, bool) {
	switch {
	case o == t || t == b:
		return o, false
	case o == b:
		return t, false
	default:
		return o, true
	}
}

// mergeNote is the three-way merge of a free-text note. When both sides
// changed it, nothing is dropped: an emptied note gives way to the other
// side's text, a note that already contains the other is kept (so that
// merging again does not repeat it), and otherwise both are joined.
func mergeNote(b, o, t string) (string, bool) {
	if n, clash := mergeScalar(b, o, t); !clash {
		return n, false
	}
	switch {
	case o == "":
		return t, true
	case t == "" || strings.Contains(o, t):
		return o, true
	case strings.Contains(t, o):
		return t, true
	default:
		return o + NoteMergeSeparator + t, true
	}
}

// mergeQuestions merges question lists matched by text, in ours' order
// followed by the questions only theirs has. It returns the pairs (ours,
// theirs) of questions whose answers clashed.
func mergeQuestions(b, o, t []Question) ([]Question, [][2]Question) {
	if questionsEqual(o, t) || questionsEqual(t, b) {
		return o, nil
	}
	if questionsEqual(o, b) {
		return t, nil
	}
	bm, om, tm := questionsByText(b), questionsByText(o), questionsByText(t)
	var out []Question
	var clashes [][2]Question
	seen := map[string]bool{}
	for _, list := range [][]Question{o, t} {
		for _, q := range list {
			if seen[q.Text] {
				continue
			}
			seen[q.Text] = true
			bq, inB := bm[q.Text]
			oq, inO := om[q.Text]
			tq, inT := tm[q.Text]
			switch {
			case inO && inT:
				m, clash := mergeQuestion(bq, oq, tq)
				if clash {
					clashes = append(clashes, [2]Question{oq, tq})
				}
				out = append(out, m)
			case inO && !(inB && oq == bq):
				// Added by ours, or changed by ours while theirs removed it.
				out = append(out, oq)
			case inT && !(inB && tq == bq):
				out = append(out, tq)
			}
		}
	}
	return out, clashes
}

// mergeQuestion merges two versions of one question: when both changed
// its answer differently, the answered one wins, ours first. The prework
// mark merges on its own.
func mergeQuestion(b, o, t Question) (Question, bool) {
	prework, _ := mergeScalar(b.Prework, o.Prework, t.Prework)
	b.Prework, o.Prework, t.Prework = false, false, false
	q, clash := mergeScalar(b, o, t)
	if clash && !o.Answered && t.Answered {
		q = t
	}
	q.Prework = prework
	return q, clash
}

func questionsByText(qs []Question) map[string]Question {
	m := make(map[string]Question, len(qs))
	for _, q := range qs {
		if _, ok := m[q.Text]; !ok {
			m[q.Text] = q
		}
	}
	return m
}

func questionsEqual(a, b []Question) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func describeQuestion(q Question) string {
	switch {
	case q.AnsweredBy != "":
		return q.Text + " (answered by " + q.AnsweredBy + ")"
	case q.Answered:
		return q.Text + " (answered)"
	default:
		return q.Text + " (open)"
	}
}

// Disagreement is a message whose stance, a topic whose status or
// session (merged into different sessions), a committee session whose
// status, or a time of the day that differs between reviewers' files:
// shown, never resolved silently.
type Disagreement struct {
	Kind string // "message", "topic", "session" or "day"
	// ID is the Message-ID, the committee session's ID, or for the day
	// the fixed item's ID ("" for the day's start and end).
	ID string
	// Field: "stance" of a message; "status" or "session" of a topic
	// (Values are the IDs of the sessions it was merged into); "status"
	// of a committee session; "start", "end", or "time" of a fixed item (Values are
	// FixedItem.String) of the day.
	Field  string
	Values []FileValue // one per file that holds a value, in the order given
}

// FileValue is the value one file holds.
type FileValue struct {
	Path  string
	Value string
}

// MergeFiles loads several reviewers' annotations files and merges them
// into one view: everything any of them recorded, questions united, notes
// that differ joined. Where stances or statuses differ, the first file's
// value is kept and the difference is listed as a Disagreement. A file
// that is missing, corrupt or newer is an error naming it.
func MergeFiles(paths ...string) (Annotations, []Disagreement, error) {
	files := make([]Annotations, len(paths))
	for i, p := range paths {
		f, err := LoadAnnotationsFile(p)
		if err != nil {
			return Annotations{}, nil, err
		}
		files[i] = f
	}
	return MergeReviewers(files...), ReviewerDisagreements(paths, files), nil
}

func mapsOf[V any](files []Annotations, pick func(Annotations) map[string]V) []map[string]V {
	ms := make([]map[string]V, len(files))
	for i, f := range files {
		ms[i] = pick(f)
	}
	return ms
}

// appendDisagreement adds a Disagreement when the files that hold a value
// for the field do not all hold the same one.
func appendDisagreement(ds []Disagreement, kind, id, field string, paths []string, value func(int) string) []Disagreement {
	var vs []FileValue
	distinct := map[string]bool{}
	for i, p := range paths {
		if v := value(i); v != "" {
			vs = append(vs, FileValue{Path: p, Value: v})
			distinct[v] = true
		}
	}
	if len(distinct) < 2 {
		return ds
	}
	return append(ds, Disagreement{Kind: kind, ID: id, Field: field, Values: vs})
}

// LoadAnnotationsFile reads another reviewer's annotations file, read-only:
// the same decoding and the same errors as OpenStore and MergeFiles (a
// missing file, one that is not an annotations file, one of a newer
// schema), each naming the file. Unlike OpenStore, a missing file is an
// error: someone else's work that is not there cannot be shown.
func LoadAnnotationsFile(path string) (Annotations, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Annotations{}, fmt.Errorf("%s: no such file", path)
		}
		return Annotations{}, fmt.Errorf("%s: %w", path, pathErrCause(err))
	}
	f, err := decodeAnnotations(data)
	if err != nil {
		return Annotations{}, fmt.Errorf("%s: %w", path, err)
	}
	return f.ann, nil
}

// MergeReviewers merges reviewers' annotations already in memory exactly as
// MergeFiles merges their files: the first one's stance and status win,
// questions are united, notes that differ are joined. The interface uses
// it so that its agenda is the one `summit export` writes for the same
// files. The inputs are not modified.
func MergeReviewers(files ...Annotations) Annotations {
	merged := emptyAnnotations()
	for _, f := range files {
		merged, _ = Merge(Annotations{}, merged, f)
	}
	return merged
}

// ReviewerDisagreements lists, as MergeFiles does, the messages whose
// stance and the topics whose status differ between reviewers' annotations;
// names[i] names files[i] in the FileValues.
func ReviewerDisagreements(names []string, files []Annotations) []Disagreement {
	var ds []Disagreement
	for _, id := range unionKeys(mapsOf(files, func(a Annotations) map[string]MessageNote { return a.Messages })...) {
		ds = appendDisagreement(ds, "message", id, "stance", names, func(i int) string {
			return string(files[i].Messages[id].Stance)
		})
	}
	for _, id := range unionKeys(mapsOf(files, func(a Annotations) map[string]TopicNote { return a.Topics })...) {
		ds = appendDisagreement(ds, "topic", id, "status", names, func(i int) string {
			return string(normalizeTopicNote(files[i].Topics[id]).Status)
		})
		ds = appendDisagreement(ds, "topic", id, "session", names, func(i int) string {
			if files[i].Topics[id].Session == "" {
				return ""
			}
			return files[i].SessionOf(id)
		})
	}
	for _, id := range unionKeys(mapsOf(files, func(a Annotations) map[string]SessionNote { return a.Sessions })...) {
		ds = appendDisagreement(ds, "session", id, "status", names, func(i int) string {
			n, ok := files[i].Sessions[id]
			if !ok {
				return ""
			}
			return statusName(normalizeSessionNote(n).Status)
		})
	}
	ds = appendDisagreement(ds, "day", "", "start", names, func(i int) string { return files[i].Day.Start })
	ds = appendDisagreement(ds, "day", "", "end", names, func(i int) string { return files[i].Day.End })
	for _, id := range unionKeys(mapsOf(files, func(a Annotations) map[string]FixedItem { return a.Day.Fixed })...) {
		ds = appendDisagreement(ds, "day", id, "time", names, func(i int) string {
			if f, ok := files[i].Day.Fixed[id]; ok {
				return f.String()
			}
			return ""
		})
	}
	return ds
}
