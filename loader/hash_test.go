package loader

import (
	"bytes"
	"crypto/sha256"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestAsyncHash: written in pieces, of any size, the asynchronous hash
// sums to the hash of the whole, and Sum can be repeated.
func TestAsyncHash(t *testing.T) {
	data := bytes.Repeat([]byte("lead_id,created_at\nL1,2026-07-01\n"), 5000)
	want := sha256.Sum256(data)
	for _, piece := range []int{1, 7, 4096, len(data)} {
		a := newAsyncHash(sha256.New())
		buf := make([]byte, piece)
		for off := 0; off < len(data); off += piece {
			n := copy(buf, data[off:])
			a.Write(buf[:n]) // the caller reuses its buffer
		}
		if got := a.Sum(nil); !bytes.Equal(got, want[:]) || !bytes.Equal(a.Sum(nil), want[:]) {
			t.Errorf("pieces of %d: %x, want %x", piece, got, want)
		}
		a.close()
	}
}

// TestHasMultibyte: a valid multi-byte sequence is found at any position
// (the ASCII fast path skips eight bytes at a time); invalid bytes alone
// are not one.
func TestHasMultibyte(t *testing.T) {
	ascii := strings.Repeat("a", 23)
	for pos := 0; pos <= len(ascii); pos++ {
		for _, tc := range []struct {
			insert string
			valid  bool
			want   bool
		}{
			{"é", true, true},
			{"€", true, true},
			{"\xff", false, false},
			{"\xff\xc3\xa9", false, true},
			{"\xc3", false, false}, // a sequence cut short
			{"", true, false},
		} {
			b := []byte(ascii[:pos] + tc.insert + ascii[pos:])
			if got := hasMultibyte(b, tc.valid); got != tc.want {
				t.Errorf("%q: %v, want %v", b, got, tc.want)
			}
		}
	}
}

// TestScanUTF8Bytes: over bytes in memory, the UTF-8 scan finds what it
// finds reading a file of those bytes, for any block size.
func TestScanUTF8Bytes(t *testing.T) {
	inputs := []string{"", "abc", "é", "a\xffé", "\xc3", "abc\xe2\x82", "€€€€", "\xff\xfe", "ab\xe2\x82\xacd\xff", strings.Repeat("x", 20) + "é" + strings.Repeat("\xff", 3)}
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "é", "€", "\xff", "\xc3", "\x82", "\n", "𝄞"}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(40) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		inputs = append(inputs, b.String())
	}
	dir := t.TempDir()
	for i, in := range inputs {
		path := filepath.Join(dir, "f"+strconv.Itoa(i))
		if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, block := range []int{4, 5, 7, 16, 1 << 10} {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			wantValid, wantMulti, err := scanUTF8(f, block)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			if valid, multi := scanUTF8Bytes([]byte(in)); valid != wantValid || multi != wantMulti {
				t.Errorf("%q, blocks of %d: %v %v, reading the file %v %v", in, block, valid, multi, wantValid, wantMulti)
			}
		}
	}
}
