package config

import (
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2/unstable"
)

// keyLines maps every key path in the document to its line: "drop.percent",
// "preset[1].rest", "equipment.kg.machine.step". The decoder does not say
// where a value it accepted came from, so an Error found after decoding is
// placed by this map.
func keyLines(data []byte) map[string]int {
	lines := map[string]int{}
	walkKeys(data, func(key string, line int, _ *unstable.Node) { lines[key] = line })
	return lines
}

// walkKeys calls fn for every table, array table and key of the document,
// with its full key path and line, and the value of a key (nil for a
// table). An array table is named once without its index, on its first
// line, and each time with it ("preset" and "preset[1]"); the keys of an
// inline table are named under their key ("equipment.kg.machine.step").
func walkKeys(data []byte, fn func(key string, line int, value *unstable.Node)) {
	var p unstable.Parser
	p.Reset(data)
	table := ""
	arrays := map[string]int{}
	for p.NextExpression() {
		e := p.Expression()
		key, line := keyPath(&p, e)
		switch e.Kind {
		case unstable.Table:
			table = key
			fn(table, line, nil)
		case unstable.ArrayTable:
			arrays[key]++
			if arrays[key] == 1 {
				fn(key, line, nil)
			}
			table = key + "[" + strconv.Itoa(arrays[key]-1) + "]"
			fn(table, line, nil)
		case unstable.KeyValue:
			full := joinKey(table, key)
			v := e.Value()
			fn(full, line, v)
			if v.Kind == unstable.InlineTable {
				it := v.Children()
				for it.Next() {
					kv := it.Node()
					k, l := keyPath(&p, kv)
					fn(full+"."+k, l, kv.Value())
				}
			}
		}
	}
}

func keyPath(p *unstable.Parser, n *unstable.Node) (string, int) {
	var parts []string
	line := 0
	it := n.Key()
	for it.Next() {
		k := it.Node()
		parts = append(parts, string(k.Data))
		if line == 0 {
			line = p.Shape(k.Raw).Start.Line
		}
	}
	return strings.Join(parts, "."), line
}

func joinKey(table, key string) string {
	if table == "" {
		return key
	}
	return table + "." + key
}

// lineOf is the line of a key, or of the nearest table holding it when the
// key itself is missing (a required key left out).
func lineOf(lines map[string]int, key string) int {
	for {
		if l, ok := lines[key]; ok {
			return l
		}
		i := strings.LastIndexByte(key, '.')
		if i < 0 {
			return 1
		}
		key = key[:i]
	}
}
