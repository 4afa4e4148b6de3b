package templates

import (
	"fmt"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

// document is the report as Markdown sources in which ```chart ID```,
// ```tiles ID``` and ```verdicts ID``` fences place charts, headline tiles and
// the front page's verdicts. The main body holds, per section, a takeaway,
// one or two charts and short tables; the appendix holds what a reader looks
// up (every row of each table, reconciliation, data quality, glossary). The
// wiki renderer expands the fences to Mermaid and tables; the HTML renderer
// turns them into charts, tiles and verdicts through a goldmark AST
// transformer, and folds the appendix away on screen.
type document struct {
	title    string
	header   strings.Builder // title, period line, tiles and verdicts, before the contents
	body     strings.Builder // the main body
	appendix strings.Builder
	cur      *strings.Builder // body, or appendix after more() or in appendix sections
	section  string           // the current section's heading
	sub      string           // the current subsection's heading
	detailed bool             // the current section has its heading in the appendix
	late     bool             // appendix sections are being written
	toc      []heading
	charts   map[string]*Chart
	tiles    map[string][]Tile
	verdicts map[string][]Verdict
	tables   []namedTable // every table, for out/tables/*.csv
	glossary map[string]string
	footer   string
	named    map[string]bool // campaign ids the front page names: long tables keep their rows
	fullAt   []string        // where every row of a long table is: "csv", "json"
	cut      bool            // a table shows only its first and last rows
}

type heading struct{ text, anchor string }

// Tile is one headline figure.
type Tile struct {
	Label string
	Value string
	Note  string // e.g. the change against the previous period
}

// Verdict is one answer of the front page, linked to its section.
type Verdict struct {
	Question, Answer, Evidence string
	Anchor                     string // the backing section's anchor
}

// section writes one part of the report; sections run in order.
type section func(d *document, r *analysis.Report)

// sections is the main body, in order: one line a section. What a section
// writes after d.more() lands in the appendix, and tables longer than
// shortRows are cut to their top and bottom rows there, all rows in the
// appendix.
var sections = []section{
	headerSection,
	summarySection,
	notesSection,
	funnelSection,
	accountsSection,
	spendSection,
	channelsSection,
	latencySection,
	velocitySection,
	assetTypesSection,
	attributionSection,
	hygieneSection,
	leadQualitySection,
	segmentsSection,
}

// appendixSections follow, in the appendix, the full tables and details of
// the main body's sections. The glossary stays last: it lists the terms
// every other section defined.
var appendixSections = []section{
	trendSection,
	previousSection,
	winsSection,
	dataQualitySection,
	glossarySection,
}

// appendixTitle heads the appendix.
const appendixTitle = "Appendix"

// newDocument returns an empty document that writes its main body.
func newDocument(title string) *document {
	d := &document{title: title, charts: map[string]*Chart{}, tiles: map[string][]Tile{}, verdicts: map[string][]Verdict{}, glossary: map[string]string{}, named: map[string]bool{}}
	d.cur = &d.body
	return d
}

// buildDocument builds the report; fullAt names the other outputs written
// beside it ("csv", "json"), where a long table's every row is.
func buildDocument(r *analysis.Report, fullAt ...string) *document {
	d := newDocument(r.Title)
	d.fullAt = fullAt
	for _, id := range r.NamedCampaigns() {
		d.named[id] = true
	}
	main, appendix := sections, appendixSections
	if r.IsPaths() {
		main, appendix = pathSections, pathAppendixSections
	}
	for _, s := range main {
		s(d, r)
	}
	d.cur, d.section, d.sub, d.late = &d.appendix, "", "", true
	for _, s := range appendix {
		s(d, r)
	}
	rows, _ := r.InputRows()
	d.footer = fmt.Sprintf("Campaign Retro %s · period %s (%s to %s) · as of %s · inputs: %s, %s rows, %s",
		r.Version, r.Period.Label, r.Period.From, r.Period.To, r.Period.AsOf, plural(len(r.Inputs), "file", "files"), count(rows), r.InputsHash)
	if r.IsPaths() {
		d.footer = fmt.Sprintf("Campaign Retro %s · aggregated paths, no dates · inputs: %s, %s rows, %s", r.Version, plural(len(r.Inputs), "file", "files"), count(rows), r.InputsHash)
	}
	return d
}

// source returns the whole Markdown source, contents, appendix and footer
// included.
func (d *document) source() string {
	return d.content() + d.appendixSource() + "---\n\n" + mdText(d.footer) + "\n"
}

// content returns the Markdown source of the front page and main body.
func (d *document) content() string {
	var b strings.Builder
	b.WriteString(d.header.String())
	if len(d.toc) > 0 {
		b.WriteString("## Contents\n\n")
		for _, h := range d.toc {
			fmt.Fprintf(&b, "- [%s](#%s)\n", h.text, h.anchor)
		}
		if d.appendix.Len() > 0 {
			fmt.Fprintf(&b, "- [%s](#%s)\n", appendixTitle, anchor(appendixTitle))
		}
		b.WriteString("\n")
	}
	b.WriteString(d.body.String())
	return b.String()
}

// appendixSource returns the appendix's Markdown, under its own heading.
func (d *document) appendixSource() string {
	if d.appendix.Len() == 0 {
		return ""
	}
	return "## " + appendixTitle + "\n\n" + d.appendixBody()
}

// appendixBody returns the appendix's Markdown without its heading (the
// email page writes the heading as the summary of a folded element).
func (d *document) appendixBody() string { return d.appendix.String() }

// h2 starts a section. text must be plain words: its anchor is derived the
// way GitHub, GitLab and goldmark derive it.
func (d *document) h2(text string) {
	d.section, d.sub, d.detailed = text, "", false
	if !d.late {
		d.cur = &d.body
	}
	if d.late {
		fmt.Fprintf(d.cur, "### %s\n\n", text)
		return
	}
	d.toc = append(d.toc, heading{text, anchor(text)})
	fmt.Fprintf(d.cur, "## %s\n\n", text)
}

// h3 starts a subsection (a fourth-level heading in the appendix, where
// sections are third-level).
func (d *document) h3(text string) {
	d.sub = text
	if d.cur == &d.appendix {
		fmt.Fprintf(d.cur, "#### %s\n\n", text)
		return
	}
	fmt.Fprintf(d.cur, "### %s\n\n", text)
}

// more sends the rest of the current main-body section to the appendix,
// under the section's name; appendix sections are already there.
func (d *document) more() {
	if d.cur == &d.appendix {
		return
	}
	d.openDetail()
	d.cur = &d.appendix
}

// openDetail writes the current section's heading in the appendix once.
func (d *document) openDetail() {
	if !d.detailed {
		fmt.Fprintf(&d.appendix, "### %s in full\n\n", d.section)
		d.detailed = true
	}
}

// inMain tells whether the document writes the main body.
func (d *document) inMain() bool { return d.cur == &d.body }

// p writes a paragraph of already-escaped Markdown.
func (d *document) p(format string, a ...any) {
	fmt.Fprintf(d.cur, format, a...)
	d.cur.WriteString("\n\n")
}

// explain writes a paragraph on how to read the section: in the appendix
// when the main body is being written, so the main body keeps to its
// takeaways, charts and short tables.
func (d *document) explain(format string, a ...any) {
	if !d.inMain() {
		d.p(format, a...)
		return
	}
	d.openDetail()
	fmt.Fprintf(&d.appendix, format, a...)
	d.appendix.WriteString("\n\n")
}

// takeaway writes a chart's or table's one-line takeaway.
func (d *document) takeaway(text string) { d.p("**Takeaway:** %s", text) }

// chart places a chart.
func (d *document) chart(c *Chart) { d.charts2(c) }

// charts2 places charts side by side on a wide screen (at most two; nil
// ones are left out).
func (d *document) charts2(cs ...*Chart) {
	var ids []string
	for _, c := range cs {
		if c != nil {
			d.charts[c.ID] = c
			ids = append(ids, c.ID)
		}
	}
	if len(ids) > 0 {
		fmt.Fprintf(d.cur, "```chart %s\n```\n\n", strings.Join(ids, " "))
	}
}

// verdictList places the front page's verdicts.
func (d *document) verdictList(id string, vs []Verdict) {
	d.verdicts[id] = vs
	fmt.Fprintf(&d.header, "```verdicts %s\n```\n\n", id)
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
	d.campaignTable(head, align, rows, nil)
}

// campaignTable writes a table whose rows belong to campaigns: ids[i] is the
// campaign id of rows[i] (nil when rows are not campaigns). A table longer
// than longRows keeps its top and bottom rows and the rows of the campaigns
// the front page names; tables/NAME.csv keeps every row.
func (d *document) campaignTable(head []string, align string, rows [][]string, ids []string) {
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
	name := fmt.Sprintf("%s-%d", section, n)
	if d.inMain() && len(rows) > shortRows {
		title := d.section
		if d.sub != "" {
			title += ", " + strings.ToLower(d.sub[:1]) + d.sub[1:]
		}
		title += ": " + longTitle(len(rows))
		more := ellipsisRow(len(head), len(rows)-shortRows+1, anchor(title))
		if len(rows) > longRows {
			more[0] = longEllipsis(len(rows)-shortRows+1, anchor(title))
		}
		short := append(append(append([][]string{}, rows[:shortTop]...), more), rows[len(rows)-(shortRows-shortTop-1):]...)
		writeTable(d.cur, head, align, short)
		d.openDetail()
		fmt.Fprintf(&d.appendix, "#### %s\n\n", title)
		d.longTable(&d.appendix, name, head, align, rows, ids)
	} else {
		d.longTable(d.cur, name, head, align, rows, ids)
	}
	d.tables = append(d.tables, namedTable{section: section, name: name, head: head, rows: rows})
}

// list writes a titled bullet list of plain text, nothing when items is empty.
func (d *document) list(title string, items []string) {
	if len(items) == 0 {
		return
	}
	d.h3(title)
	for _, it := range items {
		fmt.Fprintf(d.cur, "- %s\n", mdText(it))
	}
	d.cur.WriteString("\n")
}

// A main-body table longer than shortRows shows its first shortTop rows, a
// row that links to the whole table in the appendix, and its last rows.
const (
	shortRows = 5
	shortTop  = 2
)

// ellipsisRow stands for the rows a short table leaves out.
func ellipsisRow(columns, left int, target string) []string {
	row := make([]string, columns)
	row[0] = fmt.Sprintf("_… %s more in the [appendix](#%s)_", count(left), target)
	for i := 1; i < columns; i++ {
		row[i] = "…"
	}
	return row
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
