package loader

import (
	"encoding/binary"
	"errors"
	"io"
	"unicode/utf8"
)

// Invalid UTF-8. A file that is UTF-8 but for a few bad bytes (one
// mistyped cell, a value pasted from a legacy tool) is read as UTF-8: each
// invalid byte becomes U+FFFD and each line that held one is reported as a
// data quality problem, counted in Input.Replaced. Only a file with no valid
// multi-byte UTF-8 sequence at all and some bytes above 0x7F is read as
// Windows-1252 (see openTable): then every high byte is one of its letters.

// scanUTF8 reports whether everything r yields is valid UTF-8, and whether
// it holds a valid multi-byte sequence, reading it in blocks (a sequence
// split between two blocks is carried over); block is the block size.
func scanUTF8(r io.Reader, block int) (valid, multibyte bool, err error) {
	buf := make([]byte, block)
	carry := 0
	valid = true
	for {
		n, rerr := r.Read(buf[carry:])
		n += carry
		end := n
		if !errors.Is(rerr, io.EOF) {
			end = completeEnd(buf[:n])
		}
		valid, multibyte = scanBlock(buf[:end], valid, multibyte)
		carry = copy(buf, buf[end:n])
		if errors.Is(rerr, io.EOF) {
			return valid && carry == 0, multibyte, nil
		}
		if rerr != nil {
			return false, multibyte, rerr
		}
	}
}

// scanUTF8Bytes is scanUTF8 over bytes in memory (a mapped file): one
// block, as nothing is carried over.
func scanUTF8Bytes(b []byte) (valid, multibyte bool) {
	return scanBlock(b, true, false)
}

// completeEnd returns the length of b without an incomplete UTF-8
// sequence at its end (kept for the next block).
func completeEnd(b []byte) int {
	n := len(b)
	for i := 1; i <= utf8.UTFMax && i <= n; i++ {
		c := b[n-i]
		if c < 0x80 {
			break
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[n-i : n]) {
				return n - i
			}
			break
		}
	}
	return n
}

// scanBlock adds a block to what scanUTF8 found so far.
func scanBlock(block []byte, valid, multibyte bool) (bool, bool) {
	if !multibyte || valid {
		ok := utf8.Valid(block)
		valid = valid && ok
		if !multibyte {
			multibyte = hasMultibyte(block, ok)
		}
	}
	return valid, multibyte
}

// hasMultibyte reports whether b holds a valid multi-byte UTF-8 sequence;
// valid says whether all of b is valid UTF-8.
func hasMultibyte(b []byte, valid bool) bool {
	for i := 0; i < len(b); {
		// ASCII text is skipped eight bytes at a time.
		for i+8 <= len(b) && binary.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
			i += 8
		}
		if i >= len(b) {
			break
		}
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		if valid {
			return true
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size > 1 {
			return true
		}
		i += size
	}
	return false
}

// repairReader yields the bytes of r with each invalid UTF-8 byte replaced
// by U+FFFD, and notes the lines (from 1) where it replaced any.
type repairReader struct {
	r    io.Reader
	in   []byte
	have int // bytes of in not yet converted
	out  []byte
	pos  int
	eof  bool
	err  error

	line  int
	last  int   // the last line noted
	lines []int // the first lines that held an invalid byte
	count int   // all such lines
}

func newRepairReader(r io.Reader) *repairReader {
	return &repairReader{r: r, in: make([]byte, 64<<10), line: 1}
}

// readBlock is the read buffer size for a file of size bytes: 1 MiB for a
// large file, less for a small one (a fuzz run loads thousands of tiny
// files, and clearing megabyte buffers would dominate its time).
func readBlock(size int64) int {
	return int(min(max(size+utf8.UTFMax, 4<<10), 1<<20))
}

func (rr *repairReader) Read(p []byte) (int, error) {
	for rr.pos >= len(rr.out) {
		if rr.eof {
			return 0, rr.err
		}
		rr.fill()
	}
	n := copy(p, rr.out[rr.pos:])
	rr.pos += n
	return n, nil
}

// fill reads a block and converts it, keeping an incomplete sequence at
// its end for the next block.
func (rr *repairReader) fill() {
	n, err := io.ReadFull(rr.r, rr.in[rr.have:])
	n += rr.have
	if err != nil {
		rr.eof = true
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			err = io.EOF
		}
		rr.err = err
	}
	rr.out, rr.pos = rr.out[:0], 0
	b := rr.in[:n]
	i := 0
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if c == '\n' {
				rr.line++
			}
			rr.out = append(rr.out, c)
			i++
			continue
		}
		if !rr.eof && !utf8.FullRune(b[i:]) {
			break // completed by the next block
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			rr.out = append(rr.out, "\uFFFD"...)
			if rr.last != rr.line {
				rr.last = rr.line
				rr.count++
				if len(rr.lines) < maxProblemsPerFile {
					rr.lines = append(rr.lines, rr.line)
				}
			}
		} else {
			rr.out = append(rr.out, b[i:i+size]...)
		}
		i += size
	}
	rr.have = copy(rr.in, b[i:])
}

// report lists the lines of in's file that held invalid UTF-8 as data
// quality problems (the row is kept) and counts them in in.Replaced.
func (rr *repairReader) report(l *load, in *Input) {
	in.Replaced += rr.count
	for _, line := range rr.lines {
		if l.kept == nil {
			l.kept = map[string]int{}
			l.counts = map[ProblemCount]int{}
		}
		if l.kept[in.File] >= maxProblemsPerFile {
			return
		}
		l.kept[in.File]++
		l.ds.Problems = append(l.ds.Problems, Problem{File: in.File, Line: line, Column: "(row)", Problem: "invalid UTF-8: the bad bytes are shown as U+FFFD"})
	}
}

// utf16BOM reports whether f starts with a UTF-16 byte order mark.
func utf16BOM(f io.ReaderAt) bool {
	b := make([]byte, 2)
	n, _ := f.ReadAt(b, 0)
	return n == 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}
