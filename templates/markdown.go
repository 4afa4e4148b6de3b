package templates

import (
	"fmt"
	"strings"
)

// Markdown renders the wiki page: the document's Markdown with each chart
// fence replaced by a Mermaid xychart and its takeaway, and each tiles fence
// by a table. It needs no raw HTML.
func Markdown(d *document) []byte {
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
			c := d.charts[id]
			if c.Wiki != nil {
				c = c.Wiki
			}
			fmt.Fprintf(&out, "**%s.** %s\n\n", mdText(c.Title), mdText(c.Takeaway))
			out.WriteString("```mermaid\n")
			out.WriteString(c.mermaid())
			out.WriteString("```\n")
			if note := c.mermaidNote(); note != "" {
				out.WriteString("\n" + note + "\n")
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

// fence recognises an opening ```chart ID or ```tiles ID line.
func fence(line string) (kind, id string, ok bool) {
	rest, found := strings.CutPrefix(line, "```")
	if !found {
		return "", "", false
	}
	kind, id, found = strings.Cut(rest, " ")
	if !found || (kind != "chart" && kind != "tiles") {
		return "", "", false
	}
	return kind, id, true
}

// mermaidNote explains, under a Mermaid chart, what its extra lines are.
func (c *Chart) mermaidNote() string {
	var parts []string
	if len(c.Series) > 1 {
		var names []string
		for _, s := range c.Series {
			names = append(names, mdText(s.Name))
		}
		parts = append(parts, "Series in order: "+strings.Join(names, ", ")+".")
	}
	for _, s := range c.Series {
		if s.Low != nil {
			parts = append(parts, fmt.Sprintf("The two thin lines around %s are its 95%% interval.", mdText(s.Name)))
		}
	}
	if c.Reference != nil {
		parts = append(parts, "The flat line is "+mdText(c.Reference.Name)+".")
	}
	if len(parts) == 0 {
		return ""
	}
	return "_" + strings.Join(parts, " ") + "_\n"
}
