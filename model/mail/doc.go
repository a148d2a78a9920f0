// Package mail reads mail: it recognises a source (mbox in its variants,
// gzip, a single message, a maildir, stdin), indexes its messages without
// keeping their bytes (a Message is its headers and a byte range), and
// decodes a body on demand (MIME, charsets, HTML to text). It also owns
// what every other package needs to say about a message safely: CleanText
// for anything from a mail that may reach a terminal, subjects and topic
// labels, lore links. It imports the standard library, go-message and
// x/text; nothing else of summit's.
package mail
