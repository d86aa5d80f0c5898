#include "plugin/render/StatusView.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "plugin/render/TerminalText.hpp"

namespace dsroll::plugin::testing {
namespace {

using nlohmann::json;

json contractFrame() {
  // The example frame of ipc/COMMANDS.md.
  return json::parse(R"({"namespace": "kube-system", "name": "fluentd-elasticsearch",
    "strategy": "RollingUpdate", "generation": 4, "observedGeneration": 4, "revision": 5,
    "desired": 3, "updated": 1, "available": 2, "ready": 2,
    "elapsedSeconds": 12.5, "etaSeconds": 20.0,
    "nodes": [{"name": "node-1", "state": "updated", "reason": ""},
              {"name": "node-2", "state": "updating", "reason": "ContainerCreating"},
              {"name": "node-3", "state": "waiting", "reason": ""},
              {"name": "node-4", "state": "unavailable", "reason": "ImagePullBackOff"}],
    "message": "Waiting for daemon set \"fluentd-elasticsearch\" rollout to finish: 1 out of 3 new pods have been updated...",
    "hint": "2 new pods in ImagePullBackOff: run kubectl dsroll diagnose fluentd-elasticsearch",
    "done": false})");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

std::string repeat(const char* glyph, int n) {
  std::string s;
  for (int i = 0; i < n; ++i)
    s += glyph;
  return s;
}

TEST(StatusViewTest, RendersTheContractFrameAt80Columns) {
  const std::string text = render::renderStatus(contractFrame(), 80, 24, false);
  // 50 cells: a third updated, one more pod available (old revision), the rest not.
  const std::string bar =
      "[" + repeat("\u2588", 16) + repeat("\u2592", 17) + repeat("\u2591", 17) + "]";
  EXPECT_EQ(text,
            "kube-system/fluentd-elasticsearch  RollingUpdate  revision 5\n" + bar +
                "  1/3 updated  2/3 available\n"
                "ready 2/3  elapsed 13s  eta 20s\n"
                "Waiting for daemon set \"fluentd-elasticsearch\" rollout to finish: 1 out of 3 "
                "ne\u2026\n"
                "updated (1)      node-1\n"
                "updating (1)     node-2 ContainerCreating\n"
                "waiting (1)      node-3\n"
                "unavailable (1)  node-4 ImagePullBackOff\n"
                "hint: 2 new pods in ImagePullBackOff: run kubectl dsroll diagnose "
                "fluentd-elast\u2026\n");
}

TEST(StatusViewTest, EveryLineFitsTheWidth) {
  for (int width : {20, 40, 57, 80, 200}) {
    const std::string text = render::renderStatus(contractFrame(), width, 0, true);
    for (const std::string& line : lines(text)) {
      EXPECT_LE(render::displayWidth(line), static_cast<std::size_t>(width)) << line;
    }
  }
}

TEST(StatusViewTest, BarGrowsWithTheTerminal) {
  const auto barCells = [](int width) {
    const std::string line = lines(render::renderStatus(contractFrame(), width, 0, false))[1];
    return render::displayWidth(line.substr(0, line.find(']') + 1));
  };
  EXPECT_EQ(barCells(80), 52u);
  EXPECT_EQ(barCells(120), 92u);
  EXPECT_EQ(barCells(20), 12u);  // never narrower than 10 cells
}

TEST(StatusViewTest, LongNodeListsAreCutToTheHeightWithACount) {
  json frame = contractFrame();
  frame["nodes"] = json::array();
  for (int i = 0; i < 500; ++i) {
    frame["nodes"].push_back(
        {{"name", "node-" + std::to_string(i)},
         {"state", i < 400 ? "updated" : (i < 490 ? "waiting" : "unavailable")},
         {"reason", i < 490 ? "" : "ImagePullBackOff"}});
  }
  const auto rows = lines(render::renderStatus(frame, 80, 12, false));
  // height - 1 lines, so redrawing never scrolls; unavailable nodes get the room first.
  ASSERT_EQ(rows.size(), 11u);
  EXPECT_EQ(std::vector<std::string>(rows.begin() + 4, rows.end()),
            (std::vector<std::string>{
                "updated (400)     node-0  node-1  node-2  node-3  node-4  ... and 395 more",
                "waiting (90)      node-400  node-401  node-402  node-403  ... and 86 more",
                "unavailable (10)  node-490 ImagePullBackOff  node-491 ImagePullBackOff",
                "                  node-492 ImagePullBackOff  node-493 ImagePullBackOff",
                "                  node-494 ImagePullBackOff  node-495 ImagePullBackOff",
                "                  node-496 ImagePullBackOff  ... and 3 more",
                "hint: 2 new pods in ImagePullBackOff: run kubectl dsroll diagnose "
                "fluentd-elast\u2026"}));
}

TEST(StatusViewTest, TinyTerminalKeepsTheHeader) {
  const auto rows = lines(render::renderStatus(contractFrame(), 80, 4, false));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], "kube-system/fluentd-elasticsearch  RollingUpdate  revision 5");
}

TEST(StatusViewTest, DoneFrameShowsTheTotalTime) {
  json frame = contractFrame();
  frame["done"] = true;
  frame["updated"] = 3;
  frame["available"] = 3;
  frame["elapsedSeconds"] = 125.0;
  frame["hint"] = nullptr;
  frame["message"] = "daemon set \"fluentd-elasticsearch\" successfully rolled out";
  const auto rows = lines(render::renderStatus(frame, 80, 0, false));
  EXPECT_EQ(rows[2], "ready 2/3  done in 2m05s");
  EXPECT_EQ(rows[3].rfind("updated", 0), 0u) << "the closing line is printed once, under the view";
  EXPECT_EQ(rows.back(), "unavailable (1)  node-4 ImagePullBackOff");
}

TEST(StatusViewTest, MissingAndNullFieldsRenderAsUnknown) {
  const std::string text =
      render::renderStatus(json::parse(R"({"etaSeconds": null})"), 60, 0, false);
  EXPECT_EQ(lines(text)[0], "/  revision 0");
  EXPECT_EQ(lines(text)[2], "ready 0/0  elapsed 0s  eta unknown");
  EXPECT_NO_THROW(render::renderStatus(json::array(), 60, 5, true));
}

TEST(StatusViewTest, ColorWrapsStatesAndKeepsWidths) {
  const std::string text = render::renderStatus(contractFrame(), 80, 0, true);
  EXPECT_NE(text.find("\x1b[31munavailable (1)\x1b[0m"), std::string::npos);
  EXPECT_NE(text.find("\x1b[32m"), std::string::npos);
}

TEST(StatusViewTest, UnobservedGenerationIsShown) {
  json frame = contractFrame();
  frame["generation"] = 5;
  EXPECT_EQ(lines(render::renderStatus(frame, 200, 0, false))[0],
            "kube-system/fluentd-elasticsearch  RollingUpdate  revision 5  (generation 5 not yet "
            "observed)");
}

TEST(StatusViewTest, FormatsDurations) {
  EXPECT_EQ(render::formatDuration(0), "0s");
  EXPECT_EQ(render::formatDuration(59.4), "59s");
  EXPECT_EQ(render::formatDuration(65), "1m05s");
  EXPECT_EQ(render::formatDuration(3725), "1h02m");
  EXPECT_EQ(render::formatDuration(-3), "0s");
}

TEST(TerminalTextTest, WidthIgnoresEscapesAndCountsCodePoints) {
  EXPECT_EQ(render::displayWidth("abc"), 3u);
  EXPECT_EQ(render::displayWidth("\x1b[31mab\x1b[0m"), 2u);
  EXPECT_EQ(render::displayWidth("\u2588\u2591"), 2u);
  EXPECT_EQ(render::truncateToWidth("\x1b[31mabcdef\x1b[0m", 3), "\x1b[31mabc\x1b[0m");
  EXPECT_EQ(render::truncateToWidth("\u2588\u2588\u2588", 2), "\u2588\u2588");
  EXPECT_EQ(render::truncateToWidth("ab", 5), "ab");
}

}  // namespace
}  // namespace dsroll::plugin::testing
