package templates

import (
	"bytes"
	"encoding/csv"
	"html"
	"strings"
)

// namedTable is a table of the report, kept for its CSV file.
type namedTable struct {
	section, name string
	head          []string
	rows          [][]string
}

// TableFiles renders every table of the document as tables/NAME.csv, named
// after its section (campaign-funnel-1.csv, ...). Cells hold the text the
// report shows, without Markdown; a cell that a spreadsheet would read as
// a formula (starting with =, +, -, @, tab or carriage return) is
// neutralised with a leading apostrophe.
func TableFiles(d *document) []File {
	var out []File
	for _, t := range d.tables {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		write := func(cells []string) {
			rec := make([]string, len(cells))
			for i, c := range cells {
				rec[i] = spreadsheetSafe(plainText(c))
			}
			_ = w.Write(rec)
		}
		write(t.head)
		for _, r := range t.rows {
			write(r)
		}
		w.Flush()
		out = append(out, File{Name: "tables/" + t.name + ".csv", Data: buf.Bytes()})
	}
	return out
}

// plainText undoes the Markdown of a table cell: emphasis markers, escapes
// and HTML entities.
func plainText(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && strings.HasPrefix(s, "_") && strings.HasSuffix(s, "_") && !strings.HasSuffix(s, "\\_") {
		s = s[1 : len(s)-1]
	}
	s = strings.ReplaceAll(s, "**", "")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(mdEscaped, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return html.UnescapeString(b.String())
}

// spreadsheetSafe prefixes an apostrophe to a cell that a spreadsheet would
// run as a formula.
func spreadsheetSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// mdEscaped lists the characters mdText may escape with a backslash.
const mdEscaped = "\\`*_{}[]()#+-.!|~$<>&\"'"
