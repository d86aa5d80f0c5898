#pragma once
// A daemon command: a coroutine that reads the request, answers through Reply and returns the
// exit code or an error for the user.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "daemon/asio/Awaitable.hpp"
#include "daemon/server/Reply.hpp"
#include "ipc/Messages.hpp"

namespace dsroll::server {

struct CommandError {
  ipc::ErrorKind kind = ipc::ErrorKind::Internal;
  std::string message;  // the complete line the user sees, prefix included
  int exitCode = 1;
  nlohmann::json data{};  // ipc::Error::data (kind NeedsCredential: an ipc::CredentialRequest)
};

/** `error: <text>` with the given kind, kubectl's usual form. */
inline CommandError commandError(ipc::ErrorKind kind, const std::string& text, int exitCode = 1) {
  return CommandError{kind, "error: " + text, exitCode};
}

using CommandResult = tl::expected<int, CommandError>;

struct CommandContext {
  const ipc::Request& request;
  Reply& reply;
};

using CommandHandler = std::function<Awaitable<CommandResult>(CommandContext&)>;

/** Command name -> handler. Filled once at start-up, read-only afterwards. */
class CommandRegistry {
 public:
  void add(std::string name, CommandHandler handler) {
    handlers_.insert_or_assign(std::move(name), std::move(handler));
  }
  const CommandHandler* find(const std::string& name) const {
    auto it = handlers_.find(name);
    return it == handlers_.end() ? nullptr : &it->second;
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& [name, handler] : handlers_) out.push_back(name);
    return out;
  }

 private:
  std::map<std::string, CommandHandler> handlers_;
};

}  // namespace dsroll::server
