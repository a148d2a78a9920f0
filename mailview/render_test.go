package mailview

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	xansi "github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"summit/model/mail"
)

var goldenWidths = []int{60, 80, 120}

func TestRenderMessageGolden(t *testing.T) {
	for _, g := range goldenMessages {
		c := corpusByID(t, g.id)
		for _, w := range goldenWidths {
			t.Run(fmt.Sprintf("%s/w%d", g.name, w), func(t *testing.T) {
				out, err := RenderMessage(c.msg, c.body, RenderOptions{Width: w, Plain: true})
				if err != nil {
					t.Fatal(err)
				}
				golden.RequireEqual(t, out)
			})
		}
	}
}

func TestRenderMessageFoldedGolden(t *testing.T) {
	c := corpusByID(t, "20240711140752.GE1482543@nvidia.com")
	out, err := RenderMessage(c.msg, c.body, RenderOptions{Width: 80, Plain: true, FoldQuotes: true})
	if err != nil {
		t.Fatal(err)
	}
	golden.RequireEqual(t, out)
}

// TestRenderFoldsQuotesByAuthor checks the folded line against the blocks
// it replaces, on every corpus message with a long enough quote.
func TestRenderFoldsQuotesByAuthor(t *testing.T) {
	folded := 0
	for _, c := range loadCorpus(t) {
		blocks := ParseMail(mail.CleanText(c.body.Text, true))
		var want []string
		allFold := true
		for i := 0; i < len(blocks); i++ {
			if run, ok := quoteRunAt(blocks, i); ok {
				if run.lines >= foldMinLines {
					want = append(want, FoldLabel(run.lines, run.from))
				} else {
					allFold = false
				}
				i = run.end - 1
			}
		}
		if len(want) == 0 {
			continue
		}
		folded++
		out, err := RenderMessage(c.msg, c.body, RenderOptions{Width: 200, Plain: true, FoldQuotes: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range want {
			if !strings.Contains(out, "▸ "+l+"\n") {
				t.Errorf("%s: folded render lacks %q", c.msg.ID, l)
			}
		}
		if allFold && strings.Contains(out, "│") {
			t.Errorf("%s: quote bars left in a folded render", c.msg.ID)
		}
	}
	if folded == 0 {
		t.Fatal("no message with a foldable quote in the corpora")
	}
}

func TestFoldLabelNamesWhoIsQuoted(t *testing.T) {
	c := corpusByID(t, "20240711140752.GE1482543@nvidia.com")
	out, err := RenderMessage(c.msg, c.body, RenderOptions{Width: 100, Plain: true, FoldQuotes: true})
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`▸ \d+ quoted lines from Leon Romanovsky\n`).MatchString(out) {
		t.Errorf("no fold line naming Leon Romanovsky:\n%s", out)
	}
}

// squeeze drops white space, quote bars and continuation marks: what is
// left must hold every body line, in order, however the lines were
// wrapped or reflowed.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '│' || r == '↪' {
			return -1
		}
		return r
	}, s)
}

// fullSweep reports whether the corpus sweeps render every message in
// every mode: with SUMMIT_FULL_SWEEP=1 (CI sets it), unless -short. By
// default each message is rendered in one mode, the modes taken in turn,
// so that every mode still meets a sixth of the corpus and `go test ./...`
// stays fast.
func fullSweep() bool { return os.Getenv("SUMMIT_FULL_SWEEP") == "1" && !testing.Short() }

// sweepModes are the modes of the corpus sweep: every golden width, in
// colour and plain.
func sweepModes() (modes []RenderOptions) {
	for _, w := range goldenWidths {
		for _, plain := range []bool{false, true} {
			modes = append(modes, RenderOptions{Width: w, Plain: plain, Dark: w != 80})
		}
	}
	return modes
}

// TestRenderNoLineLostNoneTooWide renders corpus messages at three widths,
// in colour and plain (every message in every mode with fullSweep), and
// checks that every non-blank body line survives as a run of text, that
// no word short enough to fit any row is split (nor lost), and that no
// rendered line is too wide.
func TestRenderNoLineLostNoneTooWide(t *testing.T) {
	modes := sweepModes()
	full := fullSweep()
	for i, c := range loadCorpus(t) {
		t.Run(c.msg.ID, func(t *testing.T) {
			t.Parallel()
			text := dropFormatChars(mail.CleanText(c.body.Text, true))
			for k, opt := range modes {
				if !full && k != i%len(modes) {
					continue
				}
				w, plain := opt.Width, opt.Plain
				out, err := RenderMessage(c.msg, c.body, opt)
				if err != nil {
					t.Fatal(err)
				}
				visible := xansi.Strip(out)
				for n, l := range strings.Split(strings.TrimSuffix(visible, "\n"), "\n") {
					if lw := xansi.StringWidth(l); lw > w {
						t.Errorf("width %d plain=%v: line %d is %d wide: %q", w, plain, n+1, lw, l)
					}
				}
				all := squeeze(visible)
				for _, l := range strings.Split(text, "\n") {
					_, rest := splitQuote(l)
					if s := squeeze(rest); s != "" && !strings.Contains(all, s) {
						t.Errorf("width %d plain=%v: line lost: %q", w, plain, l)
					}
				}
				shown := shownWords(out)
				for _, word := range bodyWords(text) {
					if len(word) > shortWord || hasWide(word) {
						continue // CJK text breaks between characters
					}
					if shown[word] == 0 {
						t.Errorf("width %d plain=%v: word %q split or lost", w, plain, word)
					}
					shown[word]--
				}
			}
		})
	}
}

// shortWord is the longest word the corpus sweep requires whole: one that
// fits the narrowest text the renderer gives quoted text (minQuoteWidth),
// the continuation mark included.
const shortWord = minQuoteWidth - continuationMarkWidth

func TestRenderLongWordsWrap(t *testing.T) {
	url := "https://lore.kernel.org/ksummit/" + strings.Repeat("0123456789abcdef", 12) + "@example.org/T/#u"
	word := strings.Repeat("x", 150)
	body := &mail.Body{Text: "See " + url + " now.\n\n" + word + "\n\n> " + url + "\n\n+" + word + "\n"}
	msg := &mail.Message{Subject: strings.Repeat("long subject ", 20) + word, From: mail.Address{Name: "A", Email: "a@example.org"}}
	for _, w := range []int{20, 40, 60} {
		out, err := RenderMessage(msg, body, RenderOptions{Width: w, Dark: true})
		if err != nil {
			t.Fatal(err)
		}
		visible := xansi.Strip(out)
		for _, l := range strings.Split(visible, "\n") {
			if xansi.StringWidth(l) > w {
				t.Errorf("width %d: %q is too wide", w, l)
			}
		}
		if !strings.Contains(squeeze(visible), squeeze(url)) || !strings.Contains(squeeze(visible), word) {
			t.Errorf("width %d: long words lost", w)
		}
		// The link stays whole behind its broken text.
		if !strings.Contains(out, "\x1b]8;") || !strings.Contains(out, ";"+url+"\a") {
			t.Errorf("width %d: the URL is not a whole hyperlink", w)
		}
	}
}

func TestRenderPreservesLineBreaks(t *testing.T) {
	body := &mail.Body{Text: "first line\nsecond line\n> quoted one\n> quoted two\n>> deeper one\n>> deeper two\n"}
	out, err := RenderMessage(nil, body, RenderOptions{Width: 80, Plain: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "first line\nsecond line\n\n│ quoted one\n│ quoted two\n│\n│ │ deeper one\n│ │ deeper two\n"
	if out != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}

// hostile is a mail that tries to clear the screen, set the window title,
// write the clipboard, move the cursor with an 8-bit CSI and reverse the
// text, in every field that reaches the screen.
const hostile = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\u009b31m\u202eevil\u202c\x1bP+q\x1b\\\x07\x08\x00"

func TestRenderHostileMail(t *testing.T) {
	msg := &mail.Message{
		Subject: "subject" + hostile,
		From:    mail.Address{Name: "name" + hostile, Email: "mail" + hostile + "@example.org"},
		Date:    time.Date(2024, 7, 8, 12, 0, 0, 0, time.UTC),
	}
	msg.AddWarning("warning" + hostile)
	body := &mail.Body{
		Text:        "body" + hostile + "\n> quoted" + hostile + "\n\ndiff --git a/x b/x\n+added" + hostile + "\n-- \nsig" + hostile + "\n",
		Attachments: []mail.Attachment{{Name: "file" + hostile + ".txt", Type: "text/plain" + hostile, Size: 10}},
		Warnings:    []string{"body warning" + hostile},
	}
	// Only SGR and OSC 8 hyperlinks may appear: what glamour and lipgloss emit.
	allowed := regexp.MustCompile(`\x1b\[[0-9;:]*m|\x1b\]8;[^\x07\x1b]*(\x07|\x1b\\)`)
	for _, opt := range []RenderOptions{{Width: 80, Dark: true}, {Width: 60}, {Width: 80, Plain: true}, {Width: 80, FoldQuotes: true}} {
		out, err := RenderMessage(msg, body, opt)
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"\x1b[2J", "\x1b]0;", "\x1b]52;", "\u009b", "\u202e", "\u202c", "\x1bP", "\x08", "\x00"} {
			if strings.Contains(out, bad) {
				t.Errorf("%+v: output holds %q", opt, bad)
			}
		}
		rest := allowed.ReplaceAllString(out, "")
		for _, r := range rest {
			if r == 0x1b || r == 0x07 || (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) {
				t.Errorf("%+v: control character %U left after the allowed sequences", opt, r)
			}
		}
		if stripped := xansi.Strip(out); strings.ContainsRune(stripped, 0x1b) {
			t.Errorf("%+v: escape left after stripping", opt)
		}
		for _, want := range []string{"subject", "name", "body", "quoted", "added", "sig", "file", "warning", "evil"} {
			if !strings.Contains(xansi.Strip(out), want) && !(opt.FoldQuotes && want == "quoted") {
				t.Errorf("%+v: %q missing: the text around the escapes must stay", opt, want)
			}
		}
	}
}

// TestRenderConcurrent renders the same messages from several goroutines
// (run with -race): the results must match a render made alone.
func TestRenderConcurrent(t *testing.T) {
	var cs []corpusMessage
	for _, g := range goldenMessages {
		cs = append(cs, corpusByID(t, g.id))
	}
	want := make([]string, len(cs))
	for i, c := range cs {
		out, err := RenderMessage(c.msg, c.body, RenderOptions{Width: 80, Dark: true})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = out
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, c := range cs {
				out, err := RenderMessage(c.msg, c.body, RenderOptions{Width: 80, Dark: true})
				if err != nil || out != want[i] {
					t.Errorf("%s: concurrent render differs (err %v)", c.msg.ID, err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestRenderNoPaddingLeft(t *testing.T) {
	c := corpusByID(t, goldenMessages[0].id)
	out, err := RenderMessage(c.msg, c.body, RenderOptions{Width: 120, Dark: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(xansi.Strip(out), "\n") {
		if strings.HasSuffix(l, " ") && strings.TrimSpace(l) != "" && l != "-- " {
			t.Fatalf("line keeps trailing padding: %q", l)
		}
	}
}

// BenchmarkRenderMessage renders the longest message of the sample threads.
func BenchmarkRenderMessage(b *testing.B) {
	var longest corpusMessage
	for _, c := range loadCorpus(b) {
		if strings.Contains(c.file, "sample-data") && (longest.body == nil || len(c.body.Text) > len(longest.body.Text)) {
			longest = c
		}
	}
	b.ReportMetric(float64(len(longest.body.Text)), "body-bytes")
	b.ResetTimer()
	for b.Loop() {
		if _, err := RenderMessage(longest.msg, longest.body, RenderOptions{Width: 100, Dark: true}); err != nil {
			b.Fatal(err)
		}
	}
}
