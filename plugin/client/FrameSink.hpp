#pragma once
// Where the frames of one request's answer go.

#include <string>

#include <nlohmann/json.hpp>

#include "ipc/Messages.hpp"

namespace dsroll::plugin::client {

class FrameSink {
 public:
  virtual ~FrameSink() = default;

  /** Text to write as-is. */
  virtual void output(ipc::Stream stream, const std::string& text) = 0;

  /** A progress snapshot (status on a terminal). */
  virtual void progress(const nlohmann::json& data) = 0;

  /** One structured record (completion candidates). */
  virtual void row(const nlohmann::json& data) = 0;

  /** True once nobody reads the output any more (stdout closed): the request is cancelled. */
  virtual bool broken() const { return false; }
};

}  // namespace dsroll::plugin::client
