package tui

import (
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// TestOverlaysFollowTheScreen opens each overlay, types into the ones that
// take text, then resizes the window and turns the background light under
// it: each stays open, fits the new screen, keeps what was typed, and
// takes the new styles; the preview renders again for its new size.
func TestOverlaysFollowTheScreen(t *testing.T) {
	for _, tc := range []struct {
		name  string
		open  []string
		typed string
		want  string
	}{
		{"help", []string{"?"}, "", "Moving"},
		{"question", []string{"o", "up"}, "Why", "Open question raised by"},
		{"questions", []string{"O"}, "", "Open questions"},
		{"note", []string{"n"}, "Kept", "Note on the message"},
		{"preview", []string{"p"}, "", "Agenda preview"},
		{"export", []string{"e"}, "/x", "Write the agenda"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := triaging(t, 120, 40)
			m = keys(t, m, tc.open...)
			m = typeText(t, m, tc.typed)
			m = send(t, m, tea.WindowSizeMsg{Width: 70, Height: 20})
			m = send(t, m, tea.BackgroundColorMsg{Color: lightBG})
			if m.overlay == nil {
				t.Fatal("the overlay closed")
			}
			s := screen(m)
			lines := strings.Split(s, "\n")
			if len(lines) != 20 {
				t.Errorf("%d lines, want 20", len(lines))
			}
			for i, l := range lines {
				if w := textWidth(l); w != 70 {
					t.Errorf("line %d is %d wide: %q", i, w, l)
				}
			}
			for _, want := range []string{tc.want, tc.typed} {
				if !strings.Contains(s, want) {
					t.Errorf("the screen lacks %q:\n%s", want, s)
				}
			}
			if strings.Contains(s, "rendering…") {
				t.Errorf("the preview is not rendered again:\n%s", s)
			}
			light := stylesFor(false, false)
			switch o := m.overlay.(type) {
			case *textField:
				if !reflect.DeepEqual(o.input.Styles(), light.Input) {
					t.Error("the field keeps the dark background's styles")
				}
			case *noteArea:
				if !reflect.DeepEqual(o.ta.Styles(), light.Note) {
					t.Error("the note keeps the dark background's styles")
				}
			case *previewOverlay:
				if o.st.Dark || o.renderW != 70-o.st.HelpBox.GetHorizontalFrameSize() {
					t.Errorf("the preview renders dark=%v at %d columns", o.st.Dark, o.renderW)
				}
			}
		})
	}
}
