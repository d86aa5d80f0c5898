#include "daemon/diagnose/ReportText.hpp"

#include <algorithm>

namespace dsroll::diagnose {

namespace {

struct Style {
  bool color = false;
  std::string paint(const std::string& text, const char* code) const {
    return color ? std::string("\x1b[") + code + "m" + text + "\x1b[0m" : text;
  }
};

const char* severityColor(Severity s) {
  switch (s) {
    case Severity::Blocking:
      return "1;31";
    case Severity::Warning:
      return "1;33";
    case Severity::Info:
      return "1;36";
  }
  return "0";
}

std::string progressLine(const Report& r) {
  std::string line = "daemon set \"" + r.name + "\" in namespace " + r.namespace_;
  if (!r.progress) return line + " (from the cache)";
  const auto& p = *r.progress;
  if (p.revision > 0) line += ", revision " + std::to_string(p.revision);
  line += ": " + std::to_string(p.updated) + " of " + std::to_string(p.desired) +
          " nodes updated, " + std::to_string(p.available) + " available (" + p.strategy;
  if (p.strategy == "RollingUpdate") {
    line += ", maxUnavailable " + p.maxUnavailable + ", maxSurge " + p.maxSurge;
  }
  if (p.minReadySeconds > 0) line += ", minReadySeconds " + std::to_string(p.minReadySeconds);
  return line + ")";
}

void renderFinding(const Finding& f, const Style& style, std::string& out) {
  out += style.paint("[" + std::string(toString(f.severity)) + "]", severityColor(f.severity)) +
         " " + f.cause + "\n";
  for (const auto& line : f.evidence)
    out += "  " + line + "\n";
  for (const auto& fix : f.fixes) {
    if (fix.command.empty()) {
      out += "  " + style.paint("fix:", "32") + " " + fix.note + "\n";
      continue;
    }
    out += "  " + style.paint("fix:", "32") + " " + fix.command + "\n";
    if (!fix.note.empty()) out += "       " + fix.note + "\n";
  }
}

}  // namespace

std::string renderText(const Report& report, bool color) {
  const Style style{color};
  std::string out;
  const std::size_t problems = static_cast<std::size_t>(
      std::count_if(report.findings.begin(), report.findings.end(),
                    [](const Finding& f) { return f.severity != Severity::Info; }));
  const std::size_t blocking = static_cast<std::size_t>(
      std::count_if(report.findings.begin(), report.findings.end(),
                    [](const Finding& f) { return f.severity == Severity::Blocking; }));
  if (problems == 0 && report.source == "live") {
    out += style.paint("No problem found:", "1;32") + " " + progressLine(report) + "\n";
    if (report.progress && !report.progress->message.empty())
      out += report.progress->message + "\n";
  } else {
    out += progressLine(report) + "\n";
    if (report.progress && !report.progress->message.empty())
      out += report.progress->message + "\n";
    if (problems > 0) {
      out += std::to_string(problems) + (problems == 1 ? " problem found" : " problems found");
      out += blocking > 0 ? " (" + std::to_string(blocking) + " blocking the rollout):\n" : ":\n";
    }
  }
  for (const auto& f : report.findings) {
    out += "\n";
    renderFinding(f, style, out);
  }
  if (!report.notes.empty()) out += "\n";
  for (const auto& note : report.notes)
    out += "note: " + note + "\n";
  return out;
}

}  // namespace dsroll::diagnose
