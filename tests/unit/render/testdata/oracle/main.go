// The Go side of regenerate.py: runs kubectl's own code (k8s.io/kubectl v0.36.3 and the
// apimachinery and text/tabwriter it uses) on the requests read from stdin, one JSON object per
// line, and writes each request back with its results. Built offline from the module cache:
//
//	GOFLAGS=-mod=mod GOPROXY=off go run .
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	gotabwriter "text/tabwriter"
	"time"

	"github.com/liggitt/tabwriter"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/duration"
	"k8s.io/kubectl/pkg/describe"
)

type request map[string]interface{}

func describeTemplate(r request) {
	raw, _ := json.Marshal(r["template"])
	var tmpl corev1.PodTemplateSpec
	if err := json.Unmarshal(raw, &tmpl); err != nil {
		r["error"] = err.Error()
		return
	}
	var buf bytes.Buffer
	describe.DescribePodTemplate(&tmpl, describe.NewPrefixWriter(&buf))
	r["text"] = buf.String()
}

func quantity(r request) {
	q, err := resource.ParseQuantity(r["input"].(string))
	if err != nil {
		r["error"] = err.Error()
		return
	}
	r["string"] = q.String()
	r["value"] = q.Value()
	r["milli"] = q.MilliValue()
	r["sign"] = q.Sign()
}

func humanDuration(r request) {
	d := time.Duration(int64(r["ns"].(float64)))
	r["human"] = duration.HumanDuration(d)
	r["short"] = duration.ShortHumanDuration(d)
}

type flusher interface {
	Write([]byte) (int, error)
	Flush() error
}

func tabwrite(r request) {
	var buf bytes.Buffer
	minwidth, tabwidth := int(r["minwidth"].(float64)), int(r["tabwidth"].(float64))
	padding, padchar := int(r["padding"].(float64)), r["padchar"].(string)[0]
	flags := uint(r["flags"].(float64))
	var w flusher
	if flags&64 != 0 { // RememberWidths exists only in the fork kubectl's get printer uses
		w = tabwriter.NewWriter(&buf, minwidth, tabwidth, padding, padchar, flags&^64|tabwriter.RememberWidths)
	} else {
		w = gotabwriter.NewWriter(&buf, minwidth, tabwidth, padding, padchar, flags)
	}
	for _, chunk := range r["chunks"].([]interface{}) {
		w.Write([]byte(chunk.(string)))
		if r["flushEach"].(bool) {
			w.Flush()
		}
	}
	w.Flush()
	r["output"] = buf.String()
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var r request
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			panic(err)
		}
		switch r["op"] {
		case "describe":
			describeTemplate(r)
		case "quantity":
			quantity(r)
		case "duration":
			humanDuration(r)
		case "tabwriter":
			tabwrite(r)
		default:
			panic("unknown op")
		}
		if err := out.Encode(r); err != nil {
			panic(err)
		}
	}
}
