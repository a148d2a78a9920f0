package mail

import (
	"strings"
	"unicode/utf8"
)

// CleanText makes a string from a message safe to show on a terminal: it
// removes escape sequences (CSI, OSC, DCS, SOS, PM, APC, and two-byte ESC
// sequences, in their 7-bit and C1 forms), every other C0 and C1 control
// character, DEL, and the bidirectional overrides and isolates that can
// make text read differently from what it is. Newline and tab are kept when
// keepNewlines is set; otherwise they become spaces. Invalid UTF-8 becomes
// U+FFFD. Mail is hostile input: everything from a message passes here
// before it reaches glamour, lipgloss or the terminal.
func CleanText(s string, keepNewlines bool) string {
	if unchanged(s, keepNewlines) {
		return s // most mail: no copy
	}
	return clean(s, keepNewlines)
}

// clean is CleanText's work, on a string that needs some.
func clean(s string, keepNewlines bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
			continue
		case r == 0x1b: // ESC
			i += escapeLength(s[i:])
			continue
		case r == 0x9b || r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f:
			// C1 introducers of CSI, OSC, DCS, SOS, PM, APC.
			i += c1SequenceLength(s[i:], size, r)
			continue
		case r == '\n' || r == '\t':
			if keepNewlines {
				b.WriteRune(r)
			} else {
				b.WriteByte(' ')
			}
		case r == '\r':
			// Dropped: a lone CR would move the cursor to the line start.
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			// Other C0 and C1 controls.
		case isBidiControl(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// unchanged is the fast path: whether clean would give s back as it is,
// valid UTF-8 without controls, escape introducers or bidi controls (nor
// newlines and tabs, unless they are kept). Most mail is that, names and
// subjects in other scripts than Latin as well as ASCII.
func unchanged(s string, keepNewlines bool) bool {
	for i := 0; i < len(s); {
		// Printable ASCII, the bulk of a body, eight bytes at a time;
		// byte by byte from the first word that is not.
		if i += plainWords(s[i:], keepNewlines); i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 || c == 0x7f) && !(keepNewlines && (c == '\n' || c == '\t')) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 1 || r < 0xa0 || isBidiControl(r) {
			return false // invalid UTF-8, a C1 control
		}
		i += size
	}
	return true
}

// plainWords is the length of the run of 8-byte words at the start of s
// that are all printable ASCII (0x20 to 0x7e, and tab and newline when
// they are kept), testing the eight bytes of a word together: each mask
// has the high bit of a byte set where that byte is what it looks for,
// and with no high bit set in x no sum carries from one byte into the
// next.
func plainWords(s string, keepNewlines bool) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		controls := ^(x + 0x60*ones) // below 0x20: adding 0x60 stays under 0x80
		if keepNewlines {
			controls &^= zeroBytes(x^'\t'*ones) | zeroBytes(x^'\n'*ones)
		}
		if (x|controls|(x+ones))&highs != 0 { // x+ones: 0x7f reaches 0x80
			break
		}
	}
	return i
}

const ones, highs, lows = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f

// zeroBytes has the high bit of each byte of v that is zero set.
func zeroBytes(v uint64) uint64 {
	return ^((v&lows + lows) | v)
}

func isBidiControl(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e: // LRE RLE PDF LRO RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI RLI FSI PDI
		return true
	case r == 0x200e || r == 0x200f || r == 0x061c: // LRM RLM ALM
		return true
	}
	return false
}

// escapeLength is the length of the escape sequence at the start of s,
// which begins with ESC.
func escapeLength(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates, then a final byte 0x40-0x7e
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
			if s[j] < 0x20 || s[j] > 0x7e {
				return j
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: up to BEL or ST
		return 2 + stringTerminatorEnd(s[2:])
	default:
		// Two-byte sequences (ESC c resets the terminal, ESC 7 saves the
		// cursor...) and ESC followed by intermediates then a final byte.
		j := 1
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j < len(s) {
			j++
		}
		return j
	}
}

// c1SequenceLength is the length of a sequence started by an 8-bit C1
// introducer of size bytes.
func c1SequenceLength(s string, size int, r rune) int {
	if r == 0x9b { // CSI
		for j := size; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
			if s[j] < 0x20 || s[j] >= 0x80 {
				return j
			}
		}
		return len(s)
	}
	return size + stringTerminatorEnd(s[size:])
}

// stringTerminatorEnd finds the end of a control string: BEL, ESC \ or the
// C1 ST (U+009C). An unterminated string runs to the end of its line, so a
// stray introducer cannot swallow the rest of a message.
func stringTerminatorEnd(s string) int {
	for j := 0; j < len(s); j++ {
		switch s[j] {
		case 0x07:
			return j + 1
		case 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
			return j + 1
		case '\n':
			return j
		case 0xc2:
			if j+1 < len(s) && s[j+1] == 0x9c {
				return j + 2
			}
		}
	}
	return len(s)
}
