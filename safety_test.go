package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	goldhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
)

// hostileCampaigns are campaign names of testdata/small/campaigns.csv that
// try to break out of each output, with the Mermaid label each must become:
// Mermaid labels keep letters, digits, spaces and harmless punctuation and
// turn the rest into spaces (so "<img src=x ...>" becomes "img src x ...").
var hostileCampaigns = []struct {
	id, name, mermaid string
}{
	{"C2", "Spring Ebook <img src=x onerror=alert(1)>", "Spring Ebook img src x onerror alert 1"},
	{"C6", "</script><script>alert(1)</script>", "/script script alert 1 /script"},
	{"C3", "Brand | `search`", "Brand search"},
	{"C4", `Event "Booth" [London]`, "Event Booth London"},
}

// TestInjection proves that hostile campaign names reach every output as
// plain text: report.html (page text and chart options), report.md rendered
// by a Markdown renderer that lets raw HTML through, its Mermaid labels,
// tables/*.csv (with formula-like cells neutralised) and report.json.
func TestInjection(t *testing.T) {
	out := t.TempDir()
	if err := run([]string{"-q", "--out", out, "--period", "2026-Q3", "--max-bad-rows", "50%", "testdata/small"}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	page, md := read("report.html"), read("report.md")

	// report.html: the browser's view of the page.
	text, scripts, live := pageText(t, page)
	if len(scripts) != 3 { // the chart options, ECharts and the page's script
		t.Errorf("report.html has %d script elements, want 3: a campaign name opened or closed one", len(scripts))
	}
	for _, l := range live {
		t.Errorf("report.html: live markup from the data: %s", l)
	}
	var options any
	if len(scripts) > 0 {
		if err := json.Unmarshal([]byte(scripts[0]), &options); err != nil {
			t.Errorf("report.html: the chart options are not JSON: %v", err)
		}
	}
	chartStrings := map[string]bool{}
	collectStrings(options, chartStrings)

	// report.md: rendered with raw HTML allowed, so any HTML that slipped
	// through would become live markup.
	var rendered bytes.Buffer
	unsafe := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(goldhtml.WithUnsafe()))
	if err := unsafe.Convert(md, &rendered); err != nil {
		t.Fatal(err)
	}
	mdText, mdScripts, mdLive := pageText(t, rendered.Bytes())
	if len(mdScripts) > 0 {
		t.Errorf("report.md renders %d script elements", len(mdScripts))
	}
	for _, l := range mdLive {
		t.Errorf("report.md: live markup from the data: %s", l)
	}

	// The Mermaid blocks of report.md.
	labels := mermaidLabels(t, md)

	// tables/*.csv, as a spreadsheet reads them.
	cells := map[string]bool{}
	files, _ := filepath.Glob(filepath.Join(out, "tables", "*.csv"))
	if len(files) == 0 {
		t.Fatal("no tables/*.csv written")
	}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(f), err)
		}
		for _, rec := range records {
			for _, c := range rec {
				cells[c] = true
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("%s: cell %q would run as a spreadsheet formula", filepath.Base(f), c)
				}
			}
		}
	}
	if !cells[`'=cmd|' /C calc'!A0 (C7)`] {
		t.Error("tables/*.csv: the formula-like campaign name C7 is not neutralised with a leading apostrophe")
	}

	// report.json.
	var report struct {
		Campaigns []struct {
			CampaignID string `json:"campaign_id"`
			Name       string `json:"name"`
		} `json:"campaigns"`
	}
	if err := json.Unmarshal(read("report.json"), &report); err != nil {
		t.Fatal(err)
	}
	jsonNames := map[string]string{}
	for _, c := range report.Campaigns {
		jsonNames[c.CampaignID] = c.Name
	}

	for _, c := range hostileCampaigns {
		shown := c.name + " (" + c.id + ")" // how tables and lists name a campaign
		if !strings.Contains(text, shown) {
			t.Errorf("report.html does not show %q as text", shown)
		}
		if !chartStrings[c.name] {
			t.Errorf("report.html's chart options lack %q as a plain string", c.name)
		}
		if !strings.Contains(mdText, shown) {
			t.Errorf("report.md does not render %q as text", shown)
		}
		if !contains(labels, c.mermaid) {
			t.Errorf("report.md has no Mermaid label %q for %s", c.mermaid, c.id)
		}
		if !cells[shown] {
			t.Errorf("tables/*.csv have no cell %q", shown)
		}
		if jsonNames[c.id] != c.name {
			t.Errorf("report.json names %s %q, want %q", c.id, jsonNames[c.id], c.name)
		}
	}
}

// mermaidLabels checks the Mermaid blocks of report.md (each a pie or
// xychart-beta chart that ends before the next begins, no %% comment or
// directive, balanced quotes, no HTML) and returns their quoted labels.
func mermaidLabels(t *testing.T, md []byte) []string {
	t.Helper()
	var labels []string
	opened := bytes.Count(md, []byte("```mermaid\n"))
	blocks := regexp.MustCompile("(?s)```mermaid\n(.*?)```").FindAllSubmatch(md, -1)
	if len(blocks) != opened || opened == 0 {
		t.Errorf("report.md: %d Mermaid blocks opened, %d closed", opened, len(blocks))
	}
	for _, block := range blocks {
		src := string(block[1])
		if !strings.HasPrefix(src, "pie title ") && !strings.HasPrefix(src, "xychart-beta") || strings.Contains(src, "```") {
			t.Errorf("Mermaid block does not start as a chart or holds a fence:\n%s", src)
		}
		for _, line := range strings.Split(src, "\n") {
			if strings.Contains(line, "%%") || strings.Count(line, `"`)%2 != 0 || strings.ContainsAny(strings.Replace(line, "-->", "", 1), "<>`;{}") {
				t.Errorf("unsafe Mermaid line: %s", line)
			}
			for _, m := range regexp.MustCompile(`"([^"]*)"`).FindAllStringSubmatch(line, -1) {
				labels = append(labels, m[1])
				if strings.ContainsAny(m[1], "[]|{}();:#") || m[1] == "" {
					t.Errorf("Mermaid label with syntax characters: %q", m[1])
				}
			}
		}
	}
	return labels
}

// pageText parses an HTML page as a browser does and returns the text of
// its body outside scripts (spaces collapsed), the text of each script
// element, and a description of each element or attribute that would run
// or load something: img, iframe, object, embed, on* attributes, and
// javascript: links.
func pageText(t *testing.T, page []byte) (text string, scripts, live []string) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				var s strings.Builder
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					s.WriteString(c.Data)
				}
				scripts = append(scripts, s.String())
				return
			case "style":
				return
			case "svg":
				// The static chart drawings are the page's own; inside
				// them only drawing elements may appear.
				if !hasAttr(n, "class", "static-chart") {
					live = append(live, "<svg>")
				}
			case "img", "iframe", "object", "embed", "math", "video", "audio", "source", "link", "base", "form":
				live = append(live, "<"+n.Data+">")
			}
			if n.Namespace == "svg" && !svgDrawing[n.Data] {
				live = append(live, "<svg "+n.Data+">")
			}
			for _, a := range n.Attr {
				key, val := strings.ToLower(a.Key), strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(key, "on") || strings.HasPrefix(val, "javascript:") || key == "src" || key == "srcset" || key == "style" && strings.Contains(val, "url(") {
					live = append(live, "<"+n.Data+" "+a.Key+">")
				}
			}
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return strings.Join(strings.Fields(b.String()), " "), scripts, live
}

// svgDrawing lists the SVG elements a static chart may hold.
var svgDrawing = map[string]bool{"svg": true, "g": true, "path": true, "text": true, "tspan": true, "rect": true, "circle": true, "line": true, "polyline": true, "polygon": true, "defs": true, "clipPath": true, "clippath": true}

// hasAttr tells whether n has attribute key with value val.
func hasAttr(n *html.Node, key, val string) bool {
	for _, a := range n.Attr {
		if a.Key == key && a.Val == val {
			return true
		}
	}
	return false
}

// collectStrings adds every string inside a decoded JSON value to set.
func collectStrings(v any, set map[string]bool) {
	switch v := v.(type) {
	case string:
		set[v] = true
	case []any:
		for _, x := range v {
			collectStrings(x, set)
		}
	case map[string]any:
		for _, x := range v {
			collectStrings(x, set)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestHostileCorpus runs the red team's corpus (testdata/hostile: campaign,
// asset, owner, stage, region and reason values with HTML, script,
// Markdown and Mermaid payloads, %% labels, emails and phone numbers,
// names of 270 and 5,000 letters, a negative and an implausible cost, an
// implausible amount, an invalid byte, hostile --notes and a hostile
// --mapping of values) through all
// four outputs: no live markup, no remote load, no personal data, Mermaid
// blocks intact, and each bad value reported with file:line.
func TestHostileCorpus(t *testing.T) {
	out := t.TempDir()
	var stderr bytes.Buffer
	if err := run([]string{"--out", out, "--period", "2026-Q3", "--max-bad-rows", "50%", "--notes", "testdata/hostile/notes.md", "--mapping", "testdata/hostile/mapping.yaml", "testdata/hostile"}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	page, md, js := read("report.html"), read("report.md"), read("report.json")

	text, scripts, live := pageText(t, page)
	if len(scripts) != 3 {
		t.Errorf("report.html has %d script elements, want 3", len(scripts))
	}
	for _, l := range live {
		t.Errorf("report.html: live markup or a remote load: %s", l)
	}
	var rendered bytes.Buffer
	unsafe := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote), goldmark.WithRendererOptions(goldhtml.WithUnsafe()))
	if err := unsafe.Convert(md, &rendered); err != nil {
		t.Fatal(err)
	}
	_, mdScripts, mdLive := pageText(t, rendered.Bytes())
	for _, l := range append(mdScripts, mdLive...) {
		t.Errorf("report.md: live markup or a remote load: %s", l)
	}
	if i, j := bytes.Index(rendered.Bytes(), []byte("footnotes would move")), bytes.Index(rendered.Bytes(), []byte(">Campaign funnel</h2>")); i < 0 || i > j {
		t.Error("report.md: a footnote from the notes moved to the end of the page")
	}
	mermaidLabels(t, md)
	// The notes stay in their section: the funnel section follows them.
	if !regexp.MustCompile("(?s)## Team notes\n.*```go\nfunc unclosed\\(\\) \\{\n```\n\n## Campaign funnel").Match(md) &&
		!bytes.Contains(md, []byte("func unclosed() {\n```\n\n## Campaign funnel")) {
		t.Error("report.md: the notes' unclosed code fence is not closed before the next section")
	}
	if !strings.Contains(text, "Campaign funnel") || strings.Contains(text, "```chart") {
		t.Error("report.html: the sections after the notes are missing")
	}

	// No personal data from the data in any output, nor on stderr.
	var tables []byte
	files, _ := filepath.Glob(filepath.Join(out, "tables", "*.csv"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		tables = append(tables, b...)
	}
	var report struct {
		Inputs []struct {
			File                      string
			Masked, Replaced, Skipped int
		} `json:"inputs"`
		DataQuality []struct {
			File, Column, Problem string
			Line                  int
		} `json:"data_quality"`
		Campaigns []struct {
			CampaignID string `json:"campaign_id"`
			Name       string `json:"name"`
		} `json:"campaigns"`
	}
	if err := json.Unmarshal(js, &report); err != nil {
		t.Fatal(err)
	}
	outputs := map[string][]byte{"report.html": []byte(text), "report.md": md, "report.json": js, "tables/*.csv": tables, "stderr": stderr.Bytes()}
	for name, b := range outputs {
		for _, pii := range []string{"ann@", "carol@", "rep.one@", "bob@", "example.com ", "555 0100", "555-0100", "555-0199", "7946 0958", "dave@", "6 12 34 56 78", "promo@"} {
			if bytes.Contains(b, []byte(pii)) {
				t.Errorf("%s shows personal data %q", name, pii)
			}
		}
	}
	masked := 0
	for _, in := range report.Inputs {
		masked += in.Masked
	}
	if masked < 10 || !strings.Contains(text, "Masked") {
		t.Errorf("%d values masked in all, or the data quality table lacks the count", masked)
	}

	// Bad values are reported with file:line: column.
	problems := map[string]bool{}
	for _, p := range report.DataQuality {
		problems[fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Column)] = true
	}
	for _, want := range []string{"campaigns.csv:15: cost", "campaigns.csv:15: (row)", "campaigns.csv:16: cost", "opportunities.csv:22: amount", "leads.csv:43: lead_id"} {
		if !problems[want] {
			t.Errorf("data_quality lacks %s", want)
		}
	}

	// Long names are whole in report.json and the CSV tables; the invalid
	// byte is replaced, the rest of the file stays UTF-8.
	names := map[string]string{}
	for _, c := range report.Campaigns {
		names[c.CampaignID] = c.Name
	}
	if len(names["C10"]) != 5000 || !bytes.Contains(tables, []byte(names["C10"])) {
		t.Errorf("the 5,000-letter name is not whole in report.json (%d letters) and the tables", len(names["C10"]))
	}
	if !strings.Contains(text, "Neg cost Café \uFFFD") && names["C13"] != "" {
		t.Errorf("C13 is %q", names["C13"])
	}
}
