package mailview

import (
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"

	"summit/model/mail"
)

const edgeSample = "../model/testdata/corpora/kernel-edge-sample.mbox"

// bodyWords are the words of a body as the reader should show them: the
// cleaned text, quote markers stripped, split at white space.
func bodyWords(text string) []string {
	var words []string
	for _, l := range strings.Split(mail.CleanText(text, true), "\n") {
		_, rest := splitQuote(l)
		words = append(words, strings.Fields(rest)...)
	}
	return words
}

// shownWords counts the words of a rendering, each visible line split at
// white space with the continuation mark of a broken line dropped.
func shownWords(out string) map[string]int {
	shown := map[string]int{}
	for _, l := range strings.Split(xansi.Strip(out), "\n") {
		for _, f := range strings.Fields(l) {
			if f = strings.TrimPrefix(f, "↪"); f != "" {
				shown[f]++
			}
		}
	}
	return shown
}

// wordFidelity counts how many of a body's words a rendering shows whole,
// each on one line and not cut: every occurrence of a word in the body
// needs its own occurrence in the rendering.
func wordFidelity(body, out string) (intact, total int, cut []string) {
	shown := shownWords(out)
	for _, w := range bodyWords(body) {
		w = dropFormatChars(w)
		if w == "" {
			continue
		}
		total++
		if shown[w] > 0 {
			shown[w]--
			intact++
		} else {
			cut = append(cut, w)
		}
	}
	return intact, total, cut
}

// mayCut reports whether a body has a line that does not fit width
// (quote bars counted): only those can lose a word to wrapping.
func mayCut(text string, width int) bool {
	for _, l := range strings.Split(mail.CleanText(text, true), "\n") {
		d, rest := splitQuote(l)
		if xansi.StringWidth(expandTabs(rest))+2*d+2 > width {
			return true
		}
	}
	return false
}

// TestWordFidelityEdgeSample renders the edge sample at 80 columns and
// counts the body words shown whole (the reader's promise: no word of the
// mail is cut where it fits). By default only the messages with a line
// that can be wrapped are rendered, and only without colour (the others
// cannot lose a word, and colour changes no break; SUMMIT_FULL_SWEEP
// checks both).
func TestWordFidelityEdgeSample(t *testing.T) {
	const width, goal = 80, 0.995
	full := fullSweep()
	modes := []bool{true}
	if full {
		modes = append(modes, false)
	}
	for _, plain := range modes {
		intact, total := 0, 0
		var cut []string
		for _, c := range loadCorpus(t) {
			if c.file != edgeSample {
				continue
			}
			if !full && !mayCut(c.body.Text, width) {
				n := 0
				for _, w := range bodyWords(c.body.Text) {
					if dropFormatChars(w) != "" {
						n++
					}
				}
				intact += n
				total += n
				continue
			}
			out, err := RenderMessage(nil, c.body, RenderOptions{Width: width, Plain: plain, Dark: true})
			if err != nil {
				t.Fatal(err)
			}
			i, n, lost := wordFidelity(c.body.Text, out)
			intact += i
			total += n
			cut = append(cut, lost...)
		}
		share := float64(intact) / float64(total)
		t.Logf("plain=%v: %d of %d words shown whole at %d columns (%.3f%%)", plain, intact, total, width, 100*share)
		if testing.Verbose() && len(cut) > 0 {
			t.Logf("cut: %q", cut)
		}
		if share < goal {
			t.Errorf("plain=%v: %.3f%% of the words shown whole, want %.1f%%", plain, 100*share, 100*goal)
		}
	}
}
