// Package templates renders an analysis.Report as report.md (a wiki page),
// report.html (a self-contained page for email) and report.json. It is the
// only user of goldmark, go-echarts and go-analyze/charts, and owns the
// embedded CSS and the vendored ECharts runtime. document.go builds the
// report (front page, main body, appendix) from the section_*.go files, one
// section each; format.go formats figures; charts.go (ECharts), svg.go
// (static SVG) and mermaid.go (wiki) draw the same Chart. Renderers format
// and place figures; they compute none.
package templates

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/campaignretro/retro/analysis"
)

// File is one rendered output: Data, or when Data is nil, Parts one after
// the other (report.json, which for thousands of campaigns is tens of
// megabytes, is not copied into one slice).
type File struct {
	Name  string
	Data  []byte
	Parts [][]byte
}

// Bytes returns the file's bytes in one slice.
func (f File) Bytes() []byte {
	if f.Parts == nil {
		return f.Data
	}
	return bytes.Join(f.Parts, nil)
}

// Formats are the outputs Render writes, in the order --format lists them:
// "csv" is every table of the report as tables/NAME.csv.
var Formats = []string{"html", "md", "json", "csv"}

// ParseFormats reads a comma-separated list of Formats ("md,json"); case
// and spaces around names are ignored, and at least one is needed.
func ParseFormats(s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch {
		case f == "":
		case slices.Contains(Formats, f):
			out = append(out, f)
		default:
			return nil, fmt.Errorf("%q: use %s", f, strings.Join(Formats, ", "))
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("name at least one of %s", strings.Join(Formats, ", "))
	}
	return out, nil
}

// Options tune the rendering.
type Options struct {
	// MDImages writes each chart of report.md as charts/ID.svg beside it
	// and links the image in place of Mermaid, for wikis that show images.
	MDImages bool
}

// Render renders r in each of formats ("html", "md", "csv", "json"), in
// that order; "csv" is every table of the report as tables/NAME.csv.
func Render(r *analysis.Report, formats []string, opts ...Options) ([]File, error) {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	want := map[string]bool{}
	for _, f := range formats {
		want[f] = true
	}
	// report.json and the CSV files are written on the other core while
	// the HTML and the wiki page are: each only reads r or the built
	// document, and the files keep their order.
	var (
		wg      sync.WaitGroup
		jsParts [][]byte
		jsErr   error
		csv     []File
		out     []File
		err     error
	)
	if want["json"] {
		wg.Go(func() { jsParts, jsErr = jsonParts(r) })
	}
	if want["html"] || want["md"] || want["csv"] {
		var fullAt []string
		for _, f := range []string{"csv", "json"} {
			if want[f] {
				fullAt = append(fullAt, f)
			}
		}
		doc := buildDocument(r, fullAt...)
		if want["csv"] {
			wg.Go(func() { csv = TableFiles(doc) })
		}
		out, err = pages(r, doc, want, o)
	}
	wg.Wait()
	if err != nil {
		return nil, err
	}
	out = append(out, csv...)
	if want["json"] {
		if jsErr != nil {
			return nil, jsErr
		}
		out = append(out, File{Name: "report.json", Parts: jsParts})
	}
	return out, nil
}

// pages renders the document as report.html and report.md (with its chart
// images), those of them want names.
func pages(r *analysis.Report, doc *document, want map[string]bool, o Options) ([]File, error) {
	var out []File
	if want["html"] {
		html, err := HTML(r, doc)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Name: "report.html", Data: html})
	}
	if want["md"] {
		out = append(out, File{Name: "report.md", Data: Markdown(doc, o)})
		if o.MDImages {
			images, err := chartImages(doc)
			if err != nil {
				return nil, err
			}
			out = append(out, images...)
		}
	}
	return out, nil
}

// chartImages draws every chart of the wiki page as charts/ID.svg, in id
// order.
func chartImages(d *document) ([]File, error) {
	byID := map[string]*Chart{}
	for _, c := range d.charts {
		if c.Wiki != nil {
			c = c.Wiki
		}
		if !c.empty() {
			byID[c.ID] = c
		}
	}
	var out []File
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		svg, err := byID[id].staticSVG()
		if err != nil {
			return nil, err
		}
		// A file stands alone: its own size and a white ground, for wikis
		// in dark mode.
		svg = bytes.Replace(svg, []byte("<svg "), []byte(fmt.Sprintf(`<svg width="%d" height="%d" style="background:#fff" `, staticWidth, staticHeight)), 1)
		out = append(out, File{Name: chartFile(id), Data: append(svg, '\n')})
	}
	return out, nil
}
