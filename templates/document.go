package templates

import (
	"fmt"
	"sort"
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
	trendSection,
	previousSection,
	winsSection,
	dataQualitySection,
	glossarySection,
}

func buildDocument(r *analysis.Report) *document {
	d := &document{title: r.Title, charts: map[string]*Chart{}, tiles: map[string][]Tile{}, glossary: map[string]string{}}
	secs := sections
	if r.IsPaths() {
		secs = pathSections
	}
	for _, s := range secs {
		s(d, r)
	}
	rows := 0
	for _, in := range r.Inputs {
		rows += in.Rows
	}
	d.footer = fmt.Sprintf("Campaign Retro %s · period %s (%s to %s) · as of %s · inputs: %s, %s rows, %s",
		r.Version, r.Period.Label, r.Period.From, r.Period.To, r.Period.AsOf, plural(len(r.Inputs), "file", "files"), count(rows), r.InputsHash)
	if r.IsPaths() {
		d.footer = fmt.Sprintf("Campaign Retro %s · aggregated paths, no dates · inputs: %s, %s rows, %s", r.Version, plural(len(r.Inputs), "file", "files"), count(rows), r.InputsHash)
	}
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

// small marks a rate computed from fewer than analysis.SmallSample cases.
func small(text string, n int) string {
	if n < analysis.SmallSample && text != "n/a" {
		return "_" + text + " (small sample)_"
	}
	return text
}

// withCI writes a rate with its interval: "31% (24–38%)".
func withCI(r *float64, ci *analysis.Interval) string {
	if r == nil {
		return "n/a"
	}
	return rate(r) + " (" + interval(ci) + ")"
}

func headerSection(d *document, r *analysis.Report) {
	fmt.Fprintf(&d.header, "# %s\n\n", mdText(r.Title))
	rows, skipped := 0, 0
	for _, in := range r.Inputs {
		rows += in.Rows
		skipped += in.Skipped
	}
	fmt.Fprintf(&d.header, "**Period:** %s (%s to %s, %d days) · **As of:** %s · **Inputs:** %d files, %s rows, %s skipped · **Lookback:** %d days · **Attribution model:** %s\n\n",
		mdText(r.Period.Label), r.Period.From, r.Period.To, r.Period.Days, mdText(r.Period.AsOf), len(r.Inputs), count(rows), count(skipped),
		r.Settings.LookbackDays, mdText(strings.ReplaceAll(string(r.Settings.Model), "_", " ")))
	t := r.Totals
	// vs writes a tile's change against the previous period.
	vs := func(rel *float64, delta string) string {
		pc := r.PreviousChange
		if pc == nil {
			return ""
		}
		if rel != nil {
			return signedPct(*rel) + " vs " + pc.Label
		}
		if delta != "" {
			return delta + " vs " + pc.Label
		}
		return ""
	}
	var rel analysis.TotalsChange
	winDelta := ""
	if pc := r.PreviousChange; pc != nil {
		if pc.Relative != nil {
			rel = *pc.Relative
		}
		if pc.Delta != nil && pc.Delta.WinRate != nil {
			winDelta = signedPoints(pc.Delta.WinRate)
		}
	}
	d.tileRow("totals", []Tile{
		{Label: "Leads created", Value: countPtr(t.LeadsCreated), Note: vs(rel.LeadsCreated, "")},
		{Label: "Responders", Value: countPtr(t.Responders), Note: vs(rel.Responders, "")},
		{Label: "MQLs", Value: countPtr(t.MQLs), Note: vs(rel.MQLs, "")},
		{Label: "SQLs", Value: countPtr(t.SQLs), Note: vs(rel.SQLs, "")},
		{Label: "Pipeline created", Value: shortPtr(t.Pipeline), Note: joinNotes(pluralPtr(t.OpportunitiesCreated, "opportunity", "opportunities"), vs(rel.Pipeline, ""))},
		{Label: "Revenue won", Value: shortPtr(t.Revenue), Note: joinNotes(pluralPtr(t.Won, "deal", "deals"), vs(rel.Revenue, ""))},
		{Label: "Win rate", Value: rate(t.WinRate), Note: joinNotes(countPtr(t.Won)+" won, "+countPtr(t.Lost)+" lost", vs(nil, winDelta))},
		{Label: "Campaign cost", Value: shortPtr(t.Cost), Note: vs(rel.Cost, "")},
	})
	d.define("Period", "The report period: whole days, inclusive, in the report time zone ("+r.Settings.TZ+"). A figure is \"in the period\" when its date falls in it.")
	d.define("As of", "The moment the data describes: --as-of if given, else the latest event timestamp in the input. It only bounds open windows (for example how long a never-contacted lead has waited); it removes no data.")
	d.define("Lookback window", fmt.Sprintf("How long before an opportunity a campaign touch still counts for it: %d days.", r.Settings.LookbackDays))
	d.define("Leads created", "Leads whose record was created in the period.")
	d.define("MQL", "Marketing-qualified lead: a lead whose mql_at date is in the period.")
	d.define("SQL", "Sales-accepted (sales-qualified) lead: a lead whose sql_at date is in the period.")
	d.define("Pipeline", "The amount of the opportunities created in the period.")
	d.define("Revenue", "The amount of the opportunities won (closed) in the period.")
	d.define("Win rate", "Won deals divided by won plus lost deals (open deals do not count).")
}

// joinNotes joins the non-empty notes of a tile.
func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "; ")
}

func pluralPtr(n *int, one, many string) string {
	if n == nil {
		return ""
	}
	return plural(*n, one, many)
}

func shortPtr(m *analysis.Money) string {
	if m == nil {
		return "n/a"
	}
	return moneyShort(*m)
}

func funnelSection(d *document, r *analysis.Report) {
	d.h2("Campaign funnel")
	if r.Campaigns == nil {
		d.p("%s", missingLine(r, "campaigns"))
		return
	}
	t := r.Totals
	d.takeaway(fmt.Sprintf("In %s, campaigns reached %s responders; %s leads became MQLs, %s became SQLs, %s created and %s won.",
		mdText(r.Period.Label), countPtr(t.Responders), countPtr(t.MQLs), countPtr(t.SQLs), pluralPtr(t.OpportunitiesCreated, "opportunity was", "opportunities were"), pluralPtr(t.Won, "deal was", "deals were")))
	stage := func(v *int) float64 {
		if v == nil {
			return 0
		}
		return float64(*v)
	}
	mqls, sqls := t.MQLs, t.SQLs
	d.chart(&Chart{
		ID:         "funnel",
		Title:      "Funnel for " + r.Period.Label,
		Takeaway:   "Responders, MQLs, SQLs, opportunities created and deals won in the period.",
		Categories: []string{"Responders", "MQLs", "SQLs", "Opportunities", "Won"},
		Series:     []Series{{Name: "Count", Values: []float64{stage(t.Responders), stage(mqls), stage(sqls), stage(t.OpportunitiesCreated), stage(t.Won)}}},
		YName:      "count",
	})
	rows := append([]analysis.Campaign(nil), r.Campaigns...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Pipeline > rows[j].Pipeline })
	var cells [][]string
	for _, c := range rows {
		cells = append(cells, []string{
			mdText(c.Name) + " (" + mdText(c.CampaignID) + ")", mdText(c.Channel),
			count(c.Responders), count(c.NewLeads),
			small(withCI(c.MQLRate, c.MQLRateCI), c.Responders),
			small(rate(c.SQLRate), c.MQLs),
			small(rate(c.OppRate), c.Responders),
			count(c.Opportunities), money(c.Pipeline), count(c.Won),
			small(withCI(c.WinRate, c.WinRateCI), c.Won+c.Lost), money(c.Revenue),
		})
	}
	d.p("Every campaign with a touch in the period or running during it, largest pipeline first. A campaign counts every opportunity it touched (influence), so pipeline overlaps between campaigns; see attribution for a split that adds up. Rates in brackets are 95%% intervals; rates from fewer than %d cases are marked small sample.", analysis.SmallSample)
	d.table([]string{"Campaign", "Channel", "Responders", "New leads", "MQL rate", "SQL rate", "Opp rate", "Opps", "Pipeline", "Won", "Win rate", "Revenue"}, "llrrrrrrrrrr", cells)
	d.define("Responder", "A person with a touch (campaign response) on the campaign in the period; counted once per campaign, from their first touch on it in the period.")
	d.define("New leads", "Leads created in the period whose first touch ever was on this campaign.")
	d.define("MQL rate", "Responders who became MQLs at or after their first touch on the campaign, divided by responders.")
	d.define("SQL rate", "Of those MQLs, the share who also became SQLs at or after that touch.")
	d.define("Opp rate", "Responders who are on an opportunity created within the lookback window after their touch, divided by responders.")
	d.define("95% interval", "The Wilson score interval: the range the true rate plausibly lies in, given the sample size. Wide intervals mean few cases.")
	d.define("Small sample", fmt.Sprintf("A rate computed from fewer than %d cases; shown in italics and not ranked.", analysis.SmallSample))
}

func spendSection(d *document, r *analysis.Report) {
	d.h2("Spend and return")
	if r.Campaigns == nil {
		d.p("%s", missingLine(r, "campaigns"))
		return
	}
	model := strings.ReplaceAll(string(r.Settings.Model), "_", " ")
	rows := append([]analysis.Campaign(nil), r.Campaigns...)
	sort.SliceStable(rows, func(i, j int) bool {
		return rows[i].Cost+rows[i].AttributedRevenue > rows[j].Cost+rows[j].AttributedRevenue
	})
	top := rows
	if len(top) > 15 {
		top = top[:15]
	}
	c := &Chart{
		ID:       "spend",
		Title:    "Cost and attributed revenue per campaign (" + model + " credit)",
		Takeaway: fmt.Sprintf("The %d campaigns with the most cost plus attributed revenue; revenue is credited with the %s model.", len(top), model),
		Money:    true, Horizontal: true, YName: "amount",
		Series: []Series{{Name: "Cost"}, {Name: "Attributed revenue"}},
	}
	for _, row := range top {
		c.Categories = append(c.Categories, row.Name)
		c.Series[0].Values = append(c.Series[0].Values, float64(row.Cost))
		c.Series[1].Values = append(c.Series[1].Values, float64(row.AttributedRevenue))
	}
	d.chart(c)
	d.p("Attributed figures use the **%s** model (change it with --model). ROI is attributed revenue minus cost, divided by cost.", mdText(model))
	var cells [][]string
	for _, row := range rows {
		roi := "n/a"
		if row.ROI != nil {
			roi = signedPct(*row.ROI)
		}
		cells = append(cells, []string{
			mdText(row.Name) + " (" + mdText(row.CampaignID) + ")", money(row.Cost),
			moneyPtr(row.CostPerResponder), moneyPtr(row.CostPerOpportunity),
			money(row.AttributedPipeline), money(row.AttributedRevenue), roi,
		})
	}
	d.table([]string{"Campaign", "Cost", "Cost per responder", "Cost per opp", "Attributed pipeline", "Attributed revenue", "ROI"}, "lrrrrrr", cells)
	d.define("Cost", "The campaign's cost prorated to the days of its run inside the period (the whole cost when it lacks start or end date).")
	d.define("Attributed revenue", "The campaign's share of won revenue under the chosen attribution model; shares of all campaigns plus the unattributed remainder add up to total revenue.")
	d.define("ROI", "Return on investment: (attributed revenue - cost) / cost.")
}

func missingLine(r *analysis.Report, section analysis.Section) string {
	for _, m := range r.Missing {
		if m.Section == section {
			return "This section needs " + mdText(m.Needs) + ", which the input folder does not have."
		}
	}
	return "This section has no data."
}

func dataQualitySection(d *document, r *analysis.Report) {
	d.h2("Data quality")
	var cells [][]string
	for _, in := range r.Inputs {
		cells = append(cells, []string{mdText(in.File), count(in.Rows), count(in.Skipped), count(in.Blanked), count(in.Masked), count(in.Replaced)})
	}
	d.list("What each file was taken for", r.Detected)
	d.list("What the CRM exports can feed", r.Coverage)
	d.p("Rows read per file; skipped rows broke the data contract and were left out, blanked values were unreadable optional values that were ignored, masked values are email addresses and phone numbers found in text, shown as [email N] and [phone N], replaced counts the lines whose invalid UTF-8 bytes are shown as U+FFFD.")
	d.table([]string{"File", "Rows", "Skipped", "Blanked", "Masked", "Replaced"}, "lrrrrr", cells)
	if len(r.ProblemCounts) > 0 {
		d.h3("Problems by file and column")
		var counts [][]string
		for _, pc := range r.ProblemCounts {
			kind := "values blanked"
			if pc.Skipped {
				kind = "rows skipped"
			}
			counts = append(counts, []string{mdText(pc.File), mdText(pc.Column), kind, count(pc.Count)})
		}
		d.table([]string{"File", "Column", "Kind", "Count"}, "lllr", counts)
	}
	if len(r.DataQuality) > 0 {
		const show = 25
		d.h3("First problems found")
		for i, p := range r.DataQuality {
			if i == show {
				d.body.WriteString(fmt.Sprintf("- … and %s more (all are in report.json)\n", count(len(r.DataQuality)-show)))
				break
			}
			fmt.Fprintf(&d.body, "- %s:%d: %s: %s\n", mdText(p.File), p.Line, mdText(p.Column), mdText(p.Problem))
		}
		d.body.WriteString("\n")
	} else {
		d.p("No bad rows or values were found.")
	}
	d.list("Notes", r.Warnings)
	if len(r.Missing) > 0 {
		d.h3("Sections left out")
		for _, m := range r.Missing {
			fmt.Fprintf(&d.body, "- %s: needs %s\n", mdText(strings.ReplaceAll(string(m.Section), "_", " ")), mdText(m.Needs))
		}
		d.body.WriteString("\n")
	}
}

func glossarySection(d *document, r *analysis.Report) {
	d.h2("Glossary")
	terms := make([]string, 0, len(d.glossary))
	for t := range d.glossary {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(i, j int) bool { return strings.ToLower(terms[i]) < strings.ToLower(terms[j]) })
	for _, t := range terms {
		fmt.Fprintf(&d.body, "- **%s**: %s\n", mdText(t), mdText(d.glossary[t]))
	}
	d.body.WriteString("\n")
}
