package thread

import (
	"slices"
	"testing"
)

// TestSplitTopics: a split message takes its replies into a topic of its
// own, depths from its new root; a split inside a split part splits it
// again; the input topics are not touched.
func TestSplitTopics(t *testing.T) {
	msgs := messages([]tm{
		{id: "root", subject: "[PATCH 0/2] series", from: "Ann|ann@x", day: 1},
		{id: "p1", irt: "root", refs: "root", subject: "[PATCH 1/2] one", from: "Ann|ann@x", day: 2},
		{id: "p1r", irt: "p1", refs: "root p1", from: "Bob|bob@x", day: 5},
		{id: "p2", irt: "root", refs: "root", subject: "[PATCH 2/2] two", from: "Ann|ann@x", day: 3},
		{id: "p2r", irt: "p2", refs: "root p2", from: "Cid|cid@x", day: 4},
		{id: "p2rr", irt: "p2r", refs: "root p2 p2r", from: "Bob|bob@x", day: 6},
		{id: "other", subject: "other", from: "Dan|dan@x", day: 1},
	})
	topics := BuildTopics(msgs)
	before := drawTopics(topics)
	got := SplitTopics(topics, map[string]bool{"p2": true, "p2r": true, "root": true, "nowhere": true})
	if drawTopics(topics) != before {
		t.Fatalf("the input changed: %s", drawTopics(topics))
	}
	if want := "p2r .p2rr | root .p1 ..p1r | p2 | other"; drawTopics(got) != want {
		t.Errorf("split = %q, want %q", drawTopics(got), want)
	}
	byID := map[string]*Topic{}
	for _, tp := range got {
		byID[tp.ID] = tp
	}
	if tp := byID["p2"]; tp.Title != "two" || tp.Proposer.Name != "Ann" || tp.Root.Parent != nil || len(tp.Participants) != 1 {
		t.Errorf("part topic = %+v", tp)
	}
	if tp := byID["root"]; len(tp.Messages) != 3 || tp.Last.Day() != 5 || len(tp.Participants) != 2 {
		t.Errorf("what is left = %d messages, last %v, %v", len(tp.Messages), tp.Last, tp.Participants)
	}
	if same := SplitTopics(topics, nil); !slices.Equal(same, topics) {
		t.Error("no splits changed the topics")
	}
	if same := SplitTopics(topics, map[string]bool{"root": true}); &same[0] != &topics[0] {
		t.Error("a split at a topic's root made new topics")
	}
}
