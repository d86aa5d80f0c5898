#include "plugin/client/ConsoleSink.hpp"

namespace dsroll::plugin::client {

ConsoleSink::ConsoleSink(uv_loop_t* loop,
                         FdWriter& out,
                         FdWriter& err,
                         const ipc::Terminal& terminal)
    : loop_(loop), out_(out), err_(err), terminal_(terminal) {}

void ConsoleSink::output(ipc::Stream stream, const std::string& text) {
  if (live_) live_->beforeOutput();
  (stream == ipc::Stream::Stdout ? out_ : err_).write(text);
  if (live_) live_->afterOutput();
}

void ConsoleSink::progress(const nlohmann::json& data) {
  // The daemon sends progress only to a terminal; anything else gets kubectl's lines.
  if (!terminal_.stdoutIsTty) return;
  if (!live_) {
    live_ = std::make_unique<render::LiveStatus>(loop_, out_, terminal_.width, terminal_.height,
                                                 terminal_.color);
  }
  live_->update(data);
}

void ConsoleSink::row(const nlohmann::json&) {
  // Rows are for programs (completion); people get output frames.
}

void ConsoleSink::finish() {
  if (live_) live_->finish();
}

}  // namespace dsroll::plugin::client
