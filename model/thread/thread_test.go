package thread

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"summit/model/mail"
)

// tm is a message for threading tests: id, in-reply-to, references
// (space separated), subject, author and day of the month (0: unknown).
type tm struct {
	id, irt, refs, subject, from string
	day                          int
}

// messages turns tms into loaded messages, Seq in order.
func messages(tms []tm) []*mail.Message {
	out := make([]*mail.Message, len(tms))
	for i, x := range tms {
		m := &mail.Message{ID: x.id, InReplyTo: x.irt, References: strings.Fields(x.refs), Subject: x.subject, Seq: int32(i)}
		if x.subject == "" {
			m.Subject = "Re: subject of " + x.id
		}
		name, email, _ := strings.Cut(x.from, "|")
		m.From = mail.Address{Name: name, Email: email}
		if x.day > 0 {
			m.Date = time.Date(2024, 7, x.day, 12, 0, 0, 0, time.UTC)
		} else {
			m.DateUnknown = true
		}
		out[i] = m
	}
	return out
}

// drawTopics renders topics as indented trees of IDs, dummies in
// parentheses, topics separated by "|".
func drawTopics(topics []*Topic) string {
	var parts []string
	for _, tp := range topics {
		var b strings.Builder
		var draw func(n *Node)
		draw = func(n *Node) {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(strings.Repeat(".", n.Depth))
			if n.Msg == nil {
				b.WriteString("(" + n.ID + ")")
			} else {
				b.WriteString(n.ID)
			}
			for _, c := range n.Children {
				draw(c)
			}
		}
		draw(tp.Root)
		parts = append(parts, b.String())
	}
	return strings.Join(parts, " | ")
}

// checkInvariants verifies what must hold for any input: every message in
// exactly one topic, trees consistent, children in order, topic IDs unique.
func checkInvariants(t *testing.T, msgs []*mail.Message, topics []*Topic) {
	t.Helper()
	seen := map[*mail.Message]int{}
	ids := map[string]bool{}
	for _, tp := range topics {
		if tp.ID != "" && ids[tp.ID] {
			t.Errorf("two topics with ID %q", tp.ID)
		}
		ids[tp.ID] = true
		if tp.Root == nil || tp.Root.Parent != nil || tp.Root.Depth != 0 {
			t.Fatalf("topic %q: bad root", tp.ID)
		}
		var inTree []*mail.Message
		var walk func(n *Node)
		walk = func(n *Node) {
			if n.Msg != nil {
				inTree = append(inTree, n.Msg)
			}
			for k, c := range n.Children {
				if c.Parent != n || c.Depth != n.Depth+1 {
					t.Errorf("topic %q: node %q has bad parent or depth", tp.ID, c.ID)
				}
				if k > 0 && compareSiblings(n.Children[k-1], c) > 0 {
					t.Errorf("topic %q: children of %q out of order", tp.ID, n.ID)
				}
				walk(c)
			}
		}
		walk(tp.Root)
		if !slices.Equal(inTree, tp.Messages) {
			t.Errorf("topic %q: Messages is not the tree in depth-first order", tp.ID)
		}
		if len(tp.Messages) == 0 {
			t.Errorf("topic %q has no messages", tp.ID)
		}
		for _, m := range tp.Messages {
			seen[m]++
		}
	}
	for _, m := range msgs {
		if seen[m] != 1 {
			t.Errorf("message %q (seq %d) is in %d topics", m.ID, m.Seq, seen[m])
		}
	}
}

func TestBuildTopicsTrees(t *testing.T) {
	tests := []struct {
		name string
		in   []tm
		want string
	}{
		{"in-reply-to only", []tm{
			{id: "a", subject: "x", day: 1}, {id: "b", irt: "a", day: 2}, {id: "c", irt: "b", day: 3}, {id: "d", irt: "a", day: 4},
		}, "a .b ..c .d"},
		{"references only", []tm{
			{id: "a", subject: "x", day: 1}, {id: "b", refs: "a", day: 2}, {id: "c", refs: "a b", day: 3},
		}, "a .b ..c"},
		{"in-reply-to not in references wins", []tm{
			{id: "a", subject: "x", day: 1}, {id: "b", refs: "a", day: 2}, {id: "c", irt: "b", refs: "a", day: 3},
		}, "a .b ..c"},
		{"in-reply-to earlier in references is the parent", []tm{
			{id: "a", subject: "x", day: 1}, {id: "b", refs: "a", day: 2}, {id: "c", irt: "a", refs: "a b", day: 3},
		}, "a .b .c"},
		{"in-reply-to listed first in references, the parent missing: the chain keeps the thread", []tm{
			{id: "r", subject: "x", day: 1}, {id: "a", refs: "r", day: 2}, {id: "m", irt: "p", refs: "p r a", subject: "other", day: 4},
		}, "r .a ..m"},
		{"in-reply-to listed first in references, the parent loaded", []tm{
			{id: "r", subject: "x", day: 1}, {id: "a", refs: "r", day: 2}, {id: "p", refs: "r a", day: 3}, {id: "m", irt: "p", refs: "p r a", subject: "other", day: 4},
		}, "r .a ..p ...m"},
		{"children by date, then load order", []tm{
			{id: "a", subject: "x", day: 1}, {id: "late", irt: "a", day: 9}, {id: "early", irt: "a", day: 2}, {id: "same1", irt: "a", day: 5}, {id: "same2", irt: "a", day: 5},
		}, "a .early .same1 .same2 .late"},
		{"missing parent of several: dummy root", []tm{
			{id: "b", irt: "x", day: 3}, {id: "c", irt: "x", day: 2},
		}, "(x) .c .b"},
		{"missing parent of one: the reply is the root", []tm{
			{id: "b", irt: "x", subject: "Re: y", day: 3},
		}, "b"},
		{"missing message mid-thread: replies move up", []tm{
			{id: "a", subject: "x", day: 1}, {id: "c", refs: "a b", day: 3},
		}, "a .c"},
		{"cycle of two", []tm{
			{id: "a", irt: "b", day: 1}, {id: "b", irt: "a", day: 2},
		}, "b .a"},
		{"cycle through a sibling", []tm{
			{id: "b", irt: "a", day: 2}, {id: "d", irt: "a", day: 3}, {id: "a", irt: "b", day: 1},
		}, "a .b .d"},
		{"cycle inside References", []tm{
			{id: "a", subject: "x", day: 1}, {id: "b", refs: "a c", day: 2}, {id: "c", refs: "b a", day: 3}, {id: "d", refs: "c b a", day: 4},
		}, "a .c ..b .d"},
		{"a reply keeps the parent others gave it when its own headers are lost", []tm{
			{id: "a", subject: "x", day: 1}, {id: "c", refs: "a b", day: 3}, {id: "b", subject: "unrelated", day: 2},
		}, "a .b ..c"},
		{"cycle of three", []tm{
			{id: "a", irt: "c", day: 1}, {id: "b", irt: "a", day: 2}, {id: "c", irt: "b", day: 3},
		}, "c .a ..b"},
		{"self reference", []tm{
			{id: "a", irt: "a", refs: "a", subject: "x", day: 1}, {id: "b", irt: "a", refs: "a b", day: 2},
		}, "a .b"},
		{"duplicate IDs stay together", []tm{
			{id: "a", subject: "x", day: 1}, {id: "a", subject: "x", day: 1}, {id: "b", irt: "a", day: 2},
		}, "a .a .b"},
		{"messages without an ID are separate", []tm{
			{id: "", subject: "one", day: 1}, {id: "", subject: "two", day: 2},
		}, " | "},
		{"subject fallback: reply with lost headers joins the root", []tm{
			{id: "root", subject: "[MAINTAINER SUMMIT] Accel", day: 1},
			{id: "r1", irt: "root", subject: "Re: [MAINTAINER SUMMIT] Accel", day: 2},
			{id: "lost", subject: "Re: [MAINTAINER SUMMIT] Accel", day: 3},
		}, "root .r1 .lost"},
		{"subject fallback: replies to a missing posting stay under it", []tm{
			// Their References name the posting: it is another one (a
			// resend, an earlier version), whatever its subject.
			{id: "root", subject: "[MAINTAINER SUMMIT] Accel", day: 1},
			{id: "r1", refs: "gone", subject: "Re: [MAINTAINER SUMMIT] Accel", day: 2},
			{id: "r2", refs: "gone", subject: "Re: [MAINTAINER SUMMIT] Accel", day: 3},
		}, "(gone) .r1 .r2 | root"},
		{"subject fallback: within 90 days of the thread's last message", []tm{
			{id: "rust21", subject: "[TECH TOPIC] Rust for Linux", day: 1},
			{id: "rust21-re", irt: "rust21", subject: "Re: [TECH TOPIC] Rust for Linux", day: 20},
			{id: "lost21", subject: "Re: [TECH TOPIC] Rust for Linux", day: 100},
			{id: "rust23", subject: "[TECH TOPIC] Rust for Linux", day: 730},
			{id: "lost23", subject: "Re: [TECH TOPIC] Rust for Linux", day: 731},
			{id: "late", subject: "Re: [TECH TOPIC] Rust for Linux", day: 1200},
		}, "late | rust23 .lost23 | rust21 .rust21-re .lost21"},
		{"subject fallback: posting tags count", []tm{
			{id: "v3", subject: "[PATCH v3] mm: fix", day: 10},
			{id: "re-v2", subject: "Re: [PATCH v2] mm: fix", day: 11},
			{id: "re-v3", subject: "Re: [PATCH v3] mm: fix", day: 12},
			{id: "re-part", subject: "Re: [PATCH v3 2/4] mm: fix", day: 13},
		}, "re-part | v3 .re-v3 | re-v2"},
		{"subject fallback: the latest earlier post of that subject", []tm{
			{id: "v1", subject: "[PATCH] fix", day: 1},
			{id: "v2", subject: "[PATCH v2] fix", day: 5},
			{id: "re1", subject: "Re: [PATCH] fix", day: 3},
			{id: "re2", subject: "Re: [PATCH v2] fix", day: 6},
		}, "v2 .re2 | v1 .re1"},
		{"subject fallback: replies without their post gather under the earliest", []tm{
			{id: "r2", subject: "Re: topic", day: 4},
			{id: "r1", subject: "RE: topic", day: 2},
		}, "r1 .r2"},
		{"same subject, not replies: separate topics", []tm{
			{id: "a", subject: "Agenda", day: 1}, {id: "b", subject: "Agenda", day: 2},
		}, "b | a"},
		{"empty subjects never join", []tm{
			{id: "a", subject: "Re:", day: 1}, {id: "b", subject: "Re:", day: 2},
		}, "b | a"},
		{"topics by most recent activity", []tm{
			{id: "old", subject: "o", day: 1}, {id: "new", subject: "n", day: 2}, {id: "old-reply", irt: "old", day: 9},
		}, "old .old-reply | new"},
		{"topics without dates last, by ID", []tm{
			{id: "z", subject: "z"}, {id: "y", subject: "y"}, {id: "dated", subject: "d", day: 1},
		}, "dated | y | z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs := messages(tt.in)
			topics := BuildTopics(msgs)
			checkInvariants(t, msgs, topics)
			if got := drawTopics(topics); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestBuildTopicsFields(t *testing.T) {
	msgs := messages([]tm{
		{id: "p", irt: "gone", subject: "Re: [tech topic]  Rust  for Linux", from: "Miguel Ojeda|miguel@kernel.org", day: 0},
		{id: "q", irt: "gone", subject: "Re: [TECH TOPIC] Rust for Linux", from: "Greg KH|greg@kroah.com", day: 3},
		{id: "r", irt: "q", from: "Greg KH|gregkh@linuxfoundation.org", day: 4},
		{id: "s", irt: "q", from: "Greg  kh|greg@kroah.com", day: 5},
		{id: "t", irt: "p", from: "|anon@example.org", day: 2},
		{id: "u", irt: "p", from: "Alice|alice@example.org", day: 6},
	})
	topics := BuildTopics(msgs)
	checkInvariants(t, msgs, topics)
	if len(topics) != 1 {
		t.Fatalf("got %d topics, want 1: %s", len(topics), drawTopics(topics))
	}
	tp := topics[0]
	if tp.Root.Msg != nil || tp.Root.ID != "gone" {
		t.Errorf("root = %q (msg %v), want the dummy for gone", tp.Root.ID, tp.Root.Msg != nil)
	}
	checks := []struct {
		what      string
		got, want any
	}{
		{"ID", tp.ID, "p"},
		{"Label", tp.Label, "[TECH TOPIC]"},
		{"Title", tp.Title, "Rust for Linux"},
		{"Proposer", tp.Proposer, mail.Address{Name: "Miguel Ojeda", Email: "miguel@kernel.org"}},
		{"First", tp.First, time.Date(2024, 7, 2, 12, 0, 0, 0, time.UTC)},
		{"Last", tp.Last, time.Date(2024, 7, 6, 12, 0, 0, 0, time.UTC)},
		{"messages", len(tp.Messages), 6},
		{"participants", fmt.Sprint(tp.Participants), "[{{Greg KH greg@kroah.com} 3} {{Alice alice@example.org} 1} {{ anon@example.org} 1} {{Miguel Ojeda miguel@kernel.org} 1}]"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
}

func TestBuildTopicsNoDates(t *testing.T) {
	msgs := messages([]tm{{id: "a", subject: "x"}, {id: "b", irt: "a"}})
	topics := BuildTopics(msgs)
	checkInvariants(t, msgs, topics)
	if len(topics) != 1 || !topics[0].First.IsZero() || !topics[0].Last.IsZero() {
		t.Fatalf("want one topic with zero First/Last, got %s", drawTopics(topics))
	}
}

func TestBuildTopicsEmpty(t *testing.T) {
	if got := BuildTopics(nil); len(got) != 0 {
		t.Errorf("BuildTopics(nil) = %d topics", len(got))
	}
}

// TestBuildTopicsSeeds threads the headers of the damaged seed posts as the
// loader reads them: 001 lost its In-Reply-To and refers to a message that
// is not among the seeds, 004 replies to another missing one.
func TestBuildTopicsSeeds(t *testing.T) {
	subject := "[MAINTAINER SUMMIT] User-space requirements for accelerator drivers"
	msgs := []*mail.Message{
		{ID: "877dfop2lx.fsf@meer.lwn.net", Subject: subject, From: mail.Address{Name: "Jonathan Corbet", Email: "corbet@lwn.net"},
			Date: time.Date(2021, 9, 10, 21, 0, 58, 0, time.UTC)},
		{ID: "680a7c9767eb0ddf8035bc90ba1d144fe1f7b4cd.camel@HansenPartnership.com", Subject: "Re: " + subject,
			References: []string{"87ilz8c7ff.ffs@tglx"}, From: mail.Address{Name: "James Bottomley", Email: "James.Bottomley@HansenPartnership.com"},
			Date: time.Date(2021, 9, 12, 16, 43, 39, 0, time.UTC), Seq: 1},
		{ID: "YT4QCHwnqZL/rl0z@kroah.com", InReplyTo: "YT4LgkK+ejUWljEh@unreal", Subject: "Re: " + subject,
			From: mail.Address{Name: "Greg KH", Email: "greg@kroah.com"}, Date: time.Date(2021, 9, 12, 14, 34, 48, 0, time.UTC), Seq: 2},
		{ID: "20240725200703.GG14252@pendragon.ideasonboard.com", Subject: "Re: [MAINTAINERS SUMMIT] Device Passthrough Considered Harmful?",
			InReplyTo: "20240725194314.GS3371438@nvidia.com", From: mail.Address{Name: "Laurent Pinchart", Email: "laurent.pinchart@ideasonboard.com"},
			Date: time.Date(2024, 7, 25, 20, 7, 3, 0, time.UTC), Seq: 3},
	}
	topics := BuildTopics(msgs)
	checkInvariants(t, msgs, topics)
	if len(topics) != 2 {
		t.Fatalf("got %d topics, want 2: %s", len(topics), drawTopics(topics))
	}
	accel := topics[1]
	if accel.ID != msgs[0].ID || len(accel.Messages) != 3 || accel.Proposer.Name != "Jonathan Corbet" {
		t.Errorf("accelerator topic: %s, proposer %v", drawTopics(topics[1:]), accel.Proposer)
	}
	if accel.Label != "[MAINTAINERS SUMMIT]" || accel.Title != "User-space requirements for accelerator drivers" {
		t.Errorf("accelerator label/title = %q / %q", accel.Label, accel.Title)
	}
	if topics[0].ID != msgs[3].ID {
		t.Errorf("passthrough topic ID = %q", topics[0].ID)
	}
}

// FuzzBuildTopics threads random reference graphs: each message takes
// three bytes (its ID, its parent, a flag byte choosing References,
// subject, date and damage) from a small ID space, so that duplicates,
// missing parents, self references and cycles all occur.
func FuzzBuildTopics(f *testing.F) {
	f.Add([]byte{0, 0, 0, 1, 0, 1, 2, 1, 2})
	f.Add([]byte{1, 2, 3, 2, 1, 3, 3, 1, 4, 1, 1, 5})
	f.Add([]byte{0, 9, 0x80, 1, 9, 0x81, 2, 9, 0x42, 3, 0, 0x23})
	// A graph that sent the jwz library's loop check into endless recursion.
	f.Add([]byte("\x86\xb4$\x8d\x1c[P\xe91`b\xf0\xeabz\xca\x15rXHYVWhޏQ\xb5\xe0-zxn\x99@qj'@1 ڼ5jc\xeb\x88^\xe8U}\x1c\xad\xa0\xfc\xc0\x03<\xf0\x13\x12u\xc9\xfb\xa0O\x9f)\x91lW"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 3*64 {
			data = data[:3*64]
		}
		subjects := []string{"topic", "Re: topic", "RE: [PATCH] topic", "other", "Re: other", "", "Re:"}
		var msgs []*mail.Message
		for i := 0; i+2 < len(data); i += 3 {
			id, parent, flags := data[i]%24, data[i+1]%32, data[i+2]
			m := &mail.Message{ID: fmt.Sprintf("m%d", id), Subject: subjects[int(flags)%len(subjects)], Seq: int32(len(msgs))}
			if flags&0x08 == 0 {
				m.InReplyTo = fmt.Sprintf("m%d", parent)
			}
			if flags&0x10 != 0 {
				m.References = []string{fmt.Sprintf("m%d", (parent+7)%32), fmt.Sprintf("m%d", parent)}
			}
			if flags&0x20 != 0 {
				m.References = append(m.References, m.ID)
			}
			if flags&0x40 != 0 {
				m.Date = time.Date(2024, 1, 1+int(flags>>6), int(parent), 0, 0, 0, time.UTC)
			}
			msgs = append(msgs, m)
		}
		checkInvariants(t, msgs, BuildTopics(msgs))
	})
}
