package loader

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Personal data in free text. A disqualify reason such as "Ann (ann@x.com)
// asked to be removed", an owner written as an email address, or a lead id
// that is a phone number would otherwise reach every output. The loader
// masks them where it reads text, so that every renderer gets clean text:
//
//   - an email address (text@domain.tld) becomes "[email N]";
//   - a phone number becomes "[phone N]": 7 to 15 digits, written with a
//     leading "+", with an area code in parentheses, or in three or more
//     groups of digits split by one kind of separator (space, "-" or "."),
//     but not a date (2026-07-01, 01.07.2026), a number with thousands
//     separators (1 000 000) or digits glued to a longer id (CMP-2026-0001-15).
//
// N numbers the distinct addresses and numbers of a load in the order they
// are first met, so that two owners written as emails stay two owners.
// Problem lines built outside a row (quote) use "[email]" and "[phone]".

var (
	emailPattern = regexp.MustCompile(`[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`)
	phonePattern = regexp.MustCompile(`\+?\(?\d[\d .()-]*\d`)
)

// masker numbers the distinct emails and phone numbers of one load.
type masker struct {
	seen map[string]string
	n    [2]int
}

// mayHoldPII is a fast test that s has an "@" or at least 7 digits.
func mayHoldPII(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '@' {
			return true
		}
		if c >= '0' && c <= '9' {
			digits++
		}
	}
	return digits >= 7
}

// mask returns s with its email addresses and phone numbers replaced, and
// how many it replaced. m may be nil: the replacements are then unnumbered.
func (m *masker) mask(s string) (string, int) {
	if !mayHoldPII(s) {
		return s, 0
	}
	n := 0
	name := func(kind int, v string) string {
		n++
		label := [2]string{"email", "phone"}[kind]
		if m == nil {
			return "[" + label + "]"
		}
		if m.seen == nil {
			m.seen = map[string]string{}
		}
		key := label + "\x00" + v
		if r, ok := m.seen[key]; ok {
			return r
		}
		m.n[kind]++
		r := "[" + label + " " + strconv.Itoa(m.n[kind]) + "]"
		m.seen[key] = r
		return r
	}
	if strings.IndexByte(s, '@') >= 0 {
		s = emailPattern.ReplaceAllStringFunc(s, func(v string) string { return name(0, strings.ToLower(v)) })
	}
	if mayHoldPII(s) {
		var b strings.Builder
		last := 0
		for _, loc := range phonePattern.FindAllStringIndex(s, -1) {
			lo, hi := loc[0], loc[1]
			// The pattern may take a separator or a closing parenthesis
			// too many at the end; digits end a number.
			if !isPhone(s, lo, hi) {
				continue
			}
			b.WriteString(s[last:lo])
			b.WriteString(name(1, digitsOf(s[lo:hi])))
			last = hi
		}
		if last > 0 {
			b.WriteString(s[last:])
			s = b.String()
		}
	}
	return s, n
}

// maskPII masks s without numbering (for problem lines built outside a row).
func maskPII(s string) string {
	out, _ := (*masker)(nil).mask(s)
	return out
}

func digitsOf(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// isPhone applies the phone rule above to the candidate s[lo:hi].
func isPhone(s string, lo, hi int) bool {
	c := s[lo:hi]
	digits := len(digitsOf(c))
	if digits < 7 || digits > 15 {
		return false
	}
	// Digits glued to a longer token (an id such as CMP-2026-0001-15 or
	// INV2026-555-0100) are not a phone number.
	if r, _ := utf8.DecodeLastRuneInString(s[:lo]); lo > 0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_/.:#", r)) {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(s[hi:]); hi < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_/:", r)) {
		return false
	}
	if c[0] == '+' || strings.Contains(c, "(") && strings.Contains(c, ")") {
		return true
	}
	var groups []string
	seps := map[rune]bool{}
	start := -1
	for i, r := range c {
		if r >= '0' && r <= '9' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			groups = append(groups, c[start:i])
			start = -1
		}
		seps[r] = true
	}
	if start >= 0 {
		groups = append(groups, c[start:])
	}
	if len(groups) < 3 || len(seps) != 1 || strings.Contains(c, "  ") {
		return false
	}
	if len(groups) == 3 && isDateShape(groups) {
		return false
	}
	thousands := len(groups[0]) <= 3
	for _, g := range groups[1:] {
		thousands = thousands && len(g) == 3
	}
	return !thousands
}

// isDateShape reports whether three digit groups read as a date: year,
// month, day or day, month, year.
func isDateShape(g []string) bool {
	if len(g[1]) > 2 {
		return false
	}
	return len(g[0]) == 4 && len(g[2]) <= 2 || len(g[0]) <= 2 && (len(g[2]) == 4 || len(g[2]) == 2)
}

// maskIDs masks the emails and phone numbers in the campaign, asset and
// opportunity ids the report shows (lead ids are never shown). Lookups find
// an id both as read and as shown; two ids stay two.
func (l *load) maskIDs() {
	for _, ids := range []*Interner{&l.ds.CampaignIDs, &l.ds.AssetIDs, &l.ds.OpportunityIDs} {
		for i, id := range ids.Names {
			if !mayHoldPII(id) {
				continue
			}
			shown, _ := l.pii.mask(id)
			// The report looks ids up by the name it shows.
			ids.Rename(ID(i), shown)
		}
	}
}
