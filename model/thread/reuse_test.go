package thread_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"summit/model"
	"summit/model/mail"
	"summit/model/thread"
)

// A different mail that reuses a Message-ID is kept under a derived id:
// replies, which name the plain id, thread to the first mail.
func TestReusedMessageIDThreadsToTheFirst(t *testing.T) {
	mbox := "From x Mon Sep 17 00:00:00 2001\nFrom: Masahiro Yamada <masahiroy@kernel.org>\nSubject: [GIT PULL] Kbuild updates\n" +
		"Date: Sat, 20 Jul 2024 10:00:00 +0900\nMessage-ID: <reused@kernel.org>\n\nPlease pull.\n\n" +
		"From x Mon Sep 17 00:00:00 2001\nFrom: Petr Vorel <pvorel@suse.cz>\nSubject: Re: [PATCH] kbuild: other\n" +
		"Date: Mon, 22 Jul 2024 10:00:00 +0200\nMessage-ID: <reused@kernel.org>\nIn-Reply-To: <patch@suse.cz>\n\nReviewed-by: Petr Vorel\n\n" +
		"From x Mon Sep 17 00:00:00 2001\nFrom: Linus Torvalds <torvalds@linux-foundation.org>\nSubject: Re: [GIT PULL] Kbuild updates\n" +
		"Date: Sun, 21 Jul 2024 10:00:00 -0700\nMessage-ID: <reply@linux-foundation.org>\nIn-Reply-To: <reused@kernel.org>\nReferences: <reused@kernel.org>\n\n> Please pull.\n\nPulled.\n"
	p := filepath.Join(t.TempDir(), "reuse.mbox")
	if err := os.WriteFile(p, []byte(mbox), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := model.Load([]mail.Input{{Name: p, Path: p}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	thread.CheckInvariants(t, a.Messages, a.Topics)
	if len(a.Messages) != 3 {
		t.Fatalf("%d messages, want 3", len(a.Messages))
	}
	var pull, other *thread.Topic
	for _, tp := range a.Topics {
		switch {
		case tp.ID == "reused@kernel.org":
			pull = tp
		case strings.HasPrefix(tp.ID, "reused@kernel.org#"):
			other = tp
		}
	}
	if pull == nil || other == nil {
		t.Fatalf("topics %v", a.Topics)
	}
	if len(pull.Messages) != 2 || pull.Messages[1].From.Name != "Linus Torvalds" {
		t.Errorf("the pull request's topic holds %d messages", len(pull.Messages))
	}
	if len(other.Messages) != 1 || other.Messages[0].From.Name != "Petr Vorel" {
		t.Errorf("the other mail's topic holds %d messages", len(other.Messages))
	}
}
