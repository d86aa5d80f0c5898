#pragma once
// Measuring and cutting terminal text: UTF-8 code points count one column each, ANSI escape
// sequences count none.

#include <cstddef>
#include <string>
#include <string_view>

namespace dsroll::plugin::render {

/** Columns `text` takes on a terminal. */
std::size_t displayWidth(std::string_view text);

/** `text` cut to at most `width` columns; an open color is reset when colored text is cut. */
std::string truncateToWidth(std::string_view text, std::size_t width);

/** SGR colors the status view uses. */
enum class Color { None, Bold, Dim, Green, Yellow, Red, Cyan };

/** `text` wrapped in the color's escape codes when `enabled` (and the color is not None). */
std::string paint(std::string_view text, Color color, bool enabled);

}  // namespace dsroll::plugin::render
