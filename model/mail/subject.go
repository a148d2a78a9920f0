package mail

import (
	"slices"
	"strings"
)

// Topic labels: the subject tags that mark a proposal for the summit.
// Every spelling seen on the list is recognised, in any case and spacing
// (also around a slash), and normalised to one label per kind, so that the
// committee filters and reads one name.
const (
	LabelMaintainers = "[MAINTAINERS SUMMIT]"
	LabelTech        = "[TECH TOPIC]"
)

// labelSpellings maps a tag's inside, upper-cased with spaces collapsed and
// none around a slash, to its label.
var labelSpellings = map[string]string{
	"MAINTAINERS SUMMIT":        LabelMaintainers,
	"MAINTAINER SUMMIT":         LabelMaintainers,
	"MAINTAINERS/KERNEL SUMMIT": LabelMaintainers,
	"MAINTAINER/KERNEL SUMMIT":  LabelMaintainers,
	"KERNEL SUMMIT":             LabelMaintainers,
	"KERNEL/MAINTAINERS SUMMIT": LabelMaintainers,
	"TECH TOPIC":                LabelTech,
	"KS TOPIC":                  LabelTech,
	"KERNEL SUMMIT TOPIC":       LabelTech,
}

// replyPrefixes are the words mailers put before a colon to mark a reply,
// lower-cased: English, German, Scandinavian and Dutch.
var replyPrefixes = []string{"re", "aw", "sv", "antw"}

// forwardPrefixes mark a forward: stripped like a reply prefix, but a
// forward is not a reply (it starts a conversation of its own).
var forwardPrefixes = []string{"fwd", "fw"}

// SimplifySubject reduces a subject to what replies to it share: reply and
// forward prefixes (Re:, RE:, Re[2]:, Aw:, Fwd:, Fw:, Sv:, Antw:) and list
// tags such as [PATCH v2 1/3] or [Ksummit-discuss] are stripped, however
// often and in whatever order they repeat, and runs of whitespace become one
// space. A topic label ([MAINTAINERS SUMMIT] and the like) is not a list
// tag: the first one found is kept, in its canonical spelling, at the front
// of base, so that TopicLabel can still read it and so that
// "Re: [maintainers summit] X" and "[MAINTAINERS SUMMIT] X" simplify alike.
// isReply says whether a reply prefix was found.
func SimplifySubject(s string) (base string, isReply bool) {
	label := ""
	rest := strings.TrimSpace(s)
	for rest != "" {
		if n, reply, ok := cutReplyPrefix(rest); ok {
			isReply = isReply || reply
			rest = strings.TrimSpace(rest[n:])
			continue
		}
		if rest[0] != '[' {
			break
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			break
		}
		if l := canonicalLabel(rest[:end+1]); l != "" {
			if label == "" {
				label = l
			}
		}
		rest = strings.TrimSpace(rest[end+1:])
	}
	base = strings.Join(strings.Fields(rest), " ")
	if label != "" {
		base = strings.TrimSpace(label + " " + base)
	}
	return base, isReply
}

// cutReplyPrefix recognises a reply or forward prefix at the start of s:
// a known word, an optional counter ("[2]" or "^2"), optional spaces, and a
// colon. It returns the length of the prefix and whether it marks a reply.
func cutReplyPrefix(s string) (n int, reply, ok bool) {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == 0 || i > 4 {
		return 0, false, false
	}
	word := strings.ToLower(s[:i])
	switch {
	case slices.Contains(replyPrefixes, word):
		reply = true
	case slices.Contains(forwardPrefixes, word):
	default:
		return 0, false, false
	}
	j := i
	if j < len(s) && (s[j] == '[' || s[j] == '^') {
		k := j + 1
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		if s[j] == '[' {
			if k == j+1 || k >= len(s) || s[k] != ']' {
				return 0, false, false
			}
			k++
		} else if k == j+1 {
			return 0, false, false
		}
		j = k
	}
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j >= len(s) || s[j] != ':' {
		return 0, false, false
	}
	return j + 1, reply, true
}

// PostingTags are the bracketed tags of a subject that tell one posting
// from another rather than name a list: [PATCH v2 3/7], [RFC], [GIT PULL],
// [RESEND], series numbers. They come normalised (upper case, single
// spaces), in their order; list tags ([Ksummit-discuss]) and topic labels
// are not among them.
func PostingTags(subject string) []string {
	var tags []string
	rest := strings.TrimSpace(subject)
	for rest != "" {
		if n, _, ok := cutReplyPrefix(rest); ok {
			rest = strings.TrimSpace(rest[n:])
			continue
		}
		if rest[0] != '[' {
			break
		}
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			break
		}
		tag := strings.Join(strings.Fields(strings.ToUpper(rest[1:end])), " ")
		if isPostingTag(tag) {
			tags = append(tags, "["+tag+"]")
		}
		rest = strings.TrimSpace(rest[end+1:])
	}
	return tags
}

// isPostingTag tells a tag such as "PATCH V2 1/3" or "RFC" from a list
// name: it starts with a word of patch mail, a version or a series number.
func isPostingTag(tag string) bool {
	first, _, _ := strings.Cut(tag, " ")
	switch first {
	case "PATCH", "RFC", "GIT", "PULL", "RESEND", "ANNOUNCE", "ANN":
		return true
	}
	if len(first) > 1 && first[0] == 'V' && strings.Trim(first[1:], "0123456789") == "" {
		return true
	}
	if a, b, ok := strings.Cut(first, "/"); ok && a != "" && b != "" && strings.Trim(a+b, "0123456789") == "" {
		return true
	}
	return false
}

// TopicLabel splits a topic label off the front of a subject:
// "[MAINTAINERS SUMMIT] X" gives ("[MAINTAINERS SUMMIT]", "X"). The label
// is recognised in any case and spacing, also behind Re: and list tags, and
// comes back in its canonical spelling. A subject without one gives ("",
// the subject simplified).
func TopicLabel(subject string) (label, title string) {
	base, _ := SimplifySubject(subject)
	if !strings.HasPrefix(base, "[") {
		return "", base
	}
	end := strings.IndexByte(base, ']')
	if end < 0 {
		// An unclosed "[" is a title, not a label.
		return "", base
	}
	label = canonicalLabel(base[:end+1])
	if label == "" {
		return "", base
	}
	return label, strings.TrimSpace(base[end+1:])
}

// canonicalLabel returns the canonical spelling of a bracketed tag when it
// is a topic label, "" otherwise.
func canonicalLabel(tag string) string {
	inner := strings.Join(strings.Fields(strings.ToUpper(tag[1:len(tag)-1])), " ")
	inner = strings.ReplaceAll(strings.ReplaceAll(inner, " /", "/"), "/ ", "/")
	return labelSpellings[inner]
}
