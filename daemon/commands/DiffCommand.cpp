// diff NAME [REV1 [REV2]] [--offline]: the pod templates of two revisions as `kubectl get -o
// yaml` prints them, compared as `diff -u` would. Exit codes are kubectl diff's: 0 the same,
// 1 different, above 1 an error.

#include "daemon/commands/DiffCommand.hpp"

#include "daemon/commands/HistorySource.hpp"
#include "daemon/commands/RevisionDiff.hpp"

namespace dsroll::commands {

namespace {

/** kubectl diff exits with its usual error code plus one, so 1 always means "different". */
CommandError asDiffError(CommandError error) {
  if (error.kind != ipc::ErrorKind::Cancelled) error.exitCode += 1;
  return error;
}

Awaitable<CommandResult> runDiff(Services& s, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(s, ctx.request);
  if (!target) co_return tl::unexpected(asDiffError(target.error()));
  const std::int64_t from = args.value("from", std::int64_t{0});
  const std::int64_t to = args.value("to", std::int64_t{0});
  if (from < 0 || to < 0) {
    co_return tl::unexpected(asDiffError(server::commandError(
        ipc::ErrorKind::Usage,
        "revision must be a positive integer: " + std::to_string(from < 0 ? from : to))));
  }
  auto source = co_await loadHistory(s, *target, args.value("offline", false));
  if (!source) co_return tl::unexpected(asDiffError(source.error()));

  auto pair = chooseDiffPair(source->entries, from, to, target->name);
  if (!pair) {
    if (!source->notice.empty()) ctx.reply.err(source->notice);
    co_return tl::unexpected(
        asDiffError(server::commandError(ipc::ErrorKind::NotFound, pair.error())));
  }
  if (!source->notice.empty()) {
    ctx.reply.err(source->notice);
  } else {
    auto cacheOnly = [&ctx](const HistoryEntry& e) {
      ctx.reply.err("(revision " + std::to_string(e.revision) +
                    " is known only to the cache: the cluster has pruned it)\n");
    };
    if (!pair->from->live) cacheOnly(*pair->from);
    if (pair->to != pair->from && !pair->to->live) cacheOnly(*pair->to);
  }
  const std::string diff = revisionDiff(*pair, args.value("color", false));
  ctx.reply.out(diff);
  co_return diff.empty() ? 0 : 1;
}

}  // namespace

void registerDiff(server::CommandRegistry& registry, Services& services) {
  registry.add("diff", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runDiff(services, ctx);
  });
}

}  // namespace dsroll::commands
