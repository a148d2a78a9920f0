package tui

import "testing"

// cursorOver is a cursor over n rows with h on screen.
func cursorOver(n, h int) listCursor {
	var c listCursor
	c.setHeight(h)
	c.setCount(n)
	c.ensureVisible()
	return c
}

func TestListCursorMoves(t *testing.T) {
	for _, tc := range []struct {
		name                string
		rows, height        int
		do                  func(c *listCursor)
		wantCursor, wantOff int
	}{
		{"down", 10, 4, func(c *listCursor) { c.move(1) }, 1, 0},
		{"up at the top stays", 10, 4, func(c *listCursor) { c.move(-1) }, 0, 0},
		{"down scrolls by one", 10, 4, func(c *listCursor) { c.move(4) }, 4, 1},
		{"past the end stops", 10, 4, func(c *listCursor) { c.move(50) }, 9, 6},
		{"page keeps a row", 10, 4, func(c *listCursor) { c.page(1) }, 3, 0},
		{"page twice", 10, 4, func(c *listCursor) { c.page(1); c.page(1) }, 6, 3},
		{"page back", 10, 4, func(c *listCursor) { c.bottom(); c.page(-1) }, 6, 6},
		{"page of one row", 10, 1, func(c *listCursor) { c.page(1) }, 1, 1},
		{"bottom", 10, 4, func(c *listCursor) { c.bottom() }, 9, 6},
		{"bottom then top", 10, 4, func(c *listCursor) { c.bottom(); c.top() }, 0, 0},
		{"short list never scrolls", 3, 4, func(c *listCursor) { c.bottom() }, 2, 0},
		{"empty list", 0, 4, func(c *listCursor) { c.move(1); c.bottom(); c.page(1) }, 0, 0},
		{"select scrolls to the row", 10, 4, func(c *listCursor) { c.selectRow(8) }, 8, 5},
		{"select above scrolls up", 10, 4, func(c *listCursor) { c.bottom(); c.selectRow(2) }, 2, 2},
		{"shrinking keeps the cursor on screen", 10, 4, func(c *listCursor) { c.selectRow(5); c.setHeight(2) }, 5, 4},
		{"growing shows the end", 10, 4, func(c *listCursor) { c.bottom(); c.setHeight(8) }, 9, 2},
		{"zero height is one row", 10, 0, func(c *listCursor) { c.move(3) }, 3, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cursorOver(tc.rows, tc.height)
			tc.do(&c)
			if c.cursor != tc.wantCursor || c.offset != tc.wantOff {
				t.Errorf("cursor %d offset %d, want %d and %d", c.cursor, c.offset, tc.wantCursor, tc.wantOff)
			}
			if c.count > 0 && (c.cursor < c.offset || c.cursor >= c.offset+c.height) {
				t.Errorf("the cursor (%d) is off screen (rows %d to %d)", c.cursor, c.offset, c.offset+c.height-1)
			}
		})
	}
}

func TestListCursorClick(t *testing.T) {
	c := cursorOver(10, 4)
	c.move(6) // rows 3 to 6 on screen
	if !c.clickRow(1) || c.cursor != 4 || c.offset != 3 {
		t.Errorf("click on line 1: cursor %d offset %d, want 4 and 3", c.cursor, c.offset)
	}
	for _, y := range []int{-1, 7} {
		if c.clickRow(y) || c.cursor != 4 {
			t.Errorf("click on line %d (no row there) selected %d", y, c.cursor)
		}
	}
	short := cursorOver(2, 4)
	if short.clickRow(3) {
		t.Error("a click under the last row selected one")
	}
}

func TestListCursorShown(t *testing.T) {
	c := cursorOver(10, 4)
	c.bottom()
	if s, e := c.shown(); s != 6 || e != 10 {
		t.Errorf("shown %d to %d, want 6 to 10", s, e)
	}
	short := cursorOver(2, 4)
	if s, e := short.shown(); s != 0 || e != 2 {
		t.Errorf("shown %d to %d, want 0 to 2", s, e)
	}
	// A new count starts again from the top: the list puts the cursor back.
	c.setCount(5)
	c.ensureVisible()
	if c.cursor != 0 || c.offset != 0 {
		t.Errorf("after setCount: cursor %d offset %d", c.cursor, c.offset)
	}
}
