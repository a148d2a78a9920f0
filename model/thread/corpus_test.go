package thread_test

import (
	"summit/model"
	"summit/model/thread"

	"path/filepath"
	"slices"
	"testing"

	"summit/model/mail"
)

// TestTopicsOfCorpus checks the facts known of the real threads in
// sample-data (see the corpora README): each loads as one topic with the
// right root, and the damaged seed posts land in their threads.
func TestTopicsOfCorpus(t *testing.T) {
	const (
		accel       = "../../sample-data/ksummit-2021-accelerator-userspace.mbox"
		passthrough = "../../sample-data/ksummit-2024-device-passthrough.mbox"
	)
	type topicFact struct {
		messages int
		proposer string
		day      string // the root's date, in its own time zone
		label    string
	}
	accelFact := topicFact{77, "Jonathan Corbet", "2021-09-10", "[MAINTAINERS SUMMIT]"}
	passFact := topicFact{126, "Dan Williams", "2024-07-08", "[MAINTAINERS SUMMIT]"}
	tests := []struct {
		name  string
		files []string
		want  []topicFact // by the root's date, oldest first
	}{
		{"accelerator", []string{accel}, []topicFact{accelFact}},
		{"passthrough", []string{passthrough}, []topicFact{passFact}},
		{"both", []string{accel, passthrough}, []topicFact{accelFact, passFact}},
		{"both, other order", []string{passthrough, accel}, []topicFact{accelFact, passFact}},
		{"seeds 000 and 001", []string{"../testdata/seeds/000_24227f87c19ab097.txt", "../testdata/seeds/001_aa635bacfe4986a5.txt"},
			[]topicFact{{2, "Jonathan Corbet", "2021-09-10", "[MAINTAINERS SUMMIT]"}}},
		{"seed 001 before its thread", []string{"../testdata/seeds/001_aa635bacfe4986a5.txt", accel}, []topicFact{accelFact}},
		{"seed 003 with its thread", []string{"../testdata/seeds/003_069bc386d2cec78b.txt", passthrough}, []topicFact{passFact}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var inputs []mail.Input
			for _, p := range tt.files {
				inputs = append(inputs, mail.Input{Name: p, Path: p})
			}
			a, err := model.Load(inputs, mail.LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			thread.CheckInvariants(t, a.Messages, a.Topics)
			if len(a.Topics) != len(tt.want) {
				t.Fatalf("got %d topics, want %d", len(a.Topics), len(tt.want))
			}
			for i, want := range tt.want {
				tp := a.Topics[len(a.Topics)-1-i] // most recent first
				root := tp.Root.Msg
				if root == nil {
					t.Fatalf("topic %s: the root is a dummy", tp.ID)
				}
				got := topicFact{len(tp.Messages), tp.Proposer.Name, root.Date.Format("2006-01-02"), tp.Label}
				if got != want {
					t.Errorf("topic %s: got %+v, want %+v", filepath.Base(tp.ID), got, want)
				}
				if tp.ID != root.ID || !tp.First.Equal(root.Date) {
					t.Errorf("topic %s: ID or First is not the root's", tp.ID)
				}
			}
		})
	}
}

// TestTopicsOfAwkwardMail threads the sample of awkward kernel mail: every
// message must land in exactly one topic, whatever its headers.
func TestTopicsOfAwkwardMail(t *testing.T) {
	p := "../testdata/corpora/kernel-edge-sample.mbox"
	a, err := model.Load([]mail.Input{{Name: p, Path: p}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if len(a.Messages) == 0 {
		t.Fatal("no messages loaded")
	}
	thread.CheckInvariants(t, a.Messages, a.Topics)
}

// TestTopicsOf2023Call checks the real 2023 call for topics: the "Rust for
// Linux" proposals of three years stay three topics, labels are
// normalised, and the topic whose first message the archive lacks says so
// and names its real proposer from the replies' attribution.
func TestTopicsOf2023Call(t *testing.T) {
	p := "../testdata/corpora/ksummit-2023-call.mbox"
	a, err := model.Load([]mail.Input{{Name: p, Path: p}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	thread.CheckInvariants(t, a.Messages, a.Topics)
	var rustYears []string
	byTitle := map[string]*thread.Topic{}
	for _, tp := range a.Topics {
		if tp.Title == "Rust for Linux" {
			rustYears = append(rustYears, tp.First.Format("2006")+" "+tp.Label)
		}
		byTitle[tp.Title] = tp
	}
	if want := []string{"2024 [TECH TOPIC]", "2023 [TECH TOPIC]", "2021 [TECH TOPIC]"}; !slices.Equal(rustYears, want) {
		t.Errorf("Rust for Linux topics: %q, want %q", rustYears, want)
	}
	if tp := byTitle["Trust and maintenance of file systems"]; tp == nil || tp.Label != "[MAINTAINERS SUMMIT]" {
		t.Errorf("[MAINTAINERS/KERNEL SUMMIT] not normalised: %+v", tp)
	}
	sg := byTitle["Maintainers Support Group"]
	if sg == nil {
		t.Fatal("no Maintainers Support Group topic")
	}
	if got := sg.MissingRoot(); got != "20230919121001.7bc610d4@gandalf.local.home" || len(sg.Messages) != 27 || sg.Proposer.Display() != "Shuah" {
		t.Errorf("support group: missing root %q, %d messages, proposer %q", got, len(sg.Messages), sg.Proposer.Display())
	}
	name, ok := thread.InferredProposer(sg, func(m *mail.Message) string {
		b, _ := m.Body()
		return b.Text
	})
	if !ok || name != "Steven Rostedt" {
		t.Errorf("inferred proposer %q, %v; want Steven Rostedt", name, ok)
	}
}
