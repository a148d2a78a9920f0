package annot

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func msgs(kv ...any) map[string]MessageNote {
	m := map[string]MessageNote{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(MessageNote)
	}
	return m
}

func topics(kv ...any) map[string]TopicNote {
	m := map[string]TopicNote{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(TopicNote)
	}
	return m
}

func q(text string) Question { return Question{Text: text} }

func answered(text, by string) Question { return Question{Text: text, Answered: true, AnsweredBy: by} }

func TestMerge(t *testing.T) {
	tests := []struct {
		name               string
		base, ours, theirs Annotations
		want               Annotations
		wantConflictFields []string
	}{
		{
			name:   "changes to different entries are all kept",
			base:   Annotations{Messages: msgs("a", MessageNote{Stance: StanceSupport})},
			ours:   Annotations{Messages: msgs("a", MessageNote{Stance: StanceSupport}, "b", MessageNote{Note: "ours"})},
			theirs: Annotations{Messages: msgs("a", MessageNote{Stance: StanceSupport}, "c", MessageNote{Note: "theirs"})},
			want:   Annotations{Messages: msgs("a", MessageNote{Stance: StanceSupport}, "b", MessageNote{Note: "ours"}, "c", MessageNote{Note: "theirs"})},
		},
		{
			name:   "different fields of one entry are all kept",
			base:   Annotations{Topics: topics("t", TopicNote{Status: StatusAccepted})},
			ours:   Annotations{Topics: topics("t", TopicNote{Status: StatusAccepted, Minutes: 30})},
			theirs: Annotations{Topics: topics("t", TopicNote{Status: StatusAccepted, Order: 2})},
			want:   Annotations{Topics: topics("t", TopicNote{Status: StatusAccepted, Minutes: 30, Order: 2})},
		},
		{
			name:               "scalar changed both ways keeps ours and reports it",
			base:               Annotations{Messages: msgs("a", MessageNote{Stance: StanceNeutral}), Topics: topics("t", TopicNote{Minutes: 15})},
			ours:               Annotations{Messages: msgs("a", MessageNote{Stance: StanceSupport}), Topics: topics("t", TopicNote{Minutes: 30, Status: StatusAccepted})},
			theirs:             Annotations{Messages: msgs("a", MessageNote{Stance: StanceOppose}), Topics: topics("t", TopicNote{Minutes: 45, Status: StatusDeclined})},
			want:               Annotations{Messages: msgs("a", MessageNote{Stance: StanceSupport}), Topics: topics("t", TopicNote{Minutes: 30, Status: StatusAccepted})},
			wantConflictFields: []string{"message a stance", "topic t status", "topic t minutes"},
		},
		{
			name:   "same change on both sides is no conflict",
			base:   Annotations{},
			ours:   Annotations{Topics: topics("t", TopicNote{Status: StatusDeferred})},
			theirs: Annotations{Topics: topics("t", TopicNote{Status: StatusDeferred})},
			want:   Annotations{Topics: topics("t", TopicNote{Status: StatusDeferred})},
		},
		{
			name:   "undecided spelled out equals no status",
			base:   Annotations{Topics: topics("t", TopicNote{Status: StatusAccepted})},
			ours:   Annotations{Topics: topics("t", TopicNote{Status: StatusUndecided, Minutes: 15})},
			theirs: Annotations{Topics: topics("t", TopicNote{Minutes: 15})},
			want:   Annotations{Topics: topics("t", TopicNote{Minutes: 15})},
		},
		{
			name:   "an entry removed on one side and untouched on the other goes",
			base:   Annotations{Messages: msgs("a", MessageNote{Stance: StanceSupport})},
			ours:   Annotations{Messages: msgs("a", MessageNote{Stance: StanceSupport})},
			theirs: Annotations{},
			want:   Annotations{},
		},
		{
			name:               "notes changed both ways are both kept",
			base:               Annotations{Messages: msgs("a", MessageNote{Note: "base"})},
			ours:               Annotations{Messages: msgs("a", MessageNote{Note: "ours"})},
			theirs:             Annotations{Messages: msgs("a", MessageNote{Note: "theirs"})},
			want:               Annotations{Messages: msgs("a", MessageNote{Note: "ours" + NoteMergeSeparator + "theirs"})},
			wantConflictFields: []string{"message a note"},
		},
		{
			name:               "a note emptied on one side and changed on the other keeps the text",
			base:               Annotations{Topics: topics("t", TopicNote{Note: "base"})},
			ours:               Annotations{Topics: topics("t", TopicNote{})},
			theirs:             Annotations{Topics: topics("t", TopicNote{Note: "base, and more"})},
			want:               Annotations{Topics: topics("t", TopicNote{Note: "base, and more"})},
			wantConflictFields: []string{"topic t note"},
		},
		{
			name:               "a joined note is not joined again",
			base:               Annotations{Messages: msgs("a", MessageNote{Note: "base"})},
			ours:               Annotations{Messages: msgs("a", MessageNote{Note: "ours" + NoteMergeSeparator + "theirs"})},
			theirs:             Annotations{Messages: msgs("a", MessageNote{Note: "theirs"})},
			want:               Annotations{Messages: msgs("a", MessageNote{Note: "ours" + NoteMergeSeparator + "theirs"})},
			wantConflictFields: []string{"message a note"},
		},
		{
			name:   "questions added on both sides are united",
			base:   Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("old")}})},
			ours:   Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("old"), q("ours")}})},
			theirs: Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("theirs"), q("old")}})},
			want:   Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("old"), q("ours"), q("theirs")}})},
		},
		{
			name:   "a question removed on one side goes, one answered on the other stays",
			base:   Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("gone"), q("kept")}})},
			ours:   Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("kept")}})},
			theirs: Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("gone"), answered("kept", "r")}})},
			want:   Annotations{Messages: msgs("a", MessageNote{Questions: []Question{answered("kept", "r")}})},
		},
		{
			name:   "a question removed on one side and answered on the other stays",
			base:   Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("x")}})},
			ours:   Annotations{Messages: msgs("a", MessageNote{})},
			theirs: Annotations{Messages: msgs("a", MessageNote{Questions: []Question{answered("x", "")}})},
			want:   Annotations{Messages: msgs("a", MessageNote{Questions: []Question{answered("x", "")}})},
		},
		{
			name:               "answered wins over reopened",
			base:               Annotations{Messages: msgs("a", MessageNote{Questions: []Question{answered("x", "r1")}})},
			ours:               Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("x")}})},
			theirs:             Annotations{Messages: msgs("a", MessageNote{Questions: []Question{answered("x", "r2")}})},
			want:               Annotations{Messages: msgs("a", MessageNote{Questions: []Question{answered("x", "r2")}})},
			wantConflictFields: []string{"message a question"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, conflicts := Merge(tt.base, tt.ours, tt.theirs)
			want := cloneAnnotations(tt.want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("merge:\n got %#v\nwant %#v", got, want)
			}
			var fields []string
			for _, c := range conflicts {
				fields = append(fields, c.Kind+" "+c.ID+" "+c.Field)
			}
			if !reflect.DeepEqual(fields, tt.wantConflictFields) {
				t.Errorf("conflicts = %q, want %q", fields, tt.wantConflictFields)
			}
			// Merging is symmetric in what it keeps for entries and
			// questions: swapping sides loses nothing either.
			swapped, _ := Merge(tt.base, tt.theirs, tt.ours)
			if len(swapped.Messages) != len(got.Messages) || len(swapped.Topics) != len(got.Topics) {
				t.Errorf("swapped sides give other entries: %#v", swapped)
			}
		})
	}
}

func TestMergeDoesNotModifyInputs(t *testing.T) {
	base := Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("x")}})}
	ours := Annotations{Messages: msgs("a", MessageNote{Questions: []Question{q("x"), q("y")}})}
	theirs := Annotations{Messages: msgs("a", MessageNote{Questions: []Question{answered("x", "r")}})}
	keep := []Annotations{cloneAnnotations(base), cloneAnnotations(ours), cloneAnnotations(theirs)}
	for _, sides := range [][3]Annotations{{base, ours, theirs}, {base, base, theirs}, {base, ours, base}} {
		got, _ := Merge(sides[0], sides[1], sides[2])
		got.Messages["a"].Questions[0].Text = "changed"
	}
	for i, a := range []Annotations{base, ours, theirs} {
		if !reflect.DeepEqual(cloneAnnotations(a), keep[i]) {
			t.Errorf("input %d was modified: %#v", i, a)
		}
	}
}

func TestMergeFiles(t *testing.T) {
	a := filepath.Join("testdata", "store", "reviewer-a.json")
	b := filepath.Join("testdata", "store", "reviewer-b.json")
	got, ds, err := MergeFiles(a, b)
	if err != nil {
		t.Fatal(err)
	}
	m1 := got.Messages["m1@example.org"]
	if m1.Stance != StanceSupport {
		t.Errorf("m1 stance = %q, want the first file's", m1.Stance)
	}
	if want := []Question{answered("Is this ABI?", ""), q("Who pays?")}; !reflect.DeepEqual(m1.Questions, want) {
		t.Errorf("m1 questions = %#v, want %#v", m1.Questions, want)
	}
	if !strings.Contains(m1.Note, "A's note") || !strings.Contains(m1.Note, "B's note") {
		t.Errorf("m1 note = %q, want both", m1.Note)
	}
	for _, id := range []string{"m2@example.org", "m3@example.org", "m4@example.org"} {
		if got.Messages[id].Stance == "" {
			t.Errorf("%s lost its stance", id)
		}
	}
	if got.Topics["t2@example.org"].Status != StatusDeclined || got.Topics["t3@example.org"].Order != 2 {
		t.Errorf("topics = %#v", got.Topics)
	}
	want := []Disagreement{
		{Kind: "message", ID: "m1@example.org", Field: "stance", Values: []FileValue{{a, "support"}, {b, "oppose"}}},
		{Kind: "topic", ID: "t1@example.org", Field: "status", Values: []FileValue{{a, "accepted"}, {b, "deferred"}}},
	}
	if !reflect.DeepEqual(ds, want) {
		t.Errorf("disagreements:\n got %#v\nwant %#v", ds, want)
	}

	for _, bad := range []string{"bad-truncated.json", "newer-v3.json", "no-such-file.json"} {
		p := filepath.Join("testdata", "store", bad)
		if _, _, err := MergeFiles(a, p); err == nil || !strings.HasPrefix(err.Error(), p+": ") {
			t.Errorf("MergeFiles with %s: err = %v, want one naming the file", bad, err)
		}
	}
}
