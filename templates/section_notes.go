package templates

import (
	"regexp"
	"strings"

	"github.com/campaignretro/retro/analysis"
)

var (
	// rawHTML matches HTML tags and comments, not autolinks such as
	// <https://wiki.example.com/retro> or <ops@example.com>.
	rawHTML      = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^>]*)?/?>|<!--[\s\S]*?-->`)
	headingLevel = regexp.MustCompile(`(?m)^(#{1,4})(\s)`)
	retroFence   = regexp.MustCompile("(?m)^(\\s*```+)\\s*(chart|tiles)\\b")
)

// notesSection places the team's own Markdown (--notes) after the summary.
// Raw HTML is dropped (the wiki page stays free of it, and the email page's
// goldmark has raw HTML off anyway), headings move under the section's, and
// fences that would place the report's charts become plain code.
func notesSection(d *document, r *analysis.Report) {
	notes := strings.TrimSpace(r.Notes)
	if notes == "" {
		return
	}
	notes = rawHTML.ReplaceAllString(notes, "")
	notes = headingLevel.ReplaceAllString(notes, "$1##$2")
	notes = retroFence.ReplaceAllString(notes, "${1}text")
	d.h2("Team notes")
	d.cur.WriteString(strings.ReplaceAll(notes, "\r\n", "\n"))
	d.cur.WriteString("\n\n")
}
