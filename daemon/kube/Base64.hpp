#pragma once
// Standard base64 (RFC 4648 with padding), as Go's encoding/base64.StdEncoding reads and writes it.

#include <cstddef>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace dsroll::kube {

/** Encodes with the standard alphabet and '=' padding. */
std::string encodeBase64(std::string_view data);

/**
 * Decodes standard base64 with padding; '\r' and '\n' are skipped as Go skips them. On failure
 * returns the offset Go reports in "illegal base64 data at input byte N".
 */
tl::expected<std::string, std::size_t> decodeBase64(std::string_view text);

}  // namespace dsroll::kube
