package annot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"summit/model/thread"
)

func TestScopeHolds(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d.Add(15 * time.Hour) }
	topic := func(first, label string) *thread.Topic {
		return &thread.Topic{First: day(first), Label: label}
	}
	sc, err := ParseScope("2024-05-01", "2024-12-31", "Maintainers")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		t    *thread.Topic
		want bool
	}{
		{topic("2024-05-01", "[MAINTAINERS SUMMIT]"), true},
		{topic("2024-12-31", "[MAINTAINERS SUMMIT]"), true},
		{topic("2024-04-30", "[MAINTAINERS SUMMIT]"), false},
		{topic("2025-01-01", "[MAINTAINERS SUMMIT]"), false},
		{topic("2024-07-08", "[TECH TOPIC]"), false},
		{topic("2024-07-08", ""), false},
		{&thread.Topic{Label: "[MAINTAINERS SUMMIT]"}, false}, // undated: not in a window
	} {
		if got := sc.Holds(tt.t); got != tt.want {
			t.Errorf("%s %q: Holds = %v, want %v", tt.t.First.Format("2006-01-02"), tt.t.Label, got, tt.want)
		}
	}
	none, _ := ParseScope("", "", "none")
	if !none.Holds(topic("2024-01-01", "")) || none.Holds(topic("2024-01-01", "[TECH TOPIC]")) {
		t.Error("label none does not pick the topics without a label")
	}
	if got := sc.String(); got != "2024-05-01..2024-12-31 maintainers" {
		t.Errorf("String = %q", got)
	}
	for _, bad := range [][3]string{{"2024-5-1", "", ""}, {"", "tomorrow", ""}, {"2024-06-01", "2024-05-01", ""}, {"", "", "tech\x1b[2J"}} {
		if _, err := ParseScope(bad[0], bad[1], bad[2]); err == nil || strings.ContainsRune(err.Error(), 0x1b) {
			t.Errorf("ParseScope(%q) = %v, want a clean error", bad, err)
		}
	}
}

// TestScopeAndIgnoredAreKept: the scope and the ignored topics survive a
// save and a reopen, undo takes them back, and two summits' changes to
// them merge like any other field.
func TestScopeAndIgnoredAreKept(t *testing.T) {
	p := filepath.Join(t.TempDir(), AnnotationsFileName)
	s := mustOpen(t, p)
	sc, _ := ParseScope("2023-08-01", "2023-12-31", "")
	s.SetScope(sc)
	s.ToggleIgnored("spam@x")
	mustSave(t, s)
	data, _ := os.ReadFile(p)
	if !strings.Contains(string(data), `"scope": {`) || !strings.Contains(string(data), `"ignored": true`) {
		t.Fatalf("file lacks the scope or the ignored topic:\n%s", data)
	}
	again := mustOpen(t, p)
	if again.Scope() != sc || !again.Topic("spam@x").Ignored {
		t.Fatalf("reopened: scope %+v, ignored %v", again.Scope(), again.Topic("spam@x").Ignored)
	}
	again.ToggleIgnored("spam@x")
	if again.Topic("spam@x").Ignored || !again.Undo() || !again.Topic("spam@x").Ignored {
		t.Error("x again does not bring the topic back, or undo does not hide it again")
	}
	if !again.Undo() && again.Scope() != sc {
		t.Error("nothing to undo")
	}

	other := mustOpen(t, p)
	other.SetScope(Scope{Label: "tech"})
	mustSave(t, other)
	s.ToggleIgnored("bounce@x")
	ad := mustSave(t, s)
	if got := s.Scope(); got.Label != "tech" || len(ad.Replaced) != 1 || ad.Replaced[0].Field != "scope" {
		t.Errorf("after the other's scope: %+v, adoption %+v", got, ad)
	}
	if !s.Topic("bounce@x").Ignored || !s.Topic("spam@x").Ignored {
		t.Error("ignored topics lost in the merge")
	}
}
