// history NAME [--revision N] [-o json|yaml|wide|name] [--offline]

#include "daemon/commands/HistoryCommand.hpp"

#include "daemon/commands/CommandSupport.hpp"
#include "daemon/commands/HistoryModel.hpp"
#include "daemon/commands/HistorySource.hpp"
#include "daemon/model/Json.hpp"
#include "daemon/render/HistoryTables.hpp"
#include "daemon/render/KubectlYaml.hpp"
#include "daemon/render/PodTemplateDescriber.hpp"

namespace dsroll::commands {

namespace {

/** kubectl's -o json|yaml history object: the DaemonSet with the revision's template. */
nlohmann::json withTemplate(const nlohmann::json& daemonSet, const HistoryEntry& entry) {
  nlohmann::json out = daemonSet;
  out["apiVersion"] = "apps/v1";
  out["kind"] = "DaemonSet";
  out["spec"]["template"] = templateOf(entry.data);
  return out;
}

/** Offline, there is no DaemonSet object: print the revision as a ControllerRevision. */
nlohmann::json asRevision(const Target& target, const HistoryEntry& e) {
  return nlohmann::json{{"apiVersion", "apps/v1"},
                        {"kind", "ControllerRevision"},
                        {"metadata",
                         {{"name", e.name},
                          {"namespace", target.namespace_},
                          {"uid", e.uid},
                          {"creationTimestamp", model::formatTime(e.created)}}},
                        {"revision", e.revision},
                        {"data", e.data}};
}

std::string printObjects(const std::vector<nlohmann::json>& objects, const std::string& output) {
  if (output == "yaml") {
    return render::toKubectlYamlDocuments(objects);
  }
  std::string out;
  for (const auto& o : objects) out += render::toKubectlJson(o);
  return out;
}

Awaitable<CommandResult> runHistory(Services& s, CommandContext& ctx) {
  const auto& args = ctx.request.args;
  auto target = resolveTarget(s, ctx.request);
  if (!target) co_return tl::unexpected(target.error());
  const std::int64_t revision = args.value("revision", std::int64_t{0});
  if (revision < 0) {
    co_return tl::unexpected(server::commandError(
        ipc::ErrorKind::Usage, "revision must be a positive integer: " + std::to_string(revision)));
  }
  const std::string output = args.value("output", std::string());
  auto source = co_await loadHistory(s, *target, args.value("offline", false));
  if (!source) co_return tl::unexpected(source.error());
  if (!source->notice.empty()) ctx.reply.err(source->notice);

  if (revision > 0) {
    const HistoryEntry* found = nullptr;
    for (const auto& e : source->entries) {
      if (e.revision == revision && (e.live || output == "wide" || !source->daemonSet)) found = &e;
    }
    if (found == nullptr) {
      co_return tl::unexpected(
          server::commandError(ipc::ErrorKind::NotFound, "unable to find the specified revision"));
    }
    if (output == "json" || output == "yaml") {
      const auto object = source->daemonSet ? withTemplate(*source->daemonSet, *found)
                                            : asRevision(*target, *found);
      ctx.reply.out(printObjects({object}, output));
    } else if (output == "name") {
      ctx.reply.out("daemonset.apps/" + target->name + "\n");
    } else {
      ctx.reply.out(render::rolloutHistoryOutput(
          target->name, revision, render::describePodTemplate(templateOf(found->data))));
    }
    co_return 0;
  }

  if (output == "json" || output == "yaml") {
    std::vector<nlohmann::json> objects;
    for (const auto& e : source->entries) {
      if (!e.live) continue;
      objects.push_back(source->daemonSet ? withTemplate(*source->daemonSet, e)
                                          : asRevision(*target, e));
    }
    ctx.reply.out(printObjects(objects, output));
  } else if (output == "name") {
    ctx.reply.out("daemonset.apps/" + target->name + "\n");
  } else if (output == "wide") {
    ctx.reply.out(renderWideTable(target->name, source->entries, nowSeconds()));
  } else if (output.empty()) {
    ctx.reply.out(renderKubectlTable(target->name, source->entries));
  } else {
    co_return tl::unexpected(server::commandError(
        ipc::ErrorKind::Usage, "unable to match a printer suitable for the output format \"" +
                                   output + "\", allowed formats are: json,name,wide,yaml"));
  }
  co_return 0;
}

}  // namespace

void registerHistory(server::CommandRegistry& registry, Services& services) {
  registry.add("history", [&services](server::CommandContext& ctx) -> Awaitable<CommandResult> {
    co_return co_await runHistory(services, ctx);
  });
}

}  // namespace dsroll::commands
