package tui

// listCursor is the selection and scroll of a list pane, shared by the
// topic list and the thread tree so that both move, page and clamp alike.
// It only counts rows; the list keeps what they are and sets count after
// each filtering. Embedded, it gives the list the moving methods the
// navigable interface asks for.
type listCursor struct {
	cursor int // the selected row, 0 <= cursor < count (0 when empty)
	offset int // the first row on screen
	height int // rows on screen, at least 1
	count  int // rows in the list
}

// setHeight follows a resize, keeping the cursor on screen.
func (c *listCursor) setHeight(h int) {
	c.height = max(h, 1)
	c.ensureVisible()
}

// setCount says how many rows the list now has; the caller puts the
// cursor back where it belongs and calls ensureVisible.
func (c *listCursor) setCount(n int) {
	c.count = n
	c.cursor, c.offset = 0, 0
}

// move goes delta rows down (up when negative), stopping at either end.
func (c *listCursor) move(delta int) {
	if c.count == 0 {
		return
	}
	c.cursor = min(max(c.cursor+delta, 0), c.count-1)
	c.ensureVisible()
}

// page moves a screen down (dir 1) or up (-1), keeping one row of context.
func (c *listCursor) page(dir int) { c.move(dir * max(c.height-1, 1)) }
func (c *listCursor) top()         { c.move(-c.count) }
func (c *listCursor) bottom()      { c.move(c.count) }

// selectRow puts the cursor on row i, scrolled into view.
func (c *listCursor) selectRow(i int) {
	c.cursor = i
	c.ensureVisible()
}

// clickRow selects the row shown at line y of the list; it reports whether
// a row was there. The list does not scroll: the row is on screen.
func (c *listCursor) clickRow(y int) bool {
	i := c.offset + y
	if y < 0 || i >= c.count {
		return false
	}
	c.cursor = i
	return true
}

// ensureVisible scrolls as little as needs be for the cursor to be on
// screen, and never past the last row.
func (c *listCursor) ensureVisible() {
	if c.cursor < c.offset {
		c.offset = c.cursor
	}
	if c.cursor >= c.offset+c.height {
		c.offset = c.cursor - c.height + 1
	}
	c.offset = max(0, min(c.offset, c.count-c.height))
}

// shown is the range of rows on screen, [start, end).
func (c *listCursor) shown() (start, end int) {
	return c.offset, min(c.offset+c.height, c.count)
}
