#pragma once
// Owning libuv handles without tying their memory to the owner's lifetime: a handle is closed
// by its deleter and freed in its close callback, and its `data` is cleared first, so request
// callbacks that libuv runs after the close (ECANCELED) can see that the owner is gone.

#include <memory>
#include <string>

#include <uv.h>

namespace dsroll::plugin::client {

template <typename Handle>
struct UvHandleDeleter {
  void operator()(Handle* handle) const {
    auto* base = reinterpret_cast<uv_handle_t*>(handle);
    base->data = nullptr;
    if (uv_is_closing(base) == 0) {
      uv_close(base, [](uv_handle_t* h) { delete reinterpret_cast<Handle*>(h); });
    }
  }
};

/** A libuv handle initialized on a loop; closing and freeing happen when it is reset. */
template <typename Handle>
using UvPtr = std::unique_ptr<Handle, UvHandleDeleter<Handle>>;

/** A new timer on `loop`. */
UvPtr<uv_timer_t> makeTimer(uv_loop_t* loop, void* owner);

/** A new Unix socket (pipe) handle on `loop`. */
UvPtr<uv_pipe_t> makePipe(uv_loop_t* loop, void* owner);

/** A new signal handle on `loop`. */
UvPtr<uv_signal_t> makeSignal(uv_loop_t* loop, void* owner);

/** The owner stored in a handle's data (nullptr once the handle is being closed). */
template <typename Owner, typename Handle>
Owner* ownerOf(Handle* handle) {
  return static_cast<Owner*>(reinterpret_cast<uv_handle_t*>(handle)->data);
}

/** libuv's text for an error code, e.g. "connection refused". */
std::string uvErrorText(int status);

/** A loop of its own; the destructor closes what is left and runs it dry. */
class UvLoop {
 public:
  UvLoop();
  ~UvLoop();
  UvLoop(const UvLoop&) = delete;
  UvLoop& operator=(const UvLoop&) = delete;

  uv_loop_t* get() { return &loop_; }

 private:
  uv_loop_t loop_;
};

}  // namespace dsroll::plugin::client
