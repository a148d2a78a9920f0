package mail

import "strings"

// CleanID makes a Message-ID safe to show and to write to a file: what
// CleanText removes (escape sequences, control characters, bidi
// controls) and white space go; 8-bit bytes that are not UTF-8 are read as
// Latin-1. The Message-IDs of mail and the keys of an annotations file
// both pass here, so that they still match.
func CleanID(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, CleanText(validUTF8OrLatin1(s), false))
}
