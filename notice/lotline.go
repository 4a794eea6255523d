package notice

// LotOf reads the lot a line of text announces — "包1：视频存储设备",
// "第二包", "标段3" at the start of the line — as the lot code suppliers
// carry (Org.Lot: "1", "2"), "" when the line announces none. Item readers
// use it to place items listed under a lot heading.
func LotOf(line string) string {
	return lotOf(compact(line))
}
