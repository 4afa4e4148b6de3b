package loader

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Dialect describes how a delimited text file is written: its character
// encoding and its field delimiter. CRLF line ends and quoted newlines need
// no setting: encoding/csv reads both.
type Dialect struct {
	// Encoding is "UTF-8", "UTF-8 with BOM", "UTF-16" or "Windows-1252".
	Encoding string
	// Comma is the field delimiter: ',', ';' or '\t'.
	Comma rune
}

// String describes the dialect for the detection notes, e.g.
// "semicolon-delimited, Windows-1252".
func (d Dialect) String() string {
	name := map[rune]string{',': "comma", ';': "semicolon", '\t': "tab", '|': "pipe"}[d.Comma]
	return name + "-delimited, " + d.Encoding
}

// sniffSize is how much of a file is looked at to find its delimiter.
const sniffSize = 64 << 10

// openDelimited wraps the raw bytes of a delimited text file in a reader
// that yields UTF-8, detecting the encoding: a UTF-8 or UTF-16 byte order
// mark, otherwise UTF-8 when valid is reports true, otherwise Windows-1252
// (a superset of Latin-1 for printable text). valid is the result of
// scanning the whole file (see validUTF8); the caller reads the file twice
// rather than hold it in memory.
//
// block, when less than sniffSize, is the size of the whole file (plus a
// little), which is then all there is to sniff.
func openDelimited(name string, r io.Reader, valid bool, block int) (io.Reader, Dialect, error) {
	br := bufio.NewReaderSize(r, min(sniffSize, block))
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, Dialect{}, err
	}
	var d Dialect
	var out io.Reader = br
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		d.Encoding = "UTF-8 with BOM"
		br.Discard(3)
		head = head[3:]
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		d.Encoding = "UTF-16"
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out = transform.NewReader(br, dec)
		// Sniff the delimiter on the decoded start of the file.
		decoded, _, _ := transform.Bytes(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder(), head[:len(head)&^1])
		head = decoded
	case valid:
		d.Encoding = "UTF-8"
	default:
		d.Encoding = "Windows-1252"
		out = transform.NewReader(br, charmap.Windows1252.NewDecoder())
		head, _, _ = transform.Bytes(charmap.Windows1252.NewDecoder(), head)
	}
	d.Comma = sniffDelimiter(head)
	if strings.EqualFold(filepath.Ext(name), ".tsv") {
		d.Comma = '\t'
	}
	return out, d, nil
}

// sniffDelimiter picks the delimiter of a file from its header line: the
// most frequent of comma, semicolon, tab and pipe outside double quotes;
// comma when none occurs.
func sniffDelimiter(head []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range head {
		if c == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if c == '\n' || c == '\r' {
			break
		}
		if c == ',' || c == ';' || c == '\t' || c == '|' {
			counts[c]++
		}
	}
	best, n := byte(','), 0
	for _, c := range []byte{',', ';', '\t', '|'} {
		if counts[c] > n {
			best, n = c, counts[c]
		}
	}
	return rune(best)
}

// validUTF8 reports whether everything r yields is valid UTF-8 (see
// scanUTF8).
func validUTF8(r io.Reader) (bool, error) {
	valid, _, err := scanUTF8(r, 64<<10)
	return valid, err
}

// csvTable returns a table over a delimited text file already decoded to
// UTF-8: the header row, then records with the line each starts on. block
// is the size of its read buffer (see readBlock).
func csvTable(file string, r io.Reader, d Dialect, block int) (*table, error) {
	cr := csv.NewReader(bufio.NewReaderSize(r, block))
	cr.Comma = d.Comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s: the file is empty (no header row)", file)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	t := &table{File: file, Raw: append([]string(nil), head...), Dialect: d.String(), headerEnd: cr.InputOffset()}
	t.next = pipelined(func() ([]string, int, error) {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, pe.StartLine, &recordError{Line: pe.StartLine, Err: pe.Err}
			}
			return nil, 0, err
		}
		line, _ := cr.FieldPos(0)
		return rec, line, nil
	})
	return t, nil
}

// validPrefix reports whether the first n bytes of f are valid UTF-8 but
// for a sequence cut at the end.
func validPrefix(f io.ReadSeeker, n int) bool {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return false
	}
	buf := make([]byte, n)
	m, _ := io.ReadFull(f, buf)
	buf = buf[:m]
	for i := 1; i <= utf8.UTFMax && i <= len(buf); i++ {
		if utf8.RuneStart(buf[len(buf)-i]) {
			if !utf8.FullRune(buf[len(buf)-i:]) {
				buf = buf[:len(buf)-i]
			}
			break
		}
	}
	return utf8.Valid(buf)
}

// pipelined runs read in its own goroutine, a batch of records ahead of
// the caller, so that CSV parsing overlaps the conversion of rows. read may
// reuse its record slice (csv.Reader.ReuseRecord): the field strings are
// kept, the slice is copied. The goroutine starts on the first call and
// ends at the first error other than a bad record (io.EOF included), which
// the returned function then repeats.
func pipelined(read func() ([]string, int, error)) func() ([]string, int, error) {
	type batch struct {
		recs  [][]string
		lines []int
		errs  []error
	}
	// Batches hold up to 1024 records; the first ones are smaller, so
	// that a small file allocates little.
	size := 16
	var (
		ch   chan batch
		cur  batch
		pos  int
		last error
	)
	produce := func() {
		defer close(ch)
		for {
			b := batch{recs: make([][]string, 0, size), lines: make([]int, 0, size), errs: make([]error, 0, size)}
			var flat []string
			for len(b.recs) < size {
				rec, line, err := read()
				if err != nil {
					var re *recordError
					if !errors.As(err, &re) {
						b.recs, b.lines, b.errs = append(b.recs, nil), append(b.lines, line), append(b.errs, err)
						ch <- b
						return
					}
				}
				if flat == nil || cap(flat)-len(flat) < len(rec) {
					flat = make([]string, 0, max(len(rec)*size/4, len(rec)))
				}
				start := len(flat)
				flat = append(flat, rec...)
				b.recs = append(b.recs, flat[start:len(flat):len(flat)])
				b.lines = append(b.lines, line)
				b.errs = append(b.errs, err)
			}
			ch <- b
			size = min(2*size, 1024)
		}
	}
	return func() ([]string, int, error) {
		if last != nil {
			return nil, 0, last
		}
		if ch == nil {
			ch = make(chan batch, 4)
			go produce()
		}
		for pos >= len(cur.recs) {
			b, ok := <-ch
			if !ok {
				last = io.EOF
				return nil, 0, last
			}
			cur, pos = b, 0
		}
		rec, line, err := cur.recs[pos], cur.lines[pos], cur.errs[pos]
		pos++
		var re *recordError
		if err != nil && !errors.As(err, &re) {
			last = err
		}
		return rec, line, err
	}
}
