#pragma once
// The terminal side of the status view: draws progress frames in place (cursor up, clear to
// the end of the screen, then the new frame in one write), ticks the clock between frames,
// follows terminal resizes, and gets out of the way of ordinary output.

#include <chrono>
#include <cstddef>

#include <uv.h>
#include <nlohmann/json.hpp>

#include "plugin/client/FdWriter.hpp"
#include "plugin/client/UvSupport.hpp"

namespace dsroll::plugin::render {

class LiveStatus {
 public:
  LiveStatus(uv_loop_t* loop, client::FdWriter& out, int width, int height, bool color);
  ~LiveStatus();
  LiveStatus(const LiveStatus&) = delete;
  LiveStatus& operator=(const LiveStatus&) = delete;

  /** Draws a new frame; a frame with done=true stays on screen and ends the live part. */
  void update(const nlohmann::json& progress);

  /** Erases the live frame before other text is written (it is redrawn by afterOutput). */
  void beforeOutput();
  void afterOutput();

  /** Stops ticking and leaves the last frame on screen with the cursor below it. */
  void finish();

 private:
  void draw(bool erase);
  std::string eraseSequence() const;
  void onResize();

  uv_loop_t* loop_;
  client::FdWriter& out_;
  int width_;
  int height_;
  bool color_;
  nlohmann::json frame_;
  std::chrono::steady_clock::time_point frameAt_;
  std::size_t linesDrawn_ = 0;
  bool live_ = false;    // a frame is on screen and may be redrawn
  bool hidden_ = false;  // erased for other output
  bool finished_ = false;
  client::UvPtr<uv_timer_t> tick_;
  client::UvPtr<uv_signal_t> resize_;
};

}  // namespace dsroll::plugin::render
