#include "plugin/client/DaemonLauncher.hpp"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <vector>

namespace dsroll::plugin::client {

namespace {

constexpr std::uint64_t kStartupTimeoutMs = 10000;

bool isExecutableFile(const std::string& path) {
  return ::access(path.c_str(), X_OK) == 0;
}

void closeProcess(uv_process_t* process) {
  uv_close(reinterpret_cast<uv_handle_t*>(process),
           [](uv_handle_t* h) { delete reinterpret_cast<uv_process_t*>(h); });
}

}  // namespace

StartupResult parseStartupLine(std::string_view line) {
  auto rest = [&](std::string_view word) -> std::optional<std::string> {
    if (line == word) return std::string();
    if (line.size() > word.size() && line.substr(0, word.size()) == word &&
        line[word.size()] == ' ') {
      return std::string(line.substr(word.size() + 1));
    }
    return std::nullopt;
  };
  if (auto pid = rest("ready")) return {StartupResult::Kind::Ready, *pid};
  if (auto pid = rest("locked")) return {StartupResult::Kind::Locked, *pid};
  if (auto message = rest("error")) return {StartupResult::Kind::Failed, *message};
  return {StartupResult::Kind::Failed,
          "it answered \"" + std::string(line) + "\" instead of ready, locked or error"};
}

std::optional<std::string> findDaemonExecutable(const std::string& selfExecutable,
                                                const std::string& pathVariable) {
  if (const auto slash = selfExecutable.rfind('/'); slash != std::string::npos) {
    const std::string beside = selfExecutable.substr(0, slash) + "/dsrolld";
    if (isExecutableFile(beside)) return beside;
  }
  std::size_t start = 0;
  while (start <= pathVariable.size()) {
    const std::size_t colon = std::min(pathVariable.find(':', start), pathVariable.size());
    std::string dir = pathVariable.substr(start, colon - start);
    if (dir.empty()) dir = ".";
    const std::string candidate = dir + "/dsrolld";
    if (isExecutableFile(candidate)) return candidate;
    start = colon + 1;
  }
  return std::nullopt;
}

std::string selfExecutable() {
  char resolved[PATH_MAX];
  if (::realpath("/proc/self/exe", resolved) == nullptr) return "";
  return resolved;
}

ProcessLauncher::ProcessLauncher(uv_loop_t* loop, std::string executable)
    : loop_(loop), executable_(std::move(executable)) {}

ProcessLauncher::~ProcessLauncher() {
  if (process_ != nullptr) {
    process_->data = nullptr;
    closeProcess(process_);
  }
}

void ProcessLauncher::launch(std::function<void(StartupResult)> done) {
  done_ = std::move(done);
  line_.clear();
  startupPipe_ = makePipe(loop_, this);
  const int devNull = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (devNull < 0) {
    finish({StartupResult::Kind::Failed, "cannot open /dev/null"});
    return;
  }
  std::string startupFlag = "--startup-fd=3";
  std::vector<char*> args{executable_.data(), startupFlag.data(), nullptr};
  uv_stdio_container_t stdio[4];
  for (int i = 0; i < 3; ++i) {
    stdio[i].flags = UV_INHERIT_FD;
    stdio[i].data.fd = devNull;
  }
  // The daemon writes its startup line on fd 3: readable here, writable there.
  stdio[3].flags = static_cast<uv_stdio_flags>(UV_CREATE_PIPE | UV_WRITABLE_PIPE);
  stdio[3].data.stream = reinterpret_cast<uv_stream_t*>(startupPipe_.get());
  uv_process_options_t options{};
  options.file = executable_.c_str();
  options.args = args.data();
  options.flags = UV_PROCESS_DETACHED;
  options.stdio_count = 4;
  options.stdio = stdio;
  options.exit_cb = [](uv_process_t* process, std::int64_t, int) {
    auto* self = static_cast<ProcessLauncher*>(process->data);
    if (self != nullptr) self->process_ = nullptr;
    closeProcess(process);
  };
  process_ = new uv_process_t{};
  process_->data = this;
  const int status = uv_spawn(loop_, process_, &options);
  ::close(devNull);
  if (status != 0) {
    closeProcess(process_);
    process_ = nullptr;
    finish({StartupResult::Kind::Failed, "cannot run " + executable_ + ": " + uvErrorText(status)});
    return;
  }
  uv_unref(reinterpret_cast<uv_handle_t*>(process_));

  timeout_ = makeTimer(loop_, this);
  uv_timer_start(
      timeout_.get(),
      [](uv_timer_t* timer) {
        if (auto* self = ownerOf<ProcessLauncher>(timer)) {
          self->finish({StartupResult::Kind::Failed, "it did not report within 10s"});
        }
      },
      kStartupTimeoutMs, 0);
  readBuffer_.resize(512);
  uv_read_start(
      reinterpret_cast<uv_stream_t*>(startupPipe_.get()),
      [](uv_handle_t* handle, std::size_t, uv_buf_t* buf) {
        auto* self = ownerOf<ProcessLauncher>(handle);
        *buf = self == nullptr ? uv_buf_init(nullptr, 0)
                               : uv_buf_init(self->readBuffer_.data(),
                                             static_cast<unsigned int>(self->readBuffer_.size()));
      },
      [](uv_stream_t* stream, ssize_t n, const uv_buf_t* buf) {
        auto* self = ownerOf<ProcessLauncher>(stream);
        if (self == nullptr) return;
        if (n < 0) {
          // End of file: a line without its newline still counts; nothing means it died.
          self->finish(self->line_.empty() ? StartupResult{StartupResult::Kind::Died, ""}
                                           : parseStartupLine(self->line_));
          return;
        }
        self->line_.append(buf->base, static_cast<std::size_t>(n));
        if (const auto newline = self->line_.find('\n'); newline != std::string::npos) {
          self->finish(parseStartupLine(std::string_view(self->line_).substr(0, newline)));
        }
      });
}

void ProcessLauncher::finish(StartupResult result) {
  startupPipe_.reset();
  timeout_.reset();
  if (done_) {
    auto done = std::move(done_);
    done_ = nullptr;
    done(std::move(result));
  }
}

}  // namespace dsroll::plugin::client
