package annot

// The badges of stances and decisions: one character each that reads
// without colour, the same in the interface and in `summit show`.
//
//	stance   + support   - oppose   ! concern   ~ alternative   = neutral
//	topic    ✓ accepted  ✗ declined  » deferred  · undecided

// Glyph is the stance's badge, "" for none.
func (s Stance) Glyph() string {
	switch s {
	case StanceSupport:
		return "+"
	case StanceOppose:
		return "-"
	case StanceConcern:
		return "!"
	case StanceAlternative:
		return "~"
	case StanceNeutral:
		return "="
	}
	return ""
}

// Glyph is the decision's badge; undecided (or unknown) is "·".
func (s Status) Glyph() string {
	switch s {
	case StatusAccepted:
		return "✓"
	case StatusDeclined:
		return "✗"
	case StatusDeferred:
		return "»"
	}
	return "·"
}
