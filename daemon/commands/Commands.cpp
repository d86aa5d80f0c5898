#include "daemon/commands/Commands.hpp"

#include "daemon/commands/ApplyCommand.hpp"
#include "daemon/commands/CacheCommands.hpp"
#include "daemon/commands/CompleteCommand.hpp"
#include "daemon/commands/CredentialRelay.hpp"
#include "daemon/commands/DeleteCommand.hpp"
#include "daemon/commands/DiagnoseCommand.hpp"
#include "daemon/commands/DiffCommand.hpp"
#include "daemon/commands/HistoryCommand.hpp"
#include "daemon/commands/ListCommand.hpp"
#include "daemon/commands/OndeleteRollCommand.hpp"
#include "daemon/commands/RestartCommand.hpp"
#include "daemon/commands/RevisionsCommand.hpp"
#include "daemon/commands/SetImageCommand.hpp"
#include "daemon/commands/StatusCommand.hpp"
#include "daemon/commands/StrategyCommand.hpp"
#include "daemon/commands/UndoCommand.hpp"

namespace dsroll::commands {

namespace {

/** Tells the user, once, about anything the daemon had to do on its own (start-up notices). */
server::CommandHandler withNotices(server::CommandHandler handler, Services& services) {
  return [handler = std::move(handler), &services](server::CommandContext& ctx)
             -> Awaitable<server::CommandResult> {
    for (const auto& notice : services.notices) {
      ctx.reply.err("Warning: " + notice + "\n");
    }
    services.notices.clear();
    co_return co_await handler(ctx);
  };
}

}  // namespace

void registerCommands(server::CommandRegistry& registry, Services& services) {
  server::CommandRegistry plain;
  registerHistory(plain, services);
  registerStatus(plain, services);
  registerUndo(plain, services);
  registerApply(plain, services);
  registerSetImage(plain, services);
  registerRestart(plain, services);
  registerStrategy(plain, services);
  registerDelete(plain, services);
  registerDiagnose(plain, services);
  registerOndeleteRoll(plain, services);
  registerDiff(plain, services);
  registerRevisions(plain, services);
  registerList(plain, services);  // after registerStatus: it adds status --all
  registerCacheInfo(plain, services);
  registerCachePrune(plain, services);
  registerCacheExport(plain, services);
  registerComplete(plain, services);
  for (const auto& name : plain.names()) {
    registry.add(name, withNotices(withCredentialRelay(*plain.find(name), services), services));
  }
}

}  // namespace dsroll::commands
