package annot

import (
	"strings"

	"summit/model/thread"
)

// bounceSubjects are words of the subjects delivery systems and
// auto-responders give their mail, lower-cased.
var bounceSubjects = []string{
	"undeliverable", "undelivered mail", "delivery status notification",
	"mail delivery failed", "delivery failure", "returned mail", "未送达",
	"automatic reply", "auto-reply", "autoreply", "out of office",
	// Exchange and others in the languages seen on the list.
	"unzustellbar", "zustellungsbericht", "non remis", "no entregado", "non recapitabile", "onbestelbaar",
}

// bounceSenders are words of the From of delivery systems, lower-cased.
var bounceSenders = []string{"mailer-daemon", "postmaster", "mail delivery system", "mail delivery subsystem"}

// SuggestIgnore says why a topic looks like one to ignore (a bounce, an
// auto-reply), "" when it does not. It is a suggestion, shown dimmed and
// never applied on its own: nothing is dropped by heuristics alone. It
// reads only headers, so it costs nothing per topic.
func SuggestIgnore(t *thread.Topic) string {
	if len(t.Messages) == 0 {
		return ""
	}
	first := t.Messages[0]
	if first.Automatic {
		return "sent by a machine (a bounce or an auto-reply, by its headers)"
	}
	subject := strings.ToLower(first.Subject)
	for _, w := range bounceSubjects {
		if strings.Contains(subject, w) {
			return "a bounce or an auto-reply (its subject)"
		}
	}
	from := strings.ToLower(first.From.Name + " " + first.From.Email)
	for _, w := range bounceSenders {
		if strings.Contains(from, w) {
			return "a bounce (sent by " + first.From.Display() + ")"
		}
	}
	return ""
}
