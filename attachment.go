package enduse

// Attachment is a file read as part of a notice: a bidding document, an
// equipment list or a 中标明细 spreadsheet linked from the notice page or
// packed with it. Its bytes are stored as a child document (Document.Parent
// is the notice's sha256); its text is appended to the notice's text under
// a heading, so its items and mentions belong to the notice — buyer, date,
// type and de-duplication come from the page — while each span inside
// [Start, End) names the attachment as its evidence (Evidence.Doc/File).
type Attachment struct {
	SHA256    string `json:"sha256"`
	Source    string `json:"source"`
	MediaType string `json:"media_type,omitempty"`
	// Start and End are the rune span of the attachment's section (its
	// heading and text) in the notice's text.
	Start int `json:"start"`
	End   int `json:"end"`
	// OCR is true when the attachment's text was recognised from images.
	OCR bool `json:"ocr,omitempty"`
	// Items counts the notice's items read from this attachment.
	Items int `json:"items,omitempty"`
	// Pages holds the rune offset in the notice's text where each page of
	// a paged attachment (PDF) begins.
	Pages []int `json:"pages,omitempty"`
}

// PageAt returns the 1-based page of the attachment that holds the rune
// offset pos of the notice's text, or 0 when the attachment is not paged.
func (a *Attachment) PageAt(pos int) int {
	page := 0
	for i, s := range a.Pages {
		if pos >= s {
			page = i + 1
		}
	}
	return page
}

// AttachmentAt returns the attachment whose section holds the rune offset
// pos, or nil when pos lies in the notice page itself.
func (n *Notice) AttachmentAt(pos int) *Attachment {
	for i := range n.Attachments {
		if a := &n.Attachments[i]; pos >= a.Start && pos < a.End {
			return a
		}
	}
	return nil
}
