#include "plugin/completion/CompletionInstall.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <system_error>
#include <vector>

namespace dsroll::plugin::completion {

namespace fs = std::filesystem;

namespace {

constexpr const char* kCompleter = "kubectl_complete-dsroll";
constexpr const char* kPlugin = "kubectl-dsroll";

std::vector<std::string> splitPath(const std::string& path) {
  std::vector<std::string> dirs;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t colon = std::min(path.find(':', start), path.size());
    dirs.push_back(colon == start ? "." : path.substr(start, colon - start));
    start = colon + 1;
  }
  return dirs;
}

// Replaces `target` atomically with what `create` makes at a temporary name beside it.
tl::expected<void, std::string> replace(
    const fs::path& target, const std::function<std::error_code(const fs::path&)>& create) {
  const fs::path temporary = target.string() + ".tmp-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove(temporary, ec);
  if (auto error = create(temporary)) {
    return tl::unexpected("cannot write " + temporary.string() + ": " + error.message());
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    return tl::unexpected("cannot replace " + target.string() + ": " + ec.message());
  }
  return {};
}

std::string shellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

}  // namespace

tl::expected<std::string, std::string> installCompleter(const InstallRequest& request) {
  const std::vector<std::string> pathDirs = splitPath(request.pathVariable);
  std::string dir = request.dir;
  if (dir.empty()) {
    for (const std::string& candidate : pathDirs) {
      if (::access((candidate + "/" + kPlugin).c_str(), X_OK) == 0) {
        dir = candidate;
        break;
      }
    }
    if (dir.empty()) {
      return tl::unexpected(
          std::string("error: kubectl-dsroll is not on PATH, so kubectl would "
                      "not find a completer beside it; use --dir"));
    }
  }
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return tl::unexpected("error: " + dir + " is not a directory");
  }
  const fs::path target = fs::path(dir) / kCompleter;
  const fs::path shipped = fs::path(request.selfExecutable).parent_path() / kCompleter;

  std::string message;
  if (!request.selfExecutable.empty() && ::access(shipped.c_str(), X_OK) == 0) {
    if (fs::equivalent(shipped, target, ec)) {
      return std::string(kCompleter) + " is already in " + dir + "\n";
    }
    auto done = replace(target, [&](const fs::path& tmp) {
      std::error_code error;
      fs::create_symlink(shipped, tmp, error);
      return error;
    });
    if (!done) return tl::unexpected("error: " + done.error());
    message = "installed " + target.string() + " -> " + shipped.string() + "\n";
  } else {
    // No completer binary beside us (a hand-copied plugin): the plugin answers itself.
    const fs::path plugin = fs::path(dir) / kPlugin;
    const std::string program =
        ::access(plugin.c_str(), X_OK) == 0 ? plugin.string() : request.selfExecutable;
    auto done = replace(target, [&](const fs::path& tmp) {
      std::ofstream out(tmp);
      out << "#!/bin/sh\n# Written by kubectl dsroll completion install.\nexec "
          << shellQuote(program) << " __complete \"$@\"\n";
      out.close();
      std::error_code error;
      if (!out) return std::make_error_code(std::errc::io_error);
      fs::permissions(tmp,
                      fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                          fs::perms::others_read | fs::perms::others_exec,
                      error);
      return error;
    });
    if (!done) return tl::unexpected("error: " + done.error());
    message = "installed " + target.string() + " (runs " + program + " __complete)\n";
  }
  const bool onPath = std::any_of(pathDirs.begin(), pathDirs.end(), [&](const std::string& d) {
    std::error_code error;
    return fs::equivalent(d, dir, error);
  });
  if (!onPath) {
    message += "note: " + dir + " is not on PATH; kubectl will not find the completer there\n";
  }
  return message;
}

}  // namespace dsroll::plugin::completion
