#include "plugin/logs/LogTail.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "plugin/client/UvSupport.hpp"
#include "tests/unit/plugin/TempDir.hpp"

namespace dsroll::plugin::testing {
namespace {

TEST(LogTailTest, LastLines) {
  EXPECT_EQ(logs::lastLines("a\nb\nc\n", 2), "b\nc\n");
  EXPECT_EQ(logs::lastLines("a\nb\nc", 2), "b\nc");
  EXPECT_EQ(logs::lastLines("a\nb\nc\n", 5), "a\nb\nc\n");
  EXPECT_EQ(logs::lastLines("a\nb\nc\n", -1), "a\nb\nc\n");
  EXPECT_EQ(logs::lastLines("a\nb\nc\n", 0), "");
  EXPECT_EQ(logs::lastLines("", 3), "");
}

// Captures what showLog writes through a pipe.
class Capture {
 public:
  Capture() {
    int fds[2];
    EXPECT_EQ(::pipe2(fds, O_CLOEXEC | O_NONBLOCK), 0);
    read_ = fds[0];
    write_ = fds[1];
  }
  ~Capture() {
    ::close(read_);
    if (write_ >= 0) ::close(write_);
  }
  int fd() const { return write_; }
  void closeReader() {
    ::close(read_);
    read_ = ::open("/dev/null", O_RDONLY);
  }
  std::string text() {
    std::string out;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(read_, buffer, sizeof buffer)) > 0)
      out.append(buffer, static_cast<std::size_t>(n));
    return out;
  }

 private:
  int read_ = -1;
  int write_ = -1;
};

TEST(LogTailTest, PrintsTheFileOrTheTail) {
  TempDir dir;
  const std::string path = dir.write("dsrolld.log", "one\ntwo\nthree\n");
  client::UvLoop loop;
  Capture out;
  Capture err;
  client::FdWriter o(out.fd());
  client::FdWriter e(err.fd());
  EXPECT_EQ(logs::showLog(loop.get(), {path, false, -1, 10}, o, e), 0);
  EXPECT_EQ(out.text(), "one\ntwo\nthree\n");
  EXPECT_EQ(logs::showLog(loop.get(), {path, false, 1, 10}, o, e), 0);
  EXPECT_EQ(out.text(), "three\n");
}

TEST(LogTailTest, MissingLogIsAnErrorWithoutFollow) {
  TempDir dir;
  client::UvLoop loop;
  Capture out;
  Capture err;
  client::FdWriter o(out.fd());
  client::FdWriter e(err.fd());
  EXPECT_EQ(logs::showLog(loop.get(), {dir.file("dsrolld.log"), false, -1, 10}, o, e), 1);
  EXPECT_EQ(err.text(), "error: there is no daemon log at " + dir.file("dsrolld.log") +
                            " (dsrolld has not run with this state directory)\n");
}

TEST(LogTailTest, FollowPrintsAppendsAndRotationsUntilTheReaderGoes) {
  client::ignoreSigpipe();  // as kubectl-dsroll does at startup
  TempDir dir;
  const std::string path = dir.write("dsrolld.log", "old\n");
  client::UvLoop loop;
  Capture out;
  Capture err;
  client::FdWriter o(out.fd());
  client::FdWriter e(err.fd());
  std::string seen;
  std::thread writer([&] {
    auto waitFor = [&](const std::string& text) {
      for (int i = 0; i < 500 && seen.find(text) == std::string::npos; ++i) {
        usleep(10 * 1000);
        seen += out.text();
      }
    };
    waitFor("old\n");
    std::ofstream(path, std::ios::app) << "appended\n";
    waitFor("appended\n");
    // Rotation: a new file (another inode) under the same name.
    std::ofstream(path + ".new") << "rotated\n";
    ::rename((path + ".new").c_str(), path.c_str());
    waitFor("rotated\n");
    out.closeReader();
    std::ofstream(path, std::ios::app) << "after the reader left\n";
  });
  EXPECT_EQ(logs::showLog(loop.get(), {path, true, -1, 10}, o, e), 0);
  writer.join();
  EXPECT_EQ(seen, "old\nappended\nrotated\n");
}

}  // namespace
}  // namespace dsroll::plugin::testing
