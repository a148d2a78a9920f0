package annot

import (
	"slices"
	"testing"

	"summit/model"
	"summit/model/mail"
)

// TestSuggestIgnoreOnRealBounces: the 2023 call's archive holds three
// bounces of the Mail Delivery System; they, and nothing else, are
// suggested for ignoring (spam is for the committee to spot).
func TestSuggestIgnoreOnRealBounces(t *testing.T) {
	p := "../testdata/corpora/ksummit-2023-call.mbox"
	a, err := model.Load([]mail.Input{{Name: p, Path: p}}, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	var got []string
	for _, tp := range a.Topics {
		if SuggestIgnore(tp) != "" {
			got = append(got, tp.First.Format("2006-01-02")+" "+tp.Title)
		}
	}
	want := []string{
		// A fake delivery report (phishing): its subject says bounce.
		"2026-02-05 Wichtiger E-Mail-Zustellungsbericht",
		"2022-10-05 Mail delivery failed: returning message to sender",
		"2022-09-22 Undelivered Mail Returned to Sender",
		"2022-08-29 Undelivered Mail Returned to Sender",
	}
	if !slices.Equal(got, want) {
		t.Errorf("suggested for ignoring:\n%q\nwant\n%q", got, want)
	}
}
