#pragma once
// Small text helpers that reproduce how Go (and so kubectl) prints things.

#include <string>
#include <string_view>

namespace dsroll::kube {

/** Go's %q: a double-quoted string with Go escapes (strconv.Quote for ASCII and UTF-8 text). */
std::string goQuote(std::string_view text);

/** Go's strings.TrimSpace for ASCII whitespace. */
std::string_view trimSpace(std::string_view text);

/** strerror(err) as Go prints it: "no such file or directory", "permission denied". */
std::string errnoText(int err);

/**
 * kubectl's cleanANSIEscapeCodes: control characters other than \t \n \v \f \r (ESC included)
 * become "U+001B" so a hint from a kubeconfig cannot drive the user's terminal.
 */
std::string cleanControlCharacters(std::string_view text);

}  // namespace dsroll::kube
