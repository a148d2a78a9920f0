package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// BenchmarkSearchBigPatch is the reader's search on the 2 MB patch of
// BenchmarkBigPatch: "page" is a key and the frame after it with a search
// on that matches on every screen (the highlights are drawn for the lines
// on screen only), "type" is one more letter of the word typed, which
// looks through every line of the message again.
func BenchmarkSearchBigPatch(b *testing.B) {
	_, m := openBigPatch(b)
	m = send(b, m, press("/"))
	m = typeText(b, m, "compute")
	m = send(b, m, press("enter"))
	if len(m.reader.search.matches) < 10000 {
		b.Fatalf("%d matches", len(m.reader.search.matches))
	}
	b.Run("page", func(b *testing.B) { m = pageThrough(b, m) })
	b.Run("next", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m, _ = sendNoRun(m, press("n"))
			_ = m.View()
		}
	})
	b.Run("type", func(b *testing.B) {
		m = send(b, m, press("/"))
		m = typeText(b, m, "compute_somethin")
		m = alternate(b, m, 1, tea.KeyPressMsg{Code: 'g', Text: "g"}, tea.KeyPressMsg{Code: tea.KeyBackspace})
	})
}
