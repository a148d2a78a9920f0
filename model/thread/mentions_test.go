package thread

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"summit/model/mail"
)

// scannedIDs is what the one-pass scanner finds in text, sorted.
func scannedIDs(text string) []string {
	var s mentionScanner
	var ids []string
	s.scan([]byte(text), func(id []byte) { ids = append(ids, string(id)) })
	slices.Sort(ids)
	return ids
}

// mentionedSorted is MentionedIDs(text), sorted: the scanner finds the
// same candidates as often, in another order.
func mentionedSorted(text string) []string {
	ids := MentionedIDs(text)
	slices.Sort(ids)
	return ids
}

// linkingMbox is mail whose bodies point at each other's topics and at
// the corpora's, every way the pass knows: lore links (one %-escaped),
// Message-IDs in angle brackets, in CRLF and mboxrd-quoted text. Its
// headers name other topics too, which the pass must not read.
const linkingMbox = "From mboxrd@z Thu Jan  1 00:00:00 1970\n" +
	"From: Ann <ann@example.org>\nSubject: [MAINTAINERS SUMMIT] One\n" +
	"Date: Mon, 01 Jul 2024 10:00:00 +0000\nMessage-ID: <one@example.org>\n" +
	"References: <two@example.org>\n\n" +
	"Follows https://lore.kernel.org/ksummit/877dfop2lx.fsf@meer.lwn.net/T/#u.\n" +
	">From the start: see <three@example.org>.\n\n" +
	"From mboxrd@z Thu Jan  1 00:00:00 1970\n" +
	"From: Bob <bob@example.org>\r\nSubject: [MAINTAINERS SUMMIT] Two\r\n" +
	"Date: Tue, 02 Jul 2024 10:00:00 +0000\r\nMessage-ID: <two@example.org>\r\n\r\n" +
	"As in https://lore.kernel.org/r/one%40example.org, and lkml.kernel.org/r/three@example.org\r\n\r\n" +
	"From mboxrd@z Thu Jan  1 00:00:00 1970\n" +
	"From: Cy <cy@example.org>\nSubject: [MAINTAINERS SUMMIT] Three\n" +
	"Date: Wed, 03 Jul 2024 10:00:00 +0000\nMessage-ID: <three@example.org>\n\n" +
	"Nothing but me: <three@example.org>\n\n" +
	"From mboxrd@z Thu Jan  1 00:00:00 1970\n" +
	"From: Di <di@example.org>\nSubject: Re: [MAINTAINERS SUMMIT] Three\n" +
	"Date: Thu, 04 Jul 2024 10:00:00 +0000\nMessage-ID: <three-reply@example.org>\n" +
	"In-Reply-To: <three@example.org>\n\n" +
	"> Cy <cy@example.org> wrote: (lore.kernel.org/all/two@example.org/)\n" +
	"Patch: https://patch.msgid.link/YTvuDsrUNhg%2FVXD0@localhost\n"

// corpusMessages loads the real mail of the test corpora and sample-data.
func corpusMessages(t testing.TB) []*mail.Message {
	t.Helper()
	linking := filepath.Join(t.TempDir(), "linking.mbox")
	if err := os.WriteFile(linking, []byte(linkingMbox), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{linking}
	for _, pat := range []string{"../testdata/corpora/*.mbox", "../../sample-data/*.mbox"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 4 {
		t.Fatalf("found only %d corpus files", len(files))
	}
	var inputs []mail.Input
	for _, f := range files {
		inputs = append(inputs, mail.Input{Name: f, Path: f})
	}
	c, err := mail.Read(inputs, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c.Messages
}

// TestMentionScannerOnCorpora checks the one-pass scanner against
// MentionedIDs on every message of the real corpora: the raw body the
// related pass reads, the whole raw message (its headers are full of
// <ids>), and the decoded text.
func TestMentionScannerOnCorpora(t *testing.T) {
	msgs := corpusMessages(t)
	found := 0
	for _, m := range msgs {
		raw, err := m.Raw()
		if err != nil {
			t.Fatal(err)
		}
		texts := []string{RawBodyText(m), string(raw)}
		if b, err := m.Body(); err == nil {
			texts = append(texts, b.Text)
		}
		for k, text := range texts {
			want := mentionedSorted(text)
			if got := scannedIDs(text); !slices.Equal(got, want) {
				t.Errorf("message <%s>, text %d: the scanner finds\n%q\nMentionedIDs\n%q", m.ID, k, got, want)
			}
			found += len(want)
		}
	}
	if found < 1000 {
		t.Errorf("only %d candidates in %d messages: the comparison tests little", found, len(msgs))
	}
}

// TestFindRelatedRawMatchesBodies checks the fast path (bodies nil: raw
// bodies through a reused buffer, the scanner) against MentionedIDs over
// RawBodyText, on the corpora threaded into topics.
func TestFindRelatedRawMatchesBodies(t *testing.T) {
	msgs := corpusMessages(t)
	topics := BuildTopics(msgs)
	topicOf := map[string]int{}
	for i, tp := range topics {
		for _, m := range tp.Messages {
			if _, dup := topicOf[m.ID]; !dup {
				topicOf[m.ID] = i
			}
		}
	}
	want := map[string][]string{}
	for i, tp := range topics {
		var refs []string
		for _, m := range tp.Messages {
			for _, id := range MentionedIDs(RawBodyText(m)) {
				if j, ok := topicOf[id]; ok && j != i {
					refs = append(refs, topics[j].ID)
				}
			}
		}
		slices.Sort(refs)
		if refs = slices.Compact(refs); len(refs) > 0 {
			want[tp.ID] = refs
		}
	}
	if len(want) < 4 {
		t.Fatalf("only %d topics with related ones: the comparison tests little", len(want))
	}
	got := RelatedTopics(topics, nil)
	if len(got) != len(want) {
		t.Errorf("%d topics with related ones, want %d", len(got), len(want))
	}
	for id, w := range want {
		if !slices.Equal(got[id], w) {
			t.Errorf("topic <%s>: related %q, want %q", id, got[id], w)
		}
	}
	if got := RelatedTopics(topics, RawBodyText); len(got) != len(want) {
		t.Errorf("through RawBodyText: %d topics with related ones, want %d", len(got), len(want))
	}
}

// mentionSeeds are texts that exercise the corners of both scanners.
var mentionSeeds = []string{
	"Message-ID: <abc@host.example> and <not an id> <x>",
	"Greg KH <greg@kroah.com> wrote:",
	"see https://lore.kernel.org/linux-rdma/20200917171833.GJ8409@ziepe.ca/ for it",
	"Link: https://lore.kernel.org/r/20240718213446.1750135-1-dave.jiang@intel.com",
	"https://lore.kernel.org/all/YTyWANV%2FmSkQbYhj@pendragon.ideasonboard.com/",
	"https://lore.kernel.org/ksummit/20210912003349.6d2cacb1@coco.lan/T/#m3b7fbbe0959f",
	"https://lwn.net/ml/linux-kernel/CAFCwf119s7iXk+qpwoVPnRtOGcxeuZb3rnihf6NWWoVT-4ODHA@mail.gmail.com/",
	"As in https://patch.msgid.link/a1@b.c.",
	"https://example.com/r/a@b and lore.kernel.org/linux-mm/",
	"<https://lore.kernel.org/r/a@b.c>, (lore.kernel.org/r/d@e).",
	"lore.kernel.org/lore.kernel.org/x@y patch.msgid.link/lore.kernel.org/r/x@y",
	"lwn.net/lwn.net/ml/a@b lwn.net/ml/ml/a@b/c@d/e%40f/%zz@g?h@i#j@k",
	"lore.kernel.org/r/abc%40host lore.kernel.org/r/a%4",
	"lore.kernel.org/r/a#lore.kernel.org/b@c lore.kernel.org/r/a?x/lore.kernel.org/b@c",
	"<a@b<c@d> <e\"f@g'>h@i> <@> <a@b\r\n>",
	"'lore.kernel.org/r/x@y'\"lkml.kernel.org/r/z@w\"\tlore.kernel.org/r/@@@/%40%40",
	"@<@>@ lore.kernel.org/@/ lore.kernel.org/%2540@x",
}

func TestMentionScannerSeeds(t *testing.T) {
	for _, text := range mentionSeeds {
		if got, want := scannedIDs(text), mentionedSorted(text); !slices.Equal(got, want) {
			t.Errorf("%q: the scanner finds\n%q\nMentionedIDs\n%q", text, got, want)
		}
	}
}

func FuzzMentionScanner(f *testing.F) {
	for _, s := range mentionSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := scannedIDs(text), mentionedSorted(text); !slices.Equal(got, want) {
			t.Errorf("%q: the scanner finds\n%q\nMentionedIDs\n%q", text, got, want)
		}
	})
}

// TestMentionScannerAllocates checks that scanning allocates nothing: the
// pass over a large archive must not make garbage for what it skips.
func TestMentionScannerAllocates(t *testing.T) {
	text := []byte(strings.Repeat(strings.Join(mentionSeeds, "\n")+"\n", 20))
	var s mentionScanner
	n := 0
	emit := func(id []byte) { n += len(id) }
	s.scan(text, emit) // grows the decoding buffer
	if a := testing.AllocsPerRun(20, func() { s.scan(text, emit) }); a != 0 {
		t.Errorf("scan allocates %v times a run", a)
	}
}
