package thread

import (
	"strings"

	"summit/model/mail"
)

// MissingRoot is the Message-ID of the topic's first message when the
// archive lacks it (the replies name it in their References), "" when the
// first message is loaded. The topic's proposer is then its first replier,
// and InferredProposer may tell who really wrote it.
func (t *Topic) MissingRoot() string {
	if t.Root == nil || t.Root.Msg != nil {
		return ""
	}
	return t.Root.ID
}

// InferredProposer reads the replies to a missing first message and
// returns the author their attribution line names ("On 9/19/23 10:10,
// Steven Rostedt wrote:"), the first one found. It reads bodies, so it is
// meant for the few topics whose root is missing, not for every topic.
func InferredProposer(t *Topic, text func(*mail.Message) string) (string, bool) {
	if t.MissingRoot() == "" {
		return "", false
	}
	for _, c := range t.Root.Children {
		if c.Msg == nil {
			continue
		}
		if name := attributedAuthor(text(c.Msg)); name != "" {
			return name, true
		}
	}
	return "", false
}

// attributedAuthor finds the attribution line that opens the first quote
// of a body and returns the name in it, "" when there is none.
func attributedAuthor(body string) string {
	prev := ""
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, ">") {
			return nameOfAttribution(prev)
		}
		if line != "" {
			prev = line
		}
	}
	return ""
}

// nameOfAttribution takes the name out of "On <date>, <name> <addr>
// wrote:" and its shorter forms ("<name> wrote:", "* <name> [date]:" is not
// handled); "" when the line is no attribution.
func nameOfAttribution(line string) string {
	rest, ok := strings.CutSuffix(line, " wrote:")
	if !ok {
		if rest, ok = strings.CutSuffix(line, " writes:"); !ok {
			return ""
		}
	}
	if i := strings.IndexByte(rest, '<'); i >= 0 {
		rest = strings.TrimSpace(rest[:i])
	}
	if words, ok := strings.CutPrefix(rest, "On "); ok {
		// The date comes first: the name is what follows its last word
		// with a digit, AM/PM or the "at" of "at 10:10".
		fields := strings.Fields(words)
		start := 0
		for i, w := range fields {
			if strings.ContainsAny(w, "0123456789") || w == "AM" || w == "PM" || w == "at" {
				start = i + 1
			}
		}
		rest = strings.Join(fields[start:], " ")
	}
	rest = strings.Trim(rest, `"' ,`)
	if rest == "" || len(rest) > 64 {
		return ""
	}
	return mail.CleanText(rest, false)
}
