#include <gtest/gtest.h>

#include "daemon/kube/HttpTypes.hpp"
#include "daemon/kube/ResourcePath.hpp"

namespace dsroll::kube {
namespace {

TEST(ServerUrlTest, HostPortAndPrefix) {
  auto url = parseServerUrl("https://127.0.0.1:6443");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, "6443");
  EXPECT_EQ(url->prefix, "");
  EXPECT_TRUE(url->hostIsIp);

  url = parseServerUrl("https://api.example.com/k8s/clusters/c-1/");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "api.example.com");
  EXPECT_EQ(url->port, "443");
  EXPECT_EQ(url->prefix, "/k8s/clusters/c-1");
  EXPECT_FALSE(url->hostIsIp);
}

TEST(ServerUrlTest, Ipv6) {
  auto url = parseServerUrl("https://[::1]:8443");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, "8443");
  EXPECT_TRUE(url->hostIsIp);
}

TEST(ServerUrlTest, Refusals) {
  EXPECT_EQ(parseServerUrl("http://x:8080").error(),
            "server http://x:8080 uses plain http; kubectl-dsroll only talks to API servers over https");
  EXPECT_FALSE(parseServerUrl("https://:443"));
  EXPECT_FALSE(parseServerUrl("https://h:port"));
  EXPECT_FALSE(parseServerUrl("ftp://h"));
}

TEST(ResourcePathTest, Paths) {
  EXPECT_EQ(resourcePath(kDaemonSets, "kube-system", "fluentd"),
            "/apis/apps/v1/namespaces/kube-system/daemonsets/fluentd");
  EXPECT_EQ(resourcePath(kPods, ""), "/api/v1/pods");
  EXPECT_EQ(resourcePath(kNodes, "ignored", "node-1"), "/api/v1/nodes/node-1");
  EXPECT_EQ(resourcePath(kDaemonSets, "ns", "x", "status"), "/apis/apps/v1/namespaces/ns/daemonsets/x/status");
}

TEST(ResourcePathTest, QueryEncodingSkipsEmptyValues) {
  EXPECT_EQ(queryString({{"labelSelector", "name=a,tier in (x,y)"}, {"continue", ""}, {"limit", "500"}}),
            "?labelSelector=name%3Da%2Ctier%20in%20%28x%2Cy%29&limit=500");
  EXPECT_EQ(queryString({}), "");
}

}  // namespace
}  // namespace dsroll::kube
