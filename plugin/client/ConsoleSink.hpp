#pragma once
// The plugin's own sink: output frames to stdout/stderr as they come, progress frames to the
// live status view when stdout is a terminal.

#include <memory>
#include <string>

#include <uv.h>

#include "ipc/Messages.hpp"
#include "plugin/client/FdWriter.hpp"
#include "plugin/client/FrameSink.hpp"
#include "plugin/render/LiveStatus.hpp"

namespace dsroll::plugin::client {

class ConsoleSink final : public FrameSink {
 public:
  ConsoleSink(uv_loop_t* loop, FdWriter& out, FdWriter& err, const ipc::Terminal& terminal);

  void output(ipc::Stream stream, const std::string& text) override;
  void progress(const nlohmann::json& data) override;
  void row(const nlohmann::json& data) override;
  bool broken() const override { return out_.broken(); }

  /** Leaves the live view's last frame on screen and restores the cursor. */
  void finish();

 private:
  uv_loop_t* loop_;
  FdWriter& out_;
  FdWriter& err_;
  ipc::Terminal terminal_;
  std::unique_ptr<render::LiveStatus> live_;
};

}  // namespace dsroll::plugin::client
