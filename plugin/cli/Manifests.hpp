#pragma once
// Reading what `apply -f` names: files, directories (*.yaml, *.yml, *.json, sorted, recursive
// with -R) and `-` for stdin, the way kubectl's resource visitor walks them.

#include <functional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "plugin/cli/CliError.hpp"

namespace dsroll::plugin::cli {

struct ManifestFile {
  std::string path;  // as given, or the given directory joined with the file's relative path
  std::string content;
};

using StdinReader = std::function<tl::expected<std::string, std::string>()>;

/** Reads every manifest `filenames` names, in order. */
tl::expected<std::vector<ManifestFile>, CliError> readManifests(
    const std::vector<std::string>& filenames, bool recursive, const StdinReader& readStdin);

/** Reads a whole file descriptor (stdin) until end of file. */
tl::expected<std::string, std::string> readAllFromFd(int fd);

}  // namespace dsroll::plugin::cli
