// Package mboxgen writes synthetic mailing-list archives in the mboxrd
// format lore.kernel.org serves, for benchmarks and load tests. The mail
// imitates a kernel list: interleaved topics of very different sizes, deep
// reply trees with nested quoting, patch series, MIME parts and charsets,
// long relay headers, and the damage real archives carry (lost parents,
// missing Message-IDs, unparseable dates). The output is a pure function of
// the options, and it is streamed: memory does not grow with the archive.
package mboxgen

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"time"
)

// Options choose the archive.
type Options struct {
	// Messages is the number of messages written.
	Messages int
	// Seed selects the archive; the same options give the same bytes.
	Seed int64
	// List is the list's posting address; ksummit@lists.linux.dev if empty.
	List string
	// Start is the date of the first message; early 2019 if zero.
	Start time.Time
	// Gzip compresses the archive, as lore serves t.mbox.gz.
	Gzip bool
}

const (
	peopleCount = 300
	maxDepth    = 30
	maxTopic    = 300
	// maxActive bounds how many topics run at once; it also bounds memory.
	maxActive = 24
	// meanGap is the average time between two posts outside a series.
	meanGap = 25 * time.Minute
)

// separator is the line lore puts before every message of an mboxrd file.
const separator = "From mboxrd@z Thu Jan  1 00:00:00 1970\n"

// Write streams opt.Messages messages to w.
func Write(w io.Writer, opt Options) error {
	if opt.Messages < 0 {
		return errors.New("negative message count")
	}
	if opt.Gzip {
		zw := gzip.NewWriter(w)
		opt.Gzip = false
		if err := Write(zw, opt); err != nil {
			return err
		}
		return zw.Close()
	}
	g := newGenerator(opt)
	bw := bufio.NewWriterSize(w, 256<<10)
	for g.emitted < opt.Messages {
		t, idx := g.next()
		g.compose(t, idx)
		if err := writeEscaped(bw, g.buf); err != nil {
			return err
		}
		g.emitted++
	}
	return bw.Flush()
}

// writeEscaped writes one message after its separator, adding one '>' to
// every line that matches ^>*From (mboxrd quoting), and the blank line that
// ends a message.
func writeEscaped(w *bufio.Writer, msg []byte) error {
	w.WriteString(separator)
	for len(msg) > 0 {
		line := msg
		if i := bytes.IndexByte(msg, '\n'); i >= 0 {
			line = msg[:i+1]
		}
		if needsQuoting(line) {
			w.WriteByte('>')
		}
		w.Write(line)
		msg = msg[len(line):]
	}
	_, err := w.WriteString("\n")
	return err
}

func needsQuoting(line []byte) bool {
	i := 0
	for i < len(line) && line[i] == '>' {
		i++
	}
	return bytes.HasPrefix(line[i:], []byte("From "))
}

type kind uint8

const (
	kindDiscussion kind = iota // the opening mail of a discussion
	kindCover                  // the cover letter of a patch series
	kindPatch                  // one patch of a series
	kindReply
)

type topicKind uint8

const (
	topicDiscussion topicKind = iota
	topicSeries
	topicAnnounce
)

// node is one message of a topic's reply tree. Its text is not stored: it
// is regenerated from key whenever the message or a reply quoting it is
// written.
type node struct {
	id      string // Message-ID without brackets; empty when the mail has none
	parent  int32  // index in topic.nodes, -1 for the root
	depth   int16
	author  int16
	kind    kind
	phantom bool // part of the tree but lost from the archive
	key     uint64
	date    time.Time
}

// topic is one thread under construction.
type topic struct {
	kind     topicKind
	subject  string // the root's subject, or the series title
	area     string // subsystem
	version  int    // series version
	rfc      bool   // the series is a request for comments
	parts    int    // patches in the series
	size     int    // nodes to create, phantoms included
	chain    float64
	external string // a parent outside the archive, or ""
	nodes    []node
	posting  bool // the series is still being sent
}

type generator struct {
	opt     Options
	r       *rand.Rand
	people  []person
	active  []*topic
	clock   time.Time
	seq     int
	emitted int
	buf     []byte
}

func newGenerator(opt Options) *generator {
	if opt.List == "" {
		opt.List = "ksummit@lists.linux.dev"
	}
	if opt.Start.IsZero() {
		opt.Start = time.Date(2019, 1, 7, 9, 12, 0, 0, time.UTC)
	}
	r := rand.New(rand.NewPCG(uint64(opt.Seed), 0x6d626f78))
	return &generator{
		opt:    opt,
		r:      r,
		people: newPeople(rand.New(rand.NewPCG(uint64(opt.Seed), 0x70656f70)), peopleCount),
		clock:  opt.Start,
		buf:    make([]byte, 0, 64<<10),
	}
}

// nodeRand is the random stream of one message's own text.
func nodeRand(seed int64, key uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), key))
}

// next picks the topic that gets the next message and grows its tree,
// skipping messages that are lost from the archive. It returns the topic
// and the new node's index in it.
func (g *generator) next() (*topic, int) {
	for {
		t := g.pickTopic()
		g.grow(t)
		if len(t.nodes) >= t.size {
			g.retire(t)
		}
		if idx := len(t.nodes) - 1; !t.nodes[idx].phantom {
			return t, idx
		}
	}
}

func (g *generator) pickTopic() *topic {
	for _, t := range g.active {
		if t.posting && g.r.IntN(10) != 0 {
			return t
		}
	}
	if len(g.active) == 0 || len(g.active) < maxActive && g.r.IntN(3) == 0 {
		t := g.newTopic()
		g.active = append(g.active, t)
		return t
	}
	// Recent topics are busier than old ones.
	u := g.r.Float64()
	return g.active[len(g.active)-1-int(float64(len(g.active))*u*u)]
}

func (g *generator) retire(t *topic) {
	for i, a := range g.active {
		if a == t {
			g.active = append(g.active[:i], g.active[i+1:]...)
			return
		}
	}
}

// topicSize draws from a long-tailed distribution: a third of the topics
// get no reply at all, a few run to hundreds of messages.
func (g *generator) topicSize() int {
	u := g.r.Float64()
	switch {
	case u < 0.30:
		return 1
	case u < 0.55:
		return 2 + g.r.IntN(4)
	case u < 0.80:
		return 6 + g.r.IntN(15)
	case u < 0.95:
		return 21 + g.r.IntN(60)
	default:
		return 81 + g.r.IntN(maxTopic-80)
	}
}

func (g *generator) newTopic() *topic {
	r := g.r
	t := &topic{
		area:  subsystems[r.IntN(len(subsystems))],
		size:  g.topicSize(),
		chain: r.Float64() * 0.85,
	}
	switch u := r.IntN(100); {
	case u < 40:
		t.kind = topicSeries
		t.version = 1
		if r.IntN(2) == 0 {
			t.version = 2 + r.IntN(6)
		}
		t.parts = 1
		if r.IntN(3) != 0 {
			t.parts = 2 + r.IntN(11)
		}
		need := t.parts
		if t.parts > 1 {
			need++ // the cover letter
		}
		t.size = min(max(t.size, need), maxTopic)
		t.subject = patchTitle(r, t.area)
		t.rfc = r.IntN(8) == 0
		t.posting = true
	case u < 45:
		t.kind = topicAnnounce
		t.subject = discussionSubject(r, t.area, true)
	default:
		t.kind = topicDiscussion
		t.subject = discussionSubject(r, t.area, false)
	}
	if r.IntN(25) == 0 {
		t.external = "20180101000000." + hexID(r, 8) + "@example.org"
	}
	t.nodes = make([]node, 0, t.size)
	return t
}

// grow adds the next node to t: the root, the series' patches in order,
// then replies spread over the tree.
func (g *generator) grow(t *topic) {
	r := g.r
	n := node{parent: -1, key: r.Uint64()}
	idx := len(t.nodes)
	switch {
	case idx == 0:
		n.kind = kindDiscussion
		if t.kind == topicSeries {
			n.kind = kindCover
			if t.parts == 1 {
				n.kind = kindPatch
			}
		}
		n.author = g.pickPerson()
	case t.posting:
		n.kind = kindPatch
		n.parent = 0
		n.depth = 1
		n.author = t.nodes[0].author
	default:
		n.kind = kindReply
		n.parent = g.pickParent(t)
		p := &t.nodes[n.parent]
		n.depth = p.depth + 1
		n.author = g.pickReplier(t, p)
		n.phantom = r.IntN(100) == 0
	}
	if t.posting && idx+1 >= t.parts+btoi(t.parts > 1) {
		t.posting = false
	}
	g.advanceClock(t.posting || n.kind == kindPatch)
	n.date = g.clock
	g.seq++
	if n.phantom || r.IntN(500) != 0 {
		n.id = g.messageID(&g.people[n.author], g.clientOf(&n), n.date, idx)
	}
	t.nodes = append(t.nodes, n)
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (g *generator) advanceClock(burst bool) {
	if burst {
		g.clock = g.clock.Add(time.Duration(1+g.r.IntN(20)) * time.Second)
		return
	}
	gap := time.Duration(g.r.ExpFloat64() * float64(meanGap))
	g.clock = g.clock.Add(gap.Truncate(time.Second) + time.Second)
}

// pickParent prefers the latest message (long back-and-forth chains) with
// the topic's chain probability, and otherwise a recent one.
func (g *generator) pickParent(t *topic) int32 {
	r := g.r
	n := len(t.nodes)
	for try := 0; try < 8; try++ {
		var p int
		switch {
		case r.Float64() < t.chain:
			p = n - 1
		case t.kind == topicSeries && r.IntN(2) == 0:
			p = r.IntN(min(n, t.parts+1))
		default:
			u := r.Float64()
			p = n - 1 - int(float64(n)*u*u)
		}
		if t.nodes[p].depth < maxDepth {
			return int32(p)
		}
	}
	return 0
}

// pickPerson draws a poster; a few people write most of the mail.
func (g *generator) pickPerson() int16 {
	u := g.r.Float64()
	return int16(float64(len(g.people)) * math.Pow(u, 2.2))
}

// pickReplier keeps a conversation among the people already in it, often
// the author of the message before the one being answered.
func (g *generator) pickReplier(t *topic, p *node) int16 {
	r := g.r
	for try := 0; try < 4; try++ {
		var a int16
		switch u := r.IntN(10); {
		case u < 3 && p.parent >= 0:
			a = t.nodes[p.parent].author
		case u < 7:
			a = t.nodes[r.IntN(len(t.nodes))].author
		default:
			a = g.pickPerson()
		}
		if a != p.author {
			return a
		}
	}
	return g.pickPerson()
}

// clientOf is the mailer that sent n: patches and cover letters go out with
// git send-email whatever the author reads mail with.
func (g *generator) clientOf(n *node) client {
	if n.kind == kindPatch || n.kind == kindCover {
		return clientGitSendEmail
	}
	return g.people[n.author].client
}
