package mail

import (
	"regexp"
	"strings"

	"golang.org/x/net/html"
)

// htmlToText turns an HTML-only mail part into readable text: paragraphs
// and line breaks kept, lists as "- " items, links as "text <url>",
// entities decoded, scripts, styles and the head dropped, blockquotes
// quoted with "> " as mail quotes are.
func htmlToText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	var (
		out      strings.Builder
		line     strings.Builder
		skip     int // inside script, style, head...
		pre      int
		quote    int
		href     []string
		linkText []string
	)
	flush := func() {
		s := strings.TrimRight(line.String(), " ")
		if s != "" || quote > 0 {
			out.WriteString(strings.Repeat("> ", quote))
		}
		out.WriteString(s)
		out.WriteByte('\n')
		line.Reset()
	}
	paragraph := func() {
		if line.Len() > 0 {
			flush()
		}
		if !strings.HasSuffix(out.String(), "\n\n") && out.Len() > 0 {
			out.WriteByte('\n')
		}
	}
	write := func(s string) {
		if len(linkText) > 0 {
			linkText[len(linkText)-1] += s
		}
		line.WriteString(s)
	}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		tok := z.Token()
		switch tt {
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if pre > 0 {
				lines := strings.Split(tok.Data, "\n")
				for i, l := range lines {
					if i > 0 {
						flush()
					}
					write(l)
				}
				continue
			}
			t := strings.Join(strings.Fields(tok.Data), " ")
			if t == "" {
				if tok.Data != "" && line.Len() > 0 && !strings.HasSuffix(line.String(), " ") {
					write(" ")
				}
				continue
			}
			if startsWithSpace(tok.Data) && line.Len() > 0 && !strings.HasSuffix(line.String(), " ") {
				t = " " + t
			}
			if endsWithSpace(tok.Data) {
				t += " "
			}
			write(t)
		case html.StartTagToken, html.SelfClosingTagToken:
			switch tok.Data {
			case "script", "style", "head", "title", "noscript":
				if tt == html.StartTagToken {
					skip++
				}
			case "br":
				flush()
			case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol":
				paragraph()
			case "tr":
				if line.Len() > 0 {
					flush()
				}
			case "td", "th":
				if line.Len() > 0 {
					write(" ")
				}
			case "li":
				if line.Len() > 0 {
					flush()
				}
				write("- ")
			case "hr":
				paragraph()
				write("---")
				flush()
			case "pre":
				paragraph()
				pre++
			case "blockquote":
				paragraph()
				quote++
			case "a":
				for _, a := range tok.Attr {
					if a.Key == "href" {
						href = append(href, a.Val)
						linkText = append(linkText, "")
					}
				}
			case "img":
				for _, a := range tok.Attr {
					if a.Key == "alt" && a.Val != "" {
						write("[" + a.Val + "]")
					}
				}
			}
		case html.EndTagToken:
			switch tok.Data {
			case "script", "style", "head", "title", "noscript":
				if skip > 0 {
					skip--
				}
			case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol":
				paragraph()
			case "pre":
				if pre > 0 {
					pre--
				}
				paragraph()
			case "blockquote":
				paragraph()
				if quote > 0 {
					quote--
				}
			case "a":
				if len(href) > 0 {
					h, txt := href[len(href)-1], strings.TrimSpace(linkText[len(linkText)-1])
					href, linkText = href[:len(href)-1], linkText[:len(linkText)-1]
					if h != "" && h != txt && "mailto:"+txt != h && (strings.HasPrefix(h, "http") || strings.HasPrefix(h, "mailto:")) {
						write(" <" + h + ">")
					}
				}
			}
		}
	}
	if line.Len() > 0 {
		flush()
	}
	return tidyBlankLines(out.String())
}

var manyBlankLines = regexp.MustCompile(`\n{3,}`)

// tidyBlankLines keeps at most one blank line between paragraphs and none
// at the ends.
func tidyBlankLines(s string) string {
	s = manyBlankLines.ReplaceAllString(s, "\n\n")
	return strings.Trim(s, "\n") + "\n"
}

func startsWithSpace(s string) bool {
	return s != "" && strings.ContainsRune(" \t\r\n\f", rune(s[0]))
}

func endsWithSpace(s string) bool {
	return s != "" && strings.ContainsRune(" \t\r\n\f", rune(s[len(s)-1]))
}
