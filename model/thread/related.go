package thread

import (
	"bytes"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"summit/model/mail"
)

// messageLinkHosts are the archive sites whose links carry a Message-ID as
// one of their path segments: lore.kernel.org/<list>/<id>/,
// lore.kernel.org/r/<id>, lkml.kernel.org/r/<id>, patch.msgid.link/<id>,
// lwn.net/ml/<list>/<id>/.
var messageLinkHosts = []string{
	"lore.kernel.org/",
	"lkml.kernel.org/",
	"patch.msgid.link/",
	"lwn.net/ml/",
}

// FindRelated fills Topic.Related for every topic: the IDs of the
// other loaded topics its messages point at, through archive links or
// Message-IDs quoted in angle brackets, deduplicated and sorted. bodies
// gives the text of a message; nil means the raw body RawBodyText gives,
// read through one reused buffer per core, which is the fast way. Reading
// bodies is slow, so this is a pass of its own that the caller runs when
// it can afford it. It writes the topics: a caller that shows them
// meanwhile should run RelatedTopics in the background instead and apply
// its result where it owns the topics.
func FindRelated(topics []*Topic, bodies func(*mail.Message) string) {
	related := RelatedTopics(topics, bodies)
	for _, tp := range topics {
		tp.Related = related[tp.ID]
	}
}

// RelatedTopics is FindRelated without the writing: topic ID -> the IDs of
// the topics it refers to. It only reads the topics.
func RelatedTopics(topics []*Topic, bodies func(*mail.Message) string) map[string][]string {
	n := 0
	for _, tp := range topics {
		n += len(tp.Messages)
	}
	topicOf := make(map[string]int, n)
	for i, tp := range topics {
		for _, m := range tp.Messages {
			if _, dup := topicOf[m.ID]; !dup {
				topicOf[m.ID] = i
			}
		}
	}
	// Reading and scanning every body is the slow part: spread the topics
	// over the cores. bodies must be safe to call from several goroutines
	// (Message.Raw and Message.Body are).
	perTopic := make([][]string, len(topics))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := refWorker{topics: topics, topicOf: topicOf, bodies: bodies}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(topics) {
					return
				}
				perTopic[i] = w.topicRefs(i)
			}
		}()
	}
	wg.Wait()
	out := map[string][]string{}
	for i, refs := range perTopic {
		if len(refs) > 0 {
			out[topics[i].ID] = refs
		}
	}
	return out
}

// refWorker is one goroutine of the related pass, with the buffers it
// reuses from message to message: what it allocates is what it finds.
type refWorker struct {
	topics  []*Topic
	topicOf map[string]int
	bodies  func(*mail.Message) string

	buf  []byte // the raw message, when bodies is nil: maxScanned at most
	scan mentionScanner
	emit func(id []byte)
	cur  int   // the topic being scanned
	refs []int // the other topics it mentions, with repeats
}

// maxScanned is how much of one message the related pass reads: the links
// and Message-IDs of a mail are in its first megabytes, and a message of
// gigabytes (one log, a gzip bomb) must not be read into memory whole.
const maxScanned = 4 << 20

// topicRefs is the sorted, deduplicated IDs of the other topics that topic
// i's messages mention.
func (w *refWorker) topicRefs(i int) []string {
	if w.emit == nil {
		w.emit = func(id []byte) {
			if j, ok := w.topicOf[string(id)]; ok && j != w.cur {
				w.refs = append(w.refs, j)
			}
		}
	}
	w.cur, w.refs = i, w.refs[:0]
	for _, m := range w.topics[i].Messages {
		w.scan.scan(w.body(m), w.emit)
	}
	if len(w.refs) == 0 {
		return nil
	}
	slices.Sort(w.refs)
	ids := make([]string, 0, len(w.refs))
	for k, j := range w.refs {
		if k == 0 || j != w.refs[k-1] {
			ids = append(ids, w.topics[j].ID)
		}
	}
	// Two topics can share an ID (the same root loaded twice): keep one.
	slices.Sort(ids)
	return slices.Compact(ids)
}

// body is the text of m to scan, valid until the next call.
func (w *refWorker) body(m *mail.Message) []byte {
	if w.bodies != nil {
		text := w.bodies(m)
		return unsafe.Slice(unsafe.StringData(text), len(text)) // only read
	}
	raw, err := m.AppendRawPrefix(w.buf[:0], maxScanned)
	w.buf = raw
	if err != nil {
		return nil
	}
	return rawBody(raw)
}

// MentionedIDs lists the candidate Message-IDs in a text, in order of
// appearance, with repeats: every <local@domain> in angle brackets and
// every path segment holding an "@" in a link to a mail archive (decoded
// from %-escapes). A candidate ending in sentence punctuation is listed
// both with and without it, as the text does not say which was meant. Most
// candidates are not loaded messages (an address in angle brackets is a
// candidate too); the caller keeps those it knows.
func MentionedIDs(text string) []string {
	var ids []string
	add := func(id string) {
		if id == "" || !strings.Contains(id, "@") {
			return
		}
		ids = append(ids, id)
		if trimmed := strings.TrimRight(id, ".,;:!?)"); trimmed != id && trimmed != "" {
			ids = append(ids, trimmed)
		}
	}
	for rest := text; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
		end := strings.IndexAny(rest, "<> \t\r\n")
		if end > 0 && rest[end] == '>' {
			add(rest[:end])
		}
	}
	for _, host := range messageLinkHosts {
		for rest := text; ; {
			i := strings.Index(rest, host)
			if i < 0 {
				break
			}
			rest = rest[i+len(host):]
			end := strings.IndexAny(rest, " \t\r\n<>\"'")
			link := rest
			if end >= 0 {
				link = rest[:end]
			}
			link, _, _ = strings.Cut(link, "#")
			link, _, _ = strings.Cut(link, "?")
			for _, seg := range strings.Split(link, "/") {
				if dec, err := url.PathUnescape(seg); err == nil {
					seg = dec
				}
				add(seg)
			}
		}
	}
	return ids
}

// RawBodyText is the text the related-topics pass reads of a message: its
// raw body, undecoded. Decoding every body would make a large archive ten
// times slower to cross-reference; lore links and Message-IDs are plain
// ASCII, so only a base64-encoded body hides them. The headers are
// skipped: their References name the message's own thread. It is safe to
// call from several goroutines.
func RawBodyText(m *mail.Message) string {
	raw, err := m.RawPrefix(maxScanned)
	if err != nil {
		return ""
	}
	raw = rawBody(raw)
	if len(raw) == 0 {
		return ""
	}
	// raw is this call's own copy and nothing writes to it again, so the
	// string can share its bytes instead of copying the whole archive.
	return unsafe.String(&raw[0], len(raw))
}

// rawBody is the part of a raw message after its headers.
func rawBody(raw []byte) []byte {
	if i := bytes.Index(raw, []byte("\n\n")); i >= 0 {
		return raw[i+2:]
	} else if i := bytes.Index(raw, []byte("\r\n\r\n")); i >= 0 {
		return raw[i+4:]
	}
	return raw
}
