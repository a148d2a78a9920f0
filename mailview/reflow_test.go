package mailview

import (
	"strings"
	"testing"
)

// filled is a paragraph as a mailer fills it at 72 columns.
const filled = `Early in my Linux career there was palpable concern around Linux being
locked out of future computing platforms by hardware vendors who did not
provide open drivers, or even documentation for their hardware. For the
hardware vendors that did participate upstream, maintainers used code
acceptance to influence them.
`

func TestReflowJoinsWhatTheMailerWrapped(t *testing.T) {
	lines := renderPlain(t, filled, 60)
	checkWidth(t, lines, 60)
	want := []string{
		"Early in my Linux career there was palpable concern around",
		"Linux being locked out of future computing platforms by",
		"hardware vendors who did not provide open drivers, or even",
		"documentation for their hardware. For the hardware vendors",
		"that did participate upstream, maintainers used code",
		"acceptance to influence them.",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s", strings.Join(lines, "\n"))
	}
	// Quoted, at its depth, the same.
	quoted := renderPlain(t, "> "+strings.ReplaceAll(strings.TrimSuffix(filled, "\n"), "\n", "\n> ")+"\n", 62)
	for i, l := range quoted {
		if l != "│ "+want[i] {
			t.Errorf("quoted row %d: %q, want %q", i, l, "│ "+want[i])
		}
	}
}

func TestNoReflowWhereTheMailFits(t *testing.T) {
	for _, w := range []int{80, 120} {
		lines := renderPlain(t, filled, w)
		if strings.Join(lines, "\n")+"\n" != filled {
			t.Errorf("width %d: the mail's lines changed:\n%s", w, strings.Join(lines, "\n"))
		}
	}
}

func TestReflowKeepsLinesBrokenOnPurpose(t *testing.T) {
	long := "This paragraph has a line long enough to be wider than the text is,"
	tests := []struct{ name, text string }{
		{"list", long + "\n- first item of a list that is long\n- second item\n"},
		{"numbered", "1/ The truth of the matter is that until the Kernel Lockdown facility\n   arrived, device vendors had an unfettered passthrough tunnel.\n"},
		{"timetable", "8:00  Hot breakfast in the hall, with coffee and plenty of it for all\n9:00  Welcome\n9:30  The first session\n"},
		{"sign-off", long + " so it is.\nThanks, Dan\n"},
		{"headers", "From 39df9f94e6204b8893f3f3feb692745657392657 Mon Sep 17 00:00:00 2001\nFrom: Minchan Kim <minchan@kernel.org>\nDate: Fri, 24 May 2019 13:47:54 +0900\n"},
		{"code", long + "\n\tif (x)\n\t\treturn;\n"},
		{"quoted patch", "> -static inline bool can_madv_dontneed_vma(struct vm_area_struct *vma)\n> +static inline bool can_madv_lru_vma(struct vm_area_struct *vma)\n"},
		{"rule", long + "\n_______________________________________________\nKsummit-discuss mailing list\n"},
		{"short lines", "Hi all,\nI agree with the proposal as written here, and with the others too.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks := ParseMail(tt.text)
			for _, b := range blocks {
				for _, para := range paragraphs(b.Lines) {
					for _, g := range reflowGroups(para, 50) {
						if len(g) > 1 {
							t.Errorf("joined %q", g)
						}
					}
				}
			}
		})
	}
}

func TestReflowJoinsCJKWithoutSpace(t *testing.T) {
	a := strings.Repeat("内核符号", 9)
	b := strings.Repeat("命名空间", 9)
	if got := joinLines([]string{a, b}); got != a+b {
		t.Errorf("joinLines = %q", got)
	}
	if got := joinLines([]string{"one line", "and the next"}); got != "one line and the next" {
		t.Errorf("joinLines = %q", got)
	}
}

func TestReflowResumesACutQuote(t *testing.T) {
	para := []string{
		"which we",
		"could consider as an alternative to the open userspace implementation",
		"(a topic worth discussing I believe).",
	}
	if g := reflowGroups(para, 50); len(g) != 1 {
		t.Errorf("groups %q, want one", g)
	}
}
