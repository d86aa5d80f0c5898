#pragma once
// Whether go-yaml v2 may write a string unquoted: it quotes every string that would read back as
// something else (a bool, null, number, timestamp or YAML 1.1 sexagesimal float).

#include <string_view>

namespace dsroll::render::yaml {

/** go-yaml v2's resolve("", s) yields the string tag: s would read back as a string. */
bool resolvesToString(std::string_view s);

/** go-yaml v2's isBase60Float: "1:20", "-3:25:45.5" and the like. */
bool isBase60Float(std::string_view s);

/** go-yaml v2's parseTimestamp: s reads back as a timestamp ("2024-05-01T10:00:00Z",
 * "2024-5-1", "2024-05-01 10:00:00"). */
bool isTimestamp(std::string_view s);

}  // namespace dsroll::render::yaml
