package thread

import (
	"slices"
	"strings"

	"summit/model/mail"
)

// SplitTopics honours the committee's splits: each message of roots
// (Message-IDs; see annot.MessageNote.Split) that is in a topic but is not
// its root becomes, with its replies, a topic of its own (a sub-thread
// that grew into another subject, or a part [n/m] of a series). A split
// inside a split part splits it again.
//
// The input is not modified: the topics that lose messages and the ones
// made are new, built on copies of their tree nodes (depths from their
// new root), and the other topics are the same pointers. The result is
// sorted as BuildTopics sorts, most recent activity first. A new topic
// has no Related topics until FindRelated runs on the result; one that
// lost a part keeps its own. With no roots, or none inside a topic, it
// returns topics itself.
func SplitTopics(topics []*Topic, roots map[string]bool) []*Topic {
	if len(roots) == 0 {
		return topics
	}
	return splitAt(topics, func(m *mail.Message) bool { return roots[m.ID] })
}

// SplitTopicsAt is SplitTopics with the split messages given as the
// loaded messages themselves (found with the collection's Lookup), which
// spares hashing every Message-ID of a large archive on each call.
func SplitTopicsAt(topics []*Topic, roots map[*mail.Message]bool) []*Topic {
	if len(roots) == 0 {
		return topics
	}
	if len(roots) > 16 {
		return splitAt(topics, func(m *mail.Message) bool { return roots[m] })
	}
	// A few: comparing pointers beats hashing each message's.
	few := make([]*mail.Message, 0, len(roots))
	for m := range roots {
		few = append(few, m)
	}
	return splitAt(topics, func(m *mail.Message) bool { return slices.Contains(few, m) })
}

func splitAt(topics []*Topic, isRoot func(*mail.Message) bool) []*Topic {
	var out []*Topic
	for i, t := range topics {
		parts := splitTopic(t, isRoot)
		if parts == nil {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]*Topic, 0, len(topics)+len(parts)), topics[:i]...)
		}
		out = append(out, parts...)
	}
	if out == nil {
		return topics
	}
	slices.SortStableFunc(out, func(a, b *Topic) int {
		if c := b.Last.Compare(a.Last); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

// splitTopic is t cut at its split roots, nil when none is in it.
func splitTopic(t *Topic, isRoot func(*mail.Message) bool) []*Topic {
	found := false
	for _, m := range t.Messages {
		if isRoot(m) && m.ID != t.ID {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	type part struct {
		root *Node
		msgs []*mail.Message
	}
	type item struct {
		orig, parent *Node // parent: the copy the copy of orig goes under
		part         int
	}
	var parts []*part
	stack := []item{{orig: t.Root, part: 0}}
	parts = append(parts, &part{})
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := &Node{ID: it.orig.ID, Msg: it.orig.Msg}
		p := it.part
		switch {
		case it.parent == nil:
			parts[p].root = n
		case n.Msg != nil && isRoot(n.Msg):
			p = len(parts)
			parts = append(parts, &part{root: n})
		default:
			n.Parent, n.Depth = it.parent, it.parent.Depth+1
			it.parent.Children = append(it.parent.Children, n)
		}
		if n.Msg != nil {
			parts[p].msgs = append(parts[p].msgs, n.Msg)
		}
		// Children in reverse, so they come off the stack in order and the
		// messages stay in thread order.
		for k := len(it.orig.Children) - 1; k >= 0; k-- {
			stack = append(stack, item{orig: it.orig.Children[k], parent: n, part: p})
		}
	}
	var ppl people
	out := make([]*Topic, 0, len(parts))
	for i, pt := range parts {
		if len(pt.msgs) == 0 {
			continue // a dummy root whose replies all went
		}
		nt := &Topic{Root: pt.root, Messages: pt.msgs}
		head := firstReal(pt.root)
		nt.ID, nt.Proposer = head.Msg.ID, head.Msg.From
		base, _ := mail.SimplifySubject(head.Msg.Subject)
		nt.Label, nt.Title = mail.TopicLabel(base)
		for _, m := range pt.msgs {
			if m.Date.IsZero() {
				continue
			}
			if nt.First.IsZero() || m.Date.Before(nt.First) {
				nt.First = m.Date
			}
			if m.Date.After(nt.Last) {
				nt.Last = m.Date
			}
		}
		nt.Participants = ppl.participants(pt.msgs)
		if i == 0 {
			nt.Related = t.Related
		}
		out = append(out, nt)
	}
	return out
}
