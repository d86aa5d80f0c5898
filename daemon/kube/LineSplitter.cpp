#include "daemon/kube/LineSplitter.hpp"

namespace dsroll::kube {

std::vector<std::string> LineSplitter::feed(std::string_view bytes) {
  std::vector<std::string> lines;
  if (overflowed_) {
    return lines;
  }
  while (!bytes.empty()) {
    const auto newline = bytes.find('\n');
    if (newline == std::string_view::npos) {
      partial_.append(bytes);
      break;
    }
    partial_.append(bytes.substr(0, newline));
    bytes.remove_prefix(newline + 1);
    if (!partial_.empty() && partial_.back() == '\r') {
      partial_.pop_back();
    }
    if (!partial_.empty()) {
      lines.push_back(std::move(partial_));
    }
    partial_.clear();
  }
  if (partial_.size() > maxLine_) {
    overflowed_ = true;
    partial_.clear();
  }
  return lines;
}

}  // namespace dsroll::kube
