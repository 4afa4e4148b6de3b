package gen

import (
	"fmt"
	"os"
	"path/filepath"
)

// Cached returns a folder holding Scale(leads) data, writing it under the
// system's temporary folder the first time (benchmarks and scale checks
// share it across runs). A folder is reused only once it was fully written.
func Cached(leads int) (string, error) {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("retro-gen-%d-seed1-v1", leads))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir, nil
	}
	tmp, err := os.MkdirTemp(os.TempDir(), "retro-gen-*")
	if err != nil {
		return "", err
	}
	if _, err := Write(Scale(leads), tmp); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	if err := os.WriteFile(filepath.Join(tmp, ".complete"), nil, 0o644); err != nil {
		os.RemoveAll(tmp)
		return "", err
	}
	os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		if _, err2 := os.Stat(done); err2 == nil { // another process won the race
			return dir, nil
		}
		return "", err
	}
	return dir, nil
}
