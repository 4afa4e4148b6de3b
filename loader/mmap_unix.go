//go:build unix

package loader

import (
	"os"
	"syscall"
)

// mapFile maps a regular file's bytes into memory, read-only, for reading
// it in chunks without copying (parallel.go); unmap ends the mapping, after
// which no slice or string of it may be used. ok is false when f cannot be
// mapped (a file held in memory, an empty file): read it instead.
func mapFile(f any, size int64) (data []byte, unmap func(), ok bool) {
	osf, isOS := f.(*os.File)
	if !isOS || size <= 0 || int64(int(size)) != size {
		return nil, nil, false
	}
	data, err := syscall.Mmap(int(osf.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED|mapPopulate)
	if err != nil {
		return nil, nil, false
	}
	return data, func() { _ = syscall.Munmap(data) }, true
}
