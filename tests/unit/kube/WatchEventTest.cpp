#include "daemon/kube/WatchEvent.hpp"

#include <gtest/gtest.h>

namespace dsroll::kube {
namespace {

TEST(WatchEventTest, AddedModifiedDeletedCarryTheObjectAndItsVersion) {
  for (const auto& [type, kind] : {std::pair{"ADDED", WatchEventKind::Added},
                                   std::pair{"MODIFIED", WatchEventKind::Modified},
                                   std::pair{"DELETED", WatchEventKind::Deleted}}) {
    auto event = decodeWatchEvent(
        std::string(R"j({"type":")j") + type +
        R"j(","object":{"metadata":{"name":"a","resourceVersion":"42"}}})j");
    ASSERT_TRUE(event) << event.error();
    EXPECT_EQ(kind, event->kind);
    EXPECT_EQ("42", event->resourceVersion);
    EXPECT_EQ("a", event->object["metadata"]["name"]);
  }
}

TEST(WatchEventTest, BookmarkCarriesOnlyAVersion) {
  auto event = decodeWatchEvent(
      R"j({"type":"BOOKMARK","object":{"kind":"Pod","metadata":{"resourceVersion":"77"}}})j");
  ASSERT_TRUE(event);
  EXPECT_EQ(WatchEventKind::Bookmark, event->kind);
  EXPECT_EQ("77", event->resourceVersion);
}

TEST(WatchEventTest, ExpiredByCodeOrReason) {
  const char* expired =
      R"j({"type":"ERROR","object":{"kind":"Status","code":410,"message":"too old resource version: 1 (2)"}})j";
  for (const char* line : {expired, R"j({"type":"ERROR","object":{"reason":"Expired"}})j",
                           R"j({"type":"ERROR","object":{"reason":"Gone"}})j"}) {
    auto event = decodeWatchEvent(line);
    ASSERT_TRUE(event) << line;
    EXPECT_EQ(WatchEventKind::Expired, event->kind) << line;
  }
  EXPECT_EQ("too old resource version: 1 (2)", decodeWatchEvent(expired)->message);
}

TEST(WatchEventTest, OtherErrorsKeepTheirMessage) {
  auto event = decodeWatchEvent(
      R"j({"type":"ERROR","object":{"kind":"Status","code":500,"message":"etcdserver: request timed out"}})j");
  ASSERT_TRUE(event);
  EXPECT_EQ(WatchEventKind::Error, event->kind);
  EXPECT_EQ("etcdserver: request timed out", event->message);
}

// Fields of the wrong type used to throw nlohmann::json::type_error out of the reflector, which
// ended the informer for good.
TEST(WatchEventTest, FieldsOfTheWrongTypeNeverThrow) {
  const char* lines[] = {
      R"j({"type":5})j",
      R"j({"type":null,"object":{}})j",
      R"j({"type":"ERROR","object":"boom"})j",
      R"j({"type":"ERROR","object":{"code":"410","reason":7,"message":["x"]}})j",
      R"j({"type":"ERROR"})j",
      R"j({"type":"ADDED","object":"not an object"})j",
      R"j({"type":"ADDED"})j",
      R"j({"type":"ADDED","object":{"metadata":"x"}})j",
      R"j({"type":"MODIFIED","object":{"metadata":{"resourceVersion":12}}})j",
      R"j({"type":"BOOKMARK","object":[]})j",
      R"j([1,2])j",
      R"j("text")j",
      R"j({"type":"ADDED","object":{})j",
      "",
  };
  for (const char* line : lines) {
    EXPECT_NO_THROW((void)decodeWatchEvent(line)) << line;
  }
  EXPECT_FALSE(decodeWatchEvent(R"j({"type":5})j"));
  EXPECT_FALSE(decodeWatchEvent(R"j({"type":"ADDED","object":"not an object"})j"));
  EXPECT_FALSE(decodeWatchEvent(R"j([1,2])j"));
  EXPECT_EQ(WatchEventKind::Error, decodeWatchEvent(R"j({"type":"ERROR","object":"boom"})j")->kind);
  EXPECT_EQ(WatchEventKind::Error,
            decodeWatchEvent(R"j({"type":"ERROR","object":{"code":"410"}})j")->kind);
  EXPECT_EQ("", decodeWatchEvent(
                    R"j({"type":"MODIFIED","object":{"metadata":{"resourceVersion":12}}})j")
                    ->resourceVersion);
}

TEST(WatchEventTest, UnknownTypesAreSkippedNotErrors) {
  auto event = decodeWatchEvent(R"j({"type":"SOMETHING-NEW","object":{}})j");
  ASSERT_TRUE(event);
  EXPECT_EQ(WatchEventKind::Unknown, event->kind);
  EXPECT_EQ("SOMETHING-NEW", event->type);
}

}  // namespace
}  // namespace dsroll::kube
