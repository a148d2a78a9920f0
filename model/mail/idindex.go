package mail

import (
	"hash/maphash"
	"math/bits"
)

// idIndex finds a message by Message-ID. It is an open-addressing hash
// table (linear probing) of message pointers, the id read from the
// message itself, with a byte of each id's hash beside it so that a probe
// rarely reads a message that is not the one: about 12 bytes a message
// once loaded, where a map[string]*Message takes 30 to 55 (a key, a value
// and a control byte per slot, the slots half to seven eighths full).
// Putting an id again replaces the message it finds, as assigning to a
// map does.
type idIndex struct {
	seed  maphash.Seed
	slots []*Message // nil: empty
	tags  []byte     // a byte of the hash of slots[i].ID
	n     int        // slots in use
}

// maxLoad is how full (in quarters) the table gets before it grows.
const maxLoad = 3

// find returns the slot of id, or the empty slot where it would go, and
// the tag of id.
func (x *idIndex) find(id string) (int, byte) {
	h := maphash.String(x.seed, id)
	hi, _ := bits.Mul64(h, uint64(len(x.slots)))
	i, tag := int(hi), byte(h)
	for {
		m := x.slots[i]
		if m == nil || x.tags[i] == tag && m.ID == id {
			return i, tag
		}
		if i++; i == len(x.slots) {
			i = 0
		}
	}
}

// get returns the message put under id, nil when there is none.
func (x *idIndex) get(id string) *Message {
	if x.n == 0 {
		return nil
	}
	i, _ := x.find(id)
	return x.slots[i]
}

// put files m under its ID, replacing a message with the same ID.
func (x *idIndex) put(m *Message) {
	if (x.n+1)*4 > len(x.slots)*maxLoad {
		x.resize(max(16, 2*(x.n+1)))
	}
	i, tag := x.find(m.ID)
	if x.slots[i] == nil {
		x.n++
	}
	x.slots[i], x.tags[i] = m, tag
}

// reserve makes room for n messages in all, so that putting them does
// not grow the table step by step.
func (x *idIndex) reserve(n int) {
	if n*4 > len(x.slots)*maxLoad {
		x.resize(n)
	}
}

// resize moves the messages to a table sized for n of them at maxLoad.
func (x *idIndex) resize(n int) {
	old := x.slots
	if len(old) == 0 {
		x.seed = maphash.MakeSeed()
	}
	x.slots = make([]*Message, n*4/maxLoad+1)
	x.tags = make([]byte, len(x.slots))
	for _, m := range old {
		if m != nil {
			i, tag := x.find(m.ID)
			x.slots[i], x.tags[i] = m, tag
		}
	}
}

// trim shrinks the table to the messages it holds, once no more are put:
// growing by doubling leaves it between three eighths and three quarters
// full.
func (x *idIndex) trim() {
	if want := x.n*4/maxLoad + 1; want < len(x.slots)*3/4 {
		x.resize(x.n)
	}
}
