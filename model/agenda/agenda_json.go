package agenda

import (
	"bytes"
	"encoding/json"
)

// JSON renders the agenda for scripts: the same content as Markdown,
// indented, fields in the order of the Agenda types, lists never null, and
// '<', '>' and '&' left as they are so the text reads as it was written.
func (ag *Agenda) JSON() []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ag); err != nil {
		// Only unsupported types or values fail to encode, and an Agenda
		// holds neither.
		panic("agenda: " + err.Error())
	}
	return b.Bytes()
}
