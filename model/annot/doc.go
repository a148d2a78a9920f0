// Package annot keeps what reviewers record: stances, open questions and
// notes on messages; decisions, lengths, order and notes on topics; the
// scope (one year's call) and the ignored topics; sessions (topics merged
// into one, committee sessions, titles, leads, prework, background, split
// sub-threads; see session.go) and the day (day.go). The Store edits them with
// undo and redo and saves them atomically to one JSON file, merging a file
// changed meanwhile (another summit, git) three-way; several reviewers'
// files merge into one view. Suggestions (a stance from trailers, open
// questions, topics to ignore) are made here and never applied on their
// own. It imports packages mail and thread, and internal/atomicfile.
package annot
