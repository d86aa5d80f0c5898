#include "daemon/kube/TlsContext.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>

namespace dsroll::kube {

namespace ssl = boost::asio::ssl;

namespace {

bool isIp(const std::string& host) {
  unsigned char buf[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, host.c_str(), buf) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

}  // namespace

tl::expected<std::shared_ptr<ssl::context>, std::string> makeTlsContext(
    const TlsConfig& tls, const std::string& clientCertPem, const std::string& clientKeyPem) {
  auto ctx = std::make_shared<ssl::context>(ssl::context::tls_client);
  boost::system::error_code ec;
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                       ssl::context::no_tlsv1_1,
                   ec);
  if (tls.insecureSkipVerify) {
    ctx->set_verify_mode(ssl::verify_none, ec);
  } else {
    ctx->set_verify_mode(ssl::verify_peer, ec);
    if (!tls.caPem.empty()) {
      ctx->add_certificate_authority(boost::asio::buffer(tls.caPem), ec);
      if (ec) {
        return tl::unexpected("cannot load certificate authority from " + tls.caSource + ": " +
                              ec.message());
      }
    } else {
      ctx->set_default_verify_paths(ec);
    }
  }
  const std::string& cert = clientCertPem.empty() ? tls.clientCertPem : clientCertPem;
  const std::string& key = clientKeyPem.empty() ? tls.clientKeyPem : clientKeyPem;
  if (!cert.empty()) {
    ctx->use_certificate_chain(boost::asio::buffer(cert), ec);
    if (ec) {
      return tl::unexpected("cannot load client certificate from " + tls.clientCertSource + ": " +
                            ec.message());
    }
    ctx->use_private_key(boost::asio::buffer(key), ssl::context::pem, ec);
    if (ec) {
      return tl::unexpected("cannot load client key for " + tls.clientCertSource + ": " +
                            ec.message());
    }
  }
  return ctx;
}

tl::expected<void, std::string> prepareTlsStream(SSL* ssl, const ServerUrl& url,
                                                 const TlsConfig& tls) {
  const std::string& name = tls.serverName.empty() ? url.host : tls.serverName;
  // SSL_set_tlsext_host_name is a macro with a C cast; call what it expands to.
  if (!isIp(name) && SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                              const_cast<char*>(name.c_str())) != 1) {
    return tl::unexpected("cannot set TLS server name " + name);
  }
  if (tls.insecureSkipVerify) {
    return {};
  }
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  const int ok = isIp(name) ? X509_VERIFY_PARAM_set1_ip_asc(param, name.c_str())
                            : X509_VERIFY_PARAM_set1_host(param, name.c_str(), 0);
  if (ok != 1) {
    return tl::unexpected("cannot set the name to verify (" + name + ")");
  }
  return {};
}

std::string verifyFailure(SSL* ssl, const std::string& expectedName) {
  const long result = SSL_get_verify_result(ssl);
  switch (result) {
    case X509_V_OK:
      return "";
    // Go's words (crypto/x509), so messages read as kubectl's.
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
      return "certificate signed by unknown authority";
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      // Go lists the names the certificate is valid for, but OpenSSL does not keep the
      // certificate of a failed handshake: name the one that was wanted.
      return "certificate is not valid for " + expectedName;
    default:
      return X509_verify_cert_error_string(result);
  }
}

}  // namespace dsroll::kube
