#pragma once
// How a command answers while it runs: text for the user's stdout/stderr and structured frames.
// The final result or error is the command's return value, not sent through here.

#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace dsroll::server {

class Reply {
 public:
  virtual ~Reply() = default;
  virtual void out(std::string_view text) = 0;
  virtual void err(std::string_view text) = 0;
  virtual void progress(const nlohmann::json& data) = 0;
  virtual void row(const nlohmann::json& data) = 0;
  /** Structured data for the final result frame (completion's directive); sent only on success. */
  virtual void resultData(const nlohmann::json& data) { (void)data; }
};

}  // namespace dsroll::server
