package mail

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeMbox writes an mbox of the given messages (header blocks and
// bodies) to a temporary file.
func writeMbox(t *testing.T, name string, mails ...string) Input {
	t.Helper()
	var b strings.Builder
	for _, m := range mails {
		b.WriteString("From x@y Mon Sep 17 00:00:00 2001\n" + m + "\n")
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return fileInput(p)
}

const (
	pullRequest = "From: Masahiro Yamada <masahiroy@kernel.org>\nSubject: [GIT PULL] Kbuild updates for v6.11-rc1\n" +
		"Date: Sat, 20 Jul 2024 10:00:00 +0900\nMessage-ID: <reused@kernel.org>\n\nHi Linus,\n\nPlease pull Kbuild updates.\n"
	otherReply = "From: Petr Vorel <pvorel@suse.cz>\nSubject: Re: [PATCH] kbuild: something else\n" +
		"Date: Mon, 22 Jul 2024 10:00:00 +0200\nMessage-ID: <reused@kernel.org>\nIn-Reply-To: <patch@suse.cz>\n\nReviewed-by: Petr Vorel <pvorel@suse.cz>\n"
)

func TestReusedMessageIDKeepsBothMails(t *testing.T) {
	a := mustLoad(t, writeMbox(t, "a.mbox", pullRequest, otherReply))
	if len(a.Messages) != 2 {
		t.Fatalf("%d messages, want 2", len(a.Messages))
	}
	first, second := a.Messages[0], a.Messages[1]
	if first.ID != "reused@kernel.org" || first.From.Name != "Masahiro Yamada" {
		t.Errorf("first: %s by %s", first.ID, first.From.Name)
	}
	if !regexp.MustCompile(`^reused@kernel\.org#[0-9a-f]{8}$`).MatchString(second.ID) || second.From.Name != "Petr Vorel" {
		t.Errorf("second: %s by %s", second.ID, second.From.Name)
	}
	if len(second.Warnings()) != 1 || !strings.Contains(second.Warnings()[0], "<reused@kernel.org> is also that of an earlier, different mail") ||
		!strings.Contains(second.Warnings()[0], second.ID) {
		t.Errorf("warnings %q", second.Warnings())
	}
	if a.Lookup("reused@kernel.org") != first || a.Lookup(second.ID) != second {
		t.Error("Lookup does not find them")
	}
	if s := a.Sources[0]; s.Reused != 1 || s.Duplicates != 0 {
		t.Errorf("reused %d, duplicates %d", s.Reused, s.Duplicates)
	}
	// The derived id is stable: annotations stay on it.
	b := mustLoad(t, writeMbox(t, "b.mbox", pullRequest, otherReply))
	if b.Messages[1].ID != second.ID {
		t.Errorf("derived id %s, then %s", second.ID, b.Messages[1].ID)
	}
	// A copy of the second mail, read again, is a duplicate of it.
	c := mustLoad(t, writeMbox(t, "c.mbox", pullRequest, otherReply), writeMbox(t, "d.mbox", otherReply))
	if len(c.Messages) != 2 || c.Sources[1].Duplicates != 1 {
		t.Errorf("%d messages, %d duplicates", len(c.Messages), c.Sources[1].Duplicates)
	}
}

func TestSameMailTwiceIsOne(t *testing.T) {
	listed := func(list string) string {
		return "Received: from " + list + ".example.org\nList-Id: <" + list + ".example.org>\n" + pullRequest
	}
	for name, second := range map[string]string{
		"another list's copy":    listed("linux-kbuild"),
		"CRLF":                   strings.ReplaceAll(listed("other"), "\n", "\r\n"),
		"a list footer appended": listed("mailman") + "_______________________________________________\nmailman mailing list\nhttps://lists.example.org/mailman\n",
		"trailing blank lines":   pullRequest + "\n\n",
	} {
		t.Run(name, func(t *testing.T) {
			a := mustLoad(t, writeMbox(t, "a.mbox", pullRequest), writeMbox(t, "b.mbox", second))
			if len(a.Messages) != 1 || a.Sources[1].Duplicates != 1 || a.Sources[1].Reused != 0 {
				t.Errorf("%d messages, %d duplicates, %d reused", len(a.Messages), a.Sources[1].Duplicates, a.Sources[1].Reused)
			}
		})
	}
	// The same author and a different body is another mail: two patches
	// sent under one id.
	patch := func(n string) string {
		return "From: Pavel Begunkov <asml.silence@gmail.com>\nSubject: [PATCH " + n + "/2] io_uring: fix\n" +
			"Date: Mon, 22 Jul 2024 10:00:00 +0100\nMessage-ID: <one@gmail.com>\n\nPatch " + n + ".\n"
	}
	a := mustLoad(t, writeMbox(t, "p.mbox", patch("1"), patch("2")))
	if len(a.Messages) != 2 || a.Sources[0].Reused != 1 {
		t.Errorf("%d messages, %d reused", len(a.Messages), a.Sources[0].Reused)
	}
}
