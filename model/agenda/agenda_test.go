package agenda

import (
	"summit/model"

	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"

	"summit/model/thread"

	"summit/model/mail"

	"summit/model/annot"
)

// agendaMail is one message of a hand-built thread: a reply to the topic's
// root unless it is the first.
type agendaMail struct {
	id, from, date string // date "2006-01-02 15:04", "" for unknown
}

// agendaTopicOf builds a topic the way the threader would, from a root and
// its replies in thread order. Seq continues from *seq.
func agendaTopicOf(title, label string, seq *int, mails ...agendaMail) *thread.Topic {
	t := &thread.Topic{Title: title, Label: label}
	counts := map[string]*thread.Participant{}
	var order []string
	for _, am := range mails {
		m := &mail.Message{ID: am.id, From: agendaAddress(am.from), Seq: int32(*seq)}
		*seq++
		if am.date != "" {
			d, err := time.Parse("2006-01-02 15:04", am.date)
			if err != nil {
				panic(err)
			}
			m.Date = d
		} else {
			m.DateUnknown = true
		}
		node := &thread.Node{ID: m.ID, Msg: m}
		if t.Root == nil {
			t.ID, t.Root, t.Proposer = m.ID, node, m.From
		} else {
			node.Parent, node.Depth = t.Root, 1
			t.Root.Children = append(t.Root.Children, node)
		}
		t.Messages = append(t.Messages, m)
		if !m.Date.IsZero() && (t.First.IsZero() || m.Date.Before(t.First)) {
			t.First = m.Date
		}
		if m.Date.After(t.Last) {
			t.Last = m.Date
		}
		k := m.From.PersonKey()
		if counts[k] == nil {
			counts[k] = &thread.Participant{Address: m.From}
			order = append(order, k)
		}
		counts[k].Count++
	}
	for _, k := range order {
		t.Participants = append(t.Participants, *counts[k])
	}
	return t
}

// agendaAddress reads "Name <email>" or a bare "email".
func agendaAddress(s string) mail.Address {
	name, email, ok := strings.Cut(s, " <")
	if !ok {
		return mail.Address{Email: s}
	}
	return mail.Address{Name: name, Email: strings.TrimSuffix(email, ">")}
}

// agendaArchive gathers topics into an archive, as the loader would.
func agendaArchive(topics ...*thread.Topic) *model.Archive {
	var msgs []*mail.Message
	for _, t := range topics {
		msgs = append(msgs, t.Messages...)
	}
	slices.SortFunc(msgs, func(x, y *mail.Message) int { return int(x.Seq - y.Seq) })
	return &model.Archive{Collection: mail.NewCollection(msgs), Topics: topics}
}

// agendaFixture is a small summit with every part of the agenda filled: an
// accepted, a deferred, an undecided and a declined topic, stances of
// several kinds with a changed mind, questions open and answered, notes
// and a cross-reference.
func agendaFixture() (*model.Archive, annot.Annotations) {
	seq := 0
	accel := agendaTopicOf("User-space requirements for accelerator drivers", "[MAINTAINER SUMMIT]", &seq,
		agendaMail{"877dfop2lx.fsf@meer.lwn.net", "Jonathan Corbet <corbet@lwn.net>", "2021-09-10 21:00"},
		agendaMail{"YT4QCHwnqZL/rl0z@kroah.com", "Greg KH <greg@kroah.com>", "2021-09-12 14:34"},
		agendaMail{"airlie-1@gmail.com", "Dave Airlie <airlied@gmail.com>", "2021-09-11 08:00"},
		agendaMail{"YT4LgkK+ejUWljEh@unreal", "Leon Romanovsky <leon@kernel.org>", "2021-09-12 14:15"},
		agendaMail{"airlie-2@gmail.com", "Dave Airlie <airlied@gmail.com>", "2021-09-13 09:00"},
		agendaMail{"laurent-1@ideasonboard.com", "Laurent Pinchart <laurent.pinchart@ideasonboard.com>", "2021-09-12 16:00"},
	)
	pass := agendaTopicOf("Device Passthrough Considered Harmful?", "[MAINTAINERS SUMMIT]", &seq,
		agendaMail{"668c67a324609_ed99294c0@dwillia2-xfh.jf.intel.com.notmuch", "Dan Williams <dan.j.williams@intel.com>", "2024-07-08 22:26"},
		agendaMail{"20240725200703.GG14252@pendragon.ideasonboard.com", "Laurent Pinchart <laurent.pinchart@ideasonboard.com>", "2024-07-25 20:07"},
		agendaMail{"20240725194314.GS3371438@nvidia.com", "Jason Gunthorpe <jgg@nvidia.com>", ""},
	)
	docs := agendaTopicOf("Documentation for maintainers", "", &seq,
		agendaMail{"docs@lwn.net", "Jonathan Corbet <corbet@lwn.net>", "2021-09-01 10:00"},
	)
	rust := agendaTopicOf("Rust | C * interop & <friends>", "[TECH TOPIC]", &seq,
		agendaMail{"rust@example.org", "miguel@example.org", ""},
	)
	pass.Related = []string{accel.ID}
	a := agendaArchive(rust, pass, docs, accel)
	ann := annot.Annotations{
		Messages: map[string]annot.MessageNote{
			"877dfop2lx.fsf@meer.lwn.net": {Questions: []annot.Question{
				{Text: "Under which circumstances should the kernel community require freely licensed user-space code?"},
				{Text: "Do we need an EXPORT_SYMBOL_USERSPACE_GPL()?", AnsweredBy: "YT4QCHwnqZL/rl0z@kroah.com"},
			}},
			"YT4QCHwnqZL/rl0z@kroah.com":                        {Stance: annot.StanceOppose, Note: "Distros will not package code\nthat is not upstream."},
			"airlie-1@gmail.com":                                {Stance: annot.StanceSupport},
			"airlie-2@gmail.com":                                {Stance: annot.StanceConcern, Questions: []annot.Question{{Text: "Who reviews the user space?", Answered: true}}},
			"YT4LgkK+ejUWljEh@unreal":                           {Stance: annot.StanceSupport},
			"laurent-1@ideasonboard.com":                        {Stance: annot.StanceSupport},
			"20240725200703.GG14252@pendragon.ideasonboard.com": {Stance: annot.StanceAlternative, Questions: []annot.Question{{Text: "What does a passthrough kernel driver design mean?"}}},
			"20240725194314.GS3371438@nvidia.com":               {Stance: annot.StanceNeutral},
			"not-loaded@example.org":                            {Stance: annot.StanceOppose},
		},
		Topics: map[string]annot.TopicNote{
			accel.ID: {Status: annot.StatusAccepted, Minutes: 45, Order: 1, Note: "Joint session with the GPU folks."},
			pass.ID:  {Status: annot.StatusDeferred, Minutes: 30},
			rust.ID:  {Status: annot.StatusDeclined},
		},
	}
	return a, ann
}

var agendaDate = time.Date(2026, 11, 21, 23, 30, 0, 0, time.FixedZone("PST", -8*3600))

// namedTB puts a golden file where the name says rather than under the
// test's name, so the agenda goldens sit together in testdata/agenda.
type namedTB struct {
	testing.TB
	name string
}

func (n namedTB) Name() string { return n.name }

func TestAgendaGoldenFixture(t *testing.T) {
	a, ann := agendaFixture()
	ag := Build(a, ann, Options{Generated: agendaDate, Statuses: AllStatuses()})
	md := ag.Markdown()
	golden.RequireEqual(namedTB{t, "agenda/fixture.md"}, md)
	golden.RequireEqual(namedTB{t, "agenda/fixture.json"}, ag.JSON())
	checkAgendaStructure(t, md, ag)

	// By default the undecided topics are one line each, out of the
	// overview and the people table.
	brief := Build(a, ann, Options{Generated: agendaDate}).Markdown()
	golden.RequireEqual(namedTB{t, "agenda/fixture.brief.md"}, brief)
	doc := parseAgendaMarkdown(t, brief)
	if got := doc.texts("li"); !slices.Contains(got, "Documentation for maintainers · Jonathan Corbet, 2021-09-01 · 1 message · thread") {
		t.Errorf("no brief line for the undecided topic in %q", got)
	}
	if got := doc.texts("h3"); slices.Contains(got, "3. Documentation for maintainers") {
		t.Errorf("the undecided topic is in full: %q", got)
	}
}

func TestAgendaGoldenSample(t *testing.T) {
	a := loadAgendaSample(t)
	raw, err := os.ReadFile("testdata/agenda/annotations.json")
	if err != nil {
		t.Fatal(err)
	}
	var ann annot.Annotations
	if err := json.Unmarshal(raw, &ann); err != nil {
		t.Fatalf("testdata/agenda/annotations.json: %v", err)
	}
	for id, n := range ann.Messages {
		if a.Lookup(id) == nil {
			t.Errorf("annotations.json names message %s, which the sample threads do not hold", id)
		}
		for _, q := range n.Questions {
			if q.AnsweredBy != "" && a.Lookup(q.AnsweredBy) == nil {
				t.Errorf("annotations.json: %s is answered by %s, which the sample threads do not hold", id, q.AnsweredBy)
			}
		}
	}
	ag := Build(a, ann, Options{Generated: agendaDate, Statuses: AllStatuses()})
	for _, sec := range ag.Sections {
		if len(sec.Topics) == 0 {
			t.Errorf("section %s is empty: the fixture should fill every section", sec.Status)
		}
	}
	md := ag.Markdown()
	golden.RequireEqual(namedTB{t, "agenda/sample.md"}, md)
	golden.RequireEqual(namedTB{t, "agenda/sample.json"}, ag.JSON())
	checkAgendaStructure(t, md, ag)
}

// mdDoc is a markdown document rendered by goldmark with the GFM
// extensions, as a parsed HTML tree.
type mdDoc struct{ root *html.Node }

func parseAgendaMarkdown(t testing.TB, md []byte) mdDoc {
	t.Helper()
	var out bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert(md, &out); err != nil {
		t.Fatalf("goldmark: %v", err)
	}
	root, err := html.Parse(&out)
	if err != nil {
		t.Fatalf("html: %v", err)
	}
	return mdDoc{root}
}

// all is every element with the tag, in document order.
func (d mdDoc) all(tag string) []*html.Node {
	var out []*html.Node
	for n := range d.root.Descendants() {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
	}
	return out
}

func (d mdDoc) texts(tag string) []string {
	var out []string
	for _, n := range d.all(tag) {
		out = append(out, nodeText(n))
	}
	return out
}

func nodeText(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// rowsOf is the cell texts of a table, header row first.
func rowsOf(table *html.Node) [][]string {
	var rows [][]string
	for tr := range table.Descendants() {
		if tr.Type != html.ElementNode || tr.Data != "tr" {
			continue
		}
		var row []string
		for c := tr.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
				row = append(row, nodeText(c))
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// checkAgendaStructure parses the markdown as CommonMark with the GFM
// extensions and checks that it has the agenda's shape and says what the
// Agenda holds: one title, the four sections and People, one heading per
// topic, both tables with one row per topic and per person, every list item
// and paragraph with the text from mail exactly as it was (so no escape
// shows and nothing became markup), and no link but the lore links.
func checkAgendaStructure(t *testing.T, md []byte, ag *Agenda) {
	t.Helper()
	doc := parseAgendaMarkdown(t, md)
	if got := doc.texts("h1"); !slices.Equal(got, []string{ag.Title}) {
		t.Errorf("h1 = %q, want %q", got, ag.Title)
	}
	if got, want := doc.texts("h2"), []string{"Accepted", "Deferred", "Undecided", "Declined", "People"}; !slices.Equal(got, want) {
		t.Errorf("h2 = %q, want %q", got, want)
	}
	var want3, wantLI, wantP []string
	var overview [][]string
	for _, sec := range ag.Sections {
		for _, tp := range sec.Topics {
			title := orUnknown(tp.Title, "(no subject)")
			want3 = append(want3, strconv.Itoa(tp.Number)+". "+title)
			overview = append(overview, []string{strconv.Itoa(tp.Number), title, tp.Proposer.Name, string(tp.Status)})
			wantP = append(wantP, expectedFacts(tp))
			for _, pos := range tp.Positions {
				var voices []string
				for _, v := range pos.People {
					voices = append(voices, v.Name+" ("+linkText("message", v.Link)+")")
				}
				st := string(pos.Stance)
				wantLI = append(wantLI, strings.ToUpper(st[:1])+st[1:]+": "+strings.Join(voices, ", "))
			}
			for _, q := range tp.Questions {
				li := orUnknown(q.Text, "(no text)") + " (raised by " + q.RaisedBy.Name + ", " + linkText("message", q.Link)
				if q.Answered {
					li = "Answered: " + li
				}
				switch {
				case q.AnsweredBy != nil:
					li += "; answered by " + q.AnsweredBy.Name + ", " + linkText("message", q.AnswerLink)
				case q.AnswerMessage != "":
					li += "; answered in " + linkText("message", q.AnswerLink)
				}
				wantLI = append(wantLI, li+")")
			}
			if tp.Note != "" {
				wantP = append(wantP, "Notes: "+tp.Note)
			}
			for _, n := range tp.MessageNotes {
				wantLI = append(wantLI, n.Name+" ("+linkText("message", n.Link)+"): "+n.Text)
			}
		}
	}
	if got := doc.texts("h3"); !slices.Equal(got, want3) {
		t.Errorf("h3 = %q\nwant %q", got, want3)
	}
	if got := doc.texts("li"); !slices.Equal(got, wantLI) {
		t.Errorf("list items =\n%q\nwant\n%q", got, wantLI)
	}
	paragraphs := doc.texts("p")
	for _, p := range wantP {
		if !slices.Contains(paragraphs, p) {
			t.Errorf("no paragraph %q in %q", p, paragraphs)
		}
	}
	tables := doc.all("table")
	if len(tables) != 2 {
		t.Fatalf("%d tables, want 2 (overview and people)", len(tables))
	}
	rows := rowsOf(tables[0])
	if len(rows) != len(overview)+1 {
		t.Fatalf("overview has %d rows, want %d", len(rows), len(overview)+1)
	}
	for i, row := range rows {
		if len(row) != 8 {
			t.Errorf("overview row %d has %d cells, want 8: %q", i, len(row), row)
			continue
		}
		if i > 0 && !slices.Equal(row[:4], overview[i-1]) {
			t.Errorf("overview row %d = %q, want %q", i, row[:4], overview[i-1])
		}
	}
	people := rowsOf(tables[1])
	if len(people) != len(ag.People)+1 {
		t.Fatalf("people table has %d rows, want %d", len(people), len(ag.People)+1)
	}
	for i, p := range ag.People {
		if row := people[i+1]; len(row) != 3 || row[0] != p.Name {
			t.Errorf("people row %d = %q, want 3 cells starting with %q", i+1, row, p.Name)
		}
	}
	for _, a := range doc.all("a") {
		href, text := attr(a, "href"), nodeText(a)
		lore := strings.HasPrefix(href, "https://lore.kernel.org/r/") && (text == "thread" || text == "message")
		// A URL or address in the text, linked by GFM, which escapes some of
		// its characters in the href.
		auto := strings.HasSuffix(href, text) || strings.HasSuffix(percentDecode(href), percentDecode(text))
		if !lore && !auto {
			t.Errorf("unexpected link %q -> %q", text, href)
		}
	}
	for _, s := range doc.texts("strong") {
		if !slices.Contains([]string{"Positions", "Open questions", "Notes:", "Notes on messages", "Related:"}, s) {
			t.Errorf("unexpected bold text %q", s)
		}
	}
	for _, tag := range []string{"img", "em", "del", "code", "pre", "blockquote", "input", "hr", "h4", "h5", "h6"} {
		if n := len(doc.all(tag)); n > 0 {
			t.Errorf("%d <%s> elements: something in the text became markup", n, tag)
		}
	}
	for c := range doc.root.Descendants() {
		if c.Type == html.CommentNode {
			t.Errorf("raw HTML reached the document: %q", c.Data)
		}
	}
}

// percentDecode undoes the %XX escapes goldmark puts in an autolink's
// href, leaving malformed ones as they are.
func percentDecode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// expectedFacts is the text of a topic's facts paragraph.
func expectedFacts(tp Topic) string {
	s := "Proposed by "
	if tp.Label != "" {
		s = tp.Label + " · proposed by "
	}
	s += tp.Proposer.Name + ", " + orUnknown(tp.Proposed, "date unknown") + " ·\n"
	s += linkText("thread", tp.Link) + " · " + Plural(tp.Messages, "message") + ", " + Plural(tp.Participants, "participant") + ",\n"
	s += dateRange(tp.First, tp.Last)
	if tp.Minutes > 0 {
		s += " · " + strconv.Itoa(tp.Minutes) + " minutes"
	}
	return s
}

func linkText(text, link string) string {
	if link == "" {
		return "no lore link"
	}
	return text
}

func loadAgendaSample(t testing.TB) *model.Archive {
	t.Helper()
	var inputs []mail.Input
	for _, p := range []string{
		"../../sample-data/ksummit-2021-accelerator-userspace.mbox",
		"../../sample-data/ksummit-2024-device-passthrough.mbox",
		"../testdata/seeds/002_c035dff4cdb7c54c.txt",
		"testdata/agenda/tech-topic.mbox",
	} {
		inputs = append(inputs, mail.Input{Name: p, Path: p})
	}
	a, err := model.Load(inputs, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

// shuffled copies of the inputs: the agenda must not depend on the order of
// topics in the archive or the order in which annotations were inserted.
func shuffledAgendaInputs(a *model.Archive, ann annot.Annotations, r *rand.Rand) (*model.Archive, annot.Annotations) {
	b := *a
	b.Topics = slices.Clone(a.Topics)
	r.Shuffle(len(b.Topics), func(i, j int) { b.Topics[i], b.Topics[j] = b.Topics[j], b.Topics[i] })
	out := annot.Annotations{Messages: map[string]annot.MessageNote{}, Topics: map[string]annot.TopicNote{}}
	ids := make([]string, 0, len(ann.Messages))
	for id := range ann.Messages {
		ids = append(ids, id)
	}
	r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	for _, id := range ids {
		out.Messages[id] = ann.Messages[id]
	}
	tids := make([]string, 0, len(ann.Topics))
	for id := range ann.Topics {
		tids = append(tids, id)
	}
	r.Shuffle(len(tids), func(i, j int) { tids[i], tids[j] = tids[j], tids[i] })
	for _, id := range tids {
		out.Topics[id] = ann.Topics[id]
	}
	return &b, out
}

func TestAgendaDeterministic(t *testing.T) {
	a, ann := agendaFixture()
	opt := Options{Generated: agendaDate}
	wantMD, wantJSON := Build(a, ann, opt).Markdown(), Build(a, ann, opt).JSON()
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 50 {
		sa, sann := shuffledAgendaInputs(a, ann, r)
		ag := Build(sa, sann, opt)
		if got := ag.Markdown(); !bytes.Equal(got, wantMD) {
			t.Fatalf("shuffle %d: markdown differs:\n%s\n---\n%s", i, got, wantMD)
		}
		if got := ag.JSON(); !bytes.Equal(got, wantJSON) {
			t.Fatalf("shuffle %d: JSON differs", i)
		}
	}
}

// hostileAgenda puts s everywhere the agenda shows text from mail or from a
// reviewer: title, label, author name, stance holder, question, notes.
func hostileAgenda(s string) *Agenda {
	seq := 0
	tp := agendaTopicOf("x", "", &seq,
		agendaMail{"root@example.org", "x <root@example.org>", "2024-01-02 10:00"},
		agendaMail{"reply@example.org", "x <reply@example.org>", "2024-01-03 10:00"},
	)
	tp.Title, tp.Label = s, s
	for _, m := range tp.Messages {
		m.From.Name = s
	}
	for i := range tp.Participants {
		tp.Participants[i].Name = s
	}
	tp.Proposer = tp.Messages[0].From
	a := agendaArchive(tp)
	ann := annot.Annotations{
		Messages: map[string]annot.MessageNote{
			"root@example.org":  {Stance: annot.Stance(s), Questions: []annot.Question{{Text: s}, {Text: s, AnsweredBy: "reply@example.org"}}, Note: s},
			"reply@example.org": {Stance: annot.StanceSupport, Note: s},
		},
		Topics: map[string]annot.TopicNote{tp.ID: {Status: annot.StatusAccepted, Note: s}},
	}
	return Build(a, ann, Options{Title: s, Generated: agendaDate})
}

var hostileTexts = []string{
	"a | b | c", "|", "||x||", "\\|",
	"*bold* _em_ **strong** __strong__ a*b*c",
	"[link](http://evil.example/) ![img](x.png) [ref][x] [x]",
	"[foo]: http://evil.example/ref", "[^1]: footnote", "[ ] task", "[x] done",
	"<script>alert(1)</script> <b>x</b> <http://auto.example> <!-- c -->",
	"# heading", "## Title ##", "Title #", "C#", "#",
	"1. list", "2) list", "123456789. x", "- item", "+ item", "* item", "> quote", "===", "---", "***", "___", "- - -",
	"`code` ``x``", "```fence", "~~strike~~ ~x~", "~~~",
	"back\\slash\\", "\\", "\\*", "trailing two  ",
	"&amp; &lt;b&gt; &#42; &#x2A; &copy; R&D &",
	"\x1b[31mred\x1b[0m \u202eevil\u202c \x07bell",
	"line\nbreak\tand tab\r\n", "   leading spaces", "    indented code", "\t\ttabbed",
	"snake_case_name EXPORT_SYMBOL_GPL() __init _start end_ a_ _b",
	"a]( b) a] (b) [a]\\(b)", "![", "]", "[",
	"www.example.com and https://example.org/a_b_ and x@example.org",
	"", " ", "\x00", "é_ü_ß", "日本_語", "www.%X00000.a", "www.%00.a", "www.%%00.a",
	"[" + strings.Repeat("x", 500) + "[" + strings.Repeat("y", 500),
	"[" + strings.Repeat("x", 1000) + "]" + strings.Repeat("y", 1000) + "[ok]",
}

func TestAgendaEscapesHostileText(t *testing.T) {
	for _, s := range hostileTexts {
		t.Run(strconv.Quote(s), func(t *testing.T) {
			ag := hostileAgenda(s)
			checkAgendaStructure(t, ag.Markdown(), ag)
		})
	}
}

// The kernel's own punctuation stays readable in a plain-text mail.
func TestAgendaEscapeKeepsKernelSubjectsPlain(t *testing.T) {
	for _, s := range []string{
		"[MAINTAINERS SUMMIT]", "[TECH TOPIC]", "EXPORT_SYMBOL_GPL()", "DMA-BUF/P2PDMA", "v4l2_ctrl_ops",
		"Device Passthrough Considered Harmful?", "drivers/gpu: 50/50 split, 5.15-rc1", "C#", "foo->bar", "R&D",
	} {
		if got := mdEscape(s); got != s {
			t.Errorf("mdEscape(%q) = %q, want it unchanged", s, got)
		}
	}
}

func FuzzAgendaEscape(f *testing.F) {
	for _, s := range hostileTexts {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ag := hostileAgenda(s)
		checkAgendaStructure(t, ag.Markdown(), ag)
	})
}

func TestAgendaOrder(t *testing.T) {
	type topic struct {
		id, first string // first: date of the only message, "" unknown
		note      annot.TopicNote
	}
	tests := []struct {
		name   string
		topics []topic
		want   []string
	}{
		{
			name: "sections: accepted, deferred, undecided, declined",
			topics: []topic{
				{"a", "2024-01-01 10:00", annot.TopicNote{Status: annot.StatusDeclined}},
				{"b", "2024-01-01 10:00", annot.TopicNote{}},
				{"c", "2024-01-01 10:00", annot.TopicNote{Status: annot.StatusAccepted}},
				{"d", "2024-01-01 10:00", annot.TopicNote{Status: annot.StatusDeferred}},
				{"e", "2024-01-01 10:00", annot.TopicNote{Status: annot.StatusUndecided}},
			},
			want: []string{"c", "d", "b", "e", "a"},
		},
		{
			name: "placed first by order, then by first date, unknown dates last",
			topics: []topic{
				{"late", "2024-03-01 10:00", annot.TopicNote{Status: annot.StatusAccepted}},
				{"second", "2024-05-01 10:00", annot.TopicNote{Status: annot.StatusAccepted, Order: 2}},
				{"undated", "", annot.TopicNote{Status: annot.StatusAccepted}},
				{"early", "2024-01-01 10:00", annot.TopicNote{Status: annot.StatusAccepted}},
				{"first", "2024-06-01 10:00", annot.TopicNote{Status: annot.StatusAccepted, Order: 1}},
			},
			want: []string{"first", "second", "early", "late", "undated"},
		},
		{
			name: "same date by ID; unknown status is undecided; negative order is unplaced",
			topics: []topic{
				{"z", "2024-01-01 10:00", annot.TopicNote{Status: "maybe"}},
				{"y", "2024-01-01 10:00", annot.TopicNote{Order: -3}},
				{"x", "2024-01-02 10:00", annot.TopicNote{Order: 7}},
			},
			want: []string{"x", "y", "z"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seq := 0
			ann := annot.Annotations{Topics: map[string]annot.TopicNote{}}
			var topics []*thread.Topic
			for _, tp := range tc.topics {
				topics = append(topics, agendaTopicOf(tp.id, "", &seq, agendaMail{tp.id, "A <a@example.org>", tp.first}))
				ann.Topics[tp.id] = tp.note
			}
			a := agendaArchive(topics...)
			var got []string
			for _, tp := range Order(a, ann) {
				got = append(got, tp.ID)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Order = %q, want %q", got, tc.want)
			}
			var numbered []string
			for _, sec := range Build(a, ann, Options{}).Sections {
				for _, at := range sec.Topics {
					if at.Number != len(numbered)+1 {
						t.Errorf("topic %s is numbered %d, want %d", at.ID, at.Number, len(numbered)+1)
					}
					numbered = append(numbered, at.ID)
				}
			}
			if !slices.Equal(numbered, tc.want) {
				t.Errorf("agenda sections list %q, want the Order %q", numbered, tc.want)
			}
		})
	}
}

func TestAgendaLatestStanceWins(t *testing.T) {
	tests := []struct {
		name    string
		mails   []agendaMail
		stances map[string]annot.Stance
		want    map[annot.Stance][]string // stance -> message IDs holding it
	}{
		{
			name: "a later message changes the position",
			mails: []agendaMail{
				{"root", "Root <root@example.org>", "2024-01-01 10:00"},
				{"g1", "Greg KH <greg@kroah.com>", "2024-01-02 10:00"},
				{"g2", "Greg KH <greg@kroah.com>", "2024-01-03 10:00"},
			},
			stances: map[string]annot.Stance{"g1": annot.StanceSupport, "g2": annot.StanceOppose},
			want:    map[annot.Stance][]string{annot.StanceOppose: {"g2"}},
		},
		{
			name: "by date, not by place in the thread",
			mails: []agendaMail{
				{"root", "Root <root@example.org>", "2024-01-01 10:00"},
				{"late", "Greg KH <greg@kroah.com>", "2024-01-05 10:00"},
				{"early", "Greg KH <greg@kroah.com>", "2024-01-02 10:00"},
			},
			stances: map[string]annot.Stance{"late": annot.StanceConcern, "early": annot.StanceSupport},
			want:    map[annot.Stance][]string{annot.StanceConcern: {"late"}},
		},
		{
			name: "unknown dates fall back to load order",
			mails: []agendaMail{
				{"root", "Root <root@example.org>", "2024-01-01 10:00"},
				{"first", "Greg KH <greg@kroah.com>", ""},
				{"second", "Greg KH <greg@kroah.com>", "2024-01-02 10:00"},
			},
			stances: map[string]annot.Stance{"first": annot.StanceOppose, "second": annot.StanceNeutral},
			want:    map[annot.Stance][]string{annot.StanceNeutral: {"second"}},
		},
		{
			name: "one person under two addresses, and untagged messages do not count",
			mails: []agendaMail{
				{"root", "Root <root@example.org>", "2024-01-01 10:00"},
				{"w1", "Greg KH <greg@kroah.com>", "2024-01-02 10:00"},
				{"w2", "greg  kh <gregkh@linuxfoundation.org>", "2024-01-03 10:00"},
				{"w3", "Greg KH <greg@kroah.com>", "2024-01-04 10:00"},
				{"d1", "Dan Williams <dan@example.org>", "2024-01-04 10:00"},
			},
			stances: map[string]annot.Stance{"w1": annot.StanceSupport, "w2": annot.StanceAlternative, "d1": annot.StanceSupport},
			want:    map[annot.Stance][]string{annot.StanceSupport: {"d1"}, annot.StanceAlternative: {"w2"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			seq := 0
			tp := agendaTopicOf("t", "", &seq, tc.mails...)
			ann := annot.Annotations{Messages: map[string]annot.MessageNote{}}
			for id, st := range tc.stances {
				ann.Messages[id] = annot.MessageNote{Stance: st}
			}
			ann.Messages["w3"] = annot.MessageNote{Note: "no stance here"}
			at := Build(agendaArchive(tp), ann, Options{}).Sections[2].Topics[0]
			got := map[annot.Stance][]string{}
			for _, pos := range at.Positions {
				for _, v := range pos.People {
					got[pos.Stance] = append(got[pos.Stance], v.Message)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("positions %v, want %v", got, tc.want)
			}
			for st, ids := range tc.want {
				if !slices.Equal(got[st], ids) {
					t.Errorf("%s: %q, want %q", st, got[st], ids)
				}
			}
			if at.Support != len(got[annot.StanceSupport]) || at.Oppose != len(got[annot.StanceOppose]) {
				t.Errorf("counts +%d -%d disagree with positions %v", at.Support, at.Oppose, got)
			}
		})
	}
}

// The JSON carries the whole agenda: read back, it renders the same
// markdown.
func TestAgendaJSONCarriesTheMarkdownContent(t *testing.T) {
	a, ann := agendaFixture()
	ag := Build(a, ann, Options{Generated: agendaDate})
	var back Agenda
	if err := json.Unmarshal(ag.JSON(), &back); err != nil {
		t.Fatal(err)
	}
	if got, want := back.Markdown(), ag.Markdown(); !bytes.Equal(got, want) {
		t.Errorf("markdown from the JSON differs:\n%s\n---\n%s", got, want)
	}
	if js := ag.JSON(); !bytes.HasSuffix(js, []byte("}\n")) || bytes.Contains(js, []byte("null")) {
		t.Errorf("JSON should end in a newline and hold no null:\n%s", js)
	}
}

func TestAgendaHeader(t *testing.T) {
	a, ann := agendaFixture()
	tests := []struct {
		opt  Options
		want string
	}{
		{Options{}, "# Maintainers Summit: agenda draft\n\nGenerated from 4 topics, 11 messages, 8 participants.\n"},
		{Options{Title: "KS 2026 *draft*", Generated: time.Date(2026, 11, 18, 23, 59, 0, 0, time.UTC)}, "# KS 2026 \\*draft\\*\n\nGenerated 2026-11-18 from 4 topics, 11 messages, 8 participants.\n"},
	}
	for _, tc := range tests {
		if got := string(Build(a, ann, tc.opt).Markdown()); !strings.HasPrefix(got, tc.want) {
			t.Errorf("header:\n%s\nwant:\n%s", got[:min(len(got), 200)], tc.want)
		}
	}
}

// TestAgendaHeaderCountsOneLineTopics: the header's participants are
// those of every topic it counts, undecided ones listed a line each too,
// as its topics and messages are; only the people table keeps to the
// topics described in full.
func TestAgendaHeaderCountsOneLineTopics(t *testing.T) {
	a, ann := agendaFixture()
	ann.Topics = nil // every topic undecided, so listed a line each
	ag := Build(a, ann, Options{})
	if want := "Generated from 4 topics, 11 messages, 8 participants.\n"; !strings.Contains(string(ag.Markdown()), want) {
		t.Errorf("header of an agenda of one-line topics:\n%s\nwant %q", ag.Markdown()[:200], want)
	}
	if len(ag.People) != 0 {
		t.Errorf("the people table lists %d people of one-line topics", len(ag.People))
	}
}

func BenchmarkAgendaSample(b *testing.B) {
	a := loadAgendaSample(b)
	raw, err := os.ReadFile("testdata/agenda/annotations.json")
	if err != nil {
		b.Fatal(err)
	}
	var ann annot.Annotations
	if err := json.Unmarshal(raw, &ann); err != nil {
		b.Fatal(err)
	}
	opt := Options{Generated: agendaDate}
	for b.Loop() {
		ag := Build(a, ann, opt)
		ag.Markdown()
		ag.JSON()
	}
}
