#include "daemon/commands/CacheCommands.hpp"

#include <gtest/gtest.h>

namespace dsroll::commands {
namespace {

TEST(CacheCommandsTest, HumanBytes) {
  EXPECT_EQ(humanBytes(0), "0 B");
  EXPECT_EQ(humanBytes(1023), "1023 B");
  EXPECT_EQ(humanBytes(1024), "1.0 KiB");
  EXPECT_EQ(humanBytes(4096 + 512), "4.5 KiB");
  EXPECT_EQ(humanBytes(3 * 1024 * 1024), "3.0 MiB");
  EXPECT_EQ(humanBytes(std::int64_t{5} * 1024 * 1024 * 1024), "5.0 GiB");
}

}  // namespace
}  // namespace dsroll::commands
