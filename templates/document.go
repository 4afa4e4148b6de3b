package templates

import (
	"fmt"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// document is the report as one Markdown source in which ```chart ID``` and
// ```tiles ID``` fences place charts and headline tiles. The wiki renderer
// expands the fences to Mermaid and tables; the HTML renderer turns them into
// ECharts charts and tiles through a goldmark AST transformer.
type document struct {
	title    string
	header   strings.Builder // title, period line and tiles, before the contents
	body     strings.Builder
	toc      []heading
	charts   map[string]*Chart
	tiles    map[string][]Tile
	tables   []namedTable // every table, for out/tables/*.csv
	glossary map[string]string
	footer   string
}

type heading struct{ text, anchor string }

// Tile is one headline figure.
type Tile struct {
	Label string
	Value string
	Note  string // e.g. the change against the previous period
}

// section writes one part of the report; sections run in order.
type section func(d *document, r *analysis.Report)

// sections is the report's order of sections. Each section file adds its own.
var sections = []section{
	headerSection,
	summarySection,
	notesSection,
	funnelSection,
	spendSection,
	latencySection,
	assetTypesSection,
	attributionSection,
	hygieneSection,
	leadQualitySection,
	segmentsSection,
	trendSection,
	previousSection,
	winsSection,
	dataQualitySection,
	glossarySection,
}

func buildDocument(r *analysis.Report) *document {
	d := &document{title: r.Title, charts: map[string]*Chart{}, tiles: map[string][]Tile{}, glossary: map[string]string{}}
	for _, s := range sections {
		s(d, r)
	}
	rows := 0
	for _, in := range r.Inputs {
		rows += in.Rows
	}
	d.footer = fmt.Sprintf("Campaign Retro %s · period %s (%s to %s) · as of %s · inputs: %s, %s rows, %s",
		r.Version, r.Period.Label, r.Period.From, r.Period.To, r.Period.AsOf, plural(len(r.Inputs), "file", "files"), count(rows), r.InputsHash)
	return d
}

// source returns the whole Markdown source, contents and footer included.
func (d *document) source() string {
	return d.content() + "---\n\n" + mdText(d.footer) + "\n"
}

// content returns the Markdown source without the footer, which the email
// page places itself, after the footnotes.
func (d *document) content() string {
	var b strings.Builder
	b.WriteString(d.header.String())
	if len(d.toc) > 0 {
		b.WriteString("## Contents\n\n")
		for _, h := range d.toc {
			fmt.Fprintf(&b, "- [%s](#%s)\n", h.text, h.anchor)
		}
		b.WriteString("\n")
	}
	b.WriteString(d.body.String())
	return b.String()
}

// h2 starts a section. text must be plain words: its anchor is derived the
// way GitHub, GitLab and goldmark derive it.
func (d *document) h2(text string) {
	d.toc = append(d.toc, heading{text, anchor(text)})
	fmt.Fprintf(&d.body, "## %s\n\n", text)
}

func (d *document) h3(text string) { fmt.Fprintf(&d.body, "### %s\n\n", text) }

// p writes a paragraph of already-escaped Markdown.
func (d *document) p(format string, a ...any) {
	fmt.Fprintf(&d.body, format, a...)
	d.body.WriteString("\n\n")
}

// takeaway writes a chart's or table's one-line takeaway.
func (d *document) takeaway(text string) { d.p("**Takeaway:** %s", text) }

// chart places a chart.
func (d *document) chart(c *Chart) {
	d.charts[c.ID] = c
	fmt.Fprintf(&d.body, "```chart %s\n```\n\n", c.ID)
}

// tileRow places headline tiles.
func (d *document) tileRow(id string, tiles []Tile) {
	d.tiles[id] = tiles
	fmt.Fprintf(&d.header, "```tiles %s\n```\n\n", id)
}

// define adds a glossary entry.
func (d *document) define(term, definition string) { d.glossary[term] = definition }

// table writes a GitHub-flavoured Markdown table. Cells are already escaped;
// align has one of "l", "r" per column.
func (d *document) table(head []string, align string, rows [][]string) {
	writeTable(&d.body, head, align, rows)
	section := "report"
	if len(d.toc) > 0 {
		section = d.toc[len(d.toc)-1].anchor
	}
	n := 1
	for _, t := range d.tables {
		if t.section == section {
			n++
		}
	}
	d.tables = append(d.tables, namedTable{section: section, name: fmt.Sprintf("%s-%d", section, n), head: head, rows: rows})
}

// list writes a titled bullet list of plain text, nothing when items is empty.
func (d *document) list(title string, items []string) {
	if len(items) == 0 {
		return
	}
	d.h3(title)
	for _, it := range items {
		fmt.Fprintf(&d.body, "- %s\n", mdText(it))
	}
	d.body.WriteString("\n")
}

// csvTable adds a table to the CSV files only (for example every campaign
// where the report shows the top ones); cells are already escaped.
func (d *document) csvTable(name string, head []string, rows [][]string) {
	d.tables = append(d.tables, namedTable{section: name, name: name, head: head, rows: rows})
}

func writeTable(b *strings.Builder, head []string, align string, rows [][]string) {
	b.WriteString("| " + strings.Join(head, " | ") + " |\n|")
	for i := range head {
		if i < len(align) && align[i] == 'r' {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	b.WriteString("\n")
}

// anchor derives a heading's anchor as GitHub does: lower case, spaces to
// hyphens, other punctuation dropped.
func anchor(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
