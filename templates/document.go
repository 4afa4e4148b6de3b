package templates

import "github.com/campaignretro/retro/analysis"

// document is the report as Markdown source with placeholders.
type document struct{ source string }

func buildDocument(r *analysis.Report) *document { return &document{source: "# " + r.Title + "\n"} }

// Markdown renders the wiki page.
func Markdown(d *document) []byte { return []byte(d.source) }

// HTML renders the email page.
func HTML(r *analysis.Report, d *document) ([]byte, error) { return []byte(d.source), nil }
