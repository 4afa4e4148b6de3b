package templates

import (
	"fmt"
	"sort"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

func glossarySection(d *document, r *analysis.Report) {
	d.h2("Glossary")
	terms := make([]string, 0, len(d.glossary))
	for t := range d.glossary {
		terms = append(terms, t)
	}
	sort.Slice(terms, func(i, j int) bool { return strings.ToLower(terms[i]) < strings.ToLower(terms[j]) })
	for _, t := range terms {
		fmt.Fprintf(d.cur, "- **%s**: %s\n", mdText(t), mdText(d.glossary[t]))
	}
	d.cur.WriteString("\n")
}
