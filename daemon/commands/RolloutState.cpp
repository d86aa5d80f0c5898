#include "daemon/commands/RolloutState.hpp"

#include "daemon/model/Json.hpp"
#include "daemon/model/LabelSelector.hpp"
#include "daemon/render/Age.hpp"
#include "daemon/render/TabWriter.hpp"

namespace dsroll::commands {

namespace {

std::string joinedContainerField(const nlohmann::json& daemonSet, const char* field) {
  std::string out;
  const auto* containers = model::at(daemonSet, {"spec", "template", "spec", "containers"});
  if (containers == nullptr || !containers->is_array()) return out;
  for (const auto& c : *containers) {
    if (!out.empty()) out += ",";
    out += model::str(c, {field});
  }
  return out;
}

}  // namespace

std::string RolloutState::text() const {
  switch (phase) {
    case RolloutPhase::Complete:
      return "complete";
    case RolloutPhase::RollingOut:
      return "rolling out " + std::to_string(done) + "/" + std::to_string(of);
    case RolloutPhase::Stuck:
      return "stuck? " + std::to_string(done) + "/" + std::to_string(of);
    case RolloutPhase::OnDeletePending:
      return "OnDelete pending " + std::to_string(done);
    case RolloutPhase::NotObserved:
      return "not observed";
  }
  return "";
}

bool RolloutState::settled() const {
  return phase == RolloutPhase::Complete || phase == RolloutPhase::OnDeletePending;
}

RolloutState rolloutState(const nlohmann::json& daemonSet,
                          std::optional<std::int64_t> stalledSeconds) {
  RolloutState state;
  const auto generation = model::integer(daemonSet, {"metadata", "generation"});
  const auto observed = model::integer(daemonSet, {"status", "observedGeneration"});
  if (generation > observed) {
    state.phase = RolloutPhase::NotObserved;
    return state;
  }
  const auto desired = model::integer(daemonSet, {"status", "desiredNumberScheduled"});
  const auto updated = model::integer(daemonSet, {"status", "updatedNumberScheduled"});
  const auto available = model::integer(daemonSet, {"status", "numberAvailable"});
  const bool onDelete = model::str(daemonSet, {"spec", "updateStrategy", "type"}) == "OnDelete";
  state.of = desired;
  if (updated < desired && onDelete) {
    state.phase = RolloutPhase::OnDeletePending;
    state.done = desired - updated;
    return state;
  }
  if (updated < desired || available < desired) {
    state.phase = RolloutPhase::RollingOut;
    state.done = updated < desired ? updated : available;
    if (!onDelete && stalledSeconds && *stalledSeconds >= kStuckAfterSeconds) {
      state.phase = RolloutPhase::Stuck;
    }
    return state;
  }
  state.done = desired;
  return state;
}

DaemonSetSummary summarize(const nlohmann::json& daemonSet,
                           std::optional<std::int64_t> revision,
                           std::optional<std::int64_t> stalledSeconds,
                           std::chrono::system_clock::time_point now) {
  DaemonSetSummary s;
  s.namespace_ = model::namespaceOf(daemonSet);
  s.name = model::nameOf(daemonSet);
  s.desired = model::integer(daemonSet, {"status", "desiredNumberScheduled"});
  s.updated = model::integer(daemonSet, {"status", "updatedNumberScheduled"});
  s.available = model::integer(daemonSet, {"status", "numberAvailable"});
  s.revision = revision;
  s.strategy = model::str(daemonSet, {"spec", "updateStrategy", "type"});
  s.state = rolloutState(daemonSet, stalledSeconds);
  s.age = render::ageSince(model::str(daemonSet, {"metadata", "creationTimestamp"}), now);
  s.containers = joinedContainerField(daemonSet, "name");
  s.images = joinedContainerField(daemonSet, "image");
  if (const auto* selector = model::at(daemonSet, {"spec", "selector"})) {
    s.selector = model::selectorString(*selector);
  }
  if (s.selector.empty()) s.selector = "<none>";
  return s;
}

std::string daemonSetTable(const std::vector<DaemonSetSummary>& rows,
                           bool withNamespace,
                           bool wide) {
  std::string text = withNamespace ? "NAMESPACE\t" : "";
  text += "NAME\tDESIRED\tUPDATED\tAVAILABLE\tREVISION\tSTRATEGY\tSTATE\tAGE";
  text += wide ? "\tCONTAINERS\tIMAGES\tSELECTOR\n" : "\n";
  for (const auto& r : rows) {
    if (withNamespace) text += r.namespace_ + "\t";
    text += r.name + "\t" + std::to_string(r.desired) + "\t" + std::to_string(r.updated) + "\t" +
            std::to_string(r.available) + "\t" +
            (r.revision ? std::to_string(*r.revision) : std::string("<unknown>")) + "\t" +
            r.strategy + "\t" + r.state.text() + "\t" + r.age;
    text += wide ? "\t" + r.containers + "\t" + r.images + "\t" + r.selector + "\n" : "\n";
  }
  return render::tabwrite(text, render::kGetTableOptions);
}

}  // namespace dsroll::commands
