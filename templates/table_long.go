package templates

import (
	"fmt"
	"strings"
)

// A table longer than longRows (thousands of campaigns, say) shows its first
// and last longEnds rows, by its own order, and the rows of the campaigns
// the front page names; a line says how many rows are left out and where
// every row is (tables/NAME.csv, report.json). Shorter tables show every
// row.
const (
	longRows = 100
	longEnds = 40
)

// longTitle names the appendix table that holds a main-body table's rows.
func longTitle(rows int) string {
	if rows > longRows {
		return fmt.Sprintf("first and last %d of %s rows", longEnds, count(rows))
	}
	return "all " + count(rows) + " rows"
}

// longEllipsis is the first cell of a main-body table's ellipsis row when
// the appendix shows only the first and last rows.
func longEllipsis(left int, target string) string {
	return fmt.Sprintf("_… %s more, the first and last %d in the [appendix](#%s)_", count(left), longEnds, target)
}

// longTable writes rows as the table NAME, cut to its first and last rows
// and those of named campaigns when it is longer than longRows; ids[i] is
// the campaign id of rows[i], or ids is nil.
func (d *document) longTable(b *strings.Builder, name string, head []string, align string, rows [][]string, ids []string) {
	if len(rows) <= longRows {
		writeTable(b, head, align, rows)
		return
	}
	d.cut = true
	var shown [][]string
	gap, named := 0, 0
	for i, row := range rows {
		keep := i < longEnds || i >= len(rows)-longEnds
		if !keep && ids != nil && d.named[ids[i]] {
			keep = true
			named++
		}
		if !keep {
			gap++
			continue
		}
		if gap > 0 {
			shown = append(shown, gapRow(len(head), gap))
			gap = 0
		}
		shown = append(shown, row)
	}
	writeTable(b, head, align, shown)
	text := fmt.Sprintf("The first and last %d of %s rows are shown", longEnds, count(len(rows)))
	if named > 0 {
		text += ", and " + plural(named, "campaign", "campaigns") + " the summary names"
	}
	fmt.Fprintf(b, "_%s; %s._\n\n", text, d.fullRowsAt(name))
}

// appendixNote sums up the appendix under its folded heading.
func (d *document) appendixNote() string {
	if d.cut {
		return fmt.Sprintf("each table (the first and last %d rows of a longer one), reconciliation, data quality and glossary", longEnds)
	}
	return "every row of each table, reconciliation, data quality and glossary"
}

// gapRow stands for rows a long table leaves out.
func gapRow(columns, left int) []string {
	row := make([]string, columns)
	row[0] = "_… " + plural(left, "row", "rows") + " left out_"
	for i := 1; i < columns; i++ {
		row[i] = "…"
	}
	return row
}

// fullRowsAt says where every row of table NAME is, given the outputs
// written beside the report.
func (d *document) fullRowsAt(name string) string {
	var at []string
	for _, f := range d.fullAt {
		switch f {
		case "csv":
			at = append(at, "in `tables/"+name+".csv` beside this report")
		case "json":
			at = append(at, "in report.json")
		}
	}
	if len(at) == 0 {
		return "--format csv writes every row to `tables/" + name + ".csv`"
	}
	return "every row is " + strings.Join(at, " and ")
}
