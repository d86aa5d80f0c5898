// status --all: kubectl rollout status for every DaemonSet in scope (no TTY), or the list table
// kept live until every rollout is settled (TTY). See StatusAllCommand.hpp for the semantics.

#include "daemon/commands/StatusAllCommand.hpp"

#include "daemon/commands/DaemonSetOverview.hpp"
#include "daemon/commands/RolloutProgress.hpp"

namespace dsroll::commands {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kRedrawEvery = std::chrono::seconds(1);

Clock::time_point deadlineAfter(std::chrono::milliseconds timeout) {
  return timeout.count() > 0 ? Clock::now() + timeout : Clock::time_point::max();
}

std::chrono::milliseconds until(Clock::time_point deadline, std::chrono::milliseconds cap) {
  if (deadline == Clock::time_point::max()) return cap;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return std::max(std::chrono::milliseconds(0), std::min(left, cap));
}

/** kubectl's CheckErr for what the visits collected: one error, or one line each. */
CommandError collected(const std::vector<std::string>& errors) {
  std::string message;
  for (const auto& e : errors) {
    if (!message.empty()) message += "\n";
    message += "error: " + e;
  }
  return CommandError{ipc::ErrorKind::Usage, message, 1};
}

/** One DaemonSet followed as `kubectl rollout status` follows it; an error text or "". */
Awaitable<std::string> followOne(Overview& overview,
                                 const std::string& key,
                                 bool watch,
                                 std::chrono::milliseconds timeout,
                                 CommandContext& ctx) {
  auto& informer = *overview.daemonSets;
  const auto deadline = deadlineAfter(timeout);
  std::string printed;
  while (true) {
    informer.touch();
    const auto seen = informer.changes().version();
    const auto* ds = informer.find(key);
    if (ds == nullptr) co_return "object has been deleted";
    const auto status = kubectlStatus(ds->object);
    if (status.error) co_return *status.error;
    if (ds->resourceVersion != printed) {
      ctx.reply.out(status.message);
      printed = ds->resourceVersion;
      if (status.done || !watch) co_return "";
    }
    if (Clock::now() >= deadline) co_return "timed out waiting for the condition";
    const auto wait = until(deadline, std::chrono::hours(1));
    co_await informer.changes().waitChange(seen, wait);
  }
}

Awaitable<CommandResult> kubectlLines(Overview& overview,
                                      bool watch,
                                      std::chrono::milliseconds timeout,
                                      CommandContext& ctx) {
  std::vector<std::string> keys;
  for (const auto* ds : daemonSetsOf(overview))
    keys.push_back(ds->key());
  if (keys.empty()) {
    ctx.reply.err(noResourcesFound(overview));
    co_return 0;
  }
  std::vector<std::string> errors;
  for (const auto& key : keys) {
    auto error = co_await followOne(overview, key, watch, timeout, ctx);
    if (!error.empty()) errors.push_back(std::move(error));
  }
  if (!errors.empty()) co_return tl::unexpected(collected(errors));
  co_return 0;
}

/** The table cut to the terminal's width, so that moving up a line count redraws it. */
std::string fitted(const std::string& text, int width) {
  if (width <= 0) return text;
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += text.substr(start, std::min<std::size_t>(end - start, static_cast<std::size_t>(width)));
    out += "\n";
    start = end + 1;
  }
  return out;
}

Awaitable<CommandResult> liveTable(Services& s,
                                   StallTracker& stalls,
                                   Overview& overview,
                                   bool watch,
                                   std::chrono::milliseconds timeout,
                                   CommandContext& ctx) {
  const auto deadline = deadlineAfter(timeout);
  const int width = ctx.request.terminal.width;
  std::string shown;
  std::size_t shownLines = 0;
  while (true) {
    overview.daemonSets->touch();
    const auto seen = overview.daemonSets->changes().version();
    const auto rows = overviewRows(s, overview, stalls);
    if (rows.empty()) {
      ctx.reply.err(noResourcesFound(overview));
      co_return 0;
    }
    std::int64_t waiting = 0;
    for (const auto& r : rows)
      waiting += r.state.settled() ? 0 : 1;
    std::string text = daemonSetTable(rows, overview.allNamespaces, false);
    if (waiting > 0 && watch) {
      text += "Waiting for " + std::to_string(waiting) + " of " + std::to_string(rows.size()) +
              " rollouts to finish...\n";
    }
    text = fitted(text, width);
    if (text != shown) {
      // Back to the first line of what was drawn, then clear to the end of the screen.
      const std::string up =
          shownLines > 0 ? "\x1b[" + std::to_string(shownLines) + "F\x1b[J" : std::string();
      ctx.reply.out(up + text);
      shown = text;
      shownLines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    }
    if (waiting == 0 || !watch) co_return 0;
    if (Clock::now() >= deadline) {
      co_return tl::unexpected(
          server::commandError(ipc::ErrorKind::Timeout, "timed out waiting for the condition"));
    }
    const auto wait = until(deadline, kRedrawEvery);
    co_await overview.daemonSets->changes().waitChange(seen, wait);
  }
}

}  // namespace

Awaitable<CommandResult> runStatusAll(Services& services,
                                      StallTracker& stalls,
                                      CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(services, ctx.request, false);
  if (!target) co_return tl::unexpected(target.error());
  auto timeout = timeoutArg(ctx.request, std::chrono::milliseconds(0));
  if (!timeout) co_return tl::unexpected(timeout.error());
  const bool watch = args.value("watch", true);
  const bool allNamespaces = args.value("allNamespaces", false);
  auto overview = co_await openOverview(services, *target, allNamespaces);
  if (!overview) co_return tl::unexpected(overview.error());
  if (ctx.request.terminal.stdoutIsTty) {
    co_return co_await liveTable(services, stalls, *overview, watch, *timeout, ctx);
  }
  co_return co_await kubectlLines(*overview, watch, *timeout, ctx);
}

}  // namespace dsroll::commands
