#include "plugin/client/UvSupport.hpp"

#include <cctype>
#include <stdexcept>

namespace dsroll::plugin::client {

namespace {

template <typename Handle, typename Init>
UvPtr<Handle> make(uv_loop_t* loop, void* owner, Init init) {
  auto* handle = new Handle{};
  if (const int status = init(loop, handle); status != 0) {
    delete handle;
    // Initializing a timer, pipe or signal handle only fails on programming errors.
    throw std::logic_error("libuv handle init failed: " + uvErrorText(status));
  }
  handle->data = owner;
  return UvPtr<Handle>(handle);
}

}  // namespace

UvPtr<uv_timer_t> makeTimer(uv_loop_t* loop, void* owner) {
  return make<uv_timer_t>(loop, owner,
                          [](uv_loop_t* l, uv_timer_t* h) { return uv_timer_init(l, h); });
}

UvPtr<uv_pipe_t> makePipe(uv_loop_t* loop, void* owner) {
  return make<uv_pipe_t>(loop, owner,
                         [](uv_loop_t* l, uv_pipe_t* h) { return uv_pipe_init(l, h, 0); });
}

UvPtr<uv_signal_t> makeSignal(uv_loop_t* loop, void* owner) {
  return make<uv_signal_t>(loop, owner,
                           [](uv_loop_t* l, uv_signal_t* h) { return uv_signal_init(l, h); });
}

std::string uvErrorText(int status) {
  std::string text = uv_strerror(status);
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

UvLoop::UvLoop() {
  if (const int status = uv_loop_init(&loop_); status != 0) {
    throw std::runtime_error("cannot create an event loop: " + uvErrorText(status));
  }
}

UvLoop::~UvLoop() {
  uv_walk(
      &loop_,
      [](uv_handle_t* handle, void*) {
        if (uv_is_closing(handle) == 0) uv_close(handle, nullptr);
      },
      nullptr);
  uv_run(&loop_, UV_RUN_DEFAULT);
  uv_loop_close(&loop_);
}

}  // namespace dsroll::plugin::client
