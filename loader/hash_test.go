package loader

import (
	"bytes"
	"crypto/sha256"
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
