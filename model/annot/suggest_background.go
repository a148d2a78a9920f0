package annot

import (
	"regexp"
	"slices"
	"strings"

	"summit/model/mail"
	"summit/model/thread"
)

// BackgroundSuggestion is a link quoted in a session's threads that could
// be its background reading: shown, never adopted on its own
// (Store.AddBackground adopts it).
type BackgroundSuggestion struct {
	URL string
	// Message is the first message that quotes it, and From its author.
	Message string
	From    mail.Address
}

// backgroundURL matches the lore and LWN links of a text.
var backgroundURL = regexp.MustCompile(`https?://(?:lore\.kernel\.org|lwn\.net|www\.lwn\.net)/[^\s<>"'()\[\]{}]+`)

// SuggestBackground lists the lwn.net and lore.kernel.org links quoted in
// the messages of a session's topics, LWN's first, each kind in thread
// order, each link once: less
// those already in have (the session's background), and less lore links
// to the messages of the topics themselves, which the agenda links to
// anyway. text gives a message's text (its decoded body; the caller
// decides how to read it). Trailing punctuation of the sentence a link
// ends is not part of it.
func SuggestBackground(topics []*thread.Topic, text func(*mail.Message) string, have []string) []BackgroundSuggestion {
	own := map[string]bool{}
	for _, t := range topics {
		for _, m := range t.Messages {
			own[m.ID] = true
		}
	}
	seen := map[string]bool{}
	for _, u := range have {
		seen[backgroundKey(u)] = true
	}
	var out []BackgroundSuggestion
	for _, t := range topics {
		for _, m := range t.Messages {
			for _, u := range backgroundURL.FindAllString(text(m), -1) {
				u = strings.TrimRight(u, ".,;:!?")
				k := backgroundKey(u)
				if seen[k] || own[loreMessageID(u)] {
					continue
				}
				seen[k] = true
				out = append(out, BackgroundSuggestion{URL: cleanURL(u), Message: m.ID, From: m.From})
			}
		}
	}
	// LWN's articles first, the reading most often meant; each kind in
	// thread order.
	slices.SortStableFunc(out, func(a, b BackgroundSuggestion) int {
		return cmpBool(!isLWN(a.URL), !isLWN(b.URL))
	})
	return out
}

func isLWN(u string) bool { return strings.HasPrefix(backgroundKey(u), "lwn.net/") }

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

// backgroundKey is what tells two links apart: scheme, a "www." and a
// final slash do not.
func backgroundKey(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	u = strings.TrimPrefix(u, "www.")
	return strings.TrimSuffix(u, "/")
}

// loreMessageID is the Message-ID a lore link points at
// (https://lore.kernel.org/<list>/<id>/...), "" for another link.
func loreMessageID(u string) string {
	rest, ok := strings.CutPrefix(backgroundKey(u), "lore.kernel.org/")
	if !ok {
		return ""
	}
	parts := strings.Split(rest, "/")
	if len(parts) < 2 {
		return ""
	}
	id := parts[1]
	id = strings.NewReplacer("%40", "@", "%2F", "/", "%2f", "/", "%25", "%").Replace(id)
	if slices.Contains([]string{"", "T", "t.mbox.gz"}, id) || !strings.Contains(id, "@") {
		return ""
	}
	return id
}
