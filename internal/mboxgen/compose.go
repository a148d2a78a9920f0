package mboxgen

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// compose renders message idx of t (headers and body) into g.buf.
func (g *generator) compose(t *topic, idx int) {
	n := &t.nodes[idx]
	a := &g.people[n.author]
	r := nodeRand(g.opt.Seed, n.key^0x5bd1e995)
	g.buf = g.buf[:0]
	g.relayHeaders(a, n.date)
	g.raw("From: " + a.header + "\n")
	g.addressHeaders(r, t, n)
	g.writeHeader("Subject", encodeSubject(r, g.replySubject(r, t, idx)))
	g.dateHeader(a, n.date)
	if n.id != "" {
		g.raw("Message-ID: <" + n.id + ">\n")
	}
	g.threadHeaders(r, t, n, a)
	if ua := userAgents[g.clientOf(n)]; ua != "" {
		g.raw(ua + "\n")
	}
	g.raw("Precedence: bulk\nX-Mailing-List: " + g.opt.List + "\n")
	list := strings.Replace(g.opt.List, "@", ".", 1)
	local, host, _ := strings.Cut(g.opt.List, "@")
	fmt.Fprintf(g, "List-Id: <%s>\nList-Subscribe: <mailto:%s+subscribe@%s>\nList-Unsubscribe: <mailto:%s+unsubscribe@%s>\n",
		list, local, host, local, host)
	g.mimeBody(r, n, g.bodyLines(r, t, idx))
}

func (g *generator) addressHeaders(r *rand.Rand, t *topic, n *node) {
	if n.parent < 0 || n.kind == kindPatch {
		g.raw("To: " + g.opt.List + "\n")
		if r.IntN(2) == 0 {
			g.writeHeader("Cc", g.people[g.pickPerson()].header+", "+g.people[g.pickPerson()].header)
		}
		return
	}
	parent := &g.people[t.nodes[n.parent].author]
	g.raw("To: " + parent.header + "\n")
	cc := []string{}
	for i := r.IntN(4); i > 0; i-- {
		cc = append(cc, g.people[t.nodes[r.IntN(len(t.nodes))].author].header)
	}
	cc = append(cc, g.opt.List)
	header := "Cc"
	if r.IntN(10) == 0 {
		header = "CC"
	}
	g.writeHeader(header, strings.Join(cc, ", "))
}

func (t *topic) patchTag() string {
	tag := "PATCH"
	if t.rfc {
		tag = "RFC PATCH"
	}
	if t.version > 1 {
		tag += fmt.Sprintf(" v%d", t.version)
	}
	return tag
}

// subject is the subject a message had when it was first sent.
func (g *generator) subject(t *topic, idx int) string {
	n := &t.nodes[idx]
	switch n.kind {
	case kindDiscussion:
		return t.subject
	case kindCover:
		return fmt.Sprintf("[%s 0/%d] %s", t.patchTag(), t.parts, t.subject)
	case kindPatch:
		if t.parts == 1 {
			return "[" + t.patchTag() + "] " + t.subject
		}
		return fmt.Sprintf("[%s %d/%d] %s", t.patchTag(), idx, t.parts, patchTitle(nodeRand(g.opt.Seed, n.key), t.area))
	}
	j := idx
	for t.nodes[j].kind == kindReply {
		j = int(t.nodes[j].parent)
	}
	return "Re: " + g.subject(t, j)
}

// replySubject varies the subject the way mailers and people do.
func (g *generator) replySubject(r *rand.Rand, t *topic, idx int) string {
	s := g.subject(t, idx)
	if t.nodes[idx].kind != kindReply {
		return s
	}
	switch u := r.IntN(100); {
	case u < 2:
		return "RE: " + s[4:]
	case u < 3:
		return "Re: " + s
	case u < 4:
		return "AW: " + s[4:]
	case u < 6:
		var b strings.Builder
		fill(r, &b, "{S} review backlog (was: ")
		return b.String() + s + ")"
	}
	return s
}

// threadHeaders writes In-Reply-To and References, with the damage real
// archives show: some replies carry only In-Reply-To, a few lost both.
func (g *generator) threadHeaders(r *rand.Rand, t *topic, n *node, a *person) {
	var chain []string
	for j := n.parent; j >= 0; j = t.nodes[j].parent {
		if id := t.nodes[j].id; id != "" {
			chain = append(chain, id)
		}
	}
	if t.external != "" {
		chain = append(chain, t.external)
	}
	if len(chain) == 0 {
		return
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	irt := ""
	if n.parent >= 0 {
		irt = t.nodes[n.parent].id
	} else {
		irt = t.external
	}
	u := r.IntN(100)
	if u < 1 && n.kind == kindReply {
		return // lost by the mailer; only the "Re: " subject is left
	}
	if irt != "" {
		g.raw("In-Reply-To: <" + irt + ">\n")
	}
	if u < 6 {
		return
	}
	if a.client == clientGmail {
		if len(chain) > 12 {
			chain = append(chain[:1], chain[len(chain)-11:]...)
		}
		g.writeHeader("References", "<"+strings.Join(chain, "> <")+">")
		return
	}
	g.raw("References: <" + strings.Join(chain, ">\n <") + ">\n")
}

// ownText is what the author of node idx wrote, without quotes, rebuilt
// from the node's key so that replies can quote it.
func (g *generator) ownText(t *topic, idx int) []string {
	n := &t.nodes[idx]
	a := &g.people[n.author]
	r := nodeRand(g.opt.Seed, n.key)
	switch n.kind {
	case kindDiscussion:
		return prose(r, nil, 4+r.IntN(6), a.width)
	case kindCover:
		return coverBody(r, a, t.area, t.version, t.parts, a.width)
	case kindPatch:
		patchTitle(r, t.area) // the subject's draw, kept in step
		return patchBody(r, a, t.area, a.width)
	}
	return prose(r, nil, 2+r.IntN(4), a.width)
}

func paragraphs(lines []string) [][]string {
	var out [][]string
	start := 0
	for i := 0; i <= len(lines); i++ {
		if i == len(lines) || lines[i] == "" {
			if i > start {
				out = append(out, lines[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// quote prefixes lines the way style's mail program does.
func quote(dst, lines []string, style quoteStyle) []string {
	for _, l := range lines {
		switch {
		case l == "" && style == quoteTight:
			dst = append(dst, ">")
		case l == "":
			dst = append(dst, "> ")
		case style == quoteTight, style == quoteThunderbird && l[0] == '>':
			dst = append(dst, ">"+l)
		default:
			dst = append(dst, "> "+l)
		}
	}
	return dst
}

// attribution is the "X wrote:" line of style for a message by p at date.
func attribution(style int, p *person, date time.Time) string {
	d := date.In(p.zone)
	switch style {
	case 0:
		return "On " + d.Format("Mon, Jan 02, 2006 at 03:04:05PM -0700") + ", " + p.name + " wrote:"
	case 1:
		return "On " + d.Format("Mon, 2 Jan 2006") + ", " + p.name + " wrote:"
	case 2:
		return p.name + " <" + p.email + "> writes:"
	case 3:
		return "On " + d.Format("1/2/06 15:04") + ", " + p.name + " wrote:"
	case 4:
		return "On " + d.Format("Mon, 2006-01-02 at 15:04 -0700") + ", " + p.name + " wrote:"
	}
	return "On " + d.Format("Mon, Jan 2, 2006 at 3:04 PM") + " " + p.name + " <" + p.email + "> wrote:"
}

// quotedContext is the part of the parent that quoted its own parent (and
// sometimes that one's parent), re-quoted: this is where "> >", ">>" and
// "> > >" come from.
func (g *generator) quotedContext(r *rand.Rand, t *topic, idx int, levels int) []string {
	n := &t.nodes[idx]
	if levels == 0 || n.parent < 0 {
		return nil
	}
	p := &t.nodes[n.parent]
	author := &g.people[n.author]
	lines := []string{attribution(author.attrib, &g.people[p.author], p.date)}
	inner := g.quotedContext(r, t, int(n.parent), levels-1)
	if len(inner) > 0 {
		inner = append(inner, "")
	}
	text := g.ownText(t, int(n.parent))
	if paras := paragraphs(text); len(paras) > 0 && p.kind != kindPatch {
		text = paras[0]
	} else {
		text = text[:min(len(text), 6)]
	}
	inner = append(inner, text...)
	return quote(lines, inner, author.quote)
}

var trailers = []struct {
	name string
	odds int // in 100
}{
	{"Reviewed-by", 25}, {"Acked-by", 10}, {"Tested-by", 5}, {"NAKed-by", 3},
}

// bodyLines is the text of message idx, before any MIME encoding.
func (g *generator) bodyLines(r *rand.Rand, t *topic, idx int) []string {
	n := &t.nodes[idx]
	a := &g.people[n.author]
	if n.kind != kindReply {
		lines := g.ownText(t, idx)
		if n.kind == kindDiscussion {
			lines = g.signOff(r, a, lines)
		}
		return lines
	}
	own := paragraphs(g.ownText(t, idx))
	parent := &t.nodes[n.parent]
	pa := &g.people[parent.author]
	ptext := g.ownText(t, int(n.parent))
	var lines []string

	if a.client == clientOutlook && r.IntN(2) == 0 {
		// Top-posting with the original underneath, unquoted.
		for _, p := range own {
			lines = append(append(lines, p...), "")
		}
		lines = g.signOff(r, a, lines)
		lines = append(lines, "", "-----Original Message-----",
			"From: "+pa.name+" <"+pa.email+">",
			"Sent: "+parent.date.In(pa.zone).Format("Monday, January 2, 2006 3:04 PM"),
			"To: "+g.opt.List, "Subject: "+g.subject(t, int(n.parent)), "")
		return append(lines, ptext[:min(len(ptext), 20)]...)
	}

	if r.IntN(20) != 0 {
		lines = append(lines, attribution(a.attrib, pa, parent.date))
	}
	if parent.kind == kindReply && r.IntN(10) < 4 {
		levels := 1
		if r.IntN(4) == 0 {
			levels = 2
		}
		ctx := g.quotedContext(r, t, int(n.parent), levels)
		lines = quote(lines, ctx, a.quote)
		lines = quote(lines, []string{""}, a.quote)
	}
	used := 0
	if parent.kind == kindPatch || parent.kind == kindCover {
		// Inline review: windows of the patch, each followed by a comment.
		at := 0
		for w := 0; w < 3 && at < len(ptext); w++ {
			at += r.IntN(max(1, (len(ptext)-at)/2))
			end := min(len(ptext), at+3+r.IntN(10))
			lines = quote(lines, ptext[at:end], a.quote)
			at = end
			if used < len(own) {
				lines = append(append(append(lines, ""), own[used]...), "")
				used++
			}
		}
	} else {
		pp := paragraphs(ptext)
		for j := r.IntN(max(1, len(pp)/2)); j < len(pp) && used < 3; j += 1 + r.IntN(2) {
			lines = quote(lines, pp[j], a.quote)
			if used < len(own) {
				lines = append(append(append(lines, ""), own[used]...), "")
				used++
			}
		}
	}
	for ; used < len(own); used++ {
		lines = append(append(append(lines, ""), own[used]...), "")
	}
	if r.IntN(100) == 0 {
		lines = append(lines, "", "Something like this (untested):", "")
		lines = append(lines, formatPatch(r, a, t.area, a.width)...)
	}
	if r.IntN(25) == 0 {
		lines = append(lines, "", utf8Flourishes[r.IntN(len(utf8Flourishes))])
	}
	if parent.kind == kindPatch || parent.kind == kindCover {
		for _, tr := range trailers {
			if r.IntN(100) < tr.odds {
				lines = append(lines, "", tr.name+": "+a.name+" <"+a.email+">")
				break
			}
		}
	}
	return g.signOff(r, a, lines)
}

// signOff appends the author's signature, with or without the "-- " line.
func (g *generator) signOff(r *rand.Rand, a *person, lines []string) []string {
	if a.signature == "" {
		return lines
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	lines = append(lines, "")
	if r.IntN(2) == 0 {
		lines = append(lines, "-- ")
	}
	return append(lines, strings.Split(a.signature, "\n")...)
}
