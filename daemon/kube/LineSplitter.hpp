#pragma once
// Splits a byte stream into newline-terminated lines however it was chunked: a watch body is
// one JSON event per line, and the network may cut anywhere, even inside a UTF-8 sequence.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dsroll::kube {

class LineSplitter {
 public:
  explicit LineSplitter(std::size_t maxLine) : maxLine_(maxLine) {}

  /**
   * Appends bytes and returns the lines completed by them (without the newline; empty lines
   * skipped). Sets overflowed() when a line grows past maxLine; the stream is then unusable.
   */
  std::vector<std::string> feed(std::string_view bytes);

  bool overflowed() const { return overflowed_; }
  /** Bytes of an unfinished last line. */
  std::size_t pending() const { return partial_.size(); }

 private:
  std::size_t maxLine_;
  std::string partial_;
  bool overflowed_ = false;
};

}  // namespace dsroll::kube
