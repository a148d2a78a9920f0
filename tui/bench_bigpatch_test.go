package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"summit/model"
	"summit/model/mail"
)

// writeBigPatch writes a two-message thread whose first message is a
// patch of about size bytes, and a short reply.
func writeBigPatch(b testing.TB, size int) string {
	b.Helper()
	var sb strings.Builder
	sb.WriteString("From a@x Mon Jan  1 00:00:00 2024\nFrom: Ana <a@x>\nSubject: [PATCH] drivers: a very large change\nMessage-ID: <big@x>\nDate: Mon, 1 Jan 2024 00:00:00 +0000\n\nThe patch.\n\n---\n")
	for i := 0; sb.Len() < size; i++ {
		fmt.Fprintf(&sb, "diff --git a/drivers/gpu/file%d.c b/drivers/gpu/file%d.c\n--- a/drivers/gpu/file%d.c\n+++ b/drivers/gpu/file%d.c\n@@ -1,4 +1,4 @@\n", i, i, i, i)
		for j := 0; j < 20; j++ {
			fmt.Fprintf(&sb, "+\tstatic int value_%d_%d = compute_something(dev, %d); /* a comment */\n", i, j, j)
		}
	}
	sb.WriteString("\nFrom b@x Mon Jan  1 01:00:00 2024\nFrom: Bo <b@x>\nSubject: Re: [PATCH] drivers: a very large change\nMessage-ID: <re@x>\nIn-Reply-To: <big@x>\nReferences: <big@x>\nDate: Mon, 1 Jan 2024 01:00:00 +0000\n\nLooks fine.\n")
	p := filepath.Join(b.TempDir(), "big.mbox")
	if err := os.WriteFile(p, []byte(sb.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkBigPatch is a key and the frame after it in the reader on a 2
// MB patch: "cached" goes between the patch and its reply once both are
// rendered (what showing it again costs), "scroll" pages through it, and
// "render" is the whole rendering, which runs off the UI loop, after
// "first-screen", what is shown meanwhile.
func BenchmarkBigPatch(b *testing.B) {
	a, m := openBigPatch(b)
	m = send(b, m, press("j")) // the reply, rendered
	m = send(b, m, press("k"))
	b.Run("cached", func(b *testing.B) { m = alternate(b, m, 1, press("j"), press("k")) })
	b.Run("scroll", func(b *testing.B) { m = pageThrough(b, m) })
	// first-screen is how long a reader waits before the patch shows:
	// its body read and its first screens rendered (renderCmd).
	b.Run("first-screen", func(b *testing.B) {
		msg := a.Lookup("big@x")
		for b.Loop() {
			body, _ := msg.Body()
			head, long := firstScreens(body.Text)
			if !long {
				b.Fatal("the patch is not long")
			}
			hb := *body
			hb.Text = head
			if _, err := m.reader.render(msg, &hb, renderOptionsFor(m.reader.keyFor(msg))); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("render", func(b *testing.B) {
		msg := a.Lookup("big@x")
		for b.Loop() {
			body, _ := msg.Body()
			if _, err := m.reader.render(msg, body, renderOptionsFor(m.reader.keyFor(msg))); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// openBigPatch loads a thread whose first message is a 2 MB patch and
// opens that message in the reader, rendered, at 160x48.
func openBigPatch(b *testing.B) (*model.Archive, *Model) {
	b.Helper()
	p := writeBigPatch(b, 2<<20)
	a, err := model.Load([]mail.Input{{Name: "big.mbox", Path: p}}, mail.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	m := newLoaded(b, a, 160, 48, true)
	m = send(b, m, press("enter"))
	if !m.reader.ready() || m.reader.vp.total() < 10000 {
		b.Fatalf("the patch is not shown (%d lines)", m.reader.vp.total())
	}
	return a, m
}

// pageThrough pages the message, 50 pages down and 50 back.
func pageThrough(b *testing.B, m *Model) *Model {
	return alternate(b, m, 50, press("space"), press("b"))
}

// alternate is the benchmarks' key loop: there run times, then back run
// times, and again, so that the model never runs off the end of what it
// moves through; a key (or message) and its frame a loop.
func alternate(b *testing.B, m *Model, run int, there, back tea.Msg) *Model {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		msg := there
		if (i/run)%2 == 1 {
			msg = back
		}
		m, _ = sendNoRun(m, msg)
		_ = m.View()
		i++
	}
	return m
}
