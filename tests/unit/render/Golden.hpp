#pragma once
// Reading the recorded expected outputs in testdata/ (see testdata/regenerate.sh) and comparing
// text so that a failure shows the first line that differs.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace dsroll::render::test {

inline std::filesystem::path testdata() {
  return std::filesystem::path("testdata");
}

inline std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/** The case names in a folder: every NAME.json that is not an expected output. */
inline std::vector<std::string> caseNames(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(testdata() / folder)) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() == ".json" && file.find(".expected") == std::string::npos) {
      names.push_back(entry.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

/** One JSON object per line. */
inline std::vector<nlohmann::json> readJsonl(const std::filesystem::path& path) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(readFile(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  }
  return rows;
}

/** Empty when equal, else where the texts first differ. */
inline std::string firstDifference(const std::string& actual, const std::string& expected) {
  if (actual == expected) return {};
  std::istringstream a(actual);
  std::istringstream e(expected);
  std::string la;
  std::string le;
  for (int line = 1;; ++line) {
    const bool ha = static_cast<bool>(std::getline(a, la));
    const bool he = static_cast<bool>(std::getline(e, le));
    if (!ha && !he) return "texts differ only in their final newline";
    if (ha != he || la != le) {
      return "line " + std::to_string(line) + ":\n  actual:   " + nlohmann::json(la).dump() +
             "\n  expected: " + nlohmann::json(le).dump();
    }
  }
}

}  // namespace dsroll::render::test
