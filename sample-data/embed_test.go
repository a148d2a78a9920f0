package sampledata_test

import (
	"reflect"
	"testing"

	"summit/model"
	"summit/model/mail"
	sampledata "summit/sample-data"
)

func TestEmbeddedSampleLoads(t *testing.T) {
	names := sampledata.Names()
	want := []string{
		"ksummit-2021-accelerator-userspace.mbox",
		"ksummit-2024-device-passthrough.mbox",
		"lkml-2021-habanalabs-pull-reply.mbox",
	}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("names = %q", names)
	}
	var inputs []mail.Input
	for _, n := range names {
		f, err := sampledata.Files.Open(n)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		inputs = append(inputs, mail.Input{Name: n, Reader: f})
	}
	a, err := model.Load(inputs, mail.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if got := len(a.Messages); got != 77+126+1 {
		t.Errorf("%d messages, want 204", got)
	}
}
