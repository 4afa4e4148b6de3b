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
	headingLevel = regexp.MustCompile(`^( {0,3})(#{1,4})(\s|$)`)
	retroFence   = regexp.MustCompile("^(\\s*```+)\\s*(chart|tiles|mermaid)\\b")
	// autolink matches the autolinks the notes may keep.
	autolink = regexp.MustCompile(`^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_{|}~-]+@[A-Za-z0-9.-]+)>`)
	// openFence and setext match a code fence's opening line and a setext
	// heading's underline.
	openFence = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})(.*)$")
	setext    = regexp.MustCompile(`^ {0,3}(=+|-+)[ \t]*$`)
)

// notesSection places the team's own Markdown (--notes) after the summary,
// made safe by safeNotes.
func notesSection(d *document, r *analysis.Report) {
	notes := safeNotes(r.Notes)
	if notes == "" {
		return
	}
	d.h2("Team notes")
	d.cur.WriteString(notes)
	d.cur.WriteString("\n\n")
}

// safeNotes keeps the team's Markdown inside its section and free of
// anything that loads or runs: raw HTML is dropped (and a stray "<" that
// could open an HTML block is written as text), an image becomes a "!"
// and a plain link to its address (a link loads nothing until clicked), footnotes stay
// text (their definitions would move to the end of the page), headings
// move under the section's, a setext underline cannot turn the notes'
// last paragraph into a top-level heading, fences that would place the
// report's charts (or draw a Mermaid chart, whose directives could load a
// style) become plain code, and a code fence left open is
// closed, so that it cannot swallow the sections after the notes.
func safeNotes(notes string) string {
	notes = strings.ReplaceAll(strings.ReplaceAll(notes, "\r\n", "\n"), "\r", "\n")
	notes = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
			return -1
		}
		return r
	}, notes)
	notes = strings.TrimSpace(notes)
	if notes == "" {
		return ""
	}
	lines := strings.Split(notes, "\n")
	out := make([]string, 0, len(lines)+1)
	var fence string // the open fence's marker, "" outside code
	prevText := false
	for _, line := range lines {
		// A line that Markdown() would take for a report chart or tiles
		// fence is plain code, inside the notes' own code blocks too.
		if strings.Contains(line, "```") {
			line = retroFence.ReplaceAllString(line, "${1}text")
		}
		if fence != "" {
			trimmed := strings.TrimSpace(line)
			if len(line)-len(strings.TrimLeft(line, " ")) <= 3 && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]) == "" {
				fence = ""
			}
			out = append(out, line)
			continue
		}
		start := strings.TrimLeft(line, " ")
		if start == "" {
			out = append(out, line)
			prevText = false
			continue
		}
		var m []string
		if start[0] == '`' || start[0] == '~' {
			m = openFence.FindStringSubmatch(line)
		}
		if m != nil && !(m[1][0] == '`' && strings.Contains(m[2], "`")) {
			fence = m[1]
			out = append(out, line)
			prevText = false
			continue
		}
		if (start[0] == '=' || start[0] == '-') && prevText && setext.MatchString(line) {
			out = append(out, "")
		}
		if start[0] == '#' {
			line = headingLevel.ReplaceAllString(line, "$1$2##$3")
		}
		// Raw HTML is dropped line by line: a comment cannot reach into a
		// later code block; an unclosed one stays as text.
		if strings.Contains(line, "<") {
			line = rawHTML.ReplaceAllString(line, "")
		}
		out = append(out, inlineSafe(line))
		prevText = strings.TrimSpace(line) != ""
	}
	if fence != "" {
		out = append(out, fence)
	}
	return strings.Join(out, "\n")
}

// inlineSafe rewrites one line outside code: images become links, a
// footnote reference or definition stays text, and "<" stays text unless it
// opens an autolink.
func inlineSafe(line string) string {
	if !strings.ContainsAny(line, "![<") {
		return line
	}
	var b strings.Builder
	slashes := 0 // backslashes just before line[i]
	for i := 0; i < len(line); i++ {
		c := line[i]
		escaped := slashes%2 == 1
		if c == '\\' {
			slashes++
		} else {
			slashes = 0
		}
		switch {
		case c == '!' && !escaped && strings.HasPrefix(line[i+1:], "["):
			b.WriteString(`\!`)
			continue
		case c == '[' && !escaped && strings.HasPrefix(line[i+1:], "^"):
			b.WriteString(`\[`)
			continue
		case c == '<' && !escaped:
			if m := autolink.FindString(line[i:]); m != "" {
				b.WriteString(m)
				i += len(m) - 1
				continue
			}
			b.WriteString("&lt;")
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
