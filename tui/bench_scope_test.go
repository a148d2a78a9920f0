package tui

import (
	"testing"
)

// BenchmarkScopeSort100k is changing the order of the topic list (>) or
// the scope (w, as the field's enter applies it), and the frame after it,
// on the generated 100k-message archive: neither reloads anything, so
// each must fit in a frame.
func BenchmarkScopeSort100k(b *testing.B) {
	a := loadFile(b, writeGenerated(b, benchMessages()), nil)
	defer a.Close()
	m := newLoaded(b, a, 160, 48, true)
	b.Run("sort", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m, _ = sendNoRun(m, press(">"))
			_ = m.View()
		}
	})
	b.Run("scope", func(b *testing.B) {
		scopes := []string{"2024-01-01..2024-06-30", ""}
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			m.setScope(scopes[i%2])
			_ = m.View()
			i++
		}
	})
}
