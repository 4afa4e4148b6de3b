package templates

import (
	"fmt"
	"strings"
	"testing"
)

// TestDocumentParts checks where the builder puts things: a long table is
// cut to its top and bottom rows in the main body with every row in the
// appendix; what follows more() and explain() lands in the appendix; a new
// section returns to the main body.
func TestDocumentParts(t *testing.T) {
	d := newDocument("T")
	d.h2("First")
	var rows [][]string
	for i := 1; i <= 10; i++ {
		rows = append(rows, []string{fmt.Sprintf("row%d", i), "x"})
	}
	d.table([]string{"Name", "V"}, "lr", rows)
	d.explain("How to read it.")
	d.more()
	d.h3("Detail")
	d.p("Only in the appendix.")
	d.h2("Second")
	d.p("Back in the main body.")

	main, app := d.body.String(), d.appendix.String()
	for _, want := range []string{"row1 ", "row2 ", "row9 ", "row10 ", "_… 6 more in the [appendix](#first-all-10-rows)_", "Back in the main body."} {
		if !strings.Contains(main, want) {
			t.Errorf("main body lacks %q:\n%s", want, main)
		}
	}
	for _, not := range []string{"row3 ", "row8 ", "How to read it.", "Only in the appendix."} {
		if strings.Contains(main, not) {
			t.Errorf("main body holds %q", not)
		}
	}
	for _, want := range []string{"### First in full\n", "#### First: all 10 rows\n", "row3 ", "How to read it.", "#### Detail\n", "Only in the appendix."} {
		if !strings.Contains(app, want) {
			t.Errorf("appendix lacks %q:\n%s", want, app)
		}
	}
	if n := strings.Count(app, "### First in full"); n != 1 {
		t.Errorf("section heading in the appendix %d times, want 1", n)
	}
	if got := anchor("First: all 10 rows"); got != "first-all-10-rows" {
		t.Errorf("anchor: %q", got)
	}
	src := d.source()
	if !strings.Contains(src, "- [Appendix](#appendix)") || !strings.Contains(src, "## Appendix\n") {
		t.Errorf("contents or appendix heading missing:\n%s", src)
	}
}

// TestMermaidRules checks the wiki charts: one series a chart, amounts in
// $k or $M, no interval or reference lines, long category lists left out.
func TestMermaidRules(t *testing.T) {
	two := &Chart{ID: "a", Title: "Money", Money: true, YName: "amount", Categories: []string{"x", "y"},
		Series:    []Series{{Name: "Pipeline", Values: []float64{2.5e6, 1e6}}, {Name: "Revenue", Values: []float64{5e5, 0}, Low: []float64{1, 1}, High: []float64{2, 2}}},
		Reference: &Reference{Name: "Average", Value: 3}}
	var b strings.Builder
	writeMermaid(&b, two, Options{})
	md := b.String()
	if n := strings.Count(md, "```mermaid"); n != 2 {
		t.Errorf("%d Mermaid blocks, want one per series (2):\n%s", n, md)
	}
	for _, want := range []string{`y-axis "amount in $M" 0 --> 3`, "bar [2.5, 1]", `y-axis "amount in $k" 0 --> 600`, "bar [500, 0]", "95% intervals of Revenue are in the table", `Average: \$3.`} {
		if !strings.Contains(md, want) {
			t.Errorf("lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "line [") {
		t.Errorf("interval or reference drawn as a line:\n%s", md)
	}
	var cats []string
	var vals []float64
	for i := 0; i < 30; i++ {
		cats, vals = append(cats, fmt.Sprint(i)), append(vals, 1)
	}
	b.Reset()
	writeMermaid(&b, &Chart{ID: "daily", Title: "Daily", Categories: cats, Series: []Series{{Name: "n", Values: vals}}}, Options{})
	if strings.Contains(b.String(), "```mermaid") {
		t.Errorf("a 30-category chart drawn in Mermaid:\n%s", b.String())
	}
	b.Reset()
	writeMermaid(&b, &Chart{ID: "none", Title: "None", Series: []Series{{Name: "n"}}}, Options{})
	if strings.Contains(b.String(), "```mermaid") || !strings.Contains(b.String(), "Nothing to chart") {
		t.Errorf("a chart without categories: %s", b.String())
	}
	// A count axis up to 100,000 and more in thousands or millions; below,
	// as it is.
	for _, tc := range []struct {
		values []float64
		want   []string
	}{
		{[]float64{76000, 773}, []string{`y-axis "count" 0 --> 80000`, "bar [76000, 773]"}},
		{[]float64{96698, 773}, []string{`y-axis "count in thousands" 0 --> 120`, "bar [96.7, 0.77]"}},
		{[]float64{2.5e8, 5e5}, []string{`y-axis "count in millions" 0 --> 300`, "bar [250, 0.5]"}},
	} {
		b.Reset()
		writeMermaid(&b, &Chart{ID: "n", Title: "Funnel", YName: "count", Categories: []string{"a", "b"}, Series: []Series{{Name: "n", Values: tc.values}}}, Options{})
		for _, want := range tc.want {
			if !strings.Contains(b.String(), want) {
				t.Errorf("lacks %q:\n%s", want, b.String())
			}
		}
	}
	b.Reset()
	writeMermaid(&b, two, Options{MDImages: true})
	if !strings.Contains(b.String(), "![Money](charts/a.svg)") || strings.Contains(b.String(), "```mermaid") {
		t.Errorf("with images: %s", b.String())
	}
}
