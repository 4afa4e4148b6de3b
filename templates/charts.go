package templates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Chart describes one chart independently of its rendering: ECharts in the
// HTML page, a Mermaid xychart (or a table) in the wiki page. Values are
// figures of the report, already computed.
type Chart struct {
	ID       string // stable element id; also the name in the ```chart ID``` fence
	Title    string
	Takeaway string // one line that says what the chart shows
	// Categories label the x axis (y axis for horizontal bars).
	Categories []string
	// LabelEvery, when above 1, labels only every LabelEvery-th category of
	// a vertical bar chart's axis in HTML (for long daily series); Mermaid
	// keeps every label.
	LabelEvery int
	Series     []Series
	Horizontal bool
	Percent    bool // values are fractions, shown as percentages
	Money      bool // values are amounts
	Multiple   bool // values are multiples, shown as 0.8x
	// Stack draws the bar series on top of each other: for series that
	// split one set of bars (gains and losses), each category holding a
	// value in one series only.
	Stack bool
	YName string // axis name
	// Reference draws a horizontal reference line (for example a baseline).
	Reference *Reference
	// LogX makes a line chart over numeric X values (Series.X) on a log axis.
	LogX  bool
	XName string
	// XMarks are labelled vertical marks on a numeric x axis.
	XMarks []Mark
	// Pie draws Series[0] as shares of a whole, one slice per category.
	Pie bool
	// Wiki, when set, is drawn in report.md instead of this chart: for a
	// chart Mermaid cannot draw well, such as a LogX curve of hundreds of
	// points.
	Wiki *Chart
}

// Series is one data series.
type Series struct {
	Name   string
	Line   bool      // drawn as a line (default: bars)
	Loss   bool      // losses, drawn red
	Values []float64 // one per category; NaN for a missing value
	// Low and High, when set, draw a 95% interval around each value.
	Low, High []float64
	// X gives numeric x values for LogX charts.
	X []float64
}

// Reference is a labelled horizontal line.
type Reference struct {
	Name  string
	Value float64
}

// Mark is a labelled position on a numeric axis.
type Mark struct {
	Name  string
	Value float64
}

// empty tells whether the chart has nothing to draw: no category (nor, on
// a log axis, a point), or a pie without a slice.
func (c *Chart) empty() bool {
	if c.LogX {
		return len(c.Series) == 0 || len(c.Series[0].X) == 0
	}
	if len(c.Categories) == 0 || len(c.Series) == 0 {
		return true
	}
	if c.Pie {
		for _, v := range c.Series[0].Values {
			if v > 0 {
				return false
			}
		}
		return true
	}
	return false
}

// scale converts a value for display: fractions become percentages.
func (c *Chart) scale(v float64) float64 {
	if c.Percent {
		return v * 100
	}
	return v
}

// echartsOption builds the chart with go-echarts and returns its option as
// JSON that is safe inside an HTML <script> element.
func (c *Chart) echartsOption() ([]byte, error) {
	if err := c.finite(); err != nil {
		return nil, err
	}
	init := opts.Initialization{ChartID: c.ID, Width: "100%", Height: "360px", Renderer: "svg", Theme: "retro"}
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(init),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(c.Series) > 1 || c.Reference != nil), Top: "0"}),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: c.Title + ". " + c.Takeaway}}),
	}
	valueAxis := opts.YAxis{Name: c.YName, Type: "value"}
	if c.Percent {
		valueAxis.AxisLabel = &opts.AxisLabel{Formatter: "{value}%"}
	}
	for _, s := range c.Series {
		if s.High != nil && !c.Horizontal && !c.LogX {
			valueAxis.Max = c.axisTop() // intervals beyond the axis would be clipped
			break
		}
	}
	var snippet string
	switch {
	case c.Pie:
		pie := charts.NewPie()
		pie.SetGlobalOptions(init0(global)...)
		var data []opts.PieData
		for i, cat := range c.Categories {
			if v := c.Series[0].Values[i]; v > 0 {
				data = append(data, opts.PieData{Name: cat, Value: round4(c.scale(v))})
			}
		}
		pie.AddSeries(c.Series[0].Name, data, charts.WithPieChartOpts(opts.PieChart{Radius: []string{"32%", "58%"}, Center: []string{"50%", "46%"}}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}: {d}%"}))
		snippet = pie.RenderSnippet().Option
	case c.LogX:
		line := charts.NewLine()
		line.SetGlobalOptions(append(global,
			charts.WithXAxisOpts(opts.XAxis{Type: "log", Name: c.XName, NameLocation: "middle", NameGap: 28}),
			charts.WithYAxisOpts(valueAxis),
			charts.WithGridOpts(opts.Grid{Left: "56", Right: "24", Bottom: "48", Top: "36"}),
		)...)
		for i, s := range c.Series {
			data := make([]opts.LineData, 0, len(s.Values))
			for k, v := range s.Values {
				data = append(data, opts.LineData{Value: []float64{s.X[k], round4(c.scale(v))}})
			}
			so := []charts.SeriesOpts{charts.WithLineChartOpts(opts.LineChart{Step: "end", ShowSymbol: opts.Bool(false)})}
			if i == 0 && len(c.XMarks) > 0 {
				var marks []opts.MarkLineNameXAxisItem
				for _, m := range c.XMarks {
					marks = append(marks, opts.MarkLineNameXAxisItem{Name: m.Name, XAxis: m.Value})
				}
				so = append(so, charts.WithMarkLineNameXAxisItemOpts(marks...),
					charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"}, Label: &opts.Label{Show: opts.Bool(true), Formatter: "{b}"}}))
			}
			line.AddSeries(s.Name, data, so...)
		}
		snippet = line.RenderSnippet().Option
	default:
		bar := charts.NewBar()
		cats := c.Categories
		// The grid contains its axis labels, so its margins are small.
		grid := opts.Grid{Left: "16", Right: "24", Bottom: "8", Top: "40", ContainLabel: opts.Bool(true)}
		// A long category name (a campaign of 270 letters) is cut short
		// with an ellipsis on the axis; the tooltip shows it whole.
		catAxis := opts.XAxis{Type: "category", AxisLabel: &opts.AxisLabel{Interval: "0", Width: 140, Overflow: "truncate"}}
		if c.LabelEvery > 1 {
			catAxis.AxisLabel.Interval = strconv.Itoa(c.LabelEvery - 1)
		}
		if c.crowdedLabels() {
			catAxis.AxisLabel.Rotate = 30
		}
		if c.Horizontal {
			bar.XYReversal()
			grid = opts.Grid{Left: "8", Right: "40", Bottom: "8", Top: "40", ContainLabel: opts.Bool(true)}
			catAxis = opts.XAxis{Type: "value"}
			if c.Percent {
				catAxis.AxisLabel = &opts.AxisLabel{Formatter: "{value}%"}
			}
			valueAxis = opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0", Width: 220, Overflow: "truncate"}}
		}
		bar.SetGlobalOptions(append(global, charts.WithXAxisOpts(catAxis), charts.WithYAxisOpts(valueAxis), charts.WithGridOpts(grid))...)
		bar.SetXAxis(cats)
		colours := c.seriesColours()
		for i, s := range c.Series {
			so := []charts.SeriesOpts{charts.WithItemStyleOpts(opts.ItemStyle{Color: colours[i]})}
			if c.Stack {
				so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "stack"}))
			}
			if s.Line {
				so = append(so, charts.WithSeriesOpts(func(ss *charts.SingleSeries) { ss.Type = "line" }))
			}
			data := make([]opts.BarData, len(s.Values))
			for k, v := range s.Values {
				if math.IsNaN(v) {
					data[k] = opts.BarData{Value: "-"}
				} else {
					data[k] = opts.BarData{Value: round4(c.scale(v))}
				}
			}
			if s.Low != nil {
				var ml []opts.MarkLineNameCoordItem
				for k := range s.Values {
					if math.IsNaN(s.Low[k]) {
						continue
					}
					ml = append(ml, opts.MarkLineNameCoordItem{
						Name:        "95% interval",
						Coordinate0: []interface{}{k, round4(c.scale(s.Low[k]))},
						Coordinate1: []interface{}{k, round4(c.scale(s.High[k]))},
					})
				}
				so = append(so, charts.WithMarkLineNameCoordItemOpts(ml...),
					charts.WithMarkLineStyleOpts(opts.MarkLineStyle{Symbol: []string{"none", "none"}, Label: &opts.Label{Show: opts.Bool(false)},
						LineStyle: &opts.LineStyle{Color: "#333", Width: 2, Type: "solid"}}))
			}
			if c.valueLabels() {
				pos := "top"
				if c.Horizontal {
					pos = "right"
				}
				so = append(so, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: pos}))
			} else if c.Stack {
				pos := "top"
				if c.Horizontal {
					pos = "right"
				}
				so = append(so, charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: pos}))
			}
			bar.AddSeries(s.Name, data, so...)
		}
		if c.Reference != nil {
			// The reference is a flat dashed line series, named in the legend.
			ref := make([]opts.BarData, len(cats))
			for k := range ref {
				ref[k] = opts.BarData{Value: round4(c.scale(c.Reference.Value))}
			}
			bar.AddSeries(c.Reference.Name, ref, charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
				ss.Type = "line"
				ss.ShowSymbol = opts.Bool(false)
				ss.LineStyle = &opts.LineStyle{Type: "dashed", Width: 2, Color: "#888"}
				ss.ItemStyle = &opts.ItemStyle{Color: "#888"} // the legend's mark matches the line
			}))
		}
		snippet = bar.RenderSnippet().Option
	}
	format := ""
	switch {
	case c.Money:
		format = "money"
	case c.Percent:
		format = "percent"
	case c.Multiple:
		format = "multiple"
	}
	return safeJSON(snippet, format)
}

// crowdedLabels tells whether a vertical chart's category labels would
// overlap side by side on a narrow (printed) page, and so are slanted.
func (c *Chart) crowdedLabels() bool {
	every := max(c.LabelEvery, 1)
	shown := (len(c.Categories) + every - 1) / every
	longest := 0
	for _, cat := range c.Categories {
		longest = max(longest, len([]rune(cat)))
	}
	// About 7 px per character at the axis font, 12 px between labels, and
	// some 600 px of plot width on an A4 page.
	return shown*(7*longest+12) > 600
}

// valueLabels tells whether bars carry their values: charts of one series
// with few bars and no intervals, where a reader wants the figure itself
// (the funnel's last stages are too short to read off an axis).
func (c *Chart) valueLabels() bool {
	if len(c.Series) != 1 || c.Series[0].Line || c.Series[0].Low != nil || c.LabelEvery > 1 {
		return false
	}
	return len(c.Categories) <= 12
}

// init0 returns the global options of a chart without axes: the tooltip
// shows one item.
func init0(global []charts.GlobalOpts) []charts.GlobalOpts {
	return append(global, charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}))
}

// safeJSON re-encodes an option compactly, escaping <, > and & so that CSV
// text cannot end the <script> element it is placed in. format ("money",
// "percent" or "") tells the page how to write values.
func safeJSON(option, format string) ([]byte, error) {
	option = strings.TrimSpace(option)
	option = strings.TrimSuffix(option, ";")
	var v any
	dec := json.NewDecoder(strings.NewReader(option))
	dec.UseNumber()
	if option == "" {
		return nil, fmt.Errorf("go-echarts wrote no chart option")
	}
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("chart option: %w", err)
	}
	numericIntervals(v)
	if m, ok := v.(map[string]any); ok {
		// The static drawing's colours, in series order.
		m["color"] = chartPalette
		if format != "" {
			// page.js formats the value axis and tooltips: $1.2M, 43%.
			m["retroFormat"] = format
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // escapes <, >, &, U+2028 and U+2029
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(buf.Bytes()), nil
}

// numericIntervals turns the axis label intervals of an option, which
// go-echarts writes as strings, into numbers: ECharts adds 1 to the
// interval, so a string "6" would become "61".
func numericIntervals(option any) {
	m, _ := option.(map[string]any)
	for _, key := range []string{"xAxis", "yAxis"} {
		axes, _ := m[key].([]any)
		for _, axis := range axes {
			a, _ := axis.(map[string]any)
			label, _ := a["axisLabel"].(map[string]any)
			if s, ok := label["interval"].(string); ok {
				if _, err := strconv.Atoi(s); err == nil {
					label["interval"] = json.Number(s)
				}
			}
		}
	}
}

// finite returns an error naming the first value of the chart that is
// infinite (NaN marks a missing value): go-echarts cannot write one.
func (c *Chart) finite() error {
	check := func(what string, vs []float64) error {
		for i, v := range vs {
			if math.IsInf(v, 0) {
				return fmt.Errorf("%s value %d is %v, not a finite number", what, i+1, v)
			}
		}
		return nil
	}
	for _, s := range c.Series {
		for _, part := range []struct {
			what string
			vs   []float64
		}{{"series " + strconv.Quote(s.Name), s.Values}, {"low of " + strconv.Quote(s.Name), s.Low}, {"high of " + strconv.Quote(s.Name), s.High}, {"x of " + strconv.Quote(s.Name), s.X}} {
			if err := check(part.what, part.vs); err != nil {
				return err
			}
		}
	}
	if c.Reference != nil {
		return check("reference line", []float64{c.Reference.Value})
	}
	return nil
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

// axisTop is the top of the value axis: a round number above every value,
// interval end and reference line (at most 100% for percentages), so that no
// interval is clipped.
func (c *Chart) axisTop() float64 {
	hi := 0.0
	for _, s := range c.Series {
		for k, v := range s.Values {
			if !math.IsNaN(v) {
				hi = math.Max(hi, c.scale(v))
			}
			if s.High != nil && !math.IsNaN(s.High[k]) {
				hi = math.Max(hi, c.scale(s.High[k]))
			}
		}
	}
	if c.Reference != nil {
		hi = math.Max(hi, c.scale(c.Reference.Value))
	}
	top := niceCeil(hi * 1.05)
	if c.Percent && top > 100 {
		top = 100
	}
	return top
}

// niceCeil rounds v up to a round number: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or
// 8 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}
