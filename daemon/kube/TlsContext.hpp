#pragma once
// OpenSSL client context for one RestConfig: CA roots, client certificate, verification mode.
// Internal to daemon/kube (.cpp files only).

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <tl/expected.hpp>

#include "daemon/kube/HttpTypes.hpp"
#include "daemon/kube/RestConfig.hpp"

namespace dsroll::kube {

/** Builds the context; clientCertPem/KeyPem override the config's (exec credentials). */
tl::expected<std::shared_ptr<boost::asio::ssl::context>, std::string> makeTlsContext(
    const TlsConfig& tls, const std::string& clientCertPem, const std::string& clientKeyPem);

/**
 * Per-connection settings: SNI for host names, and which name or IP address the server's
 * certificate must carry (tls-server-name wins over the URL's host).
 */
tl::expected<void, std::string> prepareTlsStream(SSL* ssl, const ServerUrl& url,
                                                 const TlsConfig& tls);

/**
 * Why the last handshake on ssl failed verification ("" if it did not), in Go's words where
 * kubectl users know them ("certificate signed by unknown authority"), naming expectedName
 * (the name or address checked) for a mismatch, else in OpenSSL's.
 */
std::string verifyFailure(SSL* ssl, const std::string& expectedName);

}  // namespace dsroll::kube
