package mail

import "strings"

// LoreURL is the lore.kernel.org link of a Message-ID. The id is escaped
// for a URL path as public-inbox does it (a '/' becomes %2F, a '%' %25),
// and '&', '(' and ')' are escaped too so the link is also a valid
// markdown link destination.
//
// A derived id (a different mail that reused a Message-ID, kept as
// "<id>#<hash>") links to the id the mail really carries: lore lists every
// mail with it there.
func LoreURL(id string) string {
	id = realID(id)
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.WriteString("https://lore.kernel.org/r/")
	for i := 0; i < len(id); i++ {
		c := id[i]
		if isLorePathByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isLorePathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$'*+,;=:@", c) >= 0
}

// realID is the Message-ID a derived id was made from, the id itself when
// it is not derived.
func realID(id string) string {
	i := strings.LastIndexByte(id, '#')
	if i <= 0 || len(id)-i-1 < 8 || strings.Trim(id[i+1:], "0123456789abcdef") != "" {
		return id
	}
	return id[:i]
}
