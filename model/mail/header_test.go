package mail

import (
	"reflect"
	"testing"
	"time"
)

func TestParseHeader(t *testing.T) {
	tests := []struct {
		name, block string
		want        Message
	}{
		{
			name:  "plain",
			block: "From: Greg KH <greg@kroah.com>\nSubject: Re: x\nDate: Sun, 12 Sep 2021 16:34:48 +0200\nMessage-ID: <a@b>\nIn-Reply-To: <p@q>\nReferences: <r@s>\n <p@q>\n",
			want: Message{ID: "a@b", InReplyTo: "p@q", References: []string{"r@s", "p@q"},
				From: Address{Name: "Greg KH", Email: "greg@kroah.com"}, Subject: "Re: x"},
		},
		{
			name:  "folded subject and lower-case names",
			block: "subject: a long\n\tsubject\r\nfrom: \"Doe, Jane\" <jane@x.org>\r\nmessage-id:\n <folded@id>\r\ndate: Mon, 1 Jul 2024 10:00:00 +0000\r\n",
			want:  Message{ID: "folded@id", From: Address{Name: "Doe, Jane", Email: "jane@x.org"}, Subject: "a long subject"},
		},
		{
			name:  "encoded words, comment-style From, ids without brackets",
			block: "From: jane@x.org (=?utf-8?q?J=C3=A4ne?=)\nSubject: =?utf-8?b?w6l0w6k=?= =?utf-8?q?_ok?=\nMessage-ID: bare@id\nReferences: one@id two@id\nDate: Mon, 1 Jul 2024 10:00:00 +0000\n",
			want:  Message{ID: "bare@id", References: []string{"one@id", "two@id"}, From: Address{Name: "Jäne", Email: "jane@x.org"}, Subject: "été ok"},
		},
		{
			name:  "control characters in values",
			block: "From: Evil \x1b[2J <e@x>\nSubject: hi\x1b]0;pwned\x07 there\nMessage-ID: <i\x01d@x>\nDate: Mon, 1 Jul 2024 10:00:00 +0000\n",
			want:  Message{ID: "id@x", From: Address{Name: "Evil", Email: "e@x"}, Subject: "hi there"},
		},
		{
			name:  "missing From and Date",
			block: "Subject: lonely\nMessage-ID: <l@x>\n",
			want:  Message{ID: "l@x", Subject: "lonely", DateUnknown: true, warnings: &[]string{"no From header", "no Date header"}},
		},
		{
			name:  "8-bit Latin-1 name",
			block: "From: Jos\xe9 <j@x>\nSubject: s\nMessage-ID: <j@x>\nDate: Mon, 1 Jul 2024 10:00:00 +0000\n",
			want:  Message{ID: "j@x", From: Address{Name: "José", Email: "j@x"}, Subject: "s"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Message
			newHeaderParser().parse([]byte(tt.block), &m)
			m.Date = time.Time{}
			if !reflect.DeepEqual(m, tt.want) {
				t.Errorf("got  %+v\nwant %+v", m, tt.want)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sun, 12 Sep 2021 16:34:48 +0200", "2021-09-12T16:34:48+02:00"},
		{"Sun, 12 Sep 2021 16:34:48 +0200 (CEST)", "2021-09-12T16:34:48+02:00"},
		{"12 Sep 2021 16:34:48 -0700", "2021-09-12T16:34:48-07:00"},
		{"Sun,  12 Sep 2021 16:34:48 GMT", "2021-09-12T16:34:48Z"},
		{"Sun Sep 12 16:34:48 2021", "2021-09-12T16:34:48Z"},
		{"Sun, 12 Sep 2021 16:34 +0200", "2021-09-12T16:34:00+02:00"},
		{"2021-09-12 16:34:48 +0200", "2021-09-12T16:34:48+02:00"},
		{"Sun,12 Sep 2021 16:34:48 +0200", "2021-09-12T16:34:48+02:00"},
		{"Sun, 12 Sep 2021 16:34:48 +0200 PDT", "2021-09-12T16:34:48+02:00"},
		{"yesterday", ""},
		{"Thu, 1 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z"},
		{"Fri, 13 Dec 1901 20:45:52 +0000", ""},
	}
	p := newHeaderParser()
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := p.date(tt.in)
			s := ""
			if ok {
				s = got.Format(time.RFC3339)
			}
			if s != tt.want {
				t.Errorf("got %q, want %q", s, tt.want)
			}
		})
	}
}

func TestIDsAreInterned(t *testing.T) {
	p := newHeaderParser()
	var a, b Message
	p.parse([]byte("Message-ID: <root@x>\n"), &a)
	p.parse([]byte("References: <root@x>\n"), &b)
	if unsafeStringData(a.ID) != unsafeStringData(b.References[0]) {
		t.Error("the same id is stored twice")
	}
}
