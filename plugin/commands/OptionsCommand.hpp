#pragma once
// kubectl dsroll options: the flags every command accepts (as `kubectl options`).

#include "plugin/commands/CommandSupport.hpp"

namespace dsroll::plugin::commands {

/** Declares `options` under the root; `wrapWidth` is passed to the help renderer. */
CLI::App* setupOptions(CLI::App& root, cli::CommandTable& table, std::size_t wrapWidth);

}  // namespace dsroll::plugin::commands
