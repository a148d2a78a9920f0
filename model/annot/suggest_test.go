package annot

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"summit/model/mail"
)

// sampleBodies loads the two sample threads and returns the bodies by
// Message-ID, with the messages in load order.
func sampleBodies(t *testing.T) (map[string]string, []*mail.Message) {
	t.Helper()
	bodies := map[string]string{}
	var msgs []*mail.Message
	for _, p := range []string{"../../sample-data/ksummit-2021-accelerator-userspace.mbox", "../../sample-data/ksummit-2024-device-passthrough.mbox", "../testdata/corpora/kernel-edge-sample.mbox"} {
		a, err := mail.Read([]mail.Input{{Name: p, Path: p}}, mail.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { a.Close() })
		for _, m := range a.Messages {
			b, err := m.Body()
			if err != nil {
				t.Fatal(err)
			}
			bodies[m.ID] = b.Text
			msgs = append(msgs, m)
		}
	}
	return bodies, msgs
}

func TestSuggestStanceOnRealMail(t *testing.T) {
	bodies, _ := sampleBodies(t)
	tests := []struct {
		name, id string
		want     Stance
		reason   string
	}{
		{"+1", "20240729141055.GB3371438@nvidia.com", StanceSupport, `"+1"`},
		{"fully agreed", "20210912005127.7ef6efac@coco.lan", StanceSupport, `"Fully agreed."`},
		{"Acked-by under quotes", "20250619.141817.2042938522863410452.fujita.tomonori@gmail.com", StanceSupport, "Acked-by trailer"},
		{"Reviewed-by", "c27c75ab-bb59-10a2-653e-a80d648bbcaa@digikod.net", StanceSupport, "Reviewed-by trailer"},
		// Talk about NAKs is not a NAK.
		{"would you NACK it?", "CAPybu_3M9GYNrDiqH1pXEvgzz4Wz_a672MCkNGoiLy9+e67WQw@mail.gmail.com", StanceNone, ""},
		{"a single NAK", "20240721192530.GD23783@pendragon.ideasonboard.com", StanceNone, ""},
		{"a NAK fight", "20240729152938.GE3371438@nvidia.com", StanceNone, ""},
		// Agreeing in order to disagree is not support.
		{"while I agree", "20240726175633.GA12773@pendragon.ideasonboard.com", StanceNone, ""},
		{"I disagree", "CAPybu_1y7K940ndLZmy+QdfkJ_D9=F9nTPpp=-j9HYpg4AuqqA@mail.gmail.com", StanceNone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, ok := bodies[tt.id]
			if !ok {
				t.Fatalf("%s not loaded", tt.id)
			}
			got, reason := SuggestStance(text)
			if got != tt.want || reason != tt.reason {
				t.Errorf("got %q (%s), want %q (%s)", got, reason, tt.want, tt.reason)
			}
		})
	}
}

func TestSuggestStance(t *testing.T) {
	tests := []struct {
		name, text string
		want       Stance
		reason     string
	}{
		{"NAK verdict", "NAK.\n\nThis breaks the ABI.\n", StanceOppose, "NAK"},
		{"NACK with reason", "On Mon, X wrote:\n> patch\n\nNACK, this is wrong.\n", StanceOppose, "NACK"},
		{"Nacked-by", "Nacked-by: Ann <a@example.org>\n", StanceOppose, "Nacked-by trailer"},
		{"NAK wins over an ack", "Acked-by: A <a@x>\nNAK from me on the second patch.\n", StanceOppose, "NAK"},
		{"NAK in a quote", "Ann wrote:\n> NAK.\n\nI see.\n", StanceNone, ""},
		{"Acked-by in a quote", "> Acked-by: A <a@x>\n\nThanks.\n", StanceNone, ""},
		{"NAK in the signature", "Fine.\n-- \nNAK Industries\n", StanceNone, ""},
		{"strongest agreement", "You have my strongest agreement on\nthis proposal.\n", StanceSupport, `"strongest agreement"`},
		{"I agree", "I agree with Greg here.\n", StanceSupport, `"I agree"`},
		{"I fully agree", "Yes, I fully agree.\n", StanceSupport, `"I fully agree"`},
		{"couldn't agree more", "I couldn't agree more.\n", StanceSupport, `"couldn't agree more"`},
		{"I don't agree", "I don't agree with that.\n", StanceNone, ""},
		{"agree but", "I agree in theory, but it will not work.\n", StanceNone, ""},
		{"agreed upon", "That should be agreed upon first.\n", StanceNone, ""},
		{"nothing", "Here is the data you asked for.\n", StanceNone, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reason := SuggestStance(tt.text)
			if got != tt.want || reason != tt.reason {
				t.Errorf("got %q (%s), want %q (%s)", got, reason, tt.want, tt.reason)
			}
		})
	}
}

func TestCandidateQuestions(t *testing.T) {
	text := "On Mon, Ann wrote:\n> Is this quoted?\n\nCould you elaborate on which software\nyou're thinking of? And maybe which\ndriver(s)? Thoughts?\n\n" +
		"- Should we require an open\n  user space, e.g. Mesa?\n- Who decides? Nobody knows.\n\nSee https://example.org/?q=1 for more. Could you elaborate on which software you're thinking of?\n-- \nWhy is my signature here?\n"
	got := CandidateQuestions(text)
	want := []string{
		"Could you elaborate on which software you're thinking of?",
		"And maybe which driver(s)?",
		"Should we require an open user space, e.g. Mesa?",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCandidateQuestionsFromProseOnly: the lines of a timetable, a table
// or a list without markers are not joined into a question; the prose
// around them still gives its own.
func TestCandidateQuestionsFromProseOnly(t *testing.T) {
	text := "Here is the plan for the day:\n\n" +
		"8:00 Hot breakfast and morning refreshments\n9:00 Welcome\n9:15 Rust in the kernel\n10:30 Break\n11:00 Who maintains the maintainers?\n\n" +
		"Session      Lead        Room\nRust         Miguel      A?\n\n" +
		"Topics so far\nRust\nBurnout\nCI for everyone\nWhat about the others?\n\n" +
		"Does that work for\neveryone who is travelling?\n"
	got := CandidateQuestions(text)
	want := []string{"Does that work for everyone who is travelling?"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCandidateQuestionsOnSampleThreads keeps the questions of every
// sample message in a golden file and checks each is the author's own:
// present in the unquoted text and ending in '?'.
func TestCandidateQuestionsOnSampleThreads(t *testing.T) {
	bodies, msgs := sampleBodies(t)
	var b strings.Builder
	for _, m := range msgs {
		text := bodies[m.ID]
		qs := CandidateQuestions(text)
		var own []string
		for _, l := range ownLines(text) {
			own = append(own, strings.TrimSpace(l))
		}
		ownText := strings.Join(strings.Fields(strings.Join(own, " ")), " ")
		for _, q := range qs {
			if !strings.HasSuffix(strings.TrimRight(q, `"')]`), "?") {
				t.Errorf("%s: %q does not end in '?'", m.ID, q)
			}
			if !strings.Contains(ownText, q) {
				t.Errorf("%s: %q is not in the author's own text", m.ID, q)
			}
		}
		if len(qs) > 0 {
			b.WriteString("# " + m.ID + "\n")
			for _, q := range qs {
				b.WriteString("- " + q + "\n")
			}
		}
	}
	golden.RequireEqual(t, b.String())
}

// TestUnrecordedQuestions: a question recorded already, as it was offered
// or edited at its ends, is not offered again; others are.
func TestUnrecordedQuestions(t *testing.T) {
	cands := []string{
		"Should we require an open user space, e.g. Mesa?",
		"Who decides which driver is in?",
		"Is CI for everyone?",
	}
	got := UnrecordedQuestions(cands, []string{
		"should we require an open user space?", // cut short, lower case
		"Is CI for everyone",                    // without its mark
	})
	want := []string{"Who decides which driver is in?"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := UnrecordedQuestions(cands, []string{"Who?"}); len(got) != 3 {
		t.Errorf("a one-word question hides a candidate: %q", got)
	}
}
