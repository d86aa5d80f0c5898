#include "plugin/render/StatusView.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "plugin/render/TerminalText.hpp"

namespace dsroll::plugin::render {

namespace {

using nlohmann::json;

constexpr std::size_t kDefaultWidth = 80;
constexpr std::size_t kMinBar = 10;

std::int64_t intField(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

std::optional<double> numberField(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::string stringField(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

struct Group {
  const char* state;
  Color color;
  std::vector<std::string> entries;  // "node" or "node reason"
  std::size_t lines = 0;             // allotted
};

std::string progressBar(std::int64_t updated,
                        std::int64_t available,
                        std::int64_t desired,
                        std::size_t cells,
                        bool color) {
  std::size_t full = 0;
  std::size_t serving = 0;
  if (desired > 0) {
    auto cellsFor = [&](std::int64_t n) {
      const double fraction =
          std::clamp(static_cast<double>(n) / static_cast<double>(desired), 0.0, 1.0);
      return static_cast<std::size_t>(std::floor(fraction * static_cast<double>(cells)));
    };
    full = cellsFor(updated);
    serving = cellsFor(std::max(available, updated)) - full;
  }
  std::string bar;
  auto repeat = [](std::string_view glyph, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
      out += glyph;
    return out;
  };
  bar += paint(repeat("\u2588", full), Color::Green, color);
  bar += paint(repeat("\u2592", serving), Color::Yellow, color);
  bar += paint(repeat("\u2591", cells - full - serving), Color::Dim, color);
  return "[" + bar + "]";
}

// Lays out one group's entries after its label; at most `maxLines` lines, the last one ending
// in "... and N more" when entries are left over.
std::vector<std::string> packGroup(const Group& group,
                                   const std::string& label,
                                   std::size_t labelWidth,
                                   std::size_t width,
                                   std::size_t maxLines,
                                   bool color) {
  const std::string indent(labelWidth, ' ');
  std::vector<std::vector<std::string>> rows;  // entries per line
  std::size_t used = labelWidth;
  for (const std::string& entry : group.entries) {
    const std::size_t w = displayWidth(entry);
    if (!rows.empty() && used + 2 + w <= width) {
      rows.back().push_back(entry);
      used += 2 + w;
    } else {
      rows.push_back({entry});
      used = labelWidth + w;
    }
  }
  std::size_t shown = group.entries.size();
  if (rows.size() > maxLines) {
    rows.resize(maxLines);
    auto countShown = [&rows] {
      std::size_t n = 0;
      for (const auto& r : rows)
        n += r.size();
      return n;
    };
    auto& last = rows.back();
    while (true) {
      shown = countShown();
      const std::string more = "... and " + std::to_string(group.entries.size() - shown) + " more";
      std::size_t lineWidth = labelWidth;
      for (std::size_t i = 0; i < last.size(); ++i)
        lineWidth += (i ? 2 : 0) + displayWidth(last[i]);
      if (last.empty() || lineWidth + 2 + more.size() <= width) {
        last.push_back(more);
        break;
      }
      last.pop_back();
    }
  }
  std::vector<std::string> lines;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line =
        r == 0 ? paint(label, group.color, color) + std::string(labelWidth - label.size(), ' ')
               : indent;
    for (std::size_t i = 0; i < rows[r].size(); ++i) {
      line += (i ? "  " : "") + rows[r][i];
    }
    lines.push_back(truncateToWidth(line, width));
  }
  return lines;
}

std::string entryFor(const json& node, Color reasonColor, bool color) {
  std::string entry = stringField(node, "name");
  const std::string reason = stringField(node, "reason");
  if (!reason.empty()) entry += " " + paint(reason, reasonColor, color);
  return entry;
}

}  // namespace

std::string formatDuration(double seconds) {
  const auto total = static_cast<std::int64_t>(std::max(0.0, std::round(seconds)));
  char text[32];
  if (total < 60) {
    std::snprintf(text, sizeof text, "%llds", static_cast<long long>(total));
  } else if (total < 3600) {
    std::snprintf(text, sizeof text, "%lldm%02llds", static_cast<long long>(total / 60),
                  static_cast<long long>(total % 60));
  } else {
    std::snprintf(text, sizeof text, "%lldh%02lldm", static_cast<long long>(total / 3600),
                  static_cast<long long>(total % 3600 / 60));
  }
  return text;
}

std::string renderStatus(const json& progress, int width, int height, bool color) {
  const json& p = progress.is_object() ? progress : json::object();
  const std::size_t cols = width > 0 ? static_cast<std::size_t>(width) : kDefaultWidth;
  std::vector<std::string> top;
  std::vector<std::string> bottom;

  // Header.
  std::string header =
      paint(stringField(p, "namespace") + "/" + stringField(p, "name"), Color::Bold, color);
  const std::string strategy = stringField(p, "strategy");
  if (!strategy.empty()) header += "  " + strategy;
  header += "  revision " + std::to_string(intField(p, "revision"));
  const std::int64_t generation = intField(p, "generation");
  const std::int64_t observed = intField(p, "observedGeneration");
  if (generation > observed) {
    header += "  " + paint("(generation " + std::to_string(generation) + " not yet observed)",
                           Color::Yellow, color);
  }
  top.push_back(header);

  // Progress bar and counts.
  const std::int64_t desired = intField(p, "desired");
  const std::int64_t updated = intField(p, "updated");
  const std::int64_t available = intField(p, "available");
  const std::string counts = "  " + std::to_string(updated) + "/" + std::to_string(desired) +
                             " updated  " + std::to_string(available) + "/" +
                             std::to_string(desired) + " available";
  const std::size_t barCells =
      cols > counts.size() + 2 + kMinBar ? cols - counts.size() - 2 : kMinBar;
  top.push_back(progressBar(updated, available, desired, barCells, color) + counts);

  // Times.
  const bool done = p.value("done", false);
  const double elapsed = numberField(p, "elapsedSeconds").value_or(0.0);
  std::string times =
      "ready " + std::to_string(intField(p, "ready")) + "/" + std::to_string(desired);
  if (done) {
    times += "  " + paint("done in " + formatDuration(elapsed), Color::Green, color);
  } else {
    times += "  elapsed " + formatDuration(elapsed);
    const auto eta = numberField(p, "etaSeconds");
    times += "  eta " + (eta ? formatDuration(*eta) : std::string("unknown"));
  }
  top.push_back(times);
  // Once done, kubectl's closing line is printed under the view: not twice.
  const std::string message = stringField(p, "message");
  if (!message.empty() && !done) top.push_back(paint(message, Color::Dim, color));

  const std::string hint = stringField(p, "hint");
  if (!hint.empty()) bottom.push_back(paint("hint: " + hint, Color::Cyan, color));

  // Nodes by state; the budget goes to problems first.
  std::array<Group, 4> groups{{{"updated", Color::Green, {}},
                               {"updating", Color::Yellow, {}},
                               {"waiting", Color::None, {}},
                               {"unavailable", Color::Red, {}}}};
  if (auto nodes = p.find("nodes"); nodes != p.end() && nodes->is_array()) {
    for (const json& node : *nodes) {
      if (!node.is_object()) continue;
      const std::string state = stringField(node, "state");
      for (Group& g : groups) {
        if (state == g.state)
          g.entries.push_back(entryFor(node, g.color == Color::None ? Color::Dim : g.color, color));
      }
    }
  }
  const std::size_t fixed = top.size() + bottom.size();
  std::size_t budget = SIZE_MAX;
  if (height > 0) {
    const auto rows = static_cast<std::size_t>(height - 1);
    budget = rows > fixed ? rows - fixed : 0;
  }
  std::size_t labelWidth = 0;
  std::vector<std::string> labels;
  std::array<std::size_t, 4> needed{};
  for (const Group& g : groups) {
    labels.push_back(std::string(g.state) + " (" + std::to_string(g.entries.size()) + ")");
    if (!g.entries.empty()) labelWidth = std::max(labelWidth, labels.back().size() + 2);
  }
  for (std::size_t i = 0; i < groups.size(); ++i) {
    needed[i] = packGroup(groups[i], labels[i], labelWidth, cols, SIZE_MAX, color).size();
  }
  const std::array<std::size_t, 4> priority{3, 1, 2, 0};  // unavailable, updating, waiting, updated
  for (std::size_t index : priority) {
    if (needed[index] > 0 && budget > 0) {
      groups[index].lines = 1;
      --budget;
    }
  }
  for (std::size_t index : priority) {
    if (groups[index].lines == 0) continue;
    const std::size_t extra = std::min(budget, needed[index] - 1);
    groups[index].lines += extra;
    budget -= extra;
  }
  std::vector<std::string> middle;
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].lines == 0) continue;
    for (std::string& line :
         packGroup(groups[i], labels[i], labelWidth, cols, groups[i].lines, color)) {
      middle.push_back(std::move(line));
    }
  }

  std::string out;
  std::size_t lines = 0;
  auto emit = [&](const std::string& line) {
    if (height > 0 && lines + 1 >= static_cast<std::size_t>(height)) return;
    // A cut line ends in an ellipsis so it does not read as the whole message.
    out += displayWidth(line) <= cols ? line : truncateToWidth(line, cols - 1) + "\u2026";
    out += "\n";
    ++lines;
  };
  for (const auto& line : top)
    emit(line);
  for (const auto& line : middle)
    emit(line);
  for (const auto& line : bottom)
    emit(line);
  return out;
}

}  // namespace dsroll::plugin::render
