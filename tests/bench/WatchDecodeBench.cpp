// Watch events decoded per second: a recorded pod watch body (testdata/, repeated into 10,000
// events) cut into 64 KiB reads as the network delivers them, split into lines by
// kube::LineSplitter and decoded by kube::decodeWatchEvent, as the reflector does. Also each
// half alone, to see where the time goes.

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "daemon/kube/LineSplitter.hpp"
#include "daemon/kube/WatchEvent.hpp"

namespace {

using namespace dsroll::kube;

constexpr std::size_t kEvents = 10000;
constexpr std::size_t kReadSize = 64 * 1024;

struct Stream {
  std::vector<std::string> reads;  // the body as 64 KiB reads
  std::vector<std::string> lines;  // the events
  std::size_t bytes = 0;
};

const Stream& recordedStream() {
  static const Stream stream = [] {
    std::ifstream in(DSROLL_BENCH_TESTDATA "/pod-watch-events.jsonl");
    std::vector<std::string> recorded;
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) recorded.push_back(line);
    }
    if (recorded.empty()) throw std::runtime_error("no recorded events in testdata/");
    Stream s;
    std::string body;
    for (std::size_t i = 0; i < kEvents; ++i) {
      s.lines.push_back(recorded[i % recorded.size()]);
      body += s.lines.back();
      body += '\n';
    }
    s.bytes = body.size();
    for (std::size_t at = 0; at < body.size(); at += kReadSize) {
      s.reads.push_back(body.substr(at, kReadSize));
    }
    return s;
  }();
  return stream;
}

void BM_SplitAndDecode(benchmark::State& state) {
  const Stream& stream = recordedStream();
  for (auto _ : state) {
    LineSplitter splitter(64u * 1024u * 1024u);
    std::size_t events = 0;
    for (const auto& read : stream.reads) {
      for (auto& line : splitter.feed(read)) {
        auto event = decodeWatchEvent(line);
        benchmark::DoNotOptimize(event);
        events += event.has_value();
      }
    }
    if (events != kEvents) state.SkipWithError("not every event decoded");
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kEvents));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.bytes));
}
BENCHMARK(BM_SplitAndDecode)->Unit(benchmark::kMillisecond);

void BM_SplitOnly(benchmark::State& state) {
  const Stream& stream = recordedStream();
  for (auto _ : state) {
    LineSplitter splitter(64u * 1024u * 1024u);
    for (const auto& read : stream.reads) {
      auto lines = splitter.feed(read);
      benchmark::DoNotOptimize(lines);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kEvents));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.bytes));
}
BENCHMARK(BM_SplitOnly)->Unit(benchmark::kMillisecond);

void BM_DecodeOnly(benchmark::State& state) {
  const Stream& stream = recordedStream();
  for (auto _ : state) {
    for (const auto& line : stream.lines) {
      auto event = decodeWatchEvent(line);
      benchmark::DoNotOptimize(event);
    }
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kEvents));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.bytes));
}
BENCHMARK(BM_DecodeOnly)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
