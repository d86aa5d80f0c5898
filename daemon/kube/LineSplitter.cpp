#include "daemon/kube/LineSplitter.hpp"

namespace dsroll::kube {

std::vector<std::string> LineSplitter::feed(std::string_view bytes) {
  std::vector<std::string> lines;
  while (!overflowed_ && !bytes.empty()) {
    const auto newline = bytes.find('\n');
    const std::string_view piece = bytes.substr(0, newline);
    // Checked before appending, whether or not the line ends in this piece: memory stays
    // bounded and no line longer than the limit comes out. (+1: a "\r" that is not kept.)
    if (partial_.size() + piece.size() > maxLine_ + 1) {
      overflowed_ = true;
      break;
    }
    partial_.append(piece);
    if (newline == std::string_view::npos) {
      break;
    }
    bytes.remove_prefix(newline + 1);
    if (!partial_.empty() && partial_.back() == '\r') {
      partial_.pop_back();
    }
    if (partial_.size() > maxLine_) {
      overflowed_ = true;
      break;
    }
    if (!partial_.empty()) {
      lines.push_back(std::move(partial_));
    }
    partial_.clear();
  }
  if (overflowed_) {
    partial_.clear();
    partial_.shrink_to_fit();
  }
  return lines;
}

}  // namespace dsroll::kube
