package agenda

import (
	"path/filepath"
	"testing"

	"summit/internal/mboxgen"
	"summit/model"
	"summit/model/annot"
	"summit/model/mail"
)

// BenchmarkSessions100k is what the interface computes on a merge, a move
// or the day view, over a generated 100k-message archive (10k under
// -short) with sessions: a hundred topics merged into twenty sessions, a
// committee session, two splits and a day with lunch. A frame is 16 ms.
func BenchmarkSessions100k(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	p := filepath.Join(b.TempDir(), "gen.mbox")
	if err := mboxgen.WriteFile(p, mboxgen.Options{Messages: n, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	a, err := model.Load([]mail.Input{{Name: p, Path: p}}, mail.LoadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	s, err := annot.OpenStore(filepath.Join(b.TempDir(), "summit.json"))
	if err != nil {
		b.Fatal(err)
	}
	for i, t := range a.Topics[:min(len(a.Topics), 120)] {
		if i < 20 {
			s.SetStatus(t.ID, annot.StatusAccepted)
			s.AddMinutes(t.ID, 30)
			continue
		}
		s.MergeTopic(t.ID, a.Topics[i%20].ID)
	}
	for _, t := range a.Topics[200:202] {
		if len(t.Messages) > 1 {
			s.SetSplit(t.Messages[1].ID, true)
		}
	}
	s.AddSession("Is Linus happy?")
	if _, err := s.AddFixed("Lunch", "12:00", 90); err != nil {
		b.Fatal(err)
	}
	b.Run("Sessions", func(b *testing.B) {
		ann := s.Snapshot()
		b.ReportAllocs()
		for b.Loop() {
			Sessions(a, ann)
		}
		b.ReportMetric(float64(len(a.Topics)), "topics")
	})
	b.Run("MergeAndUndo", func(b *testing.B) {
		for b.Loop() {
			s.MergeTopic(a.Topics[300].ID, a.Topics[0].ID)
			s.Undo()
		}
	})
	b.Run("MoveSession", func(b *testing.B) {
		for b.Loop() {
			day := DaySessions(a, s.Snapshot())
			ids := make([]string, len(day))
			for i, d := range day {
				ids[i] = d.ID
			}
			s.MoveSession(ids, ids[0], 1)
		}
	})
	b.Run("Timetable", func(b *testing.B) {
		ann := s.Snapshot()
		for b.Loop() {
			BuildTimetable(a, ann)
		}
	})
}
