//go:build unix

package loader

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOnlyRegularFiles: a folder or a named pipe named like a data file is
// an error naming it; the load neither takes it as absent nor hangs.
func TestOnlyRegularFiles(t *testing.T) {
	for _, tc := range []struct {
		name string
		make func(path string) error
		want string
	}{
		{"folder", func(p string) error { return os.Mkdir(p, 0o755) }, "touches.csv is a folder, not a file"},
		{"named pipe", func(p string) error { return syscall.Mkfifo(p, 0o644) }, "touches.csv is a named pipe, not a file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{"leads.csv": "lead_id,created_at\nL1,2026-07-01\n"})
			if err := tc.make(filepath.Join(dir, "touches.csv")); err != nil {
				t.Skip(err)
			}
			done := make(chan error, 1)
			go func() { _, err := Load(dir, lenient()); done <- err }()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("err = %v, want %q", err, tc.want)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the load hangs")
			}
		})
	}
}
