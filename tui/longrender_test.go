package tui

import (
	"strings"
	"testing"

	"summit/model"
	"summit/model/mail"
)

// TestLongMessageShowsItsFirstScreensFirst: a patch of megabytes is shown
// from its first screens, with a line saying the rest is rendering, and
// then whole, where the reader had scrolled to; only the whole is cached.
func TestLongMessageShowsItsFirstScreensFirst(t *testing.T) {
	p := writeBigPatch(t, 1<<20)
	a, err := model.Load([]mail.Input{{Name: "big.mbox", Path: p}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	big := a.Lookup("big@x")
	r := newReader(1)
	r.setSize(100, 40)
	cmd := r.show(big, false, nil, nil, true)
	first, ok := cmd().(renderedMsg)
	if !ok || first.rest == nil {
		t.Fatalf("the first render of a long message is not its first screens: %T %+v", first, first.rest)
	}
	rest := r.rendered(first)
	if !r.partial || !strings.Contains(r.body, strings.TrimSpace(restPlaceholder)) || r.cache.has(r.key) {
		t.Fatalf("first screens: partial %v, cached %v", r.partial, r.cache.has(r.key))
	}
	if n := strings.Count(r.body, "\n"); n < 40 || n > 2000 {
		t.Errorf("the first screens are %d lines", n)
	}
	// show again (the root does after every message) starts no second
	// render while the rest is coming.
	if again := r.show(big, false, nil, nil, true); again != nil {
		t.Error("show starts another render while the rest renders")
	}
	r.vp.scroll(25)
	full, ok := rest().(renderedMsg)
	if !ok || full.rest != nil || full.err != nil {
		t.Fatalf("the rest: %+v", full)
	}
	r.rendered(full)
	if r.partial || strings.Contains(r.body, strings.TrimSpace(restPlaceholder)) || !r.cache.has(r.key) {
		t.Fatalf("after the rest: partial %v, cached %v", r.partial, r.cache.has(r.key))
	}
	if r.vp.y != 25 {
		t.Errorf("the whole message moved the reader to line %d, want 25", r.vp.y)
	}
	if n := strings.Count(r.body, "\n"); n < 10000 {
		t.Errorf("the whole message is %d lines", n)
	}

	// A short message is rendered in one go.
	reply := a.Lookup("re@x")
	if msg := r.show(reply, false, nil, nil, true)().(renderedMsg); msg.rest != nil {
		t.Error("a short message is rendered in two steps")
	}
}

func TestFirstScreens(t *testing.T) {
	line := strings.Repeat("x", 99) + "\n"
	long := strings.Repeat(line, longMessageBytes/len(line)+10)
	head, ok := firstScreens(long)
	if !ok || strings.Count(head, "\n") != firstScreenLines || !strings.HasPrefix(long, head) {
		t.Fatalf("firstScreens: %v, %d lines", ok, strings.Count(head, "\n"))
	}
	if _, ok := firstScreens(line); ok {
		t.Error("a short text has first screens")
	}
	// Long, but in few lines (a base64 blob): nothing to gain.
	if _, ok := firstScreens(strings.Repeat("y", longMessageBytes*2)); ok {
		t.Error("a text of one long line is cut")
	}
}
