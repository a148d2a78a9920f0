package mailview

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode"

	"charm.land/glamour/v2"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"summit/model"
	"summit/model/mail"
)

// The corpora the reader is checked against: the two sample threads and a
// sample of awkward kernel mail.
var corpusFiles = []string{
	"../sample-data/ksummit-2021-accelerator-userspace.mbox",
	"../sample-data/ksummit-2024-device-passthrough.mbox",
	"../model/testdata/corpora/kernel-edge-sample.mbox",
}

type corpusMessage struct {
	file string
	msg  *mail.Message
	body *mail.Body
}

var (
	corpusOnce sync.Once
	corpus     []corpusMessage
	corpusErr  error
)

// loadCorpus loads every message of the corpora once per test binary.
func loadCorpus(t testing.TB) []corpusMessage {
	t.Helper()
	corpusOnce.Do(func() {
		for _, p := range corpusFiles {
			a, err := model.Load([]mail.Input{{Name: p, Path: p}}, mail.LoadOptions{})
			if err != nil {
				corpusErr = err
				return
			}
			for _, m := range a.Messages {
				b, err := m.Body()
				if err != nil {
					corpusErr = fmt.Errorf("%s: %s: %w", p, m.ID, err)
					return
				}
				corpus = append(corpus, corpusMessage{file: p, msg: m, body: b})
			}
		}
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpus
}

func corpusByID(t testing.TB, id string) corpusMessage {
	t.Helper()
	for _, c := range loadCorpus(t) {
		if c.msg.ID == id {
			return c
		}
	}
	t.Fatalf("message %s not in the corpora", id)
	return corpusMessage{}
}

// goldenMessages are real messages chosen for what they exercise.
var goldenMessages = []struct{ name, id string }{
	{"nested-portuguese", "YTx2iShbdcrY4SMk@pendragon.ideasonboard.com"},          // depth 4, "escreveu:", signature
	{"portuguese-two-line", "20210911005214.71b55ac6@coco.lan"},                   // "Em <date>\nX <x@y> escreveu:"
	{"french", "38605f6a-a568-f884-f06f-ea4da5b214f0@csgroup.eu"},                 // "Le ..., X a écrit :"
	{"diff-code-trailers", "20190701073500.GA136163@google.com"},                  // quoted patch, diff, code, trailers
	{"acked-by", "20250619.141817.2042938522863410452.fujita.tomonori@gmail.com"}, // Acked-by trailer under quotes
	{"patch", "20210120174146.12287-1-lazerl0rd@thezest.dev"},                     // format-patch: diffstat, diff, signature
	{"leon-quoted", "20240711140752.GE1482543@nvidia.com"},                        // long quotes of several people
}

// dumpBlocks is a readable listing of blocks for golden files.
func dumpBlocks(blocks []Block) string {
	var b strings.Builder
	for _, bl := range blocks {
		fmt.Fprintf(&b, "[%s depth=%d from=%q]\n", bl.Kind, bl.Depth, bl.From)
		for _, l := range bl.Lines {
			b.WriteString("  |" + l + "\n")
		}
	}
	return b.String()
}

func TestParseMailGolden(t *testing.T) {
	for _, g := range goldenMessages {
		t.Run(g.name, func(t *testing.T) {
			c := corpusByID(t, g.id)
			blocks := ParseMail(c.body.Text)
			golden.RequireEqual(t, dumpBlocks(blocks)+"\n=== markdown ===\n"+mailMarkdown(blocks))
		})
	}
}

func TestParseMailKeepsEveryLine(t *testing.T) {
	for _, c := range loadCorpus(t) {
		t.Run(c.msg.ID, func(t *testing.T) {
			var want, got []string
			for _, l := range strings.Split(c.body.Text, "\n") {
				if _, rest := splitQuote(l); !isBlank(rest) {
					want = append(want, rest)
				}
			}
			for _, bl := range ParseMail(c.body.Text) {
				for _, l := range bl.Lines {
					if !isBlank(l) {
						got = append(got, l)
					}
				}
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("blocks do not hold the body's lines in order: %d lines in blocks, %d in the body", len(got), len(want))
			}
		})
	}
}

func TestParseMailKinds(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // kinds and depths, in order
	}{
		{"prose", "Hello\nworld\n\nBye\n", "prose/0 prose/0"},
		{"quote then answer", "On Mon, Jan 1, 2024 at 10:00AM +0100, Ann Example wrote:\n> question\n\nanswer\n", "attribution/0 quote/1 prose/0"},
		{"nested", "> > deep\n> shallow\n", "quote/2 quote/1"},
		{"attribution needs a quote", "Jim wrote:\nnothing quoted\n", "prose/0"},
		{"signature", "text\n-- \nAnn\nExample Corp\n", "prose/0 signature/0"},
		{"trailers", "Looks good.\n\nAcked-by: Ann <a@example.org>\nReviewed-by: Bob <b@example.org>\n", "prose/0 trailers/0"},
		{"format-patch", "Fix it.\n\nSigned-off-by: Ann <a@example.org>\n---\n a.c | 2 +-\n 1 file changed, 1 insertion(+), 1 deletion(-)\n\ndiff --git a/a.c b/a.c\nindex 1..2 100644\n--- a/a.c\n+++ b/a.c\n@@ -1 +1 @@\n-x\n+y\n-- \n2.40.0\n", "prose/0 trailers/0 diff/0 signature/0"},
		{"code", "Like this:\n\n\tif (x)\n\t\treturn;\n\nok\n", "prose/0 code/0 prose/0"},
		{"code after colon", "Like this:\n\tfoo();\nok\n", "prose/0 code/0 prose/0"},
		{"dash line is not a diff", "a\n---\nb\n", "prose/0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, b := range ParseMail(tt.text) {
				got = append(got, fmt.Sprintf("%s/%d", b.Kind, b.Depth))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("got %s, want %s", strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestAttributionNames(t *testing.T) {
	tests := []struct{ lines, want string }{
		{"On Sat, Sep 11, 2021 at 12:52:14AM +0200, Mauro Carvalho Chehab wrote:", "Mauro Carvalho Chehab"},
		{"On Mon, Sep 13, 2021 at 3:20 PM Arnd Bergmann <arnd@arndb.de> wrote:", "Arnd Bergmann"},
		{"On Sun, 28 Jul 2024 11:49:44 -0400 James Bottomley wrote:", "James Bottomley"},
		{"On Fri, 2021-09-10 at 15:00 -0600, Jonathan Corbet wrote:", "Jonathan Corbet"},
		{"Jason Gunthorpe wrote:", "Jason Gunthorpe"},
		{"Dan Williams <dan.j.williams@intel.com> wrote:", "Dan Williams"},
		{"On Sat, Sep 11, 2021 at 12:27:37PM +0300, Laurent Pinchart\n<laurent.pinchart@ideasonboard.com> wrote:", "Laurent Pinchart"},
		{"Em Fri, 10 Sep 2021 15:00:58 -0600 Jonathan Corbet escreveu:", "Jonathan Corbet"},
		{"Em Fri, 10 Sep 2021 15:00:58 -0600\nJonathan Corbet <corbet@lwn.net> escreveu:", "Jonathan Corbet"},
		{"Am 13.09.21 um 10:00 schrieb Christian König:", "Christian König"},
		{"Am Montag, 13. September 2021, 10:00:01 CEST schrieb Thomas Zimmermann:", "Thomas Zimmermann"},
		{"Le 16/04/2021 à 08:08, Christophe Leroy a écrit :", "Christophe Leroy"},
		{"Le lun. 13 sept. 2021 à 10:00, Jean Dupont <jean@example.fr> a écrit :", "Jean Dupont"},
		{"El lun, 13 sept 2021 a las 10:00, Ana García (<ana@example.es>) escribió:", "Ana García"},
		{"Il giorno lun 13 set 2021 alle ore 10:00 Mario Rossi <m@example.it> ha scritto:", "Mario Rossi"},
		{"<leon@kernel.org> wrote:", "leon@kernel.org"},
		{"Quoting Greg KH (2021-09-12 15:25:58):", "Greg KH"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			text := tt.lines + "\n> quoted\n"
			blocks := ParseMail(text)
			if len(blocks) != 2 || blocks[0].Kind != BlockAttribution {
				t.Fatalf("not recognised as an attribution:\n%s", dumpBlocks(blocks))
			}
			if blocks[0].From != tt.want || blocks[1].From != tt.want {
				t.Errorf("from = %q (quote %q), want %q", blocks[0].From, blocks[1].From, tt.want)
			}
		})
	}
}

// mailMarkdown writes the blocks as one CommonMark document: prose with
// every metacharacter neutralised and each mail line a hard line break,
// quotes as nested block quotes, diffs and code fenced, trailers listed.
// The renderer goes block by block; the goldens show the whole document.
func mailMarkdown(blocks []Block) string {
	var b strings.Builder
	for i, bl := range blocks {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(blockMarkdown(bl, strings.Repeat("> ", bl.Depth)))
	}
	return b.String()
}

// plainRenderer renders markdown without colour, the way prose is.
func plainRenderer(t testing.TB, width int) *glamour.TermRenderer {
	st := glamourStyle(false, true)
	st.Document.BlockPrefix, st.Document.BlockSuffix = "", ""
	tr, err := glamour.NewTermRenderer(glamour.WithStyles(st), glamour.WithWordWrap(width), glamour.WithPreservedNewLines())
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// normalizeSpace collapses every run of white space (no-break spaces
// included) to one space.
func normalizeSpace(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// escapedLineShowsItself checks that a line, escaped and rendered, reads
// exactly as it was written.
func escapedLineShowsItself(t *testing.T, tr *glamour.TermRenderer, line string) {
	t.Helper()
	md := EscapeMarkdownLine(line)
	out, err := tr.Render(md)
	if err != nil {
		t.Fatal(err)
	}
	got := normalizeSpace(xansi.Strip(out))
	want := normalizeSpace(expandTabs(line))
	if got != want {
		t.Errorf("line %q\nmarkdown %q\nrenders as %q", line, md, got)
	}
}

func TestEscapeMarkdownLine(t *testing.T) {
	tr := plainRenderer(t, 1000)
	for _, line := range []string{
		"# not a heading", "## nor this", "* not a bullet", "- nor this", "+ nor this", "1. not a list", "12) nor this",
		"> not a quote", "Greg KH <greg@kroah.com>", "<div>html</div>", "a *b* _c_ __init__ **d**",
		"`code` and ``more``", "[link](http://example.org) ![img](x.png)", "a | b | c", "---", "===", "***", "___",
		"~~struck~~ ~single~ ~/path", "&amp; &lt; &#42; Q&A", "back\\slash\\", "www.kernel.org", "foo@bar.org",
		": definition", "    four spaces", "\ttab\tinside", "see https://lore.kernel.org/r/a_b*c@x.org/T/#u.",
		"(https://example.org/wiki/Foo_(bar))", "<https://example.org/x_y>", "[ ] task", "\\*", "1.5 is a number",
		"a\u00a0nbsp", "emoji :smile: stays", "$x^2$ {braces} \"quotes\" 'single' @at %percent",
	} {
		escapedLineShowsItself(t, tr, line)
	}
}

func FuzzEscapeMarkdownLine(f *testing.F) {
	for _, s := range []string{"# x", "> y", "a_b_c", "<a@b>", "http://x.org/a_b", "1. x", "~~x~~", "&amp;", "`x`", "***", "- [ ] x"} {
		f.Add(s)
	}
	// Glamour pads every line to the wrap width, so keep it modest and
	// the lines shorter than it.
	tr := plainRenderer(f, 1000)
	f.Fuzz(func(t *testing.T, line string) {
		line = mail.CleanText(line, false)
		if strings.ContainsAny(line, "\n\t") || len(line) > 300 {
			return
		}
		escapedLineShowsItself(t, tr, line)
	})
}

func TestMailMarkdownKeepsLineBreaks(t *testing.T) {
	md := mailMarkdown(ParseMail("one\ntwo\n> three\n> four\n"))
	want := "one\\\ntwo\n\n> three\\\n> four\n"
	if md != want {
		t.Errorf("got %q, want %q", md, want)
	}
}

func TestMailMarkdownFencesCode(t *testing.T) {
	md := mailMarkdown([]Block{{Kind: BlockDiff, Lines: []string{"+```", "-x"}}})
	if !strings.HasPrefix(md, "````diff\n") || !strings.HasSuffix(md, "\n````\n") {
		t.Errorf("fence must outrun the backticks inside:\n%s", md)
	}
}
