// Formats the cases regenerate.py writes to stdin (one JSON object per line) with Go's
// text/tabwriter and writes them back with their "output". Run by regenerate.py with `go run`.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"text/tabwriter"
)

type tabCase struct {
	MinWidth  int      `json:"minwidth"`
	TabWidth  int      `json:"tabwidth"`
	Padding   int      `json:"padding"`
	PadChar   string   `json:"padchar"`
	Flags     uint     `json:"flags"`
	Chunks    []string `json:"chunks"`
	FlushEach bool     `json:"flushEach"`
	Output    string   `json:"output"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var c tabCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			panic(err)
		}
		var buf bytes.Buffer
		w := tabwriter.NewWriter(&buf, c.MinWidth, c.TabWidth, c.Padding, c.PadChar[0], c.Flags)
		for _, chunk := range c.Chunks {
			w.Write([]byte(chunk))
			if c.FlushEach {
				w.Flush()
			}
		}
		w.Flush()
		c.Output = buf.String()
		if err := out.Encode(c); err != nil {
			panic(err)
		}
	}
}
