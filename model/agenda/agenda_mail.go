package agenda

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"mime"
	netmail "net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-mbox"

	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
)

// The mails summit writes for the committee to send, never sends itself:
// the agenda as the plain-text mail the committee sends to the list, and
// one draft reply per decided proposal. Both are RFC 5322 messages in an
// mbox (WriteMbox), which git send-email, mutt and b4 read. Their text is
// wrapped as mail is, lines within mailWrap columns; only a URL too long
// for a line of its own goes past mailMaxLine, unbroken.

// ListAddress is where the agenda mail goes.
const ListAddress = "ksummit@lists.linux.dev"

const (
	mailWrap    = 72 // text is wrapped here
	mailMaxLine = 78 // no line is longer, but for a long URL alone on one
)

// Mail is one message to send.
type Mail struct {
	From       netmail.Address
	To         []netmail.Address
	Cc         []netmail.Address
	Subject    string
	Date       time.Time
	MessageID  string // without angle brackets
	InReplyTo  string // without angle brackets, "" for none
	References []string
	Body       string // plain text, ending in a newline
}

// MailOptions are the envelope of the mails: who sends them, when, and
// the agenda mail's subject.
type MailOptions struct {
	From netmail.Address
	Date time.Time
	// Subject of the agenda mail; the agenda's title when empty.
	Subject string
}

// AgendaMail is the agenda as the committee mails it to the list: a
// heading (the summit, its place and date, the title being the subject), the day one line per session
// and fixed item ("9:30  Regression tracking (Thorsten Leemhuis)"), then
// each session of the day with its length, its proposal threads as lore
// links, its prework questions and background reading. Notes stay out:
// they are the committee's own. The agenda must have its day (Build with
// Options.Day).
func (ag *Agenda) AgendaMail(opt MailOptions) Mail {
	subject := opt.Subject
	if subject == "" {
		subject = ag.Title
	}
	m := Mail{
		From: opt.From, To: []netmail.Address{{Address: ListAddress}},
		Subject: agendaLine(subject), Date: opt.Date, Body: ag.MailText(),
	}
	m.MessageID = messageID("agenda", opt.From.Address, m.Subject+"\n"+m.Body)
	return m
}

// MailText is the text of the agenda mail (see AgendaMail).
func (ag *Agenda) MailText() string {
	var b strings.Builder
	lines := []string{"Maintainers Summit"}
	day := ag.Day
	if day == nil {
		day = &Day{}
	}
	if day.Place != "" {
		lines = append(lines, day.Place)
	}
	if d := longDate(day.Date); d != "" {
		lines = append(lines, d)
	}
	for _, l := range lines {
		for _, w := range wrapText(l, mailWrap, "", "") {
			pad := max(0, (mailWrap-utf8.RuneCountInString(w))/2)
			b.WriteString(strings.Repeat(" ", pad) + w + "\n")
		}
	}
	b.WriteString("\n")
	sessions := map[string]Topic{}
	for _, sec := range ag.Sections {
		for _, t := range sec.Topics {
			sessions[t.ID] = t
		}
	}
	var inDay []DayItem
	for _, it := range day.Items {
		text := it.Title
		if !it.Fixed {
			if len(it.Leads) > 0 {
				text += " (" + joinNames(it.Leads) + ")"
			}
			if it.Tentative {
				text += " [undecided]"
			}
			inDay = append(inDay, it)
		}
		writeWrapped(&b, text, fmt.Sprintf("%-5s ", it.Start), "      ")
	}
	if len(inDay) == 0 {
		b.WriteString("No session has a slot yet.\n")
		return b.String()
	}
	for _, it := range inDay {
		b.WriteString("\n")
		t, ok := sessions[it.ID]
		head := it.Start + " " + it.Title
		if len(it.Leads) > 0 {
			head += " (" + joinNames(it.Leads) + ")"
		}
		writeWrapped(&b, head, "", "  ")
		if !ok {
			continue // left out by --status or --topic
		}
		writeMailSession(&b, t)
	}
	return b.String()
}

// writeMailSession is a session's part of the agenda mail, under its
// time and title.
func writeMailSession(b *strings.Builder, t Topic) {
	length := "Length not set."
	if t.Minutes > 0 {
		length = Plural(t.Minutes, "minute")
	}
	if t.Tentative {
		writeWrapped(b, "Undecided: placed in the day while the committee weighs it.", "  ", "  ")
	}
	threads := t.Threads
	switch {
	case threads == nil && !t.Committee:
		who := "proposed by " + t.Proposer.Name
		if t.ProposerInferred {
			who = "proposed by " + t.Proposer.Name + " (the first message is not in the archive)"
		}
		writeWrapped(b, strings.TrimSuffix(length, ".")+", "+who+":", "  ", "  ")
		writeURL(b, threadURL(t.Link, t.MissingRoot), "  ")
	case len(threads) == 0:
		writeWrapped(b, strings.TrimSuffix(length, ".")+"; no proposal thread.", "  ", "  ")
	default:
		intro := "drawing on the proposal:"
		if len(threads) > 1 {
			intro = "drawing on " + numberWord(len(threads)) + " proposals:"
		}
		writeWrapped(b, strings.TrimSuffix(length, ".")+", "+intro, "  ", "  ")
		for _, th := range threads {
			writeWrapped(b, th.Title+" ("+th.Proposer.Name+")", "  - ", "    ")
			writeURL(b, threadURL(th.Link, th.MissingRoot), "    ")
		}
	}
	if len(t.Prework) > 0 {
		b.WriteString("\n  Prework:\n")
		for _, q := range t.Prework {
			writeWrapped(b, q.Text, "  - ", "    ")
		}
	}
	if len(t.Background) > 0 {
		b.WriteString("\n  Background:\n")
		for _, u := range t.Background {
			writeURL(b, u, "  - ")
		}
	}
}

// threadURL is the lore link of a proposal: of its first message, when
// the archive lacks it but lore has it.
func threadURL(link, missingRoot string) string {
	if missingRoot != "" {
		return mail.LoreURL(missingRoot)
	}
	return link
}

// writeURL writes a URL after prefix, on a line of its own, never broken:
// at the prefix's indent when it fits, and alone on its line when even
// that is too long.
func writeURL(b *strings.Builder, u, prefix string) {
	if u == "" {
		b.WriteString(prefix + "(no lore link)\n")
		return
	}
	b.WriteString(prefix + u + "\n")
}

func writeWrapped(b *strings.Builder, text, first, rest string) {
	for _, l := range wrapText(text, mailWrap, first, rest) {
		b.WriteString(strings.TrimRight(l, " ") + "\n")
	}
}

// wrapText breaks text into lines of at most width columns, the first
// starting with first, the others with rest. A word longer than a line (a
// URL) gets a line of its own and is not broken.
func wrapText(text string, width int, first, rest string) []string {
	words := strings.Fields(text)
	if len(words) == 0 {
		return []string{first}
	}
	var lines []string
	line := first
	empty := true
	for _, w := range words {
		switch {
		case empty:
			line += w
			empty = false
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= width:
			line += " " + w
		default:
			lines = append(lines, line)
			line = rest + w
		}
	}
	return append(lines, line)
}

func joinNames(ps []Person) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

func numberWord(n int) string {
	if n >= 0 && n < 10 {
		return [...]string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}[n]
	}
	return fmt.Sprint(n)
}

// longDate is a YYYY-MM-DD date as the agenda mail heads it, "November
// 16, 2023"; "" when there is none.
func longDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return ""
	}
	return t.Format("January 2, 2006")
}

// messageID makes a Message-ID that is the same for the same mail, at the
// sender's domain.
func messageID(kind, from, content string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + content))
	domain := "summit.invalid"
	if _, d, ok := strings.Cut(from, "@"); ok && d != "" {
		domain = d
	}
	return fmt.Sprintf("summit-%s-%x@%s", kind, sum[:8], domain)
}

// Bytes is the message as RFC 5322 text, LF line ends: headers folded
// within 78 columns, non-ASCII words encoded (RFC 2047), the body as
// 8-bit UTF-8 text.
func (m Mail) Bytes() []byte {
	var b bytes.Buffer
	header := func(name, value string) {
		b.WriteString(foldHeader(name, value))
	}
	header("From", formatAddress(m.From))
	if len(m.To) > 0 {
		header("To", addressList(m.To))
	}
	if len(m.Cc) > 0 {
		header("Cc", addressList(m.Cc))
	}
	header("Subject", encodeWords(m.Subject))
	header("Date", m.Date.Format(time.RFC1123Z))
	header("Message-ID", "<"+m.MessageID+">")
	if m.InReplyTo != "" {
		header("In-Reply-To", "<"+m.InReplyTo+">")
	}
	if len(m.References) > 0 {
		refs := make([]string, len(m.References))
		for i, r := range m.References {
			refs[i] = "<" + r + ">"
		}
		header("References", strings.Join(refs, " "))
	}
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	cte := "7bit"
	for i := 0; i < len(m.Body); i++ {
		if m.Body[i] >= 0x80 {
			cte = "8bit"
			break
		}
	}
	header("Content-Transfer-Encoding", cte)
	b.WriteString("\n")
	b.WriteString(m.Body)
	return b.Bytes()
}

func addressList(as []netmail.Address) string {
	parts := make([]string, len(as))
	for i, a := range as {
		parts[i] = formatAddress(a)
	}
	return strings.Join(parts, ", ")
}

// formatAddress writes an address as people write it: the bare address
// without a name, the name unquoted when it is plain words, and
// net/mail's quoting or RFC 2047 encoding when it is not.
func formatAddress(a netmail.Address) string {
	if a.Name == "" {
		return a.Address
	}
	for _, r := range a.Name {
		if !(r == ' ' || r == '\'' || r == '-' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')) {
			return a.String()
		}
	}
	return a.Name + " <" + a.Address + ">"
}

// encodeWords encodes a header value that is not ASCII (RFC 2047).
func encodeWords(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return mime.QEncoding.Encode("utf-8", s)
		}
	}
	return s
}

// foldHeader writes "Name: value" folded at spaces so that no line is
// longer than 78 columns where a space allows it (RFC 5322, 2.2.3).
func foldHeader(name, value string) string {
	words := strings.Split(value, " ")
	var b strings.Builder
	line := name + ":"
	for _, w := range words {
		if w == "" {
			continue
		}
		if len(line)+1+len(w) > mailMaxLine {
			b.WriteString(line + "\n")
			line = " " + w
			continue
		}
		line += " " + w
	}
	b.WriteString(line + "\n")
	return b.String()
}

// WriteMbox writes mails to w as an mbox, with go-mbox's writer, which
// quotes the body lines that start with "From ".
func WriteMbox(w io.Writer, mails []Mail) error {
	mw := mbox.NewWriter(w)
	for _, m := range mails {
		part, err := mw.CreateMessage(m.From.Address, m.Date)
		if err != nil {
			return err
		}
		// Without its last newline: the writer ends each message with one
		// line break and a blank line.
		if _, err := part.Write(bytes.TrimSuffix(m.Bytes(), []byte("\n"))); err != nil {
			return err
		}
	}
	return mw.Close()
}

// replyQuoteLines is how many lines of a proposal a draft reply quotes.
const replyQuoteLines = 8

// Replies drafts one reply per decided proposal of the agenda, in agenda
// order: accepted (with its slot, when the agenda has its day), declined,
// deferred, or merged into another session (with that session's fate and
// slot). Each goes to the proposer, copied to the list, In-Reply-To and
// References set to the proposal, quoting its first lines. ag must come
// from Build on the same archive and annotations.
func Replies(a *model.Archive, ag *Agenda, opt MailOptions) []Mail {
	var out []Mail
	var date string
	if ag.Day != nil {
		date = longDate(ag.Day.Date)
	}
	for _, sec := range ag.Sections {
		if sec.Status == annot.StatusUndecided {
			continue
		}
		for _, t := range sec.Topics {
			for i, th := range sessionThreads(t) {
				out = append(out, reply(a, t, th, i > 0 || t.Committee, date, opt))
			}
		}
	}
	return out
}

// sessionThreads is the threads of a session: Threads, or the one topic.
func sessionThreads(t Topic) []Thread {
	if t.Threads != nil || t.Committee {
		return t.Threads
	}
	return []Thread{{
		ID: t.ID, Title: t.Title, Label: t.Label, Proposer: t.Proposer, Proposed: t.Proposed, Link: t.Link,
		Messages: t.Messages, Participants: t.Participants, First: t.First, Last: t.Last,
		MissingRoot: t.MissingRoot, ProposerInferred: t.ProposerInferred,
	}}
}

func reply(a *model.Archive, t Topic, th Thread, merged bool, date string, opt MailOptions) Mail {
	m := Mail{From: opt.From, Date: opt.Date}
	list := netmail.Address{Address: ListAddress}
	root := a.Lookup(th.ID)
	parent := th.ID
	var refs []string
	subject := th.Title
	if root != nil {
		subject = root.Subject
		refs = append(refs, root.References...)
	}
	if th.MissingRoot != "" {
		// Lore has the proposal; the archive only its replies, whose
		// subject may carry another list's tag.
		parent, refs = th.MissingRoot, nil
		subject = strings.TrimSpace(th.Label + " " + th.Title)
	}
	m.InReplyTo = parent
	m.References = append(refs, parent)
	if base, isReply := mail.SimplifySubject(subject); !isReply || base == "" {
		subject = "Re: " + strings.TrimSpace(subject)
	}
	m.Subject = agendaLine(subject)
	if th.Proposer.Email != "" && !th.ProposerInferred {
		m.To = []netmail.Address{{Name: th.Proposer.Name, Address: th.Proposer.Email}}
		m.Cc = []netmail.Address{list}
	} else {
		m.To = []netmail.Address{list}
	}

	var b strings.Builder
	if root != nil && th.MissingRoot == "" {
		writeQuote(&b, root)
	}
	writeReplyText(&b, t, th, merged, date)
	m.Body = b.String()
	m.MessageID = messageID("reply", opt.From.Address, parent+"\n"+m.Body)
	return m
}

// writeQuote quotes the first lines of a proposal, after an attribution.
func writeQuote(b *strings.Builder, root *mail.Message) {
	who := agendaLine(root.From.Name)
	if who == "" {
		who = agendaLine(root.From.Email)
	}
	attribution := who + " wrote:"
	if !root.Date.IsZero() {
		attribution = "On " + root.Date.Format("Mon, 2 Jan 2006 15:04:05 -0700") + ", " + attribution
	}
	writeWrapped(b, attribution, "", "")
	var quoted []string
	more := false
	for _, l := range proposalLines(bodyText(root)) {
		// Lines as the proposer broke them; only one too long to quote
		// within the line is wrapped.
		wrapped := []string{l}
		if utf8.RuneCountInString(l) > mailMaxLine-2 {
			wrapped = wrapText(l, mailWrap-2, "", "")
		}
		for _, w := range wrapped {
			if len(quoted) == replyQuoteLines {
				more = true
				break
			}
			quoted = append(quoted, w)
		}
	}
	for len(quoted) > 0 && quoted[len(quoted)-1] == "" {
		quoted = quoted[:len(quoted)-1]
	}
	for _, q := range quoted {
		if q == "" {
			b.WriteString(">\n")
			continue
		}
		b.WriteString("> " + q + "\n")
	}
	if more {
		b.WriteString("> [...]\n")
	}
	b.WriteString("\n")
}

// proposalLines is the proposal's own text, line by line: no leading
// blank lines, no quoted lines, nothing from the signature on.
func proposalLines(text string) []string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if l == "-- " || l == "--" {
			break
		}
		l = strings.TrimRight(mail.CleanText(l, false), " \t")
		if strings.HasPrefix(l, ">") {
			continue
		}
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// writeReplyText says what the committee decided, and for a session on
// the agenda when and with whom.
func writeReplyText(b *strings.Builder, t Topic, th Thread, merged bool, date string) {
	when := ""
	if t.Start != "" {
		if date != "" {
			when = " on " + date + ","
		}
		when += " at " + t.Start + "-" + t.End
	}
	leads := ""
	if len(t.Leads) > 0 {
		leads = ", led by " + leadNames(t.Leads, func(s string) string { return s })
	}
	var text string
	switch {
	case merged:
		text = fmt.Sprintf("Thank you for proposing this topic. The program committee has merged it into the session %q", t.Title)
		switch t.Status {
		case annot.StatusAccepted:
			text += ", which is on the agenda" + when + leads + "."
		case annot.StatusDeferred:
			text += ", which the committee has deferred: it is not on the agenda for now."
		default:
			text += ", which is not on the agenda this year."
		}
	case t.Status == annot.StatusAccepted:
		text = "Thank you for proposing this topic. The program committee has accepted it: it is on the agenda" + when
		if t.Title != th.Title {
			text += fmt.Sprintf(" as %q", t.Title)
		}
		text += leads + "."
		if t.Start == "" && t.Minutes > 0 {
			text += " The session has " + Plural(t.Minutes, "minute") + "; its time will follow."
		}
	case t.Status == annot.StatusDeferred:
		text = "Thank you for proposing this topic. The program committee has deferred it: it is not on the agenda for now, and the committee may come back to it."
	default:
		text = "Thank you for proposing this topic. The program committee has decided not to put it on the agenda this year."
	}
	writeWrapped(b, text, "", "")
	if t.Status == annot.StatusAccepted {
		var others []Thread
		for _, o := range t.Threads {
			if o.ID != th.ID {
				others = append(others, o)
			}
		}
		if len(others) > 0 {
			b.WriteString("\nThe session also draws on:\n")
			for _, o := range others {
				writeWrapped(b, o.Title+" ("+o.Proposer.Name+")", "- ", "  ")
				writeURL(b, threadURL(o.Link, o.MissingRoot), "  ")
			}
		}
		if len(t.Prework) > 0 {
			b.WriteString("\nPlease come prepared to discuss:\n")
			for _, q := range t.Prework {
				writeWrapped(b, q.Text, "- ", "  ")
			}
		}
	}
}
