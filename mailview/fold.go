package mailview

import "fmt"

// foldMinLines is the shortest quoted run that folds: a one- or two-line
// quote before an inline answer is the context of that answer, and
// folding it would save nothing.
const foldMinLines = 4

// quoteRun is a run of consecutive quoted blocks (quotes and the
// attributions inside them) that can be folded to one line.
type quoteRun struct {
	start, end int // blocks[start:end]
	lines      int
	from       string
}

// quoteRunAt returns the run of quoted blocks starting at blocks[i], or
// ok=false when blocks[i] is not quoted.
func quoteRunAt(blocks []Block, i int) (run quoteRun, ok bool) {
	if i >= len(blocks) || blocks[i].Depth == 0 {
		return quoteRun{}, false
	}
	run.start = i
	j := i
	for j < len(blocks) && blocks[j].Depth > 0 {
		run.lines += len(blocks[j].Lines)
		j++
	}
	run.end = j
	run.from = quotedAuthor(blocks[i:j])
	return run, true
}

// quotedAuthor is who the outermost quote of a run quotes: the From of its
// first depth-1 quote, else the first From found.
func quotedAuthor(blocks []Block) string {
	for _, b := range blocks {
		if b.Kind == BlockQuote && b.Depth == 1 && b.From != "" {
			return b.From
		}
	}
	for _, b := range blocks {
		if b.Kind == BlockQuote && b.From != "" {
			return b.From
		}
	}
	return ""
}

// FoldLabel is the one line a folded quote shows, such as "23 quoted lines
// from Leon Romanovsky".
func FoldLabel(lines int, from string) string {
	noun := "lines"
	if lines == 1 {
		noun = "line"
	}
	if from == "" {
		return fmt.Sprintf("%d quoted %s", lines, noun)
	}
	return fmt.Sprintf("%d quoted %s from %s", lines, noun, from)
}
