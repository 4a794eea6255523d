package pipeline

import (
	"strings"
	"unicode/utf8"

	"github.com/enduse/enduse"
)

// attachHeading starts each attachment's section in a notice's text; the
// file name follows it, so a reader of the stored text sees where the page
// ends and which file each table came from.
const attachHeading = "附件："

// combine appends the text of d's children (its attachments) to d's text,
// each under a heading line naming the file, and returns the sections.
// Blocks are shifted to their new offsets and tables renumbered after the
// page's, so the item and mention stages read page and attachments as one
// text while every span still falls in exactly one section. d itself is
// changed only when it has children.
func combine(d *enduse.Document) []enduse.Attachment {
	if len(d.Children) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString(d.Text)
	runes := utf8.RuneCountInString(d.Text)
	tables := maxTable(d.Blocks)
	atts := make([]enduse.Attachment, 0, len(d.Children))
	for _, c := range d.Children {
		if c == nil {
			continue
		}
		a := enduse.Attachment{SHA256: c.SHA256, Source: c.Source, MediaType: c.MediaType, OCR: c.OCR}
		if runes > 0 {
			b.WriteByte('\n')
			runes++
		}
		a.Start = runes
		head := attachHeading + baseName(c.Source)
		b.WriteString(head)
		hl := utf8.RuneCountInString(head)
		d.Blocks = append(d.Blocks, enduse.Block{Kind: enduse.BlockHeading, Start: runes, End: runes + hl})
		runes += hl
		if c.Text != "" {
			b.WriteByte('\n')
			runes++
			shift := runes
			for _, blk := range c.Blocks {
				blk.Start += shift
				blk.End += shift
				if blk.Table > 0 {
					blk.Table += tables
				}
				if blk.Cells != nil {
					cells := make([]enduse.Cell, len(blk.Cells))
					for i, cell := range blk.Cells {
						cell.Start += shift
						cell.End += shift
						cells[i] = cell
					}
					blk.Cells = cells
				}
				d.Blocks = append(d.Blocks, blk)
			}
			tables += maxTable(c.Blocks)
			for _, p := range c.PageStarts {
				a.Pages = append(a.Pages, p+shift)
			}
			b.WriteString(c.Text)
			runes += utf8.RuneCountInString(c.Text)
		}
		a.End = runes
		atts = append(atts, a)
	}
	d.Text = b.String()
	return atts
}

// maxTable returns the highest table number of blocks.
func maxTable(blocks []enduse.Block) int {
	m := 0
	for _, b := range blocks {
		if b.Table > m {
			m = b.Table
		}
	}
	return m
}

// baseName returns the last element of a source path, archive member or
// URL ("a.zip!dir/清单.xlsx" → "清单.xlsx").
func baseName(src string) string {
	if i := strings.IndexAny(src, "?#"); i > 0 && strings.Contains(src, "://") {
		src = src[:i]
	}
	if i := strings.LastIndexAny(src, "/\\!"); i >= 0 {
		return src[i+1:]
	}
	return src
}

// placeAttachmentItems marks the evidence of items read from an attachment with the
// attachment (file, sha256, OCR) and drops an attachment item that repeats
// an item of an earlier section — the page's own list, or an earlier
// attachment — so an equipment list published in both is counted once.
// Identical rows within one section are kept: a list may name the same
// device twice (for two lots).
func placeAttachmentItems(n *enduse.Notice) {
	if len(n.Attachments) == 0 {
		return
	}
	section := func(it *enduse.Item) int {
		if it.Evidence == nil {
			return -1
		}
		for i, a := range n.Attachments {
			if it.Evidence.Start >= a.Start && it.Evidence.Start < a.End {
				return i
			}
		}
		return -1
	}
	seen := map[itemKey]int{} // key → section of its first occurrence
	kept := n.Items[:0]
	for i := range n.Items {
		it := n.Items[i]
		sec := section(&it)
		k := keyOf(&it)
		if first, ok := seen[k]; ok && first != sec {
			continue
		}
		if _, ok := seen[k]; !ok {
			seen[k] = sec
		}
		if sec >= 0 {
			a := &n.Attachments[sec]
			ev := *it.Evidence
			ev.Doc, ev.File, ev.OCR, ev.Page = a.SHA256, a.Source, a.OCR, a.PageAt(ev.Start)
			it.Evidence = &ev
			a.Items++
		}
		kept = append(kept, it)
	}
	n.Items = kept
}

// itemKey is what makes two item rows the same purchase line.
type itemKey struct {
	name, brand, model, unit string
	qty, price, total        float64
}

func keyOf(it *enduse.Item) itemKey {
	norm := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), "")) }
	return itemKey{norm(it.Name), norm(it.Brand), norm(it.Model), norm(it.Unit), it.Quantity, it.UnitPrice, it.Total}
}
