package mail

import (
	"errors"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/transform"
)

// UTF-7 (RFC 2152), which some mailers still send and golang.org/x/text
// does not decode: ASCII as itself, other text as "+", modified base64 of
// its UTF-16 code units, and an optional "-"; "+-" is a plus sign.

func init() {
	for _, name := range []string{"utf-7", "utf7", "unicode-1-1-utf-7", "csunicode11utf7", "x-unicode-2-0-utf-7"} {
		charset.RegisterEncoding(name, utf7Encoding{})
	}
}

type utf7Encoding struct{}

func (utf7Encoding) NewDecoder() *encoding.Decoder {
	return &encoding.Decoder{Transformer: &utf7Decoder{}}
}

// NewEncoder is not needed to read mail: it refuses.
func (utf7Encoding) NewEncoder() *encoding.Encoder {
	return &encoding.Encoder{Transformer: utf7NoEncoder{}}
}

type utf7NoEncoder struct{ transform.NopResetter }

func (utf7NoEncoder) Transform(dst, src []byte, atEOF bool) (int, int, error) {
	return 0, 0, errors.New("utf-7: encoding is not supported")
}

// utf7Decoder is the UTF-7 to UTF-8 transformer. Malformed input (a code
// unit cut short, a lone surrogate, a byte above 0x7f) becomes U+FFFD.
type utf7Decoder struct {
	inBase64 bool
	fresh    bool   // just after the "+": a "-" now means "+"
	bits     uint32 // base64 bits not yet a code unit
	nbits    uint
	high     rune // a high surrogate waiting for its low half, or 0
}

func (d *utf7Decoder) Reset() { *d = utf7Decoder{} }

// base64Value is the value of a base64 character, -1 for any other byte.
func base64Value(c byte) int {
	switch {
	case c >= 'A' && c <= 'Z':
		return int(c - 'A')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 26
	case c >= '0' && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}

func (d *utf7Decoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	// Every step writes at most two runes (a pending surrogate's U+FFFD
	// and one more): 8 bytes.
	const room = 2 * utf8.UTFMax
	for nSrc < len(src) {
		if len(dst)-nDst < room {
			return nDst, nSrc, transform.ErrShortDst
		}
		c := src[nSrc]
		if !d.inBase64 {
			switch {
			case c == '+':
				d.inBase64, d.fresh, d.bits, d.nbits = true, true, 0, 0
			case c < utf8.RuneSelf:
				nDst += d.flushHigh(dst[nDst:])
				dst[nDst] = c
				nDst++
			default:
				nDst += d.flushHigh(dst[nDst:])
				nDst += utf8.EncodeRune(dst[nDst:], utf8.RuneError)
			}
			nSrc++
			continue
		}
		v := base64Value(c)
		if v >= 0 {
			d.fresh = false
			d.bits = d.bits<<6 | uint32(v)
			d.nbits += 6
			if d.nbits >= 16 {
				d.nbits -= 16
				nDst += d.unit(dst[nDst:], uint16(d.bits>>d.nbits))
				d.bits &= 1<<d.nbits - 1
			}
			nSrc++
			continue
		}
		// The end of a base64 run. A "-" ends it and is dropped ("+-" is
		// "+"); any other byte ends it and is itself.
		if d.fresh && c == '-' {
			dst[nDst] = '+'
			nDst++
		}
		if d.nbits >= 6 {
			nDst += d.flushHigh(dst[nDst:])
			nDst += utf8.EncodeRune(dst[nDst:], utf8.RuneError) // a code unit cut short
		}
		d.inBase64, d.fresh, d.bits, d.nbits = false, false, 0, 0
		if c == '-' {
			nSrc++
		}
	}
	if atEOF && (d.high != 0 || d.inBase64 && d.nbits >= 6) {
		if len(dst)-nDst < room {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += d.flushHigh(dst[nDst:])
		if d.inBase64 && d.nbits >= 6 {
			nDst += utf8.EncodeRune(dst[nDst:], utf8.RuneError)
		}
		d.inBase64, d.bits, d.nbits = false, 0, 0
	}
	return nDst, nSrc, nil
}

// unit writes the rune a UTF-16 code unit completes, if any.
func (d *utf7Decoder) unit(dst []byte, u uint16) int {
	r := rune(u)
	switch {
	case utf16.IsSurrogate(r) && r < 0xdc00: // a high surrogate
		n := d.flushHigh(dst)
		d.high = r
		return n
	case utf16.IsSurrogate(r): // a low surrogate
		if d.high == 0 {
			return utf8.EncodeRune(dst, utf8.RuneError)
		}
		pair := utf16.DecodeRune(d.high, r)
		d.high = 0
		return utf8.EncodeRune(dst, pair)
	}
	n := d.flushHigh(dst)
	return n + utf8.EncodeRune(dst[n:], r)
}

// flushHigh writes U+FFFD for a high surrogate no low half followed.
func (d *utf7Decoder) flushHigh(dst []byte) int {
	if d.high == 0 {
		return 0
	}
	d.high = 0
	return utf8.EncodeRune(dst, utf8.RuneError)
}
