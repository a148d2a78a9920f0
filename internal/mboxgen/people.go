package mboxgen

import (
	"fmt"
	"math/rand/v2"
	"mime"
	"strings"
	"time"
)

// person is one list participant. Everything about how they write mail
// (client, quoting habit, attribution line, signature) is fixed per person,
// as it is on a real list, so a thread mixes a handful of styles.
type person struct {
	name   string // display name, UTF-8
	email  string
	header string // the address as it appears in From/To/Cc, RFC 2047 encoded when needed
	zone   *time.Location
	host   string // the sending host, for Received and Message-ID

	client    client
	quote     quoteStyle
	attrib    int    // attribution line style, see attribution
	signature string // without the "-- " line; empty for none
	width     int    // wrap column
}

// client is the mail program a person uses; it decides the Message-ID shape
// and the User-Agent header.
type client int

const (
	clientGitSendEmail client = iota
	clientMutt
	clientGnus
	clientGmail
	clientEvolution
	clientThunderbird
	clientAlpine
	clientOutlook
	numClients
)

// quoteStyle is how a person's mail program prefixes quoted lines. Mixing
// them is what produces "> >", ">>" and ">text" in one thread.
type quoteStyle int

const (
	quoteMutt        quoteStyle = iota // "> " before every line, so "> > x" when nested
	quoteThunderbird                   // "> " but ">" before an already quoted line, so ">> x"
	quoteTight                         // ">" before every line, so ">x" and ">>x"
)

var firstNames = []string{
	"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda",
	"David", "Elizabeth", "William", "Barbara", "Richard", "Susan", "Thomas", "Jessica",
	"Daniel", "Sarah", "Matthew", "Karen", "Anthony", "Nancy", "Mark", "Lisa",
	"Steven", "Betty", "Paul", "Sandra", "Andrew", "Ashley", "Kenneth", "Emily",
	"Kevin", "Donna", "Brian", "Michelle", "Greg", "Carol", "Jason", "Amanda",
	"Jeff", "Melissa", "Ryan", "Deborah", "Jacob", "Stephanie", "Gary", "Rebecca",
	"Nicholas", "Laura", "Eric", "Helen", "Jonathan", "Sharon", "Stephen", "Cynthia",
	"Ravi", "Priya", "Wei", "Li", "Hiroshi", "Yuki", "Ahmed", "Fatima", "Ivan",
	"Olga", "Pieter", "Anja", "Marco", "Giulia", "Arnd", "Ingo", "Dmitry", "Sven",
}

var lastNames = []string{
	"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
	"Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White",
	"Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
	"Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter",
	"Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards",
	"Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper",
	"Peterson", "Reed", "Bailey", "Kelly", "Howard", "Cox", "Ward", "Richardson",
	"Sharma", "Patel", "Zhang", "Wang", "Tanaka", "Suzuki", "Hassan", "Ivanov",
	"Petrova", "de Vries", "Jansen", "Rossi", "Bianchi", "Bergmann", "Koch", "Novak",
}

// latin1Names survive a round trip through ISO-8859-1, so some of their
// owners send them encoded that way.
var latin1Names = []string{
	"Jörg Müller", "José García", "Søren Åberg", "François Lefèvre", "Renée Dubois",
	"Björn Töpel", "Jürgen Groß", "Ana Núñez", "Ilpo Järvinen", "Håkon Bakke",
	"Zoë Brontë", "Uwe Kleine-König", "Thomas Weißschuh", "André Almeida",
	"Peter Sørensen", "Mikaël Bouillot", "Çağla Öztürk", "Iñaki Ibáñez",
}

// utf8Names need UTF-8: Central European, Cyrillic and CJK names.
var utf8Names = []string{
	"Łukasz Wiśniewski", "Paweł Dąbrowski", "Tomáš Dvořák", "Michał Mirosław",
	"Rafał Miłecki", "Jiří Šimůnek", "Дмитрий Смирнов", "Алексей Кузнецов",
	"王伟", "李娜", "佐藤 健", "鈴木 裕子", "Nguyễn Văn An", "Gergő Kovács",
	"Ștefan Popescu", "Kęstutis Šimkus",
}

var domains = []string{
	"kernel.org", "redhat.com", "suse.de", "suse.com", "intel.com", "google.com",
	"linaro.org", "arm.com", "nvidia.com", "amd.com", "oracle.com", "ibm.com",
	"linux.dev", "gmail.com", "meta.com", "microsoft.com", "huawei.com",
	"collabora.com", "bootlin.com", "infradead.org", "kroah.com", "lwn.net",
	"HansenPartnership.com", "samsung.com", "linutronix.de", "pengutronix.de",
	"ziepe.ca", "8bytes.org", "fb.com", "canonical.com",
}

var zones = []struct {
	name   string
	offset int // hours*100 + minutes, signed
}{
	{"PDT", -700}, {"PST", -800}, {"EDT", -400}, {"EST", -500}, {"UTC", 0},
	{"BST", 100}, {"CET", 100}, {"CEST", 200}, {"EET", 200}, {"MSK", 300},
	{"IST", 530}, {"CST", 800}, {"JST", 900}, {"AEST", 1000}, {"MDT", -600},
}

var signatures = []string{
	"Thanks,\n%s",
	"Cheers,\n%s",
	"Regards,\n%s",
	"%s\n\nSUSE Labs",
	"With Best Regards,\n%s",
	"Kind regards,\n%s\n\n-- \nThis message was sent from a %s mail client",
	"Best regards,\n%s\nkernel hacker, occasional maintainer",
	"-Greg",
	"Ciao,\n%s",
}

// translit turns a display name into the ASCII local part of an address.
var translit = strings.NewReplacer(
	"ö", "oe", "ü", "ue", "ä", "ae", "ß", "ss", "é", "e", "è", "e", "ë", "e", "á", "a",
	"à", "a", "ç", "c", "ñ", "n", "ø", "o", "å", "a", "Å", "A", "Ø", "O", "Ö", "O",
	"Ç", "C", "ğ", "g", "ı", "i", "ú", "u", "í", "i", "ó", "o", "Ł", "L", "ł", "l",
	"ś", "s", "ą", "a", "ę", "e", "ń", "n", "ż", "z", "ź", "z", "č", "c", "ř", "r",
	"š", "s", "Š", "S", "ů", "u", "ý", "y", "Ș", "S", "ș", "s", "ő", "o", "ễ", "e",
	"ă", "a", "Ġ", "G", "ė", "e", "Ę", "E", "ï", "i", "î", "i", "ê", "e", "â", "a",
)

// cyrillic and CJK names get a fixed romanised address, as their owners do.
var romanised = map[string]string{
	"Дмитрий Смирнов": "dmitry.smirnov", "Алексей Кузнецов": "akuznetsov",
	"王伟": "wangwei", "李娜": "li.na", "佐藤 健": "ken.sato", "鈴木 裕子": "yuko.suzuki",
}

// newPeople builds the list's population: mostly plain ASCII names, about
// one in nine with a name that needs an RFC 2047 encoded word.
func newPeople(r *rand.Rand, n int) []person {
	people := make([]person, 0, n)
	seen := map[string]bool{}
	latin, utf := 0, 0
	for i := 0; len(people) < n; i++ {
		var name string
		switch {
		case i%17 == 5 && latin < len(latin1Names):
			name = latin1Names[latin]
			latin++
		case i%19 == 7 && utf < len(utf8Names):
			name = utf8Names[utf]
			utf++
		default:
			name = firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		people = append(people, newPerson(r, name))
	}
	return people
}

func newPerson(r *rand.Rand, name string) person {
	p := person{name: name}
	local, ok := romanised[name]
	if !ok {
		ascii := strings.ToLower(translit.Replace(name))
		parts := strings.Fields(ascii)
		first, last := parts[0], strings.Join(parts[1:], "")
		switch r.IntN(4) {
		case 0:
			local = first + "." + last
		case 1:
			local = first[:1] + last
		case 2:
			local = first
		default:
			local = last
		}
		local = strings.Map(func(c rune) rune {
			if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-' {
				return c
			}
			return -1
		}, local)
	}
	domain := domains[r.IntN(len(domains))]
	p.email = fmt.Sprintf("%s@%s", local, domain)
	p.header = encodeAddress(r, name, p.email)
	z := zones[r.IntN(len(zones))]
	off := (z.offset/100)*3600 + (z.offset%100)*60
	p.zone = time.FixedZone(z.name, off)
	hosts := []string{"mail." + domain, "smtp." + domain, "mx1." + domain, "out.smtp." + domain}
	p.host = hosts[r.IntN(len(hosts))]
	p.client = client(r.IntN(int(numClients)))
	p.quote = quoteStyle(r.IntN(10) / 4 % 3) // mostly mutt-style
	if p.client == clientOutlook && r.IntN(2) == 0 {
		p.quote = quoteTight
	}
	p.attrib = r.IntN(6)
	p.width = 70 + r.IntN(8)
	if r.IntN(10) < 4 {
		sig := signatures[r.IntN(len(signatures))]
		short := strings.Fields(name)[0]
		if strings.Count(sig, "%s") == 2 {
			p.signature = fmt.Sprintf(sig, short, "phone")
		} else if strings.Contains(sig, "%s") {
			p.signature = fmt.Sprintf(sig, short)
		} else {
			p.signature = sig
		}
	}
	return p
}

// encodeAddress writes name and address the way different mailers do:
// bare ASCII, quoted, or an RFC 2047 encoded word in UTF-8 or ISO-8859-1.
func encodeAddress(r *rand.Rand, name, email string) string {
	if isASCII(name) {
		if strings.ContainsAny(name, ".,") || r.IntN(6) == 0 {
			return fmt.Sprintf("\"%s\" <%s>", name, email)
		}
		return fmt.Sprintf("%s <%s>", name, email)
	}
	if q, ok := qLatin1(name); ok && r.IntN(2) == 0 {
		return fmt.Sprintf("%s <%s>", q, email)
	}
	if r.IntN(2) == 0 {
		return fmt.Sprintf("%s <%s>", mime.BEncoding.Encode("UTF-8", name), email)
	}
	return fmt.Sprintf("%s <%s>", mime.QEncoding.Encode("utf-8", name), email)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// qLatin1 encodes s as one ISO-8859-1 "Q" encoded word, or reports that s
// has a character outside Latin-1.
func qLatin1(s string) (string, bool) {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	b.WriteString("=?ISO-8859-1?Q?")
	for _, c := range s {
		switch {
		case c > 0xFF:
			return "", false
		case c == ' ':
			b.WriteByte('_')
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.':
			b.WriteRune(c)
		default:
			b.WriteByte('=')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	b.WriteString("?=")
	return b.String(), true
}
