package templates

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

// TestStaticSVG draws each kind of chart twice: the same bytes, well-formed
// XML, and hostile category names as text, never as markup.
func TestStaticSVG(t *testing.T) {
	hostile := `<script>alert("x")</script> & "Q&A"`
	for _, c := range []*Chart{
		{ID: "bars", Title: "T", Categories: []string{hostile, "b"}, Series: []Series{{Name: "A", Values: []float64{1, 2}}, {Name: "B", Values: []float64{3, 4}}}},
		{ID: "hbars", Title: "T", Horizontal: true, Money: true, Categories: []string{hostile, "b"}, Series: []Series{{Name: "A", Values: []float64{1000, 2e6}}}},
		{ID: "stack", Title: "T", Horizontal: true, Stack: true, Multiple: true, Categories: []string{"a", "b"}, Series: []Series{{Name: "Gain", Values: []float64{2, math.NaN()}}, {Name: "Loss", Loss: true, Values: []float64{math.NaN(), 0.5}}}},
		{ID: "pie", Title: "T", Pie: true, Categories: []string{hostile, "b"}, Series: []Series{{Name: "A", Values: []float64{1, 3}}}},
		{ID: "lines", Title: "T", Percent: true, Categories: []string{"w1", "w2"}, Series: []Series{{Name: "A", Line: true, Values: []float64{0.1, 0.2}}}, Reference: &Reference{Name: "all", Value: 0.15}},
	} {
		a, err := c.staticSVG()
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		b, _ := c.staticSVG()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two drawings differ", c.ID)
		}
		if !bytes.HasPrefix(a, []byte(`<svg class="static-chart"`)) {
			t.Errorf("%s: starts %q", c.ID, a[:min(60, len(a))])
		}
		if bytes.Contains(a, []byte("<script")) {
			t.Errorf("%s: a category name became markup", c.ID)
		}
		dec := xml.NewDecoder(bytes.NewReader(a))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s: not well-formed: %v", c.ID, err)
				break
			}
		}
		if c.ID == "pie" && !strings.Contains(string(a), "b: 75%") {
			t.Errorf("pie: slices not named with their share")
		}
	}
}
