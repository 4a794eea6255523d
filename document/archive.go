package document

// Media types of the archives and images Walk and Parse recognise besides
// those of document.go.
const (
	MediaRAR  = "application/vnd.rar"
	Media7Z   = "application/x-7z-compressed"
	MediaTIFF = "image/tiff"
)
