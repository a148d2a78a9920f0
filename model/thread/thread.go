package thread

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"summit/model/mail"
)

// BuildTopics threads messages into topics. msgs are in load order, with
// Seq set. The result is sorted by most recent activity first, then by ID.
//
// Threading is JWZ (https://www.jwz.org/doc/threading.html) on References
// and In-Reply-To; see referenceThreads for the details and for why it is
// not done by a library. After it comes a subject fallback: a root whose
// subject is a reply (Re:) joins the root with the same simplified subject
// (and the same [PATCH vN]-style tags) that is not a reply: the latest one
// dated no later than it, if its thread was still alive within
// subjectWindow. With no such root, replies sharing a subject are gathered
// under the earliest of them, within the same window. A dummy root never
// moves. Roots that are not replies stay separate topics
// even when their subjects match (a resent patch series is a new topic, not
// a reply), unlike JWZ's own subject step, which would put them side by
// side under a dummy.
func BuildTopics(msgs []*mail.Message) []*Topic {
	if len(msgs) == 0 {
		return nil
	}
	t := newThreader(msgs)
	roots := t.referenceThreads()
	roots = joinBySubject(roots)
	return t.topics(roots)
}

// The loader threads what it loads through buildTopics.

// threader holds the working state of one BuildTopics call.
type threader struct {
	msgs   []*mail.Message
	nodes  []Node           // nodes[i] is the tree node of msgs[i]
	conts  []container      // JWZ containers: one per message, then one per missing ID
	byID   map[string]int32 // Message-ID -> container (of the first message with it)
	people people
}

// container is a JWZ container: a message, or an ID that references name
// and no loaded message has. Links are indexes into threader.conts, -1 for
// none; children are a linked list (first child, next sibling).
type container struct {
	id                         string // for a missing message: its ID
	msg                        int32  // index into msgs, -1 for a missing message
	parent, child, nextSibling int32
}

func newThreader(msgs []*mail.Message) *threader {
	t := &threader{
		msgs:  msgs,
		nodes: make([]Node, len(msgs)),
		conts: make([]container, 0, len(msgs)+len(msgs)/8),
		byID:  make(map[string]int32, len(msgs)+len(msgs)/8),
	}
	for i, m := range msgs {
		t.nodes[i] = Node{ID: m.ID, Msg: m}
	}
	return t
}

// referenceThreads is JWZ's reference threading, steps 1 to 4, on
// References and In-Reply-To. It returns the roots as Node trees (children
// not yet sorted). It departs from JWZ, and from the
// github.com/gatherstars-com/jwz library (a port of JWZ's Java code), in
// these ways:
//
//   - The loop check walks up from the would-be parent, so it is complete.
//     The library's check follows first children only: a cycle it misses
//     drops the messages on it, or sends the check itself into endless
//     recursion (a stack overflow that kills the program); see the
//     "cycle through a sibling" test and the fuzz target.
//   - In-Reply-To names the direct parent. When it disagrees with the last
//     entry of References, the whole chain is still linked, JWZ's way, and
//     In-Reply-To goes at its end: appended when it is not in the chain,
//     moved there when it is (mailers that list In-Reply-To first in
//     References would otherwise lose the thread whenever the parent is
//     missing).
//   - A message whose Message-ID was already seen is threaded as a reply to
//     the first message with that ID, so that no two topics share an ID.
//   - A message with no references of its own keeps the parent other
//     messages' References gave it (JWZ would make it a root): its reply
//     headers were probably lost.
//   - Everything is ordered by load order, never by map order, so the same
//     input always gives the same trees.
//
// As in JWZ, a dummy node for a missing message stays only at the root,
// where it binds several replies to a post that is not in the archive; a
// missing message in mid-thread is elided and its replies move up.
func (t *threader) referenceThreads() []*Node {
	for i, m := range t.msgs {
		id := m.ID
		if id == "" {
			// Nothing can refer to a message without an ID.
			id = "\x00" + strconv.Itoa(i)
		}
		c, seen := t.byID[id]
		switch {
		case seen && t.conts[c].msg >= 0:
			// A second message with this ID: a reply to the first.
			parent := c
			c = t.newContainer("", int32(i))
			t.link(parent, c)
			continue
		case seen:
			t.conts[c].msg = int32(i)
		default:
			c = t.newContainer(id, int32(i))
		}
		refs := parentChain(m)
		if len(refs) == 0 {
			continue
		}
		// Link the References chain, each under the one before it, where
		// the later one has no parent yet and no loop would form.
		prev := int32(-1)
		for _, r := range refs {
			rc, ok := t.byID[r]
			if !ok {
				rc = t.newContainer(r, -1)
			}
			if prev >= 0 && t.conts[rc].parent < 0 && !t.wouldLoop(prev, rc) {
				t.link(prev, rc)
			}
			prev = rc
		}
		// The message goes under its last reference, which overrides any
		// parent guessed from other messages' References.
		if t.wouldLoop(prev, c) {
			continue
		}
		if old := t.conts[c].parent; old >= 0 {
			if old == prev {
				continue
			}
			t.unlink(c)
		}
		t.link(prev, c)
	}
	return t.prune()
}

func (t *threader) newContainer(id string, msg int32) int32 {
	c := int32(len(t.conts))
	t.conts = append(t.conts, container{msg: msg, parent: -1, child: -1, nextSibling: -1})
	if msg < 0 {
		t.conts[c].id = id
	}
	if id != "" {
		t.byID[id] = c
	}
	return c
}

// wouldLoop says whether making child a child of parent would close a
// loop: whether child is parent or one of its ancestors. A child without
// children of its own cannot be an ancestor, which spares the walk for
// almost every message.
func (t *threader) wouldLoop(parent, child int32) bool {
	if parent == child {
		return true
	}
	if t.conts[child].child < 0 {
		return false
	}
	for p := t.conts[parent].parent; p >= 0; p = t.conts[p].parent {
		if p == child {
			return true
		}
	}
	return false
}

func (t *threader) link(parent, child int32) {
	t.conts[child].parent = parent
	t.conts[child].nextSibling = t.conts[parent].child
	t.conts[parent].child = child
}

func (t *threader) unlink(c int32) {
	p := t.conts[c].parent
	if t.conts[p].child == c {
		t.conts[p].child = t.conts[c].nextSibling
	} else {
		s := t.conts[p].child
		for t.conts[s].nextSibling != c {
			s = t.conts[s].nextSibling
		}
		t.conts[s].nextSibling = t.conts[c].nextSibling
	}
	t.conts[c].parent, t.conts[c].nextSibling = -1, -1
}

// prune turns the containers into Node trees, JWZ step 4: a missing
// message in mid-thread is dropped and its children go to the nearest
// message above it; a missing message at the root stays as a dummy when
// it binds two or more messages, and gives way to its only message
// otherwise.
func (t *threader) prune() []*Node {
	// anchor[c]: the container c's children attach to: c itself when it
	// holds a message or is a root, else its parent's anchor. Computed top
	// down, from each root in load order.
	anchor := make([]int32, len(t.conts))
	order := make([]int32, 0, len(t.conts))
	for c := range t.conts {
		if t.conts[c].parent < 0 {
			order = append(order, int32(c))
		}
	}
	for k := 0; k < len(order); k++ {
		c := order[k]
		anchor[c] = c
		if p := t.conts[c].parent; p >= 0 && t.conts[c].msg < 0 {
			anchor[c] = anchor[p]
		}
		for ch := t.conts[c].child; ch >= 0; ch = t.conts[ch].nextSibling {
			order = append(order, ch)
		}
	}
	// Children slices are cut from one array, sized by a first count.
	counts := make([]int32, len(t.msgs))
	total := 0
	for _, c := range order {
		if p := t.conts[c].parent; p >= 0 && t.conts[c].msg >= 0 {
			if am := t.conts[anchor[p]].msg; am >= 0 {
				counts[am]++
				total++
			}
		}
	}
	slab := make([]*Node, total)
	for i, n := range counts {
		if n > 0 {
			t.nodes[i].Children, slab = slab[:0:n], slab[n:]
		}
	}
	// Attach every message to its parent's anchor; count what each root
	// without a message would bind.
	var roots []*Node
	kids := map[int32][]*Node{}
	var dummyOrder []int32
	for _, c := range order {
		m := t.conts[c].msg
		if m < 0 {
			continue
		}
		n := &t.nodes[m]
		p := t.conts[c].parent
		if p < 0 {
			roots = append(roots, n)
			continue
		}
		a := anchor[p]
		if am := t.conts[a].msg; am >= 0 {
			n.Parent = &t.nodes[am]
			n.Parent.Children = append(n.Parent.Children, n)
			continue
		}
		if kids[a] == nil {
			dummyOrder = append(dummyOrder, a)
		}
		kids[a] = append(kids[a], n)
	}
	for _, a := range dummyOrder {
		ks := kids[a]
		if len(ks) == 1 {
			roots = append(roots, ks[0])
			continue
		}
		d := &Node{ID: t.conts[a].id, Children: ks}
		for _, k := range ks {
			k.Parent = d
		}
		roots = append(roots, d)
	}
	return roots
}

// parentChain is the list of ancestors to thread on, oldest first, the
// direct parent last. It is m.References itself whenever that needs no
// correction, to spare an allocation per message.
func parentChain(m *mail.Message) []string {
	refs, irt := m.References, m.InReplyTo
	if irt == m.ID {
		irt = ""
	}
	clean := irt == "" || (len(refs) > 0 && refs[len(refs)-1] == irt)
	for _, r := range refs {
		if r == "" || r == m.ID {
			clean = false
			break
		}
	}
	if clean {
		return refs
	}
	out := make([]string, 0, len(refs)+1)
	for _, r := range refs {
		if r != "" && r != m.ID {
			out = append(out, r)
		}
	}
	if irt != "" {
		out = slices.DeleteFunc(out, func(r string) bool { return r == irt })
		out = append(out, irt)
	}
	return out
}

// subjectWindow bounds the subject fallback in time: a root joins a thread
// of the same subject only when it was sent within this long after that
// thread's last message. A call for topics runs about three months (the
// call in the summer, the summit in the autumn), and a reply that lost its
// headers comes days after its thread; the same subject a year later is
// a new proposal ("[TECH TOPIC] Rust for Linux" in 2021, 2023 and 2024).
const subjectWindow = 90 * 24 * time.Hour

// joinBySubject is the subject fallback described on BuildTopics: it
// moves roots that are replies under the root they answer and returns the
// roots that remain. Only real messages are moved: a dummy root is a
// posting that the replies' own References name and the archive lacks,
// so its replies belong to that posting, not to another thread that
// happens to share the subject.
func joinBySubject(roots []*Node) []*Node {
	type rootInfo struct {
		node  *Node
		rep   *Node // the root, or its earliest real message for a dummy
		reply bool
	}
	groups := map[string][]rootInfo{}
	for _, r := range roots {
		rep := firstReal(r)
		if rep == nil {
			continue
		}
		key, reply := fallbackKey(rep.Msg.Subject)
		if key == "" {
			continue
		}
		groups[key] = append(groups[key], rootInfo{r, rep, reply})
	}
	joined := map[*Node]bool{}
	for _, g := range groups {
		if len(g) < 2 {
			continue
		}
		var anchors, replies []rootInfo
		for _, ri := range g {
			switch {
			case ri.node.Msg == nil:
				// A dummy: it stays the root of its own topic.
			case ri.reply:
				replies = append(replies, ri)
			default:
				anchors = append(anchors, ri)
			}
		}
		byDate := func(a, b rootInfo) int { return compareNodes(a.rep, b.rep) }
		slices.SortFunc(anchors, byDate)
		slices.SortFunc(replies, byDate)
		last := map[*Node]time.Time{}
		for _, a := range anchors {
			last[a.node] = lastDate(a.node)
		}
		for _, ri := range replies {
			host := hostFor(ri.rep.Msg.Date, anchors, func(a rootInfo) (*Node, time.Time) { return a.node, last[a.node] })
			if host == nil {
				// No post of that subject before it, in time: the reply
				// starts a thread that later replies can join.
				anchors = append(anchors, ri)
				slices.SortFunc(anchors, byDate)
				last[ri.node] = lastDate(ri.node)
				continue
			}
			adopt(host, ri.node)
			joined[ri.node] = true
			if d := lastDate(ri.node); d.After(last[host]) {
				last[host] = d
			}
		}
	}
	if len(joined) == 0 {
		return roots
	}
	return slices.DeleteFunc(roots, func(r *Node) bool { return joined[r] })
}

// hostFor picks, among anchors sorted by date, the thread a root sent at
// d joins: the latest one that began no later than d and whose last message
// is within subjectWindow before d. An undated root, or one among undated
// anchors, joins the earliest, as there is no time to compare.
func hostFor[T any](d time.Time, anchors []T, info func(T) (*Node, time.Time)) *Node {
	if len(anchors) == 0 {
		return nil
	}
	if d.IsZero() {
		n, _ := info(anchors[0])
		return n
	}
	var host *Node
	for _, a := range anchors {
		n, last := info(a)
		first := firstReal(n).Msg.Date
		switch {
		case first.IsZero() && last.IsZero():
			if host == nil {
				host = n
			}
		case !first.After(d) && !d.After(last.Add(subjectWindow)):
			host = n
		}
	}
	return host
}

// lastDate is the date of the latest message in the tree under n.
func lastDate(n *Node) time.Time {
	var last time.Time
	stack := []*Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x.Msg != nil && x.Msg.Date.After(last) {
			last = x.Msg.Date
		}
		stack = append(stack, x.Children...)
	}
	return last
}

// fallbackKey is what the subject fallback compares: the simplified subject
// (reply prefixes, list tags and spacing gone, the topic label kept) with
// the tags that tell postings apart kept too, so that a reply to "[PATCH
// v2] x" never joins "[PATCH v3] x", nor a "[GIT PULL]" its "[RFC]", and
// a reply to a series part joins that part. It is lower-cased.
func fallbackKey(subject string) (key string, isReply bool) {
	base, isReply := mail.SimplifySubject(subject)
	if base == "" {
		return "", isReply
	}
	return strings.ToLower(strings.Join(append(mail.PostingTags(subject), base), " ")), isReply
}

// adopt moves the tree of root r under host. A dummy root dissolves: its
// children move, as a missing message in mid-thread does in JWZ.
func adopt(host, r *Node) {
	if r.Msg != nil {
		r.Parent = host
		host.Children = append(host.Children, r)
		return
	}
	for _, c := range r.Children {
		c.Parent = host
		host.Children = append(host.Children, c)
	}
	r.Children = nil
}

// firstReal is n when it holds a message, otherwise the earliest message
// among the nearest real nodes below it; nil when there is none.
func firstReal(n *Node) *Node {
	if n.Msg != nil {
		return n
	}
	var best *Node
	for _, c := range n.Children {
		if r := firstReal(c); r != nil && (best == nil || compareNodes(r, best) < 0) {
			best = r
		}
	}
	return best
}

// compareNodes orders real nodes by date, then load order. An unknown
// (zero) date sorts first.
func compareNodes(a, b *Node) int {
	if c := a.Msg.Date.Compare(b.Msg.Date); c != 0 {
		return c
	}
	return cmp.Compare(a.Msg.Seq, b.Msg.Seq)
}

// compareSiblings is compareNodes for nodes that may be dummies, which
// sort by their earliest message.
func compareSiblings(a, b *Node) int {
	if a.Msg != nil && b.Msg != nil {
		return compareNodes(a, b)
	}
	ra, rb := firstReal(a), firstReal(b)
	switch {
	case ra == nil && rb == nil:
		return strings.Compare(a.ID, b.ID)
	case ra == nil:
		return 1
	case rb == nil:
		return -1
	}
	return compareNodes(ra, rb)
}

// topics finishes the trees (children sorted, depths set) and derives a
// topic from each root.
func (t *threader) topics(roots []*Node) []*Topic {
	all := make([]*mail.Message, 0, len(t.msgs)) // backing array of every Topic.Messages
	topics := make([]*Topic, 0, len(roots))
	var stack []*Node
	for _, r := range roots {
		start := len(all)
		r.Parent = nil
		stack = append(stack[:0], r)
		for len(stack) > 0 {
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if n.Parent != nil {
				n.Depth = n.Parent.Depth + 1
			} else {
				n.Depth = 0
			}
			if n.Msg != nil {
				all = append(all, n.Msg)
			}
			if len(n.Children) > 1 {
				slices.SortFunc(n.Children, compareSiblings)
			}
			for k := len(n.Children) - 1; k >= 0; k-- {
				stack = append(stack, n.Children[k])
			}
		}
		if len(all) == start {
			continue // a dummy with nothing under it
		}
		topics = append(topics, t.newTopic(r, all[start:len(all):len(all)]))
	}
	slices.SortFunc(topics, func(a, b *Topic) int {
		if c := b.Last.Compare(a.Last); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return topics
}

// newTopic derives a topic's fields from its finished tree.
func (t *threader) newTopic(root *Node, msgs []*mail.Message) *Topic {
	head := firstReal(root)
	tp := &Topic{ID: head.Msg.ID, Root: root, Messages: msgs, Proposer: head.Msg.From}
	base, _ := mail.SimplifySubject(head.Msg.Subject)
	tp.Label, tp.Title = mail.TopicLabel(base)
	for _, m := range msgs {
		if m.Date.IsZero() {
			continue
		}
		if tp.First.IsZero() || m.Date.Before(tp.First) {
			tp.First = m.Date
		}
		if m.Date.After(tp.Last) {
			tp.Last = m.Date
		}
	}
	tp.Participants = t.people.participants(msgs)
	return tp
}

// people numbers the authors of one BuildTopics call: each distinct From
// (a "form") once, and each person (Address.PersonKey) once, so that
// counting a topic's participants is a sort of small integers rather than
// string work per message.
type people struct {
	formOf   map[mail.Address]int32
	forms    []mail.Address
	personOf []int32  // per form
	sortName []string // per form: the display name, lower-cased
	byKey    map[string]int32
	scratch  []uint64
}

func (p *people) form(a mail.Address) int32 {
	if f, ok := p.formOf[a]; ok {
		return f
	}
	if p.formOf == nil {
		p.formOf = map[mail.Address]int32{}
		p.byKey = map[string]int32{}
	}
	f := int32(len(p.forms))
	key := a.PersonKey()
	person, ok := p.byKey[key]
	if !ok {
		person = int32(len(p.byKey))
		p.byKey[key] = person
	}
	p.formOf[a] = f
	p.forms = append(p.forms, a)
	p.personOf = append(p.personOf, person)
	p.sortName = append(p.sortName, strings.ToLower(a.Display()))
	return f
}

// participants counts messages per person and shows each person by the
// address form they used most (the one seen first on a tie), most
// messages first, then by name.
func (p *people) participants(msgs []*mail.Message) []Participant {
	pairs := p.scratch[:0]
	for _, m := range msgs {
		f := p.form(m.From)
		pairs = append(pairs, uint64(p.personOf[f])<<32|uint64(f))
	}
	slices.Sort(pairs)
	p.scratch = pairs
	type tally struct {
		form  int32
		count int
	}
	var tallies []tally
	for i := 0; i < len(pairs); {
		person := pairs[i] >> 32
		total, best, bestCount := 0, int32(-1), 0
		for i < len(pairs) && pairs[i]>>32 == person {
			f, n := pairs[i], 0
			for i < len(pairs) && pairs[i] == f {
				i++
				n++
			}
			total += n
			if n > bestCount {
				best, bestCount = int32(uint32(f)), n
			}
		}
		tallies = append(tallies, tally{best, total})
	}
	slices.SortFunc(tallies, func(a, b tally) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		if c := strings.Compare(p.sortName[a.form], p.sortName[b.form]); c != 0 {
			return c
		}
		return strings.Compare(p.forms[a.form].Email, p.forms[b.form].Email)
	})
	out := make([]Participant, len(tallies))
	for i, tl := range tallies {
		out[i] = Participant{Address: p.forms[tl.form], Count: tl.count}
	}
	return out
}
