#include "plugin/client/RequestContext.hpp"

#include <unistd.h>

#include <cerrno>
#include <vector>

namespace dsroll::plugin::client {

std::map<std::string, std::string> environmentMap(char** environment) {
  std::map<std::string, std::string> out;
  for (char** entry = environment; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string text(*entry);
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) continue;
    out.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return out;
}

std::string currentDirectory() {
  std::vector<char> buffer(4096);
  while (::getcwd(buffer.data(), buffer.size()) == nullptr) {
    if (errno != ERANGE) return "";
    buffer.resize(buffer.size() * 2);
  }
  return buffer.data();
}

ipc::Request makeRequest(const cli::DaemonCall& call,
                         const ipc::KubeFlags& kube,
                         std::map<std::string, std::string> environment,
                         const ipc::Terminal& terminal,
                         std::string cwd) {
  ipc::Request request;
  request.command = call.command;
  request.args = call.args;
  request.kube = kube;
  request.env = std::move(environment);
  request.terminal = terminal;
  request.cwd = std::move(cwd);
  return request;
}

}  // namespace dsroll::plugin::client
