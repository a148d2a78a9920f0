// Package mailview turns a mail into what the reader shows: the plain-text
// body is cut into blocks (prose, quotes, attributions, diffs, code,
// signatures, trailers), prose is escaped into markdown that glamour shows
// exactly as written, and everything is laid out as terminal lines no
// wider than asked: prose reflowed where the text is narrower than the
// mail's lines (reflow.go), long lines broken at white space or, inside a
// word too long for a row, after punctuation with a continuation mark
// (wrap.go). The interface's reader and `summit show` both print
// what RenderMessage returns, so a message looks the same in either.
//
// It holds summit's one Palette and its one glamour style (the agenda
// preview renders through RenderMarkdown), and imports no Bubble Tea
// package: rendering is a pure function the interface calls from its
// commands.
package mailview
