package templates

import (
	"fmt"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

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
				d.cur.WriteString(fmt.Sprintf("- … and %s more (all are in report.json)\n", count(len(r.DataQuality)-show)))
				break
			}
			fmt.Fprintf(d.cur, "- %s:%d: %s: %s\n", mdText(p.File), p.Line, mdText(p.Column), mdText(p.Problem))
		}
		d.cur.WriteString("\n")
	} else {
		d.p("No bad rows or values were found.")
	}
	d.list("Notes", r.Warnings)
	if len(r.Missing) > 0 {
		d.h3("Sections left out")
		for _, m := range r.Missing {
			fmt.Fprintf(d.cur, "- %s: needs %s\n", mdText(strings.ReplaceAll(string(m.Section), "_", " ")), mdText(m.Needs))
		}
		d.cur.WriteString("\n")
	}
}
