package loader

import (
	"io"
	"io/fs"
	"os"
)

// fileSystem is where the loader finds the folder's files: the operating
// system's, or files held in memory, so that the fuzz tests load thousands
// of inputs a second without touching the disk.
type fileSystem interface {
	Open(path string) (file, error)
	Stat(path string) (fs.FileInfo, error)
	ReadDir(path string) ([]fs.DirEntry, error)
}

// file is an open input file.
type file interface {
	io.ReadSeekCloser
	io.ReaderAt
	Stat() (fs.FileInfo, error)
}

// osFiles reads the operating system's files.
type osFiles struct{}

func (osFiles) Open(path string) (file, error)             { return os.Open(path) }
func (osFiles) Stat(path string) (fs.FileInfo, error)      { return os.Stat(path) }
func (osFiles) ReadDir(path string) ([]fs.DirEntry, error) { return os.ReadDir(path) }

// files is the file system Load reads (the fuzz tests swap in memory).
var files fileSystem = osFiles{}
