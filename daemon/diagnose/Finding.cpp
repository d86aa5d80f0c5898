#include "daemon/diagnose/Finding.hpp"

#include <algorithm>

namespace dsroll::diagnose {

std::string_view toString(Severity severity) {
  switch (severity) {
    case Severity::Blocking:
      return "blocking";
    case Severity::Warning:
      return "warning";
    case Severity::Info:
      return "info";
  }
  return "info";
}

bool Report::blocking() const {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::Blocking; });
}

bool Report::healthy() const {
  return std::none_of(findings.begin(), findings.end(),
                      [](const Finding& f) { return f.severity != Severity::Info; });
}

void sortFindings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) < static_cast<int>(b.severity);
  });
}

nlohmann::json toJson(const Report& report) {
  nlohmann::json out = {{"kind", "Diagnosis"},         {"namespace", report.namespace_},
                        {"name", report.name},         {"source", report.source},
                        {"healthy", report.healthy()}, {"blocking", report.blocking()}};
  if (report.progress) {
    const auto& p = *report.progress;
    out["progress"] = {{"strategy", p.strategy},     {"maxUnavailable", p.maxUnavailable},
                       {"maxSurge", p.maxSurge},     {"minReadySeconds", p.minReadySeconds},
                       {"generation", p.generation}, {"observedGeneration", p.observedGeneration},
                       {"revision", p.revision},     {"desired", p.desired},
                       {"updated", p.updated},       {"available", p.available},
                       {"ready", p.ready},           {"done", p.done},
                       {"message", p.message}};
  } else {
    out["progress"] = nullptr;
  }
  out["lastKnownGoodRevision"] =
      report.lastKnownGood ? nlohmann::json(*report.lastKnownGood) : nlohmann::json(nullptr);
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& f : report.findings) {
    nlohmann::json fixes = nlohmann::json::array();
    for (const auto& fix : f.fixes) {
      fixes.push_back({{"command", fix.command}, {"note", fix.note}});
    }
    findings.push_back({{"kind", f.kind},
                        {"severity", toString(f.severity)},
                        {"cause", f.cause},
                        {"evidence", f.evidence},
                        {"fixes", fixes},
                        {"data", f.data}});
  }
  out["findings"] = std::move(findings);
  out["notes"] = report.notes;
  return out;
}

}  // namespace dsroll::diagnose
