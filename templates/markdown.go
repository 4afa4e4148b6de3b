package templates

import (
	"fmt"
	"strings"
)

// Markdown renders the wiki page: the document's Markdown with each chart
// fence replaced by a Mermaid xychart and its takeaway, and each tiles fence
// by a table. It needs no raw HTML.
func Markdown(d *document, opts Options) []byte {
	var out strings.Builder
	// Lines of any length (a bufio.Scanner would stop at its buffer's
	// limit and cut the page short).
	rest := d.source()
	next := func() (string, bool) {
		if rest == "" {
			return "", false
		}
		line, after, _ := strings.Cut(rest, "\n")
		rest = after
		return line, true
	}
	for line, ok := next(); ok; line, ok = next() {
		kind, id, ok := fence(line)
		if !ok {
			out.WriteString(line)
			out.WriteByte('\n')
			continue
		}
		next() // the closing fence
		switch kind {
		case "chart":
			for i, id := range strings.Fields(id) {
				if i > 0 {
					out.WriteString("\n")
				}
				writeMermaid(&out, d.charts[id], opts)
			}
		case "verdicts":
			for _, v := range d.verdicts[id] {
				fmt.Fprintf(&out, "- %s **%s.** %s", mdText(v.Question), mdText(v.Answer), mdText(v.Evidence))
				if v.Anchor != "" {
					fmt.Fprintf(&out, " [Details](#%s)", v.Anchor)
				}
				out.WriteString("\n")
			}
		case "tiles":
			var head, row []string
			for _, t := range d.tiles[id] {
				head = append(head, mdText(t.Label))
				cell := "**" + mdText(t.Value) + "**"
				if t.Note != "" {
					cell += " " + mdText(t.Note)
				}
				row = append(row, cell)
			}
			writeTable(&out, head, strings.Repeat("r", len(head)), [][]string{row})
			trimLastNewline(&out)
		}
	}
	return []byte(out.String())
}

func trimLastNewline(b *strings.Builder) {
	s := b.String()
	if strings.HasSuffix(s, "\n\n") {
		b.Reset()
		b.WriteString(s[:len(s)-1])
	}
}

// fence recognises an opening ```chart ID..., ```tiles ID or ```verdicts ID
// line.
func fence(line string) (kind, id string, ok bool) {
	rest, found := strings.CutPrefix(line, "```")
	if !found {
		return "", "", false
	}
	kind, id, found = strings.Cut(rest, " ")
	if !found || (kind != "chart" && kind != "tiles" && kind != "verdicts") {
		return "", "", false
	}
	return kind, id, true
}
