package annot

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Suggestions read a message's own words: quoted text is what someone else
// said, and a signature or patch says nothing about the topic. They are
// only suggestions; the reviewer adopts them or not.

var (
	// Refusal: a Nacked-by trailer, or a line that opens with NAK as a
	// verdict ("NAK.", "NAK, because..."); "a single NAK" or "would you
	// NACK it" in a sentence are talk about NAKs, not one.
	nakTrailer = regexp.MustCompile(`(?i)^(nacked|naked|nak|nack)-by:`)
	nakVerdict = regexp.MustCompile(`^(NAK|NACK|Nak|Nack|NAKed|NACKed|Nacked)(\s*$|[.,;:!]|\s+(from|for|to|on)\b|\s*-)`)
	// Approval trailers.
	supportTrailer = regexp.MustCompile(`(?i)^(acked|reviewed)-by:`)
	// Approving wording, matched per sentence. "I don't agree" has no
	// match because only adverbs may come between "I" and "agree".
	supportWording = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\bstrongest agreement\b`),
		regexp.MustCompile(`(?i)\bI (?:(?:also|fully|totally|completely|strongly|very much|wholeheartedly|100%|absolutely|entirely|do) )*agree\b`),
		regexp.MustCompile(`(?i)\b(?:could(?:n't| not)|can(?:'t|not)) agree more\b`),
		regexp.MustCompile(`(?i)^(?:(?:yes|yeah|right|fully|totally|completely|absolutely|strongly),? )*agreed\s*[.!]*$`),
		regexp.MustCompile(`(?:^|\s)\+1(?:\s|[.,!]|$)`),
	}
	// A sentence that agrees only to disagree ("While I agree ..., in
	// practice ...") is not support.
	concessive = regexp.MustCompile(`(?i)^(while|although|though|even if|whilst)\b|\bbut\b|\bhowever\b|\bin practice\b`)
)

// SuggestStance suggests a stance from a message body and says why:
// Nacked-by or a NAK verdict suggest oppose; Acked-by, Reviewed-by and
// approving wording ("I agree", "strongest agreement", "+1") suggest
// support. Only the author's own lines count, not quotes or signature.
func SuggestStance(text string) (Stance, string) {
	own := ownLines(text)
	for _, l := range own {
		t := strings.TrimSpace(l)
		if m := nakTrailer.FindString(t); m != "" {
			return StanceOppose, strings.TrimSuffix(m, ":") + " trailer"
		}
		if m := nakVerdict.FindStringSubmatch(t); m != nil {
			return StanceOppose, m[1]
		}
	}
	for _, l := range own {
		if m := supportTrailer.FindString(strings.TrimSpace(l)); m != "" {
			return StanceSupport, strings.TrimSuffix(m, ":") + " trailer"
		}
	}
	for _, s := range sentences(own) {
		for _, re := range supportWording {
			if m := re.FindString(s); m != "" && !concessive.MatchString(s) {
				return StanceSupport, `"` + strings.TrimSpace(m) + `"`
			}
		}
	}
	return StanceNone, ""
}

// CandidateQuestions are the sentences ending in '?' in the author's own
// text, joined across line breaks, trimmed and deduplicated, in order.
// One- and two-word questions ("Thoughts?") are left out: out of context
// they cannot be recorded as an open question.
func CandidateQuestions(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range sentences(proseLines(ownLines(text))) {
		if !strings.HasSuffix(strings.TrimRight(s, `"')]`), "?") || len(strings.Fields(s)) < 3 || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// UnrecordedQuestions are the candidates that are not recorded yet: a
// question recorded once, on this message or another, or recorded edited
// (cut short, reworded at its ends, in other case or punctuation), is not
// offered again.
func UnrecordedQuestions(candidates, recorded []string) []string {
	if len(recorded) == 0 {
		return candidates
	}
	rec := make([]string, len(recorded))
	for i, r := range recorded {
		rec[i] = questionKey(r)
	}
	var out []string
	for _, c := range candidates {
		if !slices.ContainsFunc(rec, func(r string) bool { return sameQuestion(questionKey(c), r) }) {
			out = append(out, c)
		}
	}
	return out
}

// questionKey is a question's words, lower case, without punctuation.
func questionKey(q string) string {
	f := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return " " + strings.Join(f, " ") + " "
}

// sameQuestion: the same words, or one holding the other when that one
// keeps at least half the words of the longer (an edit that cut a clause).
func sameQuestion(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	return strings.Contains(a, b) && 2*strings.Count(b, " ") >= strings.Count(a, " ")
}

var (
	attributionEnd = regexp.MustCompile(`(?i)(wrote|writes|said|escreveu|escribió|a écrit|schrieb .*|skrev|ha scritto)\s*:$`)
	patchStart     = regexp.MustCompile(`^(diff --git |Index: |--- a/)`)
)

// ownLines are the lines the author wrote: not quoted, not an attribution
// introducing a quote, and nothing from the signature or a patch on. A
// blank string stands for each paragraph break (quotes included).
func ownLines(text string) []string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var out []string
	for i, l := range lines {
		if l == "-- " || l == "--" || patchStart.MatchString(l) {
			break
		}
		if strings.HasPrefix(strings.TrimLeft(l, " "), ">") {
			out = append(out, "")
			continue
		}
		if attributionEnd.MatchString(strings.TrimSpace(l)) && nextIsQuote(lines, i+1) {
			out = append(out, "")
			continue
		}
		out = append(out, l)
	}
	return out
}

var (
	// clockStart begins a line of a timetable: "8:00 Hot breakfast",
	// "09.30-10.15 Welcome".
	clockStart = regexp.MustCompile(`^\s*\d{1,2}[:.]\d{2}\b`)
	// columnGap is the run of blanks between the columns of a table
	// typed in plain text.
	columnGap = regexp.MustCompile(`\S(\t| {3,})\S`)
)

// proseLines keeps the lines of prose, where a question is a sentence:
// a timetable, a table or a list of short lines is not, and joined into
// one paragraph its lines made a "question" of the whole timetable
// ("8:00 Hot breakfast ... 9:00 Welcome ... ?"). A blank string stands
// for each line left out, so that the prose around them stays apart.
func proseLines(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		if clockStart.MatchString(l) || columnGap.MatchString(l) || strings.Contains(l, "|") {
			continue
		}
		out[i] = l
	}
	// A paragraph whose lines are mostly short and end without a
	// sentence's mark is a list without markers, not prose.
	for start := 0; start < len(out); {
		end := start + 1
		for end < len(out) && strings.TrimSpace(out[end]) != "" && !listMarker.MatchString(out[end]) {
			end++
		}
		if strings.TrimSpace(out[start]) == "" {
			start++
			continue
		}
		if n := end - start; n >= 3 {
			// A line of prose goes on in the next one, in lower case;
			// an item of a list ends short, and the next one starts
			// with a capital or a digit.
			items := 0
			for i := start + 1; i < end; i++ {
				prev := strings.TrimSpace(out[i-1])
				if len(prev) < 40 && !strings.ContainsAny(prev[len(prev)-1:], ".,;:?!-") && startsUpperOrDigit(strings.TrimSpace(out[i])) {
					items++
				}
			}
			if items*2 > n-1 {
				for i := start; i < end; i++ {
					out[i] = ""
				}
			}
		}
		start = end
	}
	return out
}

func nextIsQuote(lines []string, i int) bool {
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		return strings.HasPrefix(t, ">")
	}
	return false
}

var (
	listMarker = regexp.MustCompile(`^\s*([-*•]|\d{1,2}[.)]|\(?[a-z0-9]\))\s+`)
	// Abbreviations after which a full stop does not end a sentence.
	abbreviation = regexp.MustCompile(`(?i)(^|\s)(e\.g|i\.e|etc|vs|cf|mr|mrs|dr|al|approx|resp|no)\.$`)
)

// sentences joins lines into paragraphs (a blank line, a quote or a list
// item starts a new one) and cuts them after '.', '!' or '?' followed by a
// space. Whitespace inside a sentence is collapsed to single spaces.
func sentences(lines []string) []string {
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, splitSentences(strings.Join(para, " "))...)
			para = nil
		}
	}
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		if loc := listMarker.FindStringIndex(l); loc != nil {
			flush()
			l = l[loc[1]:]
		}
		para = append(para, strings.TrimSpace(l))
	}
	flush()
	return out
}

func splitSentences(p string) []string {
	words := strings.Fields(p)
	var out []string
	start := 0
	for i, w := range words {
		last := w[len(w)-1]
		end := last == '?' || last == '!' || (last == '.' && !abbreviation.MatchString(" "+w))
		// Closing quotes and brackets after the mark: "...?" or (...?)
		if !end {
			t := strings.TrimRight(w, `"')]`)
			end = t != w && t != "" && strings.ContainsAny(t[len(t)-1:], "?!.")
		}
		// A mark inside a sentence ("a (mostly?) open stack", "e.g. x")
		// is followed by a lower-case word.
		if end && i+1 < len(words) && startsLower(words[i+1]) {
			end = false
		}
		if end || i == len(words)-1 {
			out = append(out, strings.Join(words[start:i+1], " "))
			start = i + 1
		}
	}
	return out
}

func startsUpperOrDigit(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	return false
}

func startsLower(w string) bool {
	for _, r := range w {
		return unicode.IsLower(r)
	}
	return false
}
