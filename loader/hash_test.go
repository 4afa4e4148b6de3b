package loader

import (
	"bytes"
	"crypto/sha256"
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
