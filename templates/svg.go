package templates

import (
	"bytes"
	"fmt"
	"math"

	gocharts "github.com/go-analyze/charts"
)

// chartPalette is the series colours of every chart, in series order: the
// ECharts option and the static SVG both use it, so a series keeps its
// colour with or without JavaScript.
var chartPalette = []string{"#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"}

// lossColour marks a series of losses (a Series with Loss set).
const lossColour = "#d64541"

// referenceColour draws reference lines.
const referenceColour = "#888888"

// staticWidth and staticHeight are the drawing size of a static chart; the
// page scales it to its box by its viewBox.
const (
	staticWidth  = 600
	staticHeight = 300
)

// seriesColours returns each series' colour: the palette in order, a loss
// series red.
func (c *Chart) seriesColours() []string {
	out := make([]string, len(c.Series))
	k := 0
	for i, s := range c.Series {
		if s.Loss {
			out[i] = lossColour
			continue
		}
		out[i] = chartPalette[k%len(chartPalette)]
		k++
	}
	return out
}

// staticSVG draws the chart as an SVG image with go-analyze/charts, shown
// where scripts do not run (attachment previews, printed pages without
// scripts) and replaced by the interactive chart when they do. Same data,
// series, order and colours as the ECharts option; intervals and
// reference lines on horizontal bars are left to the interactive chart and
// the tables. A LogX curve is drawn as its Wiki chart.
func (c *Chart) staticSVG() ([]byte, error) {
	if c.LogX && c.Wiki != nil {
		return c.Wiki.staticSVG()
	}
	p := gocharts.NewPainter(gocharts.PainterOptions{OutputFormat: gocharts.ChartOutputSVG, Width: staticWidth, Height: staticHeight})
	var colours []gocharts.Color
	for _, col := range c.seriesColours() {
		colours = append(colours, gocharts.ParseColor(col))
	}
	if c.Reference != nil {
		colours = append(colours, gocharts.ParseColor(referenceColour))
	}
	if c.Pie {
		colours = nil
		for i := range c.Categories {
			colours = append(colours, gocharts.ParseColor(chartPalette[i%len(chartPalette)]))
		}
	}
	theme := gocharts.MakeTheme(gocharts.ThemeOption{
		AxisStrokeColor: gocharts.ParseColor("#6e7079"), AxisSplitLineColor: gocharts.ParseColor("#e0e6f1"),
		BackgroundColor: gocharts.ColorTransparent, TextColor: gocharts.ParseColor("#464646"),
		SeriesColors: colours,
	})
	fmtValue := func(v float64) string { return c.valueText(v) }
	var err error
	switch {
	case c.Pie:
		var values []float64
		var names []string
		for i, cat := range c.Categories {
			if v := c.Series[0].Values[i]; v > 0 {
				values = append(values, c.scale(v))
				names = append(names, cat)
			}
		}
		opt := gocharts.NewPieChartOptionWithData(values)
		opt.Theme = theme
		opt.Radius = "35%"
		opt.Legend.SeriesNames = names
		opt.Legend.Show = gocharts.Ptr(false)
		var total float64
		for _, v := range values {
			total += v
		}
		for i := range opt.SeriesList {
			opt.SeriesList[i].Name = names[i]
			opt.SeriesList[i].Label.Show = gocharts.Ptr(true)
			opt.SeriesList[i].Label.LabelFormatter = func(_ int, name string, v float64) (string, *gocharts.LabelStyle) {
				return name + ": " + pct(v/total), nil
			}
		}
		err = p.PieChart(opt)
	case c.Horizontal:
		// The library draws the first category at the bottom; ECharts
		// (inverse axis) at the top, as the tables read: reverse them.
		var values [][]float64
		var names []string
		for _, s := range c.Series {
			values = append(values, reversed(c.nanToNull(s.Values)))
			names = append(names, s.Name)
		}
		var cats []string
		for _, cat := range c.Categories {
			cats = append(cats, shortLabel(cat, 28))
		}
		opt := gocharts.NewBarChartOptionWithData(values)
		opt.Horizontal = true
		opt.Theme = theme
		opt.CategoryAxis.Labels = reversed(cats)
		opt.CategoryAxis.LabelCount = len(cats)
		opt.CategoryAxis.LabelFontStyle = gocharts.FontStyle{FontSize: 11}
		opt.ValueAxis = []gocharts.ValueAxisOption{{Min: gocharts.Ptr(0.0), LabelCount: 5, LabelFontStyle: gocharts.FontStyle{FontSize: 11}}}
		opt.Legend.SeriesNames = names
		opt.Legend.Show = gocharts.Ptr(len(names) > 1)
		opt.ValueFormatter = fmtValue
		opt.StackSeries = gocharts.Ptr(c.Stack)
		opt.Padding = gocharts.NewBox(8, 24, 8, 8)
		err = p.BarChart(opt)
	default:
		var list gocharts.GenericSeriesList
		var names []string
		for _, s := range c.Series {
			kind := gocharts.ChartTypeBar
			if s.Line || c.LogX {
				kind = gocharts.ChartTypeLine
			}
			list = append(list, gocharts.GenericSeries{Type: kind, Name: s.Name, Values: c.nanToNull(s.Values)})
			names = append(names, s.Name)
		}
		if c.Reference != nil {
			ref := make([]float64, len(c.Categories))
			for i := range ref {
				ref[i] = c.scale(c.Reference.Value)
			}
			list = append(list, gocharts.GenericSeries{Type: gocharts.ChartTypeLine, Name: c.Reference.Name, Values: ref})
			names = append(names, c.Reference.Name)
		}
		cats := c.Categories
		if c.LogX {
			cats = nil
			for _, x := range c.Series[0].X {
				cats = append(cats, duration(x))
			}
		}
		opt := gocharts.ChartOption{
			OutputFormat: gocharts.ChartOutputSVG, Width: staticWidth, Height: staticHeight, Theme: theme,
			SeriesList: list, Padding: gocharts.NewBox(12, 24, 8, 8),
			XAxis:          gocharts.XAxisOption{Labels: cats},
			YAxis:          []gocharts.YAxisOption{{Min: gocharts.Ptr(0.0), Max: gocharts.Ptr(c.axisTop()), LabelCount: 5}},
			Legend:         gocharts.LegendOption{SeriesNames: names, Show: gocharts.Ptr(len(names) > 1)},
			Symbol:         gocharts.Symbol{Shape: gocharts.SymbolNone},
			ValueFormatter: fmtValue,
		}
		if c.crowdedLabels() || c.LabelEvery > 1 {
			opt.XAxis.LabelRotation = gocharts.DegreesToRadians(30)
		}
		if c.LabelEvery > 1 {
			opt.XAxis.LabelCount = (len(cats) + c.LabelEvery - 1) / c.LabelEvery
		} else if len(cats) <= maxMermaidCategories {
			opt.XAxis.LabelCount = len(cats)
		}
		opt.XAxis.LabelFontStyle = gocharts.FontStyle{FontSize: 11}
		var out *gocharts.Painter
		out, err = gocharts.Render(opt)
		if err == nil {
			p = out
		}
	}
	if err != nil {
		return nil, fmt.Errorf("static chart %s: %w", c.ID, err)
	}
	buf, err := p.Bytes()
	if err != nil {
		return nil, fmt.Errorf("static chart %s: %w", c.ID, err)
	}
	return tidySVG(buf), nil
}

// nanToNull returns values scaled for display, a missing value as the
// library's null.
func (c *Chart) nanToNull(vs []float64) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		if math.IsNaN(v) {
			out[i] = gocharts.GetNullValue()
		} else {
			out[i] = c.scale(v)
		}
	}
	return out
}

// valueText writes an axis value as the interactive chart does: $1.2M,
// 43%, 1,234.
func (c *Chart) valueText(v float64) string {
	switch {
	case c.Money:
		return moneyAxis(v)
	case c.Percent:
		return pct(v / 100)
	case c.Multiple:
		return ratioX(v)
	}
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return count(int(v))
	}
	return number(v)
}

// tidySVG marks the drawing as the static chart and lets it scale to its
// box, centred.
func tidySVG(b []byte) []byte {
	b = bytes.TrimSpace(b)
	return bytes.Replace(b, []byte("<svg "), []byte(`<svg class="static-chart" preserveAspectRatio="xMidYMid meet" `), 1)
}

// reversed returns a reversed copy of s.
func reversed[T any](s []T) []T {
	out := make([]T, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

// shortLabel cuts a label to max runes with an ellipsis.
func shortLabel(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
