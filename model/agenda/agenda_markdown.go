package agenda

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"summit/model/annot"
	"summit/model/mail"
)

// Markdown renders the agenda as CommonMark (with GFM tables), the form a
// program committee pastes into a mail. Every string that came from mail or
// from a reviewer is escaped, so nothing in a subject or a note can change
// the structure of the document.
func (ag *Agenda) Markdown() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n", mdEscape(ag.Title))
	generated := "Generated"
	if ag.Generated != "" {
		generated += " " + ag.Generated
	}
	fmt.Fprintf(&b, "%s from %s, %s, %s.\n\n", generated,
		Plural(ag.Topics, "topic"), Plural(ag.Messages, "message"), Plural(ag.Participants, "participant"))
	writeOverview(&b, ag)
	if ag.Day != nil {
		writeDay(&b, ag.Day)
	}
	for _, sec := range ag.Sections {
		fmt.Fprintf(&b, "\n## %s\n\n", sectionHeading(sec.Status))
		if len(sec.Topics) == 0 {
			b.WriteString("None.\n")
		}
		if sec.Brief {
			writeBrief(&b, sec.Topics)
			continue
		}
		for i, t := range sec.Topics {
			if i > 0 {
				b.WriteByte('\n')
			}
			writeAgendaTopic(&b, t)
		}
	}
	writePeople(&b, ag.People)
	return b.Bytes()
}

func writeOverview(b *bytes.Buffer, ag *Agenda) {
	b.WriteString("| # | Topic | Proposed by | Status | Length | + | - | Open questions |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, sec := range ag.Sections {
		if sec.Brief {
			continue
		}
		for _, t := range sec.Topics {
			length := ""
			if t.Minutes > 0 {
				length = fmt.Sprintf("%d min", t.Minutes)
			}
			fmt.Fprintf(b, "| %d | %s | %s | %s | %s | %d | %d | %d |\n",
				t.Number, mdTitle(t.Title), proposerCell(t), t.Status, length, t.Support, t.Oppose, t.Open)
		}
	}
}

func writeAgendaTopic(b *bytes.Buffer, t Topic) {
	fmt.Fprintf(b, "### %d. %s\n\n", t.Number, mdTitle(t.Title))

	if line := sessionLine(t); line != "" {
		b.WriteString(line + "\n\n")
	}
	switch {
	case len(t.Threads) == 1 && !t.Committee:
		// A session named otherwise than its one thread: the thread's
		// title, then the facts as for any topic.
		fmt.Fprintf(b, "Proposal: %s\n\n", mdTitle(t.Threads[0].Title))
		writeFacts(b, t)
		if t.MissingRoot != "" {
			writeMissingRoot(b, t.MissingRoot)
		}
	case t.Threads != nil:
		writeThreads(b, t)
	case t.Committee:
		b.WriteString("A committee session, with no proposal thread")
		if t.Minutes > 0 {
			fmt.Fprintf(b, " · %d minutes", t.Minutes)
		}
		b.WriteString("\n")
	default:
		writeFacts(b, t)
	}
	if t.MissingRoot != "" && t.Threads == nil {
		writeMissingRoot(b, t.MissingRoot)
	}

	if len(t.MostActive) > 0 {
		parts := make([]string, len(t.MostActive))
		for i, p := range t.MostActive {
			parts[i] = fmt.Sprintf("%s (%d)", mdEscape(p.Name), p.Count)
		}
		fmt.Fprintf(b, "\nMost active: %s\n", strings.Join(parts, ", "))
	}

	if len(t.Positions) > 0 {
		b.WriteString("\n**Positions**\n\n")
		for _, pos := range t.Positions {
			voices := make([]string, len(pos.People))
			for i, v := range pos.People {
				voices[i] = fmt.Sprintf("%s (%s)", mdEscape(v.Name), mdLink("message", v.Link))
			}
			fmt.Fprintf(b, "- %s: %s\n", stanceHeading(pos.Stance), strings.Join(voices, ", "))
		}
	}

	if len(t.Prework) > 0 {
		b.WriteString("\n**Prework**\n\n")
		for i, q := range t.Prework {
			fmt.Fprintf(b, "%d. %s (raised by %s, %s)\n", i+1, mdEscape(orUnknown(q.Text, "(no text)")),
				mdEscape(q.RaisedBy.Name), mdLink("message", q.Link))
		}
	}

	if questions := withoutPrework(t.Questions); len(questions) > 0 {
		b.WriteString("\n**Open questions**\n\n")
		for i, q := range questions {
			text := mdEscape(orUnknown(q.Text, "(no text)"))
			raised := fmt.Sprintf("raised by %s, %s", mdEscape(q.RaisedBy.Name), mdLink("message", q.Link))
			if !q.Answered {
				fmt.Fprintf(b, "%d. %s (%s)\n", i+1, text, raised)
				continue
			}
			answer := ""
			switch {
			case q.AnsweredBy != nil:
				answer = fmt.Sprintf("; answered by %s, %s", mdEscape(q.AnsweredBy.Name), mdLink("message", q.AnswerLink))
			case q.AnswerMessage != "":
				answer = "; answered in " + mdLink("message", q.AnswerLink)
			}
			fmt.Fprintf(b, "%d. Answered: %s (%s%s)\n", i+1, text, raised, answer)
		}
	}

	if len(t.Background) > 0 {
		b.WriteString("\n**Background**\n\n")
		for _, u := range t.Background {
			fmt.Fprintf(b, "- %s\n", mdURL(u))
		}
	}

	if t.Note != "" {
		fmt.Fprintf(b, "\n**Notes:** %s\n", mdEscape(t.Note))
	}
	for _, th := range t.Threads {
		if th.Note != "" {
			fmt.Fprintf(b, "\n**Notes on %s:** %s\n", mdTitle(th.Title), mdEscape(th.Note))
		}
	}
	if len(t.MessageNotes) > 0 {
		b.WriteString("\n**Notes on messages**\n\n")
		for _, n := range t.MessageNotes {
			fmt.Fprintf(b, "- %s (%s): %s\n", mdEscape(n.Name), mdLink("message", n.Link), mdEscape(n.Text))
		}
	}

	if len(t.Related) > 0 {
		refs := make([]string, len(t.Related))
		for i, r := range t.Related {
			switch {
			case r.Number > 0:
				refs[i] = fmt.Sprintf("%d. %s (%s)", r.Number, mdTitle(r.Title), mdLink("thread", r.Link))
			default:
				refs[i] = mdLink("thread", r.Link)
			}
		}
		fmt.Fprintf(b, "\n**Related:** %s\n", strings.Join(refs, "; "))
	}
}

// writeBrief lists topics one line each: title, proposer, date, size and
// the thread's link, for the undecided topics a committee has not asked to
// read in full.
func writeBrief(b *bytes.Buffer, topics []Topic) {
	for _, t := range topics {
		if t.Committee && t.Link == "" {
			fmt.Fprintf(b, "- %s · a committee session\n", mdTitle(t.Title))
			continue
		}
		fmt.Fprintf(b, "- %s · %s, %s · %s · %s\n", mdTitle(t.Title), proposerText(t),
			orUnknown(t.Proposed, "date unknown"), Plural(t.Messages, "message"), mdLink("thread", t.Link))
	}
}

// writeFacts is the facts line of a topic, broken where the
// specification's example breaks it; each line after the first starts
// with generated text, never with a string from mail.
func writeFacts(b *bytes.Buffer, t Topic) {
	proposed := proposerText(t) + ", " + orUnknown(t.Proposed, "date unknown")
	if t.Label != "" {
		fmt.Fprintf(b, "%s · proposed by %s ·\n", mdEscape(t.Label), proposed)
	} else {
		fmt.Fprintf(b, "Proposed by %s ·\n", proposed)
	}
	fmt.Fprintf(b, "%s · %s, %s,\n", mdLink("thread", t.Link), Plural(t.Messages, "message"), Plural(t.Participants, "participant"))
	b.WriteString(dateRange(t.First, t.Last))
	if t.Minutes > 0 {
		fmt.Fprintf(b, " · %d minutes", t.Minutes)
	}
	b.WriteString("\n")
}

func writeMissingRoot(b *bytes.Buffer, id string) {
	fmt.Fprintf(b, "\nThe first message is not in the archive: %s; `b4 mbox %s` fetches the whole thread.\n",
		mdLink("on lore", mail.LoreURL(id)), mdCode(id))
}

// sessionLine is the line that says when a session is and who leads it,
// "" when neither is known.
func sessionLine(t Topic) string {
	var parts []string
	if t.Start != "" {
		when := t.Start + "–" + t.End
		if t.Tentative {
			when += " (undecided, placed in the day)"
		}
		parts = append(parts, when)
	}
	if len(t.Leads) > 0 {
		parts = append(parts, "led by "+leadNames(t.Leads, mdEscape))
	}
	if len(parts) == 0 {
		return ""
	}
	line := strings.Join(parts, " · ")
	return strings.ToUpper(line[:1]) + line[1:]
}

// leadNames joins the leads' names: "A", "A and B", "A, B and C".
func leadNames(leads []Person, esc func(string) string) string {
	names := make([]string, len(leads))
	for i, l := range leads {
		names[i] = esc(l.Name)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// writeThreads is the facts of a session that draws on several threads
// (or is not named after its one): their totals, then each thread.
func writeThreads(b *bytes.Buffer, t Topic) {
	what := "Draws on " + Plural(len(t.Threads), "thread")
	if t.Committee {
		what = "A committee session drawing on " + Plural(len(t.Threads), "thread")
	}
	fmt.Fprintf(b, "%s · %s, %s,\n%s", what, Plural(t.Messages, "message"), Plural(t.Participants, "participant"), dateRange(t.First, t.Last))
	if t.Minutes > 0 {
		fmt.Fprintf(b, " · %d minutes", t.Minutes)
	}
	b.WriteString("\n\n")
	for i, th := range t.Threads {
		proposer := mdEscape(th.Proposer.Name)
		if th.ProposerInferred {
			proposer += " (inferred from the replies)"
		}
		label := ""
		if th.Label != "" {
			label = mdEscape(th.Label) + " · "
		}
		fmt.Fprintf(b, "%d. %s ·\n   %sproposed by %s, %s · %s · %s\n", i+1, mdTitle(th.Title), label, proposer,
			orUnknown(th.Proposed, "date unknown"), mdLink("thread", th.Link), Plural(th.Messages, "message"))
		if th.MissingRoot != "" {
			fmt.Fprintf(b, "   (the first message is not in the archive: %s)\n", mdLink("on lore", mail.LoreURL(th.MissingRoot)))
		}
	}
}

// writeDay is the timetable: every session and fixed item with its time,
// then what is wrong with the day.
func writeDay(b *bytes.Buffer, d *Day) {
	b.WriteString("\n## The day\n\n")
	var where []string
	if d.Date != "" {
		where = append(where, d.Date)
	}
	if d.Place != "" {
		where = append(where, mdEscape(d.Place))
	}
	where = append(where, d.Start+" to "+d.End)
	b.WriteString(strings.Join(where, " · ") + "\n\n")
	b.WriteString("| Time | Session | Leads |\n|---|---|---|\n")
	for _, it := range d.Items {
		title := mdTitle(it.Title)
		switch {
		case it.Fixed:
		case it.Number > 0:
			title = fmt.Sprintf("%d. %s", it.Number, title)
		}
		if it.Tentative {
			title += " (undecided)"
		}
		when := it.Start
		if it.End != it.Start {
			when += "–" + it.End
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", when, title, leadNames(it.Leads, mdEscape))
	}
	if len(d.Warnings) > 0 {
		b.WriteString("\n**Warnings**\n\n")
		for _, w := range d.Warnings {
			fmt.Fprintf(b, "- %s\n", mdEscape(w))
		}
	}
}

// withoutPrework is the questions not marked as prework, which the
// agenda lists under Prework instead.
func withoutPrework(qs []Question) []Question {
	var out []Question
	for _, q := range qs {
		if !q.Prework {
			out = append(out, q)
		}
	}
	return out
}

// proposerCell is the overview's "Proposed by" of a session.
func proposerCell(t Topic) string {
	if t.Committee && t.Link == "" {
		return "(committee)"
	}
	return mdEscape(t.Proposer.Name)
}

// mdURL is a background link: an autolink when it is a plain http(s) URL,
// escaped text otherwise.
func mdURL(u string) string {
	if plainURL.MatchString(u) {
		return "<" + u + ">"
	}
	return mdEscape(u)
}

var plainURL = regexp.MustCompile(`^https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+$`)

// proposerText is the proposer's name, marked when it was inferred from
// the replies because the first message is missing.
func proposerText(t Topic) string {
	if t.ProposerInferred {
		return mdEscape(t.Proposer.Name) + " (inferred from the replies)"
	}
	return mdEscape(t.Proposer.Name)
}

// mdCode puts text from mail in a code span: a Message-ID holds no
// backtick (mail.CleanText and the header parser see to that), and one
// that somehow did would only end the span.
func mdCode(s string) string {
	return strings.ReplaceAll(s, "`", "'")
}

func writePeople(b *bytes.Buffer, people []People) {
	b.WriteString("\n## People\n\n")
	if len(people) == 0 {
		b.WriteString("None.\n")
		return
	}
	b.WriteString("| Person | Topics | Stances |\n")
	b.WriteString("|---|---|---|\n")
	for _, p := range people {
		topics := make([]string, len(p.Topics))
		for i, n := range p.Topics {
			topics[i] = strconv.Itoa(n)
		}
		stances := make([]string, len(p.Stances))
		for i, s := range p.Stances {
			stances[i] = fmt.Sprintf("%d: %s", s.Topic, mdEscape(string(s.Stance)))
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", mdEscape(p.Name), strings.Join(topics, ", "), strings.Join(stances, "; "))
	}
}

func sectionHeading(s annot.Status) string {
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

// stanceHeading is "Support" for support; a stance outside the vocabulary
// is escaped, since it was typed by someone.
func stanceHeading(s annot.Stance) string {
	if s == "" {
		return ""
	}
	r := []rune(string(s))
	return mdEscape(string(unicode.ToUpper(r[0])) + string(r[1:]))
}

func mdTitle(s string) string {
	return mdEscape(orUnknown(s, "(no subject)"))
}

// mdLink is a markdown link, or a plain remark when the message has no
// real Message-ID to link to. The URL comes from LoreURL, which leaves
// nothing in it that markdown would read.
func mdLink(text, url string) string {
	if url == "" {
		return "no lore link"
	}
	return "[" + text + "](" + url + ")"
}

func dateRange(first, last string) string {
	switch {
	case first == "" && last == "":
		return "dates unknown"
	case first == "":
		return last
	case last == "" || first == last:
		return first
	}
	return first + " to " + last
}

func orUnknown(s, unknown string) string {
	if s == "" {
		return unknown
	}
	return s
}

// Plural counts a noun in English: "1 message", "2 messages". The agenda,
// the status bar and `summit show` all say counts this way.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// mdEntity matches an HTML entity or numeric character reference, which
// CommonMark would turn into the character it names.
var mdEntity = regexp.MustCompile(`^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});`)

// mdEscape makes a one-line string (already through agendaLine) literal
// text in markdown, wherever it lands: in a heading, a table cell, or at
// the start of a list item or paragraph. It escapes only what markdown
// would read, so the kernel's subjects stay readable in a plain-text mail:
// "[MAINTAINERS SUMMIT]" and "EXPORT_SYMBOL_GPL" come out as they are,
// while a '*', a '|' or a link does not.
func mdEscape(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	lead := mdLeadingMarker(rs)
	unmatched := mdUnmatchedOpeners(rs)
	for i, r := range rs {
		if i == lead || unmatched[i] || mdNeedsEscape(rs, i) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdLeadingMarker is the index of the character that would open a block
// (list, heading, quote, task box, setext underline) if the string started
// a line, or -1.
func mdLeadingMarker(rs []rune) int {
	if len(rs) == 0 {
		return -1
	}
	switch rs[0] {
	case '-', '+', '=', '>', '#':
		return 0
	case '[':
		if len(rs) > 2 && rs[2] == ']' {
			return 0 // a task list box: "[ ]", "[x]"
		}
	}
	i := 0
	for i < len(rs) && '0' <= rs[i] && rs[i] <= '9' {
		i++
	}
	if i > 0 && i < len(rs) && (rs[i] == '.' || rs[i] == ')') {
		return i
	}
	return -1
}

// mdUnmatchedOpeners marks the '[' that no ']' of the same string closes.
// An open bracket left over would stay open to the end of the paragraph,
// where goldmark may fail to see the agenda's own links after it (a long
// enough run of text with two of them is enough), so it is escaped; a
// closed pair such as "[MAINTAINERS SUMMIT]" is harmless and stays as is.
func mdUnmatchedOpeners(rs []rune) map[int]bool {
	var open []int
	for i, r := range rs {
		switch {
		case r == '[':
			open = append(open, i)
		case r == ']' && len(open) > 0 && !mdClosesLink(rs, i):
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return nil
	}
	m := make(map[int]bool, len(open))
	for _, i := range open {
		m[i] = true
	}
	return m
}

// mdClosesLink reports whether the ']' at i would close a link or a
// reference ("](", "][", "]:"), in which case it is escaped and closes
// nothing.
func mdClosesLink(rs []rune, i int) bool {
	return i+1 < len(rs) && (rs[i+1] == '(' || rs[i+1] == '[' || rs[i+1] == ':')
}

// mdNeedsEscape reports whether rs[i] must be escaped wherever it stands.
func mdNeedsEscape(rs []rune, i int) bool {
	switch rs[i] {
	case '\\', '`', '*', '<', '|', '~':
		return true
	case '_':
		// Between two letters or digits '_' can neither open nor close
		// emphasis; anywhere else it might.
		return i == 0 || i == len(rs)-1 || !isWordRune(rs[i-1]) || !isWordRune(rs[i+1])
	case ']':
		// "](" would close an inline link, "][" a reference; other ']' are
		// literal since the document defines no link references.
		return mdClosesLink(rs, i)
	case '#':
		// A trailing run of '#' after a space would close a heading.
		if i > 0 && rs[i-1] != ' ' {
			return false
		}
		for _, r := range rs[i:] {
			if r != '#' {
				return false
			}
		}
		return true
	case '&':
		return mdEntity.MatchString(string(rs[i:min(len(rs), i+40)]))
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
