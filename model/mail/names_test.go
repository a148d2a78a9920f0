package mail

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

func TestFromNames(t *testing.T) {
	tests := []struct{ from, name, email string }{
		{`Greg KH <greg@kroah.com>`, "Greg KH", "greg@kroah.com"},
		{`"Huang\, Ying" <ying.huang@intel.com>`, "Huang, Ying", "ying.huang@intel.com"},
		{`"Foo \"Bar\" Baz" <f@x.org>`, `Foo "Bar" Baz`, "f@x.org"},
		{`"a\\b" <ab@x.org>`, `a\b`, "ab@x.org"},
		{`Huang, Ying <ying.huang@intel.com>`, "Huang, Ying", "ying.huang@intel.com"},
		{`Alice <alice@x.org>, Bob <bob@x.org>`, "Alice", "alice@x.org"},
		{`alice@x.org, bob@x.org`, "", "alice@x.org"},
		{`"Doe, Jane" <jane@x.org>, "Roe, Rick" <rick@x.org>`, "Doe, Jane", "jane@x.org"},
		{`James Hillyerd <j@x.org>, =?ISO-8859-1?Q?Andr=E9?= Pirard <p@x.org>`, "James Hillyerd", "j@x.org"},
		{`Bob Dunite <bob@extern> Bobby Dunite <bobby@extern>`, "Bob Dunite", "bob@extern"},
		{`jane@x.org (Jane Doe)`, "Jane Doe", "jane@x.org"},
		{`jane@x.org (=?ISO-8859-1?Q?Andr=E9?= Pirard)`, "André Pirard", "jane@x.org"},
		{`x@y.org (this is \(really\) a "comment" (honestly))`, `this is (really) a "comment" (honestly)`, "x@y.org"},
		{`<a.u.thor@example.com> (A U Thor)`, "A U Thor", "a.u.thor@example.com"},
		{`A (zzz) U Thor <a.u.thor@example.com> (Comment)`, "A U Thor", "a.u.thor@example.com"},
		{`(this is \(really\) a "comment" (honestly)) "A U Thor" <somebody@example.com>`, "A U Thor", "somebody@example.com"},
		{`=?UTF-8?q?Lukas_Sandstr=C3=B6m?= <lukass@etek.chalmers.se>`, "Lukas Sandström", "lukass@etek.chalmers.se"},
		{`"=?UTF-8?Q?Miros=C5=82aw_Marczak?=" <marczak@inbucket.com>`, "Mirosław Marczak", "marczak@inbucket.com"},
		{`bare@example.org`, "", "bare@example.org"},
		{`bogosity`, "", "bogosity"},
	}
	for _, tt := range tests {
		var m Message
		newHeaderParser().parse([]byte("From: "+tt.from+"\n"), &m)
		if m.From.Name != tt.name || m.From.Email != tt.email {
			t.Errorf("From: %s\n got  %q <%s>\n want %q <%s>", tt.from, m.From.Name, m.From.Email, tt.name, tt.email)
		}
	}
}

func TestEmptyHeadersAreNamed(t *testing.T) {
	var m Message
	newHeaderParser().parse([]byte("From:\nDate:   \nSubject: s\nMessage-ID: <e@x>\n"), &m)
	if want := []string{"empty From header", "empty Date header"}; !reflect.DeepEqual(m.Warnings(), want) || !m.DateUnknown {
		t.Errorf("warnings %q (date unknown %v), want %q", m.Warnings(), m.DateUnknown, want)
	}
	m = Message{}
	newHeaderParser().parse([]byte("Subject: s\n"), &m)
	if want := []string{"no From header", "no Date header"}; !reflect.DeepEqual(m.Warnings(), want) {
		t.Errorf("warnings %q, want %q", m.Warnings(), want)
	}
}

// A mail without Message-ID keeps its synthetic id when a mail client
// saves it again: Status, X-Status, Content-Length and Lines added or
// changed, list headers, CRLF, a header refolded, the mbox quoting of a
// "From " line.
func TestSyntheticIDSurvivesResaving(t *testing.T) {
	orig := "From a@b Mon Sep 17 00:00:00 2001\n" +
		"From: Nobody <nobody@example.org>\nTo: list@example.org\nSubject: no id here, and a subject long enough to fold\n" +
		"Date: Sat, 6 Jul 2024 10:00:00 +0000\n\nBody without an id.\n\n>From the start.\n"
	resaved := "From a@b Sat Jul  6 12:00:00 2024\n" +
		"Received: from somewhere\n\tby elsewhere\nFrom: Nobody <nobody@example.org>\nTo: list@example.org\n" +
		"Subject: no id here, and a subject long enough\n to fold\nDate: Sat, 6 Jul 2024 10:00:00 +0000\n" +
		"Status: RO\nX-Status: A\nContent-Length: 40\nLines: 3\nX-Mozilla-Status: 0001\n\nBody without an id.\n\n>From the start.\n"
	id := func(data string) string {
		t.Helper()
		msgs := indexBytes(t, []byte(data))
		if len(msgs) != 1 || !msgs[0].Synthetic {
			t.Fatalf("%d messages", len(msgs))
		}
		return msgs[0].ID
	}
	want := id(orig)
	for name, data := range map[string]string{
		"resaved":   resaved,
		"CRLF":      strings.ReplaceAll(resaved, "\n", "\r\n"),
		"two blank": resaved + "\n",
	} {
		if got := id(data); got != want {
			t.Errorf("%s: id %s, want %s", name, got, want)
		}
	}
	for name, data := range map[string]string{
		"other body":    strings.Replace(orig, "Body without", "A body without", 1),
		"other subject": strings.Replace(orig, "no id here", "no id there", 1),
		"other date":    strings.Replace(orig, "10:00:00", "10:00:01", 1),
		"other author":  strings.Replace(orig, "nobody@", "somebody@", 1),
	} {
		if got := id(data); got == want {
			t.Errorf("%s: the same id %s", name, got)
		}
	}
}

// The synthetic id hashes the body's first bytes only: a long body does
// not cost more.
func TestSyntheticIDOfALongBody(t *testing.T) {
	head := "From: Nobody <nobody@example.org>\nSubject: s\nDate: Sat, 6 Jul 2024 10:00:00 +0000\n\n"
	body := bytes.Repeat([]byte("a line of text\n"), 1000)
	var a, b Message
	setSyntheticID(&a, append([]byte(head), body...))
	setSyntheticID(&b, append([]byte(head), append(body[:2000:2000], "different from here on\n"...)...))
	if a.ID != b.ID {
		t.Errorf("ids differ: %s, %s", a.ID, b.ID)
	}
}
