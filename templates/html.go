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
	var body bytes.Buffer
	if err := md.Convert([]byte(d.content()), &body); err != nil {
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
		"Title":   d.title,
		"Style":   template.CSS(styleCSS),
		"Body":    template.HTML(body.String()),
		"Footer":  d.footer,
		"Charts":  template.JS("{" + strings.Join(options, ",") + "}"),
		"ECharts": template.JS(echartsJS),
		"Page":    template.JS(pageJS),
		"Version": strings.TrimSpace(echartsVersion),
	})
	if err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Chart and tiles fences become nodes of these kinds.
var (
	kindChart = ast.NewNodeKind("RetroChart")
	kindTiles = ast.NewNodeKind("RetroTiles")
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
			if e.doc.charts[id] == nil {
				e.err = fmt.Errorf("chart %q is placed but not defined", id)
				continue
			}
			node = &blockNode{kind: kindChart, id: id}
			e.order = append(e.order, id)
		case "tiles":
			node = &blockNode{kind: kindTiles, id: id}
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
}

func (e *blockExtension) renderChart(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	c := e.doc.charts[n.(*blockNode).id]
	esc := template.HTMLEscapeString
	fmt.Fprintf(w, "<figure class=\"chart\">\n<figcaption><strong>%s.</strong> %s</figcaption>\n", esc(c.Title), esc(c.Takeaway))
	fmt.Fprintf(w, "<div class=\"chart-box\" id=\"%s\" role=\"img\" aria-label=\"%s\"></div>\n", esc(c.ID), esc(c.Title+". "+c.Takeaway))
	fmt.Fprintf(w, "<noscript>The chart needs JavaScript; the table below has the same figures.</noscript>\n</figure>\n")
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
