package templates

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/campaignretro/retro/analysis"
)

//go:embed assets/echarts/echarts.common.min.js
var echartsJS string

//go:embed assets/echarts/VERSION
var echartsVersion string

//go:embed assets/style.css
var styleCSS string

//go:embed assets/page.js
var pageJS string

//go:embed assets/page.html
var pageHTML string

var page = template.Must(template.New("page").Parse(pageHTML))

// HTML renders the email page: the document's Markdown through goldmark
// (raw HTML off, so CSV text stays text), with chart and tiles fences turned
// into ECharts containers and tiles, inline CSS and the inline ECharts runtime.
func HTML(r *analysis.Report, d *document) ([]byte, error) {
	blocks := &blockExtension{doc: d}
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Footnote, blocks),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	// The main body and the appendix are converted apart (the appendix is
	// folded into a <details> element) with one set of heading ids, so
	// that no id repeats.
	ids := &headingIDs{seen: map[string]bool{}}
	var body, appendix bytes.Buffer
	if err := md.Convert([]byte(d.content()), &body, parser.WithContext(parser.NewContext(parser.WithIDs(ids)))); err != nil {
		return nil, err
	}
	if err := md.Convert([]byte(d.appendixBody()), &appendix, parser.WithContext(parser.NewContext(parser.WithIDs(ids)))); err != nil {
		return nil, err
	}
	if blocks.err != nil {
		return nil, blocks.err
	}
	var options []string
	for _, id := range blocks.order {
		opt, err := d.charts[id].echartsOption()
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", id, err)
		}
		options = append(options, fmt.Sprintf("%q:%s", id, opt))
	}
	var out bytes.Buffer
	err := page.Execute(&out, map[string]any{
		"Title":         d.title,
		"Style":         template.CSS(styleCSS),
		"Body":          template.HTML(scrollTables(body.String())),
		"Appendix":      template.HTML(scrollTables(appendix.String())),
		"AppendixTitle": appendixTitle,
		"AppendixID":    anchor(appendixTitle),
		"AppendixNote":  d.appendixNote(),
		"Footer":        d.footer,
		"Charts":        template.JS("{" + strings.Join(options, ",") + "}"),
		"ECharts":       template.JS(echartsJS),
		"Page":          template.JS(pageJS),
		"Version":       strings.TrimSpace(echartsVersion),
	})
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Chart and tiles fences become nodes of these kinds.
var (
	kindChart    = ast.NewNodeKind("RetroChart")
	kindTiles    = ast.NewNodeKind("RetroTiles")
	kindVerdicts = ast.NewNodeKind("RetroVerdicts")
)

// blockNode is a chart or tiles placeholder in the AST.
type blockNode struct {
	ast.BaseBlock
	kind ast.NodeKind
	id   string
}

// Kind implements ast.Node.
func (n *blockNode) Kind() ast.NodeKind { return n.kind }

// Dump implements ast.Node.
func (n *blockNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"id": n.id}, nil)
}

// blockExtension registers the transformer and the renderer of chart and
// tiles blocks (the goldmark-mermaid pattern: transform, then render).
type blockExtension struct {
	doc   *document
	order []string // chart ids in page order
	err   error
}

func (e *blockExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(e, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(e, 100)))
}

// Transform replaces ```chart ID``` and ```tiles ID``` blocks by placeholders.
func (e *blockExtension) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var found []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering {
			found = append(found, fb)
		}
		return ast.WalkContinue, nil
	})
	src := reader.Source()
	for _, fb := range found {
		if fb.Info == nil {
			continue
		}
		kind, id, ok := strings.Cut(string(fb.Info.Segment.Value(src)), " ")
		if !ok {
			continue
		}
		var node *blockNode
		switch kind {
		case "chart":
			for _, one := range strings.Fields(id) {
				if e.doc.charts[one] == nil {
					e.err = fmt.Errorf("chart %q is placed but not defined", one)
				}
				e.order = append(e.order, one)
			}
			node = &blockNode{kind: kindChart, id: id}
		case "tiles":
			node = &blockNode{kind: kindTiles, id: id}
		case "verdicts":
			node = &blockNode{kind: kindVerdicts, id: id}
		default:
			continue
		}
		fb.Parent().ReplaceChild(fb.Parent(), fb, node)
	}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (e *blockExtension) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindChart, e.renderChart)
	reg.Register(kindTiles, e.renderTiles)
	reg.Register(kindVerdicts, e.renderVerdicts)
}

// renderChart writes one chart, or two side by side, each with its static
// SVG drawing inside the box that the page script fills with the
// interactive chart.
func (e *blockExtension) renderChart(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	ids := strings.Fields(n.(*blockNode).id)
	if len(ids) > 1 {
		w.WriteString("<div class=\"chart-row\">\n")
	}
	esc := template.HTMLEscapeString
	for _, id := range ids {
		c := e.doc.charts[id]
		if c == nil {
			continue
		}
		if c.empty() {
			fmt.Fprintf(w, "<figure class=\"chart chart-empty\">\n<figcaption><strong>%s.</strong> Nothing to chart in the period.</figcaption>\n</figure>\n", esc(c.Title))
			continue
		}
		svg, err := c.staticSVG()
		if err != nil {
			e.err = err
			return ast.WalkStop, err
		}
		fmt.Fprintf(w, "<figure class=\"chart\">\n<figcaption><strong>%s.</strong> %s</figcaption>\n", esc(c.Title), esc(c.Takeaway))
		fmt.Fprintf(w, "<div class=\"%s\" id=\"%s\" role=\"img\" aria-label=\"%s\">", boxClass(c, len(ids) == 1), esc(c.ID), esc(c.Title+". "+c.Takeaway))
		w.Write(svg)
		w.WriteString("</div>\n</figure>\n")
	}
	if len(ids) > 1 {
		w.WriteString("</div>\n")
	}
	return ast.WalkSkipChildren, nil
}

// boxClass is a chart box's class: taller for a bar chart of many rows, so
// that each bar keeps room for its label; lower for a chart alone on its
// row with a few upright bars whose labels stand level.
func boxClass(c *Chart, alone bool) string {
	switch {
	case c.Horizontal && len(c.Categories) > tallRows:
		return "chart-box tall"
	case alone && !c.Horizontal && !c.Pie && len(c.Categories) <= shortColumns && !c.crowdedLabels():
		return "chart-box short"
	}
	return "chart-box"
}

// tallRows is the most rows a horizontal bar chart draws in a box of the
// usual height; shortColumns the most upright bars a lower box holds.
const (
	tallRows     = 10
	shortColumns = 8
)

// renderVerdicts writes the front page's answers: question, answer in
// bold, the figures behind it and a link to the section.
func (e *blockExtension) renderVerdicts(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	esc := template.HTMLEscapeString
	w.WriteString("<div class=\"verdicts\">\n")
	for _, v := range e.doc.verdicts[n.(*blockNode).id] {
		fmt.Fprintf(w, "<div class=\"verdict\"><div class=\"verdict-q\">%s</div><div class=\"verdict-a\">%s</div><div class=\"verdict-e\">%s", esc(v.Question), esc(v.Answer), esc(v.Evidence))
		if v.Anchor != "" {
			fmt.Fprintf(w, " <a href=\"#%s\">Details</a>", esc(v.Anchor))
		}
		w.WriteString("</div></div>\n")
	}
	w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}

func (e *blockExtension) renderTiles(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	esc := template.HTMLEscapeString
	w.WriteString("<div class=\"tiles\">\n")
	for _, t := range e.doc.tiles[n.(*blockNode).id] {
		fmt.Fprintf(w, "<div class=\"tile\"><div class=\"tile-label\">%s</div><div class=\"tile-value\">%s</div>", esc(t.Label), esc(t.Value))
		if t.Note != "" {
			fmt.Fprintf(w, "<div class=\"tile-note\">%s</div>", esc(t.Note))
		}
		w.WriteString("</div>\n")
	}
	w.WriteString("</div>\n")
	return ast.WalkSkipChildren, nil
}

// headingIDs gives headings their GitHub-style anchors, numbering repeats
// (by-owner, by-owner-1), across the documents converted with it.
type headingIDs struct{ seen map[string]bool }

// Generate implements parser.IDs.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := anchor(string(value))
	if base == "" {
		base = "heading"
	}
	id := base
	for i := 1; h.seen[id]; i++ {
		id = fmt.Sprintf("%s-%d", base, i)
	}
	h.seen[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (h *headingIDs) Put(value []byte) { h.seen[string(value)] = true }

// scrollTables wraps each table in a box that scrolls sideways on a narrow
// screen, so that the page itself never does. Raw HTML is off, so the
// text of the data cannot hold a literal <table> tag.
func scrollTables(html string) string {
	html = strings.ReplaceAll(html, "<table>", "<div class=\"table-box\"><table>")
	return strings.ReplaceAll(html, "</table>", "</table></div>")
}
