package mboxgen

import (
	"bytes"
	"encoding/base64"
	"html"
	"math/rand/v2"
	"mime/quotedprintable"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// mimeBody writes the MIME headers, the blank line and the body. Most mail
// is plain UTF-8 or ASCII; the rest spreads over the encodings, charsets and
// multipart shapes a list sees. Patches stay plain, as git sends them.
func (g *generator) mimeBody(r *rand.Rand, n *node, lines []string) {
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	text := strings.Join(lines, "\n") + "\n"
	u := r.IntN(1000)
	if n.kind == kindPatch || n.kind == kindCover {
		u = 999
	}
	if u < 995 {
		g.raw("MIME-Version: 1.0\n")
	}
	switch {
	case u < 60:
		g.alternative(r, text)
	case u < 80:
		g.withAttachment(r, text)
	case u < 85:
		g.signed(r, text)
	case u < 105:
		g.raw("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n")
		g.base64(text)
	case u < 150:
		g.raw("Content-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n")
		g.qp(text)
	case u < 180:
		text = latin1Lines[r.IntN(len(latin1Lines))] + "\n\n" + text
		body := toLatin1(text)
		if r.IntN(2) == 0 {
			g.raw("Content-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n")
			g.qp(body)
		} else {
			g.raw("Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n")
			g.raw(body)
		}
	case u < 190:
		text = russianLines[r.IntN(len(russianLines))] + "\n" + russianLines[r.IntN(len(russianLines))] + "\n\n" + text
		g.raw("Content-Type: text/plain; charset=KOI8-R\nContent-Transfer-Encoding: 8bit\n\n")
		g.raw(toKOI8R(text))
	default:
		g.plain(r, text)
	}
}

func (g *generator) plain(r *rand.Rand, text string) {
	switch {
	case !isASCII(text):
		g.raw("Content-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: 8bit\n\n")
	case r.IntN(5) == 0:
		g.raw("\n") // no Content-Type: RFC 2045 defaults to us-ascii
	default:
		g.raw("Content-Type: text/plain; charset=us-ascii\nContent-Disposition: inline\n\n")
	}
	g.raw(text)
}

func (g *generator) boundary(r *rand.Rand) string {
	if r.IntN(2) == 0 {
		return "------------" + strings.ToUpper(hexID(r, 24))
	}
	return "=-" + randB64(r, 20)
}

// alternative is a text part and its HTML rendering, as web mailers send.
func (g *generator) alternative(r *rand.Rand, text string) {
	b := g.boundary(r)
	g.raw("Content-Type: multipart/alternative; boundary=\"" + b + "\"\n\n")
	g.raw("--" + b + "\nContent-Type: text/plain; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n")
	g.qp(text)
	g.raw("\n--" + b + "\nContent-Type: text/html; charset=\"UTF-8\"\nContent-Transfer-Encoding: quoted-printable\n\n")
	g.qp(toHTML(text))
	g.raw("\n--" + b + "--\n")
}

var configLines = []string{
	"CONFIG_SMP=y", "CONFIG_PREEMPT_DYNAMIC=y", "CONFIG_KASAN=y", "CONFIG_LOCKDEP=y",
	"# CONFIG_DEBUG_INFO_BTF is not set", "CONFIG_HZ_1000=y", "CONFIG_MODULES=y",
	"CONFIG_RUST=y", "CONFIG_NUMA=y", "# CONFIG_STAGING is not set", "CONFIG_CXL_BUS=m",
	"CONFIG_VFIO_PCI=m", "CONFIG_DRM_I915=m", "CONFIG_BPF_SYSCALL=y",
}

// withAttachment adds a file: a patch, a kernel config, or binary data.
func (g *generator) withAttachment(r *rand.Rand, text string) {
	b := g.boundary(r)
	g.raw("Content-Type: multipart/mixed; boundary=\"" + b + "\"\n\nThis is a multi-part message in MIME format.\n")
	g.raw("--" + b + "\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n")
	g.raw(text)
	g.raw("\n--" + b + "\n")
	switch r.IntN(4) {
	case 0:
		name := "0001-" + strings.ReplaceAll(patchTitle(r, "mm")[4:], " ", "-") + ".patch"
		g.raw("Content-Type: text/x-patch; charset=UTF-8; name=\"" + name + "\"\nContent-Disposition: attachment; filename=\"" + name + "\"\nContent-Transfer-Encoding: 8bit\n\n")
		p := &g.people[g.pickPerson()]
		g.raw(strings.Join(formatPatch(r, p, subsystems[r.IntN(len(subsystems))], 72), "\n") + "\n")
	case 1:
		g.raw("Content-Type: text/plain; charset=us-ascii; name=config\nContent-Disposition: attachment; filename=config\n\n")
		for i := 40 + r.IntN(120); i > 0; i-- {
			g.raw(configLines[r.IntN(len(configLines))] + "\n")
		}
	case 2:
		g.raw("Content-Type: application/octet-stream; name=\"dmesg.log.gz\"\nContent-Disposition: attachment; filename=\"dmesg.log.gz\"\nContent-Transfer-Encoding: base64\n\n")
		g.base64(randomBytes(r, 1024+r.IntN(5120)))
	default:
		g.raw("Content-Type: image/png; name=\"trace.png\"\nContent-Disposition: attachment; filename=\"trace.png\"\nContent-Transfer-Encoding: base64\n\n")
		g.base64("\x89PNG\r\n\x1a\n" + randomBytes(r, 512+r.IntN(3072)))
	}
	g.raw("\n--" + b + "--\n")
}

// signed is a PGP/MIME signed message.
func (g *generator) signed(r *rand.Rand, text string) {
	b := g.boundary(r)
	g.raw("Content-Type: multipart/signed; micalg=pgp-sha256;\n\tprotocol=\"application/pgp-signature\"; boundary=\"" + b + "\"\n\n")
	g.raw("--" + b + "\nContent-Type: text/plain; charset=us-ascii\nContent-Disposition: inline\n\n")
	g.raw(text)
	g.raw("\n--" + b + "\nContent-Type: application/pgp-signature; name=\"signature.asc\"\n\n-----BEGIN PGP SIGNATURE-----\n\n")
	sig := randB64(r, 300)
	for len(sig) > 64 {
		g.raw(sig[:64] + "\n")
		sig = sig[64:]
	}
	g.raw(sig + "\n=" + randAlnum(r, 4) + "\n-----END PGP SIGNATURE-----\n\n--" + b + "--\n")
}

func randomBytes(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return string(b)
}

func (g *generator) base64(s string) {
	enc := base64.StdEncoding.EncodeToString([]byte(s))
	for len(enc) > 76 {
		g.raw(enc[:76] + "\n")
		enc = enc[76:]
	}
	g.raw(enc + "\n")
}

func (g *generator) qp(s string) {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	g.buf = append(g.buf, bytes.ReplaceAll(b.Bytes(), []byte("\r\n"), []byte("\n"))...)
}

// toHTML renders text the way a web mailer does: line breaks and
// blockquotes for quoted runs.
func toHTML(text string) string {
	var b strings.Builder
	b.WriteString("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"></head>\n<body><div dir=\"ltr\">\n")
	inQuote := false
	for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		q := strings.HasPrefix(l, ">")
		if q != inQuote {
			if q {
				b.WriteString("<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">\n")
			} else {
				b.WriteString("</blockquote>\n")
			}
			inQuote = q
		}
		if q {
			l = strings.TrimLeft(strings.TrimLeft(l, ">"), " ")
		}
		b.WriteString("<div>" + html.EscapeString(l) + "<br></div>\n")
	}
	if inQuote {
		b.WriteString("</blockquote>\n")
	}
	b.WriteString("</div></body></html>\n")
	return b.String()
}

func toLatin1(s string) string {
	b := make([]byte, 0, len(s))
	for _, c := range s {
		if c > 0xFF {
			c = '?'
		}
		b = append(b, byte(c))
	}
	return string(b)
}

func toKOI8R(s string) string {
	out, err := encoding.ReplaceUnsupported(charmap.KOI8R.NewEncoder()).String(s)
	if err != nil {
		return toLatin1(s)
	}
	return out
}
