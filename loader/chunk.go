package loader

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unsafe"
)

// A large delimited file is cut into chunks that start and end at record
// boundaries, so that each chunk can be parsed on its own goroutine and
// give the records a single encoding/csv reader (LazyQuotes, as csvTable
// sets it) would give, with the same lines.

// splitter finds record boundaries: line ends outside quoted fields, as
// encoding/csv reads them with LazyQuotes. A quote opens a quoted field
// only at the start of a field; inside one, a quote followed by a quote is
// an escaped quote, one followed by the delimiter or a line end (CRLF
// included) closes the field, and any other quote is kept as text. Line
// ends inside a quoted field belong to the field.
type splitter struct {
	comma  byte
	quoted bool
	// pos is where the next scan resumes in the buffer.
	pos int
}

// scan reads buf[s.pos:] (buf starts at a record boundary and grows
// between calls, keeping what was scanned) and returns the end of the last
// record that ends in it, just past its '\n', or 0 when none does. eof
// says that buf holds the rest of the file.
func (s *splitter) scan(buf []byte, eof bool) int {
	last := 0
	i := s.pos
	for i < len(buf) {
		q := bytes.IndexByte(buf[i:], '"')
		if !s.quoted {
			end := len(buf)
			if q >= 0 {
				end = i + q
			}
			if nl := bytes.LastIndexByte(buf[i:end], '\n'); nl >= 0 {
				last = i + nl + 1
			}
			if q < 0 {
				i = len(buf)
				break
			}
			// A quote opens a quoted field only where a field starts.
			if end == 0 || buf[end-1] == s.comma || buf[end-1] == '\n' {
				s.quoted = true
			}
			i = end + 1
			continue
		}
		if q < 0 {
			i = len(buf)
			break
		}
		j := i + q
		// The bytes after the quote decide: wait for them.
		if !eof && (j+1 >= len(buf) || buf[j+1] == '\r' && j+2 >= len(buf)) {
			i = j
			break
		}
		i = j + 1
		if j+1 >= len(buf) {
			s.quoted = false
			break
		}
		switch c := buf[j+1]; {
		case c == '"':
			i = j + 2 // an escaped quote
		case c == s.comma || c == '\n' || c == '\r' && j+2 < len(buf) && buf[j+2] == '\n':
			s.quoted = false
		}
	}
	s.pos = i
	return last
}

// chunk is a run of whole records of a file.
type chunk struct {
	data  []byte
	line  int // the line its first byte is on
	lines int // the line ends in it (a bound on its records, but one)
}

// splitChunks reads r from start to end in pieces of about size bytes,
// cut at record boundaries, and gives them to emit in file order; emit
// returns false to stop. Every chunk has a buffer of its own (the records
// parsed from it may point into it) until it is given back to alloc.
// line is the line start is on.
// alloc, when not nil, gives the buffers (of length n; their bytes need
// not be zero). mapped, when not nil, holds the file's bytes up to end
// (memory-mapped): the chunks are then slices of it, r and alloc unused.
func splitChunks(r io.ReaderAt, mapped []byte, start, end int64, line int, comma byte, size int, alloc func(n int) []byte, emit func(chunk) bool) error {
	if alloc == nil {
		alloc = func(n int) []byte { return make([]byte, n) }
	}
	s := splitter{comma: comma}
	var carry []byte
	off := start
	for {
		// A record longer than size doubles the read, so that it is
		// copied a few times, not once per size bytes.
		n := int(min(int64(max(size, len(carry))), end-off))
		var buf []byte
		if mapped != nil {
			buf = mapped[off-int64(len(carry)) : off+int64(n)]
			off += int64(n)
		} else {
			buf = alloc(len(carry) + n)
			copy(buf, carry) // carry may be the end of buf itself: copy moves
			m, err := r.ReadAt(buf[len(carry):], off)
			off += int64(m)
			buf = buf[:len(carry)+m]
			if err != nil && !errors.Is(err, io.EOF) {
				return err
			}
			if m < n && off < end {
				return io.ErrUnexpectedEOF
			}
		}
		eof := off >= end
		cut := s.scan(buf, eof)
		if eof {
			cut = len(buf)
		}
		if cut == 0 {
			carry = buf
			continue
		}
		lines := bytes.Count(buf[:cut], []byte{'\n'})
		if !emit(chunk{data: buf[:cut:cut], line: line, lines: lines}) {
			return nil
		}
		if eof {
			return nil
		}
		line += lines
		carry = buf[cut:]
		s.pos -= cut
	}
}

// records calls each with every record of c, as encoding/csv reads it
// with LazyQuotes, and its line (or a record that cannot be read and its
// error: a *recordError, or any other error that ends the read). rec is
// reused between calls; its strings are not.
func (c chunk) records(comma byte, each func(rec []string, line int, err error)) {
	if bytes.IndexByte(c.data, '"') >= 0 {
		c.csvRecords(comma, each)
		return
	}
	// No quotes: a record is a line, its fields split at the delimiter;
	// CRLF ends a line as LF does, empty lines are skipped, and a CR
	// before the end of the file is dropped, as encoding/csv does.
	var rec []string
	data, line := c.data, c.line
	for len(data) > 0 {
		var l []byte
		if nl := bytes.IndexByte(data, '\n'); nl >= 0 {
			l, data = data[:nl], data[nl+1:]
		} else {
			l, data = data, nil
		}
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		if len(l) > 0 {
			rec = rec[:0]
			for {
				i := bytes.IndexByte(l, comma)
				if i < 0 {
					break
				}
				rec = append(rec, bytesString(l[:i]))
				l = l[i+1:]
			}
			rec = append(rec, bytesString(l))
			each(rec, line, nil)
		}
		line++
	}
}

// csvRecords reads c through encoding/csv.
func (c chunk) csvRecords(comma byte, each func(rec []string, line int, err error)) {
	cr := csv.NewReader(bytes.NewReader(c.data))
	cr.Comma = rune(comma)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line := c.line - 1 + pe.StartLine
				each(nil, line, &recordError{Line: line, Err: pe.Err})
				continue
			}
			each(nil, c.line, err)
			return
		}
		line, _ := cr.FieldPos(0)
		each(rec, c.line-1+line, nil)
	}
}

// bytesString returns b as a string without copying: b must never change.
func bytesString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
