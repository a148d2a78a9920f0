package thread

import (
	"slices"
	"testing"

	"summit/model/mail"
)

func TestMentionedIDs(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"angle brackets", "Message-ID: <abc@host.example> and <not an id> <x>", []string{"abc@host.example"}},
		{"address in brackets is a candidate too", "Greg KH <greg@kroah.com> wrote:", []string{"greg@kroah.com"}},
		{"lore list link", "see https://lore.kernel.org/linux-rdma/20200917171833.GJ8409@ziepe.ca/ for it",
			[]string{"20200917171833.GJ8409@ziepe.ca"}},
		{"lore short link", "Link: https://lore.kernel.org/r/20240718213446.1750135-1-dave.jiang@intel.com",
			[]string{"20240718213446.1750135-1-dave.jiang@intel.com"}},
		{"lore bare id", "http://lore.kernel.org/0-v2-940e479ceba9+3821-fwctl_jgg@nvidia.com",
			[]string{"0-v2-940e479ceba9+3821-fwctl_jgg@nvidia.com"}},
		{"escaped slash", "https://lore.kernel.org/all/YTyWANV%2FmSkQbYhj@pendragon.ideasonboard.com/",
			[]string{"YTyWANV/mSkQbYhj@pendragon.ideasonboard.com"}},
		{"thread view with fragment", "https://lore.kernel.org/ksummit/20210912003349.6d2cacb1@coco.lan/T/#m3b7fbbe0959f",
			[]string{"20210912003349.6d2cacb1@coco.lan"}},
		{"lwn mailing list mirror", "https://lwn.net/ml/linux-kernel/CAFCwf119s7iXk+qpwoVPnRtOGcxeuZb3rnihf6NWWoVT-4ODHA@mail.gmail.com/",
			[]string{"CAFCwf119s7iXk+qpwoVPnRtOGcxeuZb3rnihf6NWWoVT-4ODHA@mail.gmail.com"}},
		{"link at the end of a sentence", "As in https://patch.msgid.link/a1@b.c.", []string{"a1@b.c.", "a1@b.c"}},
		{"other sites are ignored", "https://example.com/r/a@b and lore.kernel.org/linux-mm/", nil},
		{"nothing", "plain text, no ids", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MentionedIDs(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("MentionedIDs = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFindRelated(t *testing.T) {
	msgs := messages([]tm{
		{id: "a@x", subject: "alpha", day: 1},
		{id: "a2@x", irt: "a@x", day: 2},
		{id: "b@x", subject: "beta", day: 3},
		{id: "c@x", subject: "gamma", day: 4},
		{id: "d@x", subject: "delta", day: 5},
	})
	bodies := map[string]string{
		"a2@x": "See the beta thread: https://lore.kernel.org/r/b@x and <c@x>; also <a@x>, ourselves.",
		"b@x":  "Replying to https://lore.kernel.org/all/b@x/ only: none of these is another topic: <gone@x> <me@host>",
		"c@x":  "Twice the same: <b@x> https://lore.kernel.org/ksummit/b@x/T/#u, and gamma's reply <a2@x>.",
	}
	topics := BuildTopics(msgs)
	FindRelated(topics, func(m *mail.Message) string { return bodies[m.ID] })
	got := map[string][]string{}
	for _, tp := range topics {
		got[tp.ID] = tp.Related
	}
	want := map[string][]string{
		"a@x": {"b@x", "c@x"},
		"b@x": nil,
		"c@x": {"a@x", "b@x"},
		"d@x": nil,
	}
	for id, w := range want {
		if !slices.Equal(got[id], w) {
			t.Errorf("topic %s: Related = %q, want %q", id, got[id], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d topics, want %d", len(got), len(want))
	}
}

func BenchmarkMentionedIDs(b *testing.B) {
	text := "On Fri, 10 Sep 2021, Jonathan Corbet <corbet@lwn.net> wrote:\n" +
		"> https://lwn.net/ml/linux-kernel/CAFCwf119s7iXk+qpwoVPnRtOGcxeuZb3rnihf6NWWoVT-4ODHA@mail.gmail.com/\n"
	for range 40 {
		text += "Some prose that is long enough to look like the body of a real reply on a list.\n"
	}
	b.ReportAllocs()
	for b.Loop() {
		MentionedIDs(text)
	}
}
