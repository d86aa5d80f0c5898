#include "plugin/render/LiveStatus.hpp"

#include <algorithm>
#include <csignal>

#include "plugin/client/TerminalInfo.hpp"
#include "plugin/render/StatusView.hpp"

namespace dsroll::plugin::render {

namespace {

constexpr std::uint64_t kTickMs = 1000;
constexpr std::string_view kHideCursor = "\x1b[?25l";
constexpr std::string_view kShowCursor = "\x1b[?25h";

}  // namespace

LiveStatus::LiveStatus(uv_loop_t* loop, client::FdWriter& out, int width, int height, bool color)
    : loop_(loop), out_(out), width_(width), height_(height), color_(color) {}

LiveStatus::~LiveStatus() {
  finish();
}

void LiveStatus::update(const nlohmann::json& progress) {
  if (finished_) return;
  frame_ = progress;
  frameAt_ = std::chrono::steady_clock::now();
  if (!tick_) {
    out_.write(kHideCursor);
    tick_ = client::makeTimer(loop_, this);
    uv_timer_start(
        tick_.get(),
        [](uv_timer_t* timer) {
          auto* self = client::ownerOf<LiveStatus>(timer);
          if (self != nullptr && self->live_ && !self->hidden_) self->draw(true);
        },
        kTickMs, kTickMs);
    resize_ = client::makeSignal(loop_, this);
    uv_signal_start(
        resize_.get(),
        [](uv_signal_t* handle, int) {
          if (auto* self = client::ownerOf<LiveStatus>(handle)) self->onResize();
        },
        SIGWINCH);
  }
  draw(live_ && !hidden_);
  hidden_ = false;
  live_ = true;
  if (frame_.value("done", false)) finish();
}

void LiveStatus::beforeOutput() {
  if (!live_ || hidden_ || finished_) return;
  out_.write(eraseSequence());
  hidden_ = true;
}

void LiveStatus::afterOutput() {
  if (!live_ || !hidden_ || finished_) return;
  draw(false);
  hidden_ = false;
}

void LiveStatus::finish() {
  if (finished_) return;
  finished_ = true;
  tick_.reset();
  resize_.reset();
  if (live_) out_.write(kShowCursor);
}

void LiveStatus::draw(bool erase) {
  nlohmann::json shown = frame_;
  if (!shown.value("done", false)) {
    // Between frames the clock keeps running on screen.
    const double since =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - frameAt_).count();
    if (auto it = shown.find("elapsedSeconds"); it != shown.end() && it->is_number()) {
      *it = it->get<double>() + since;
    }
    if (auto it = shown.find("etaSeconds"); it != shown.end() && it->is_number()) {
      *it = std::max(0.0, it->get<double>() - since);
    }
  }
  const std::string text = renderStatus(shown, width_, height_, color_);
  std::string bytes = erase ? eraseSequence() : std::string();
  bytes += text;
  out_.write(bytes);
  linesDrawn_ = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

std::string LiveStatus::eraseSequence() const {
  if (linesDrawn_ == 0) return "";
  // The cursor sits at the start of the line below the frame: go up and clear downwards.
  return "\r\x1b[" + std::to_string(linesDrawn_) + "A\x1b[J";
}

void LiveStatus::onResize() {
  if (auto size = client::terminalSize(out_.fd())) {
    width_ = size->width;
    height_ = size->height;
  }
  // A narrower terminal may have wrapped the old frame: clear the whole screen below the top.
  if (live_ && !hidden_ && !finished_) draw(true);
}

}  // namespace dsroll::plugin::render
