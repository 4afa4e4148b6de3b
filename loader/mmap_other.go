//go:build !unix

package loader

// mapFile is not available here: files are read (see mmap_unix.go).
func mapFile(f any, size int64) (data []byte, unmap func(), ok bool) {
	return nil, nil, false
}

// dropPages does nothing here (see mmap_unix.go).
func dropPages(b []byte) {}
