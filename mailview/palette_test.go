package mailview

import (
	"image/color"
	"reflect"
	"testing"
)

// TestPaletteIsComplete checks that every colour of the palette is set for
// both backgrounds, and that the two backgrounds differ: a colour added to
// the type but not to NewPalette would draw in the terminal's default.
func TestPaletteIsComplete(t *testing.T) {
	dark, light := NewPalette(true), NewPalette(false)
	dv, lv := reflect.ValueOf(dark), reflect.ValueOf(light)
	colorType := reflect.TypeFor[color.Color]()
	for i := range dv.NumField() {
		f := dv.Type().Field(i)
		if f.Type != colorType {
			continue
		}
		d, l := dv.Field(i).Interface(), lv.Field(i).Interface()
		if d == nil || l == nil {
			t.Errorf("Palette.%s is not set (dark %v, light %v)", f.Name, d, l)
			continue
		}
		if d == l {
			t.Errorf("Palette.%s is the same on both backgrounds", f.Name)
		}
	}
	if len(dark.QuoteBars) == 0 || len(dark.QuoteBars) != len(light.QuoteBars) {
		t.Errorf("quote bars: %d dark, %d light", len(dark.QuoteBars), len(light.QuoteBars))
	}
	if dark.QuoteText == "" || light.QuoteText == "" || dark.QuoteText == light.QuoteText {
		t.Errorf("quoted text: %q dark, %q light", dark.QuoteText, light.QuoteText)
	}
}
