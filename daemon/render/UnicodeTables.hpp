#pragma once
// Go's unicode.IsLetter and unicode.IsDigit (go-yaml v2 orders mapping keys with them).

namespace dsroll::render::unicode {

/** unicode.IsLetter: categories Lu, Ll, Lt, Lm, Lo. */
bool isLetter(char32_t r);

/** unicode.IsDigit: category Nd. */
bool isDigit(char32_t r);

}  // namespace dsroll::render::unicode
