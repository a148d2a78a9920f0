package mailview

import (
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"

	"summit/model/mail"
)

// renderPlain renders a body alone, without colour.
func renderPlain(t *testing.T, text string, width int) []string {
	t.Helper()
	out, err := RenderMessage(nil, &mail.Body{Text: text}, RenderOptions{Width: width, Plain: true})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(out, "\n"), "\n")
}

func checkWidth(t *testing.T, lines []string, width int) {
	t.Helper()
	for _, l := range lines {
		if w := xansi.StringWidth(l); w > width {
			t.Errorf("%q is %d wide, more than %d", l, w, width)
		}
	}
}

func TestBreakAtWordsNotInside(t *testing.T) {
	patch := "diff --git a/kernel/kallsyms_internal.h b/kernel/kallsyms_internal.h\n" +
		"index 1..2 100644\n--- a/kernel/kallsyms_internal.h\n+++ b/kernel/kallsyms_internal.h\n" +
		"@@ -1 +1 @@\n-x\n+\tpr_err(\"the symbol table of %s is not where it should be\\n\", name);\n"
	lines := renderPlain(t, patch, 60)
	checkWidth(t, lines, 60)
	want := []string{
		"diff --git a/kernel/kallsyms_internal.h",
		"↪b/kernel/kallsyms_internal.h",
		"+       pr_err(\"the symbol table of %s is not where it",
		"↪should be\\n\", name);",
	}
	for _, w := range want {
		if !contains(lines, w) {
			t.Errorf("no row %q in\n%s", w, strings.Join(lines, "\n"))
		}
	}
}

func TestURLWholeOnItsOwnRow(t *testing.T) {
	url := "https://lore.kernel.org/ksummit/20240711140752.GE1482543@nvidia.com/"
	for _, text := range []string{
		"See the discussion at " + url + " for the details.\n",
		"diff --git a/x b/x\n+# see " + url + " here\n",
		"Thanks\n-- \nThe archive: " + url + "\n",
		"Fix it.\n\nLink: " + url + "\n",
	} {
		lines := renderPlain(t, text, 72)
		checkWidth(t, lines, 72)
		found := false
		for _, l := range lines {
			found = found || strings.Contains(l, url)
		}
		if !found {
			t.Errorf("the URL is not whole on one row:\n%s", strings.Join(lines, "\n"))
		}
	}
}

func TestLongURLBreaksAtPunctuationAndStaysOneLink(t *testing.T) {
	url := "https://lore.kernel.org/all/" + strings.Repeat("abcdefgh", 8) + "@kernel.org/T/#u"
	lines := renderPlain(t, "diff --git a/x b/x\n+"+url+"\n", 60)
	checkWidth(t, lines, 60)
	if len(lines) < 3 || !strings.HasPrefix(lines[2], "↪") || !strings.HasSuffix(lines[1], "/") {
		t.Errorf("the URL is not broken after a slash, its rest marked:\n%s", strings.Join(lines, "\n"))
	}
	for _, text := range []string{"See " + url + "\n", "+++ b/x\n+" + url + "\n", "Link: " + url + "\n"} {
		out, err := RenderMessage(nil, &mail.Body{Text: text}, RenderOptions{Width: 60, Dark: true})
		if err != nil {
			t.Fatal(err)
		}
		rows := 0
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, ";"+url+"\a") {
				rows++
			}
		}
		if rows < 2 {
			t.Errorf("%q: each row of the broken URL should open the whole URL (%d do):\n%q", text, rows, out)
		}
	}
}

func TestNoHyphenBreakOfAWordThatFits(t *testing.T) {
	text := "Cc: Pekka Enberg <penberg@kernel.org>; Andrew Morton <akpm@linux-foundation.org>; Arseny\n"
	for _, w := range []int{40, 60, 80} {
		lines := renderPlain(t, text, w)
		checkWidth(t, lines, w)
		if !contains(lines, "<akpm@linux-foundation.org>;") {
			t.Errorf("width %d: the address is split:\n%s", w, strings.Join(lines, "\n"))
		}
	}
}

func TestIndentShedRatherThanWordSplit(t *testing.T) {
	word := "!is_pmd_migration_entry(orig_pmd));"
	line := "+" + strings.Repeat("\t", 5) + word
	lines := renderPlain(t, "diff --git a/x b/x\n"+line+"\n", 60)
	checkWidth(t, lines, 60)
	if !contains(lines, word) || !strings.HasPrefix(lines[1], "+ ") {
		t.Errorf("the word is split or the + lost:\n%s", strings.Join(lines, "\n"))
	}
}

func TestFormatCharactersDropped(t *testing.T) {
	line := "\ufeff" + strings.Repeat("x", 79) + "\u200b"
	lines := renderPlain(t, line+"\n", 80)
	if len(lines) != 1 || lines[0] != strings.Repeat("x", 79) {
		t.Errorf("got %q", lines)
	}
	if got := dropFormatChars("a\u00adb\u2060c\u200dd\u200ce"); got != "abc\u200dd\u200ce" {
		t.Errorf("dropFormatChars = %q", got)
	}
}

func TestTrailingBackslashShownOnce(t *testing.T) {
	lines := renderPlain(t, "A macro continues \\\nhere and \\\nthere \\\n", 80)
	want := []string{"A macro continues \\", "here and \\", "there \\"}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", lines, want)
	}
}

func TestListContinuationHangs(t *testing.T) {
	text := " - Under which circumstances should the kernel community require the\n" +
		"   existence of freely licensed user-space code that exercises all\n"
	lines := renderPlain(t, text, 60)
	checkWidth(t, lines, 60)
	want := []string{
		"\u00a0- Under which circumstances should the kernel community",
		"   require the",
		"\u00a0\u00a0\u00a0existence of freely licensed user-space code that",
		"   exercises all",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%q\nwant\n%q", lines, want)
	}
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

func TestWrapText(t *testing.T) {
	got := WrapText("Is the fwctl-style passthrough acceptable for https://lore.kernel.org/r/"+strings.Repeat("x", 40)+" devices?", 30)
	want := []string{
		"Is the fwctl-style passthrough",
		"acceptable for",
		"https://lore.kernel.org/r/",
		"↪xxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"↪xxxxxxxxxxx devices?",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s", strings.Join(got, "\n"))
	}
}
