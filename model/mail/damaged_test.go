package mail

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDamagedSeeds(t *testing.T) {
	tests := []struct {
		file, id, name, subject, inReplyTo, date string
		refs                                     []string
		recovered, bodyStart                     string
	}{
		{
			file: "000_24227f87c19ab097.txt", id: "877dfop2lx.fsf@meer.lwn.net", name: "Jonathan Corbet",
			subject: "[MAINTAINER SUMMIT] User-space requirements for accelerator drivers",
			date:    "2021-09-10T15:00:58-06:00", recovered: "author, subject, date, Message-ID, body",
			bodyStart: "There has been a regular disagreement",
		},
		{
			file: "001_aa635bacfe4986a5.txt", id: "680a7c9767eb0ddf8035bc90ba1d144fe1f7b4cd.camel@HansenPartnership.com",
			name: "James Bottomley", subject: "Re: [MAINTAINER SUMMIT] User-space requirements for accelerator drivers",
			date: "2021-09-12T09:43:39-07:00", refs: []string{"87ilz8c7ff.ffs@tglx"},
			recovered: "author, subject, date, Message-ID, References, body",
			bodyStart: "On Sun, 2021-09-12 at 18:55 +0300, Laurent Pinchart wrote:\n> As mentioned",
		},
		{
			file: "002_c035dff4cdb7c54c.txt", name: "Laurent Pinchart",
			subject: "Re: [git pull] habanalabs pull request for kernel 5.15",
			date:    "2021-08-23T02:06:58+03:00", refs: []string{"20210819110209.GA115485@ogabbay-vm2.habana-labs.com"},
			recovered: "author, subject, date, References, body",
			bodyStart: "On Fri, Aug 20, 2021 at 04:48:18AM +1000, Dave Airlie wrote:\n> On Fri, 20 Aug 2021",
		},
		{
			file: "003_069bc386d2cec78b.txt", id: "20240725200703.GG14252@pendragon.ideasonboard.com",
			name: "Laurent Pinchart", subject: "Re: [MAINTAINERS SUMMIT] Device Passthrough Considered Harmful?",
			inReplyTo: "20240725194314.GS3371438@nvidia.com", date: "2024-07-25T23:07:03+03:00",
			refs: []string{"668c67a324609_ed99294c0@dwillia2-xfh.jf.intel.com.notmuch",
				"1e82a5c97e915144e01dd65575929c15bc0db397.camel@HansenPartnership.com",
				"20240724200012.GA23293@pendragon.ideasonboard.com",
				"20240725193125.GD14252@pendragon.ideasonboard.com",
				"20240725194314.GS3371438@nvidia.com"},
			recovered: "author, subject, date, Message-ID, In-Reply-To, References, body",
			bodyStart: "Hi Jason, On Thu, Jul 25, 2024 at 04:43:14PM -0300, Jason Gunthorpe wrote:\n> On Thu",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			a := mustLoad(t, fileInput("../testdata/seeds/"+tt.file))
			if len(a.Messages) != 1 {
				t.Fatalf("%d messages", len(a.Messages))
			}
			m := a.Messages[0]
			if tt.id != "" && (m.ID != tt.id || m.Synthetic) {
				t.Errorf("id = %q (synthetic %v), want %q", m.ID, m.Synthetic, tt.id)
			}
			if tt.id == "" && !m.Synthetic {
				t.Errorf("id %q should be synthetic: the seed lost it", m.ID)
			}
			if m.From.Name != tt.name || m.Subject != tt.subject || m.InReplyTo != tt.inReplyTo {
				t.Errorf("from %q subject %q in-reply-to %q", m.From.Name, m.Subject, m.InReplyTo)
			}
			if !reflect.DeepEqual(m.References, tt.refs) {
				t.Errorf("references = %q", m.References)
			}
			if got := m.Date.Format(time.RFC3339); got != tt.date {
				t.Errorf("date = %s, want %s", got, tt.date)
			}
			want := "headers damaged: folded onto one line; recovered " + tt.recovered + "; line breaks and <addresses> were lost"
			if len(m.Warnings()) == 0 || m.Warnings()[0] != want {
				t.Errorf("warnings = %q\nwant first %q", m.Warnings(), want)
			}
			if a.Sources[0].Kind != KindRebuilt {
				t.Errorf("source kind %v", a.Sources[0].Kind)
			}
			text := bodyText(t, m)
			if !strings.HasPrefix(text, tt.bodyStart) {
				t.Errorf("body starts %q", text[:min(len(text), 120)])
			}
			if strings.Contains(text, "Content-Type:") || strings.Contains(text, "X-Mailing-List:") {
				t.Errorf("headers left in the body: %q", text[:min(len(text), 200)])
			}
		})
	}
}

func TestPublicInboxPage(t *testing.T) {
	tests := []struct {
		name, page, id string
		ok             bool
	}{
		{"text", "ksummit.lists.linux.dev archive mirror\n help / color / mirror / Atom feed\nFrom: A <a@b>\nMessage-ID: <x/y@z> (raw)\n", "x/y@z", true},
		{"html", "<html><body><pre>help / color / mirror / Atom feed</pre>\nMessage-ID: &lt;abc@def&gt; (<a href=raw>raw</a>)\n", "abc@def", true},
		{"no id", "help / color / mirror / Atom feed\n", "", true},
		{"mail", "From: a@b\nSubject: help / color\n", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, ok := publicInboxPage([]byte(tt.page))
			if id != tt.id || ok != tt.ok {
				t.Errorf("got %q %v", id, ok)
			}
		})
	}
	if got := loreThreadURL("x/y+z@w"); got != "https://lore.kernel.org/all/x%2Fy+z@w/t.mbox.gz" {
		t.Errorf("url %s", got)
	}
}
