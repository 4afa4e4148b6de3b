package templates

import (
	"fmt"
	"strings"
	"testing"
)

// TestLongTable checks how a table longer than longRows is cut: its first
// and last longEnds rows, the rows of named campaigns, a row per gap with
// the count left out, a line saying where every row is; the CSV keeps every
// row, and a table of longRows rows is whole.
func TestLongTable(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rows   int
		named  []string
		fullAt []string
		main   bool // the table is written in the main body
		want   []string
		not    []string
	}{
		{name: "at the bound", rows: 100, fullAt: []string{"csv", "json"},
			want: []string{"| c1 | 1 |", "| c50 | 50 |", "| c100 | 100 |"},
			not:  []string{"left out", "rows are shown"}},
		{name: "one over, a named campaign in the middle", rows: 101, named: []string{"id51", "id2"}, fullAt: []string{"csv", "json"},
			want: []string{"| c40 | 40 |\n| _… 10 rows left out_ | … |\n| c51 | 51 |\n| _… 10 rows left out_ | … |\n| c62 | 62 |",
				"_The first and last 40 of 101 rows are shown, and 1 campaign the summary names; every row is in `tables/first-1.csv` beside this report and in report.json._"},
			not: []string{"| c41 |", "| c61 |"}},
		{name: "no named campaign, csv only", rows: 300, fullAt: []string{"csv"},
			want: []string{"| c40 | 40 |\n| _… 220 rows left out_ | … |\n| c261 | 261 |",
				"_The first and last 40 of 300 rows are shown; every row is in `tables/first-1.csv` beside this report._"}},
		{name: "no other output", rows: 300,
			want: []string{"rows are shown; --format csv writes every row to `tables/first-1.csv`._"}},
		{name: "main body", rows: 250, main: true, fullAt: []string{"json"}, named: []string{"id100"},
			want: []string{"_… 246 more, the first and last 40 in the [appendix](#first-first-and-last-40-of-250-rows)_",
				"#### First: first and last 40 of 250 rows\n",
				"| c100 | 100 |",
				"_The first and last 40 of 250 rows are shown, and 1 campaign the summary names; every row is in report.json._"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDocument("T")
			d.fullAt = tc.fullAt
			for _, id := range tc.named {
				d.named[id] = true
			}
			d.h2("First")
			if !tc.main {
				d.more()
			}
			var rows [][]string
			var ids []string
			for i := 1; i <= tc.rows; i++ {
				rows = append(rows, []string{fmt.Sprintf("c%d", i), fmt.Sprint(i)})
				ids = append(ids, fmt.Sprintf("id%d", i))
			}
			d.campaignTable([]string{"Campaign", "N"}, "lr", rows, ids)
			src := d.source()
			for _, w := range tc.want {
				if !strings.Contains(src, w) {
					t.Errorf("lacks %q:\n%s", w, src)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(src, w) {
					t.Errorf("holds %q", w)
				}
			}
			if cut := strings.Contains(d.appendixNote(), "first and last 40 rows"); cut != (tc.rows > longRows) {
				t.Errorf("appendix note %q for a table of %d rows", d.appendixNote(), tc.rows)
			}
			if len(d.tables) != 1 || len(d.tables[0].rows) != tc.rows || d.tables[0].name != "first-1" {
				t.Errorf("CSV table: %d tables, want first-1 with every row", len(d.tables))
			}
		})
	}
}
