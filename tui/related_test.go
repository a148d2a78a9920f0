package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"summit/model"
	"summit/model/mail"
	"summit/model/thread"
)

// twoLinkedTopics is an archive of two topics, the second of which links to
// the first through a lore URL in its body.
const twoLinkedTopics = `From mboxrd@z Thu Jan  1 00:00:00 1970
From: Ann Author <ann@example.org>
Subject: [MAINTAINERS SUMMIT] Rust for drivers
Date: Mon, 01 Jul 2024 10:00:00 +0000
Message-ID: <first@example.org>

Should new drivers be written in Rust?

From mboxrd@z Thu Jan  1 00:00:00 1970
From: Bob Writer <bob@example.org>
Subject: [MAINTAINERS SUMMIT] Unsafe code review
Date: Tue, 02 Jul 2024 10:00:00 +0000
Message-ID: <second@example.org>

This follows https://lore.kernel.org/ksummit/first@example.org/ closely.
`

func TestRelatedTopicsShowWithTheProposal(t *testing.T) {
	path := filepath.Join(t.TempDir(), "linked.mbox")
	if err := os.WriteFile(path, []byte(twoLinkedTopics), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := model.Load([]mail.Input{{Name: path, Path: path}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	m := newLoaded(t, a, 160, 48, true)

	var linking *thread.Topic
	for _, tp := range a.Topics {
		if tp.ID == "second@example.org" {
			linking = tp
		}
	}
	if linking == nil || len(linking.Related) != 1 || linking.Related[0] != "first@example.org" {
		t.Fatalf("the related pass did not run after loading: %+v", linking)
	}
	for m.SelectedTopic() != linking {
		m = keys(t, m, "j")
	}
	m = keys(t, m, "enter", "enter")
	s := screen(m)
	if !strings.Contains(s, "Related topics") || !strings.Contains(s, "Rust for drivers") {
		t.Fatalf("the reader does not show the related topic:\n%s", s)
	}
}

func TestTopicSummaryWithTheProposal(t *testing.T) {
	m, _ := triaging(t, 200, 50)
	tp := m.SelectedTopic()
	if m.SelectedMessage() != tp.Messages[0] {
		t.Fatal("the reader does not start on the proposal")
	}
	s := screen(m)
	for _, want := range []string{"Topic 77 messages, 21 participants, 2021-09-10 to 2021-09-14", "Most active Laurent Pinchart (17), Dave Airlie (8)"} {
		if !strings.Contains(s, want) {
			t.Errorf("the proposal's reader lacks %q:\n%s", want, s)
		}
	}
	m = keys(t, m, "j")
	if s := screen(m); strings.Contains(s, "Most active") {
		t.Errorf("a reply repeats the topic summary:\n%s", s)
	}
}
