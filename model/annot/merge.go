package annot

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
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
	Kind   string // "message" or "topic"
	ID     string // the Message-ID of the message or of the topic's root
	Field  string // "stance", "note", "question", "status", "minutes", "order"
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
	return cloneMessageNote(normalizeMessageNote(n)), cs
}

func mergeTopicNote(id string, b, o, t TopicNote) (TopicNote, []Conflict) {
	b, o, t = normalizeTopicNote(b), normalizeTopicNote(o), normalizeTopicNote(t)
	var n TopicNote
	var cs []Conflict
	conflict := func(field, ours, theirs string) {
		cs = append(cs, Conflict{Kind: "topic", ID: id, Field: field, Ours: ours, Theirs: theirs})
	}
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
	if n.Ignored, clash = mergeScalar(b.Ignored, o.Ignored, t.Ignored); clash {
		conflict("ignored", strconv.FormatBool(o.Ignored), strconv.FormatBool(t.Ignored))
	}
	return n, cs
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
// its answer differently, the answered one wins, ours first.
func mergeQuestion(b, o, t Question) (Question, bool) {
	if q, clash := mergeScalar(b, o, t); !clash {
		return q, false
	}
	if !o.Answered && t.Answered {
		return t, true
	}
	return o, true
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

// Disagreement is a message whose stance, or a topic whose status,
// differs between reviewers' files: shown, never resolved silently.
type Disagreement struct {
	Kind   string // "message" or "topic"
	ID     string
	Field  string      // "stance" or "status"
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
	}
	return ds
}
