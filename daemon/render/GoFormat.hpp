#pragma once
// Go's text forms of numbers and strings, as the kubectl code paths the renderers mirror produce
// them: strconv.FormatFloat, encoding/json's number and string encoding, fmt's %q.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace dsroll::render::gofmt {

/** strconv.FormatFloat(v, fmt, -1, 64) for fmt 'e', 'f' or 'g' (shortest round-trip digits). */
std::string formatFloat(double v, char fmt);

/**
 * A JSON number as kubectl re-encodes it after decoding into an unstructured object: integers
 * that fit int64 stay integers, everything else is a float64 written the encoding/json way
 * ("1e+21", "1e-7", "0.5", "3").
 */
std::string jsonNumber(const nlohmann::json& number);

/** A quoted JSON string with encoding/json's escaping (HTML-safe, U+2028/2029 escaped, invalid
 * UTF-8 as \ufffd). */
std::string jsonString(std::string_view s);

/** json.MarshalIndent(v, "", "    ") of a decoded JSON value, plus the final newline kubectl adds.
 */
std::string encodeIndentedJson(const nlohmann::json& value);

/** fmt's %q (strconv.Quote) for the text kubectl formats that way. Non-ASCII characters are kept
 * when they are valid and not control characters. */
std::string quote(std::string_view s);

/** Replaces each invalid UTF-8 byte with U+FFFD, as encoding/json does when marshalling. */
std::string toValidUtf8(std::string_view s);

}  // namespace dsroll::render::gofmt
