package templates

import (
	"fmt"
	"math"
	"strings"
)

// maxMermaidCategories bounds a wiki chart's x axis: more labels smear.
const maxMermaidCategories = 24

// writeMermaid writes one chart of report.md under its title and takeaway:
// with images on, a link to its SVG file beside report.md; else Mermaid
// drawn only where it is honest. Mermaid's xychart has no legend, so each
// series gets its own chart; amounts are in $k or $M; intervals and
// reference lines are said in words, not drawn as more lines; a chart of
// more than maxMermaidCategories categories is left to the HTML report.
func writeMermaid(out *strings.Builder, c *Chart, o Options) {
	if c.Wiki != nil {
		c = c.Wiki
	}
	fmt.Fprintf(out, "**%s.** %s\n\n", mdText(c.Title), mdText(c.Takeaway))
	if c.empty() {
		out.WriteString("_Nothing to chart in the period._\n")
		return
	}
	if o.MDImages {
		fmt.Fprintf(out, "![%s](%s)\n", mdText(c.Title), chartFile(c.ID))
		return
	}
	if c.Pie {
		out.WriteString("```mermaid\n")
		fmt.Fprintf(out, "pie title %s\n", mermaidLabel(c.Title, 90))
		for i, cat := range c.Categories {
			if v := c.Series[0].Values[i]; v > 0 {
				fmt.Fprintf(out, "    \"%s\" : %s\n", mermaidText(cat), number(c.scale(v)))
			}
		}
		out.WriteString("```\n")
		return
	}
	if len(c.Categories) > maxMermaidCategories && !c.LogX {
		fmt.Fprintf(out, "_%d points are too many for a wiki chart; the HTML report draws it, and the table has the figures._\n", len(c.Categories))
		return
	}
	series := c.Series
	if c.Stack {
		series = []Series{mergeStack(c.Series)}
	}
	for i, s := range series {
		if i > 0 {
			out.WriteString("\n")
		}
		out.WriteString("```mermaid\n")
		out.WriteString(c.mermaidSeries(s, len(series) > 1))
		out.WriteString("```\n")
	}
	if note := c.mermaidNote(); note != "" {
		out.WriteString("\n" + note + "\n")
	}
}

// mergeStack joins stacked series that split one set of bars (each
// category holds a value in one of them) into one series.
func mergeStack(ss []Series) Series {
	var names []string
	out := Series{Values: make([]float64, len(ss[0].Values))}
	for _, s := range ss {
		names = append(names, s.Name)
		for k, v := range s.Values {
			if !math.IsNaN(v) && v != 0 {
				out.Values[k] = v
			}
		}
	}
	out.Name = strings.Join(names, " or ")
	return out
}

// mermaidSeries writes one series as a Mermaid xychart-beta block (without
// fences), titled with the series name when the chart has several.
func (c *Chart) mermaidSeries(s Series, named bool) string {
	var b strings.Builder
	b.WriteString("xychart-beta")
	if c.Horizontal {
		b.WriteString(" horizontal")
	}
	title := c.Title
	if named {
		title = s.Name + " - " + c.Title
	}
	fmt.Fprintf(&b, "\n    title \"%s\"\n", mermaidLabel(title, 90))
	cats := c.Categories
	if c.LogX {
		cats = nil
		for _, x := range s.X {
			cats = append(cats, duration(x))
		}
	}
	labels := make([]string, len(cats))
	for i, cat := range cats {
		labels[i] = `"` + mermaidText(cat) + `"`
	}
	fmt.Fprintf(&b, "    x-axis [%s]\n", strings.Join(labels, ", "))
	unit, div := c.mermaidUnit(s.Values)
	hi := 0.0
	vals := make([]string, len(s.Values))
	for i, v := range s.Values {
		if math.IsNaN(v) {
			v = 0
		}
		v = c.scale(v) / div
		hi = math.Max(hi, v)
		vals[i] = number(v)
	}
	top := niceCeil(hi * 1.05)
	if c.Percent && top > 100 {
		top = 100
	}
	name := c.YName
	switch {
	case c.Percent:
		name = "percent"
	case unit != "":
		name += " in " + unit
	}
	fmt.Fprintf(&b, "    y-axis \"%s\" 0 --> %s\n", mermaidText(name), number(top))
	kind := "bar"
	if s.Line || c.LogX {
		kind = "line"
	}
	fmt.Fprintf(&b, "    %s [%s]\n", kind, strings.Join(vals, ", "))
	return b.String()
}

// mermaidUnit picks the unit of a money axis ($M, $k or $) by the largest
// value, or of a count axis that would reach 100,000 (thousands, millions);
// other charts keep their values.
func (c *Chart) mermaidUnit(vs []float64) (unit string, div float64) {
	hi := 0.0
	for _, v := range vs {
		if !math.IsNaN(v) {
			hi = math.Max(hi, math.Abs(c.scale(v)))
		}
	}
	if !c.Money {
		// Counts of a large input (an axis up to 100,000 and more) in
		// thousands or millions, as amounts are.
		switch top := niceCeil(hi * 1.05); {
		case c.Percent || top < 1e5:
			return "", 1
		case top >= 1e8:
			return "millions", 1e6
		}
		return "thousands", 1e3
	}
	switch {
	case hi >= 1e6:
		return "$M", 1e6
	case hi >= 1e3:
		return "$k", 1e3
	}
	return "$", 1
}

// mermaidNote says in words what the wiki charts leave out: intervals and
// reference lines.
func (c *Chart) mermaidNote() string {
	var parts []string
	for _, s := range c.Series {
		if s.Low != nil {
			parts = append(parts, fmt.Sprintf("The 95%% intervals of %s are in the table.", mdText(s.Name)))
		}
	}
	if c.Reference != nil {
		parts = append(parts, mdText(c.Reference.Name)+": "+mdText(c.valueText(c.scale(c.Reference.Value)))+".")
	}
	if len(parts) == 0 {
		return ""
	}
	return "_" + strings.Join(parts, " ") + "_\n"
}

// chartFile is where --md-images writes a chart's SVG, relative to
// report.md.
func chartFile(id string) string { return "charts/" + id + ".svg" }
