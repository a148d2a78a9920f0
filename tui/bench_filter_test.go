package tui

import (
	"testing"
)

// BenchmarkFilterKeystroke100k is one character typed in the topic filter
// and the frame after it, on the generated 100k-message archive: the first
// character (the filter's text is built then) and the ones after it.
func BenchmarkFilterKeystroke100k(b *testing.B) {
	a := loadFile(b, writeGenerated(b, benchMessages()), nil)
	defer a.Close()
	base := newLoaded(b, a, 160, 48, true)
	b.Logf("%d topics", len(base.topics.topics))
	b.Run("first", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			m := newLoaded(b, a, 160, 48, true)
			m, _ = sendNoRun(m, press("/"))
			b.StartTimer()
			m, _ = sendNoRun(m, press("m"))
			_ = m.View()
		}
	})
	b.Run("next", func(b *testing.B) {
		m, _ := sendNoRun(base, press("/"))
		m, _ = sendNoRun(m, press("m"))
		word := []string{"e", "m", "o", "r", "y"}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			if i%len(word) == 0 && i > 0 {
				for range word {
					m, _ = sendNoRun(m, press("delete"))
				}
			}
			m, _ = sendNoRun(m, press(word[i%len(word)]))
			_ = m.View()
			i++
		}
	})
}
