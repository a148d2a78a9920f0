package mailview

import (
	"strings"
	"unicode"
)

func dropFormatChars(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) && r != 0x200c && r != 0x200d {
			return -1
		}
		return r
	}, s)
}
