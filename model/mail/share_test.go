package mail

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestSharedHeadersKeepValues parses a thread (a chain, siblings, a
// branch, a list that is no prefix of another, a reply to a forgotten
// message) with one parser, whose tables share References arrays,
// subjects and From values, and with a fresh parser per message, which
// shares nothing: every message must come out the same. An append to one
// message's References must not show in another's.
func TestSharedHeadersKeepValues(t *testing.T) {
	refs := [][]string{
		nil,
		{"a@x"},
		{"a@x", "b@x"},
		{"a@x", "b@x", "c@x"},
		{"a@x", "b@x"}, // a sibling of c
		{"a@x", "b@x", "e@x"},
		{"a@x", "b@x", "c@x", "d@x"},
		{"z@x", "b@x"}, // the same last id, another chain
		{"a@x"},
		{"q@x", "r@x", "s@x"},
	}
	var blocks []string
	for i, r := range refs {
		id := string(rune('a'+i)) + "@x"
		b := fmt.Sprintf("Message-ID: <%s>\nFrom: Ann Example <ann@x>\nSubject: Re: topic\nDate: Mon, 1 Jul 2024 10:00:00 +0000\n", id)
		if len(r) > 0 {
			b += "In-Reply-To: <" + r[len(r)-1] + ">\nReferences: <" + strings.Join(r, ">\n <") + ">\n"
		}
		blocks = append(blocks, b)
	}
	// Twice over, so that the second round finds everything shared.
	blocks = append(blocks, blocks...)
	shared := newHeaderParser()
	var got []*Message
	for i, b := range blocks {
		var m, want Message
		shared.parse([]byte(b), &m)
		newHeaderParser().parse([]byte(b), &want)
		if !reflect.DeepEqual(m, want) {
			t.Errorf("message %d: shared parse\n%+v\nalone\n%+v", i, m, want)
		}
		if cap(m.References) != len(m.References) {
			t.Errorf("message %d: References has room to grow in place: len %d, cap %d", i, len(m.References), cap(m.References))
		}
		got = append(got, &m)
	}
	for _, m := range got {
		if len(m.References) > 0 {
			_ = append(m.References, "appended@x")
		}
	}
	for i, m := range got {
		if want := refs[i%len(refs)]; !slices.Equal(m.References, want) {
			t.Errorf("message %d: References %q after appends to the others, want %q", i, m.References, want)
		}
	}
	// 3 grew the array of 1 and 2 (full) into a new one; 4 (a sibling of
	// 2) finds its list there, and 6 (a reply to 3) extends it in place.
	if &got[3].References[0] != &got[4].References[0] {
		t.Error("siblings do not share their References")
	}
	if &got[3].References[0] != &got[6].References[0] {
		t.Error("a reply to a reply does not extend its parent's References")
	}
	if unsafeStringData(got[0].Subject) != unsafeStringData(got[1].Subject) || unsafeStringData(got[0].From.Name) != unsafeStringData(got[1].From.Name) {
		t.Error("a repeated subject or From is stored twice")
	}
}

// TestWarnedValuesNotShared: a value whose decoding warned gives every
// message that has it the warning.
func TestWarnedValuesNotShared(t *testing.T) {
	p := newHeaderParser()
	for i := range 2 {
		var m Message
		p.parse([]byte("From: =?x-unknown?q?J=C3=A4ne?= <j@x>\nSubject: =?x-unknown?q?caf=C3=A9?=\nDate: Mon, 1 Jul 2024 10:00:00 +0000\nMessage-ID: <w@x>\n"), &m)
		if n := len(m.Warnings()); n != 2 {
			t.Errorf("message %d: %d warnings %q, want 2", i, n, m.Warnings())
		}
	}
}

// TestRecentForgets: a recent table keeps two generations of values, and
// keeps a value it finds in the older one another round.
func TestRecentForgets(t *testing.T) {
	var r recent[int]
	r.put("kept", 1)
	r.put("dropped", 2)
	for i := range recentSize - 2 {
		r.put(fmt.Sprint(i), i)
	}
	r.put("next", 3) // a new generation: kept and dropped are older
	if v, ok, old := r.get([]byte("kept")); !ok || !old || v != 1 {
		t.Fatalf("kept: %d %v %v", v, ok, old)
	}
	r.put("kept", 1)
	for i := range recentSize {
		r.put(fmt.Sprint("x", i), i)
	}
	if _, ok, _ := r.get([]byte("dropped")); ok {
		t.Error("a value unused for two generations is still there")
	}
	if v, ok, _ := r.get([]byte("kept")); !ok || v != 1 {
		t.Error("a value used in the older generation was dropped")
	}
}

// TestIDIndex checks the Message-ID table against a map, as it grows,
// with ids put again.
func TestIDIndex(t *testing.T) {
	var x idIndex
	if x.get("none@x") != nil {
		t.Fatal("an empty index finds a message")
	}
	want := map[string]*Message{}
	for i := range 5000 {
		m := &Message{ID: fmt.Sprintf("%d@x", i%3000)}
		x.put(m)
		want[m.ID] = m
	}
	x.trim()
	if x.n != len(want) {
		t.Errorf("%d ids, want %d", x.n, len(want))
	}
	for id, m := range want {
		if got := x.get(id); got != m {
			t.Fatalf("%s: got %p, want %p (the last put)", id, got, m)
		}
	}
	for i := range 1000 {
		if m := x.get(fmt.Sprintf("%d@y", i)); m != nil {
			t.Fatalf("an id never put finds %q", m.ID)
		}
	}
	if load := float64(x.n) / float64(len(x.slots)); load < 0.5 || load > 0.75 {
		t.Errorf("trimmed table %.2f full", load)
	}
}
