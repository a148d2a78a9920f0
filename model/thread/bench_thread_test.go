package thread

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"summit/model/mail"
)

// syntheticArchive builds n messages shaped like a busy list: threads of
// varied size and depth, about 3% of messages missing (their replies get a
// dummy or move up), and about 2% of replies whose reply headers were lost
// so that only the subject links them.
func syntheticArchive(n int) []*mail.Message {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	type thread struct {
		subject string
		msgs    []*mail.Message
	}
	var threads []*thread
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	all := make([]*mail.Message, 0, n)
	for i := 0; len(all) < n; i++ {
		m := &mail.Message{
			ID:   fmt.Sprintf("%d.%x@synthetic.example", i, rng.Uint64()),
			From: author(rng),
			Date: start.Add(time.Duration(i) * time.Minute),
		}
		if len(threads) == 0 || rng.IntN(10) == 0 {
			th := &thread{subject: fmt.Sprintf("[PATCH v%d] subsystem: change number %d", 1+rng.IntN(3), i)}
			m.Subject = th.subject
			th.msgs = append(th.msgs, m)
			threads = append(threads, th)
		} else {
			th := threads[len(threads)-1-rng.IntN(min(len(threads), 50))]
			parent := th.msgs[len(th.msgs)-1] // deep chains
			if rng.IntN(2) == 0 {
				parent = th.msgs[rng.IntN(len(th.msgs))] // bushy replies
			}
			m.Subject = "Re: " + th.subject
			m.InReplyTo = parent.ID
			m.References = append(append(make([]string, 0, len(parent.References)+1), parent.References...), parent.ID)
			if len(m.References) > 20 {
				m.References = m.References[len(m.References)-20:]
			}
			if rng.IntN(50) == 0 {
				m.InReplyTo, m.References = "", nil
			}
			th.msgs = append(th.msgs, m)
		}
		if rng.IntN(33) == 0 {
			continue // never loaded: a missing message
		}
		m.Seq = int32(len(all))
		all = append(all, m)
	}
	return all
}

// author picks one of 3000 people, each writing from one of two
// addresses under the same name.
func author(rng *rand.Rand) mail.Address {
	p := rng.IntN(3000)
	return mail.Address{Name: fmt.Sprintf("Person %d", p), Email: fmt.Sprintf("p%d@host%d.example.org", p, rng.IntN(2))}
}

func BenchmarkBuildTopics(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		msgs := syntheticArchive(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				BuildTopics(msgs)
			}
		})
	}
}
