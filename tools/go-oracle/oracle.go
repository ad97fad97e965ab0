// Differential oracle for the Go text/template interpreter in src/render/helm/template.
// Reads a JSON array of cases on stdin and prints a JSON array of results on stdout:
//   case:   {"templates": [{"name": "t", "text": "..."}], "exec": "t", "data": <json>, "missingkey": "default"}
//   result: {"out": "...", "err": "..."} (err empty on success; a parse error is reported in err too)
// Data is decoded as Helm decodes values (numbers are float64); {"$int": "5"} is a Go int,
// {"$bytes": "hi"} a []byte. Only Go's built-in template functions are available.
// Run: GO111MODULE=off go run tools/go-oracle/oracle.go < cases.json
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/template"
)

type tmplText struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type testCase struct {
	Templates  []tmplText       `json:"templates"`
	Exec       string           `json:"exec"`
	Data       *json.RawMessage `json:"data"`
	MissingKey string           `json:"missingkey"`
}

type result struct {
	Out string `json:"out"`
	Err string `json:"err"`
}

func convert(v interface{}) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		if len(x) == 1 {
			if s, ok := x["$int"].(string); ok {
				n, err := strconv.ParseInt(s, 10, 64)
				if err != nil {
					panic(err)
				}
				return int(n)
			}
			if s, ok := x["$bytes"].(string); ok {
				return []byte(s)
			}
		}
		out := make(map[string]interface{}, len(x))
		for k, e := range x {
			out[k] = convert(e)
		}
		return out
	case []interface{}:
		out := make([]interface{}, len(x))
		for i, e := range x {
			out[i] = convert(e)
		}
		return out
	default:
		return v
	}
}

func run(c testCase) (res result) {
	defer func() {
		if r := recover(); r != nil {
			res = result{Err: fmt.Sprintf("panic: %v", r)}
		}
	}()
	var data interface{}
	if c.Data != nil {
		if err := json.Unmarshal(*c.Data, &data); err != nil {
			return result{Err: "bad data: " + err.Error()}
		}
		data = convert(data)
	}
	var root *template.Template
	for _, t := range c.Templates {
		var tt *template.Template
		if root == nil {
			root = template.New(t.Name)
			if c.MissingKey != "" {
				root.Option("missingkey=" + c.MissingKey)
			}
			tt = root
		} else {
			tt = root.New(t.Name)
		}
		if _, err := tt.Parse(t.Text); err != nil {
			return result{Err: err.Error()}
		}
	}
	var b strings.Builder
	err := root.ExecuteTemplate(&b, c.Exec, data)
	if err != nil {
		return result{Out: b.String(), Err: err.Error()}
	}
	return result{Out: b.String()}
}

func main() {
	input, err := io.ReadAll(os.Stdin)
	if err != nil {
		panic(err)
	}
	var cases []testCase
	if err := json.Unmarshal(input, &cases); err != nil {
		panic(err)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		results[i] = run(c)
	}
	out, _ := json.Marshal(results)
	os.Stdout.Write(out)
}
