// Differential oracle for src/render/helm/funcs: evaluates template expressions with Go's
// text/template, Sprig's TxtFuncMap and Helm's own helpers (written here from Helm's
// documentation: sigs.k8s.io/yaml is "JSON first, then YAML through yaml.v2", so toYaml is
// json.Marshal then a yaml.v2 round trip) and prints what Go produced as JSON.
//
// Run (Debian packages golang-go and golang-github-masterminds-sprig-dev):
//
//	GOPATH=/usr/share/gocode GO111MODULE=off TZ=UTC go run tools/go-oracle/sprig-oracle.go < cases.json
//
// Input: a JSON array of {"expr": "..."}, a template pipeline without braces.
// Output: a JSON array of {"out": printed text, "val": typed value, "err": message} where
// "val" tags Go types the JavaScript side cannot see in plain JSON: {"int": "12"},
// {"float": 1.5} (or "NaN"/"+Inf"/"-Inf"), {"map": [[key, value]...]} with sorted keys,
// {"bytes": base64}, {"other": "%v", "type": "%T"}; nil, bool, string and slices as JSON.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	yamlv2 "gopkg.in/yaml.v2"
	yamlv3 "gopkg.in/yaml.v3"
)

type caseIn struct {
	Expr string `json:"expr"`
}

type caseOut struct {
	Out *string     `json:"out,omitempty"`
	Val interface{} `json:"val"`
	Err *string     `json:"err,omitempty"`
}

func typed(v reflect.Value) interface{} {
	if !v.IsValid() {
		return nil
	}
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Ptr {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Bool:
		return v.Bool()
	case reflect.String:
		return v.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]interface{}{"int": fmt.Sprint(v.Int())}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]interface{}{"int": fmt.Sprint(v.Uint())}
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		switch {
		case math.IsNaN(f):
			return map[string]interface{}{"float": "NaN"}
		case math.IsInf(f, 1):
			return map[string]interface{}{"float": "+Inf"}
		case math.IsInf(f, -1):
			return map[string]interface{}{"float": "-Inf"}
		}
		return map[string]interface{}{"float": f}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 && v.Kind() == reflect.Slice {
			return map[string]interface{}{"bytes": base64.StdEncoding.EncodeToString(v.Bytes())}
		}
		out := []interface{}{}
		for i := 0; i < v.Len(); i++ {
			out = append(out, typed(v.Index(i)))
		}
		return out
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		entries := []interface{}{}
		for _, k := range keys {
			entries = append(entries, []interface{}{fmt.Sprint(k.Interface()), typed(v.MapIndex(k))})
		}
		return map[string]interface{}{"map": entries}
	}
	return map[string]interface{}{"other": fmt.Sprintf("%v", v.Interface()), "type": fmt.Sprintf("%T", v.Interface())}
}

// Helm's helpers, as its documentation describes them.
func toYAML(v interface{}) string {
	j, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var obj interface{}
	if err := yamlv2.Unmarshal(j, &obj); err != nil {
		return ""
	}
	y, err := yamlv2.Marshal(obj)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(y), "\n")
}

func toYAMLPretty(v interface{}) string {
	var buf bytes.Buffer
	enc := yamlv3.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// yamlToJSONValue converts what yaml.v2 decodes into what encoding/json accepts.
func yamlToJSONValue(v interface{}) interface{} {
	switch t := v.(type) {
	case map[interface{}]interface{}:
		m := map[string]interface{}{}
		for k, val := range t {
			m[fmt.Sprint(k)] = yamlToJSONValue(val)
		}
		return m
	case []interface{}:
		for i := range t {
			t[i] = yamlToJSONValue(t[i])
		}
		return t
	}
	return v
}

func yamlUnmarshalViaJSON(s string, target interface{}) error {
	var obj interface{}
	if err := yamlv2.Unmarshal([]byte(s), &obj); err != nil {
		return fmt.Errorf("error converting YAML to JSON: %v", err)
	}
	j, err := json.Marshal(yamlToJSONValue(obj))
	if err != nil {
		return fmt.Errorf("error converting YAML to JSON: %v", err)
	}
	if err := json.Unmarshal(j, target); err != nil {
		return fmt.Errorf("error unmarshaling JSON: while decoding JSON: %v", err)
	}
	return nil
}

func fromYAML(s string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yamlUnmarshalViaJSON(s, &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromYAMLArray(s string) []interface{} {
	a := []interface{}{}
	if err := yamlUnmarshalViaJSON(s, &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func toJSON(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}

func fromJSON(s string) map[string]interface{} {
	m := make(map[string]interface{})
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func fromJSONArray(s string) []interface{} {
	a := []interface{}{}
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func required(warn string, val interface{}) (interface{}, error) {
	if val == nil {
		return val, fmt.Errorf(warn)
	} else if s, ok := val.(string); ok && s == "" {
		return val, fmt.Errorf(warn)
	}
	return val, nil
}

func funcs() template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	extra := template.FuncMap{
		"toYaml":        toYAML,
		"toYamlPretty":  toYAMLPretty,
		"fromYaml":      fromYAML,
		"fromYamlArray": fromYAMLArray,
		"toJson":        toJSON,
		"fromJson":      fromJSON,
		"fromJsonArray": fromJSONArray,
		"required":      required,
		"lookup": func(string, string, string, string) (map[string]interface{}, error) {
			return map[string]interface{}{}, nil
		},
		"__dump": func(v interface{}) string {
			b, _ := json.Marshal(typed(reflect.ValueOf(v)))
			return string(b)
		},
	}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

// The part of a template error after "error calling NAME: " (what the function itself said),
// or the whole error when it did not come from a function.
func message(err error) string {
	s := err.Error()
	if i := strings.Index(s, "error calling "); i >= 0 {
		rest := s[i+len("error calling "):]
		if j := strings.Index(rest, ": "); j >= 0 {
			return rest[j+2:]
		}
	}
	return s
}

func run(text string, fm template.FuncMap) (string, error) {
	t, err := template.New("t").Funcs(fm).Parse(text)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, nil); err != nil {
		return "", err
	}
	return buf.String(), nil
}

func main() {
	var cases []caseIn
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "bad input:", err)
		os.Exit(2)
	}
	fm := funcs()
	results := make([]caseOut, 0, len(cases))
	for _, c := range cases {
		var r caseOut
		if out, err := run("{{ "+c.Expr+" }}", fm); err != nil {
			m := message(err)
			r.Err = &m
		} else {
			r.Out = &out
			if dumped, err := run("{{ __dump ("+c.Expr+") }}", fm); err == nil {
				var v interface{}
				if json.Unmarshal([]byte(dumped), &v) == nil {
					r.Val = v
				}
			}
		}
		results = append(results, r)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		os.Exit(1)
	}
}
