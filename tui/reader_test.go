package tui

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"summit/mailview"
	"summit/model"
	"summit/model/mail"
)

func TestRenderCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newRenderCache()
	key := func(i int) renderKey { return renderKey{id: fmt.Sprint(i), width: 80} }
	for i := range renderCacheSize {
		c.put(key(i), "x")
	}
	c.get(key(0)) // 0 is now the most recent; 1 the least
	c.put(key(renderCacheSize), "x")
	if len(c.entries) != renderCacheSize {
		t.Fatalf("%d entries, cap %d", len(c.entries), renderCacheSize)
	}
	if !c.has(key(0)) || c.has(key(1)) {
		t.Errorf("evicted the wrong entry: has 0 %v, has 1 %v", c.has(key(0)), c.has(key(1)))
	}
}

// countingRender stands in for RenderMessage and counts its calls.
type countingRender struct{ calls atomic.Int32 }

func (c *countingRender) render(msg *mail.Message, _ *mail.Body, opt mailview.RenderOptions) (string, error) {
	c.calls.Add(1)
	return fmt.Sprintf("%s at %d fold=%v", msg.ID, opt.Width, opt.FoldQuotes), nil
}

// withRender swaps the renderer of m, keeping the same cache.
func withRender(m *Model, fn renderFunc) *Model {
	m.reader.render = fn
	return m
}

func TestUpdateNeverRenders(t *testing.T) {
	var cr countingRender
	m := withRender(narrow(t), cr.render)
	// Open a topic and a message: Update returns commands and shows a
	// placeholder; nothing is rendered until the commands run.
	m, cmd1 := sendNoRun(m, press("enter"))
	m, cmd2 := sendNoRun(m, press("enter"))
	_ = m.View()
	if cr.calls.Load() != 0 {
		t.Fatal("Update or View rendered")
	}
	if cmd1 == nil || !strings.Contains(screen(m), "rendering…") {
		t.Fatalf("no render command or no placeholder:\n%s", screen(m))
	}
	for _, msg := range append(runCmd(cmd1), runCmd(cmd2)...) {
		m = send(t, m, msg)
	}
	if !m.reader.ready() || cr.calls.Load() == 0 {
		t.Fatal("the rendered message is not shown")
	}
}

func TestNeighboursAreRenderedAhead(t *testing.T) {
	var cr countingRender
	m := withRender(narrow(t), cr.render)
	m.reader.cache.clear()
	m = keys(t, m, "enter", "j", "enter")
	prev, next := m.thread.neighbours()
	for _, n := range []*mail.Message{prev, next} {
		if !m.reader.cache.has(m.reader.keyFor(n)) {
			t.Errorf("%s was not rendered ahead", n.ID)
		}
	}
	before := cr.calls.Load()
	m, cmd := sendNoRun(m, press("j"))
	if !m.reader.ready() {
		t.Fatal("the next message was not ready at once")
	}
	// Only the new neighbour remains to render.
	msgs := runCmd(cmd)
	if got := cr.calls.Load() - before; got != 1 || len(msgs) != 1 {
		t.Errorf("moving on rendered %d messages, want 1", got)
	}
}

func TestStaleRendersAreDropped(t *testing.T) {
	var cr countingRender
	m := withRender(narrow(t), cr.render)
	m, old := sendNoRun(m, press("enter"))
	oldWidth := m.reader.textWidth()
	// The window narrows before the render comes back: the result is for
	// the old width and must be neither cached nor shown.
	m, cur := sendNoRun(m, tea.WindowSizeMsg{Width: 70, Height: 24})
	for _, msg := range runCmd(old) {
		m, _ = sendNoRun(m, msg)
	}
	for k := range m.reader.cache.entries {
		if k.width == oldWidth {
			t.Fatalf("a rendering for width %d was cached after the resize", oldWidth)
		}
	}
	if m.reader.ready() {
		t.Fatal("the stale rendering is shown")
	}
	for _, msg := range runCmd(cur) {
		m = send(t, m, msg)
	}
	if !m.reader.ready() || !strings.Contains(strings.Join(m.reader.vp.lines, "\n"), fmt.Sprintf("at %d", m.reader.textWidth())) {
		t.Fatalf("shown: %q", strings.Join(m.reader.vp.lines, "\n"))
	}
}

func TestQueuedRendersOfAbandonedMessagesAreSkipped(t *testing.T) {
	var cr countingRender
	m := withRender(narrow(t), cr.render)
	m, first := sendNoRun(m, press("enter"))
	// Held j: the cursor moves on before the first render had its turn.
	var last tea.Cmd
	for range 5 {
		m, last = sendNoRun(m, press("j"))
	}
	for _, msg := range runCmd(first) {
		rm, ok := msg.(renderedMsg)
		if !ok || !rm.skipped {
			t.Fatalf("the abandoned render ran: %+v", msg)
		}
		m, _ = sendNoRun(m, msg)
	}
	if cr.calls.Load() != 0 {
		t.Fatalf("%d renders ran for abandoned messages", cr.calls.Load())
	}
	for _, msg := range runCmd(last) {
		m = send(t, m, msg)
	}
	if !m.reader.ready() || m.thread.cursor != 5 {
		t.Fatal("the message finally selected is not shown")
	}
}

func TestRenderErrorIsShownOnce(t *testing.T) {
	var calls atomic.Int32
	m := withRender(narrow(t), func(*mail.Message, *mail.Body, mailview.RenderOptions) (string, error) {
		calls.Add(1)
		return "", errors.New("broken mail")
	})
	m.reader.cache.clear()
	m = keys(t, m, "enter", "enter")
	if !strings.Contains(screen(m), "cannot be shown: broken mail") {
		t.Fatalf("no error shown:\n%s", screen(m))
	}
	n := calls.Load()
	send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if calls.Load() != n {
		t.Error("a failed render is retried with nothing changed")
	}
}

func TestRenderPanicBecomesAnError(t *testing.T) {
	m := withRender(narrow(t), func(*mail.Message, *mail.Body, mailview.RenderOptions) (string, error) {
		panic("bad mail")
	})
	m.reader.cache.clear()
	m = keys(t, m, "enter", "enter")
	if !strings.Contains(screen(m), "rendering failed: bad mail") {
		t.Fatalf("the panic is not reported:\n%s", screen(m))
	}
}

func TestMissingMessage(t *testing.T) {
	// A reply to a message that is not in the archive: its parent is a
	// dummy node, shown in the tree and explained in the reader.
	msgs := []*mail.Message{
		{ID: "c@x", Subject: "Re: [MAINTAINERS SUMMIT] Topic", From: mail.Address{Name: "Cid"}, InReplyTo: "b@x", References: []string{"b@x"}},
		{ID: "d@x", Subject: "Re: [MAINTAINERS SUMMIT] Topic", From: mail.Address{Name: "Dee"}, InReplyTo: "b@x", References: []string{"b@x"}},
	}
	a := model.NewArchive(msgs)
	m := newLoaded(t, a, 80, 24, true)
	s := screen(m)
	if !strings.Contains(s, "(not in the archive)") {
		t.Fatalf("the missing message is not in the tree:\n%s", s)
	}
	for i, ri := range m.thread.visible {
		if m.thread.rows[ri].node.Msg == nil {
			m.thread.cursor = i
		}
	}
	m = keys(t, m, "enter")
	if m.focus != focusReader || !strings.Contains(screen(m), "not in the archive; replies refer to it") || m.SelectedMessage() != nil {
		t.Fatalf("the reader does not explain the missing message:\n%s", screen(m))
	}
}

// TestSeriesPartsShowTheirNumber: a series proposal ([0/2] with its parts
// as replies) is one topic whose rows say which part each message is.
func TestSeriesPartsShowTheirNumber(t *testing.T) {
	msgs := []*mail.Message{
		{ID: "c@x", Subject: "[PATCH 0/2] docs: maintainer handbook", From: mail.Address{Name: "Ana"}, Seq: 0},
		{ID: "p1@x", Subject: "[PATCH 1/2] docs: maintainer handbook", From: mail.Address{Name: "Ana"}, InReplyTo: "c@x", References: []string{"c@x"}, Seq: 1},
		{ID: "p2@x", Subject: "[PATCH 2/2] docs: maintainer handbook", From: mail.Address{Name: "Ana"}, InReplyTo: "c@x", References: []string{"c@x"}, Seq: 2},
		{ID: "r@x", Subject: "Re: [PATCH 2/2] docs: maintainer handbook", From: mail.Address{Name: "Bo"}, InReplyTo: "p2@x", References: []string{"c@x", "p2@x"}, Seq: 3},
	}
	a := model.NewArchive(msgs)
	if len(a.Topics) != 1 {
		t.Fatalf("%d topics, want the series as one", len(a.Topics))
	}
	m := newLoaded(t, a, 120, 30, true)
	s := screen(m)
	for _, want := range []string{"[PATCH 1/2]", "[PATCH 2/2]"} {
		if !strings.Contains(s, want) {
			t.Errorf("the tree does not show %s:\n%s", want, s)
		}
	}
	if strings.Count(s, "Re: [PATCH 2/2]") != 0 {
		t.Errorf("a reply repeats its part's subject:\n%s", s)
	}
}
