// wss:// on loopback: a WebSocket server with a certificate made at test
// time (OpenSSL's C API, self-signed for 127.0.0.1), a client that trusts
// exactly that certificate as its CA, text and binary messages both ways,
// and a client trusting another CA refused at the handshake.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "providers/net/event_loop.h"
#include "providers/net/websockets.h"

using voxdesk::Status;
using voxdesk::providers::net::EventLoop;
using voxdesk::providers::net::WsConnection;
using voxdesk::providers::net::WsConnectOptions;
using voxdesk::providers::net::WsHandlers;
using voxdesk::providers::net::WsServerOptions;

namespace {

namespace fs = std::filesystem;

// A temporary directory, removed with what it holds.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "voxdesk-tls-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertFree {
  void operator()(X509* c) const { X509_free(c); }
};

// A self-signed CA certificate for `host` (CN and subject alternative names;
// by default 127.0.0.1 as IP and DNS name, so the client's host-name check
// passes), its key and certificate written as PEM.
void MakeSelfSigned(const fs::path& cert_file, const fs::path& key_file, const char* org,
                    const char* host = "127.0.0.1",
                    const char* alt_names = "IP:127.0.0.1,DNS:127.0.0.1,DNS:localhost") {
  std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
  REQUIRE(key);
  std::unique_ptr<X509, CertFree> cert(X509_new());
  REQUIRE(cert);
  REQUIRE(X509_set_version(cert.get(), 2) == 1);
  REQUIRE(ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) == 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 3600);
  REQUIRE(X509_set_pubkey(cert.get(), key.get()) == 1);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(org),
                             -1, -1, 0);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(host),
                             -1, -1, 0);
  REQUIRE(X509_set_issuer_name(cert.get(), name) == 1);
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  for (const auto& [nid, value] : std::vector<std::pair<int, const char*>>{
           {NID_subject_alt_name, alt_names}, {NID_basic_constraints, "critical,CA:TRUE"}}) {
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
    REQUIRE(ext);
    REQUIRE(X509_add_ext(cert.get(), ext, -1) == 1);
    X509_EXTENSION_free(ext);
  }
  REQUIRE(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0);

  FILE* f = std::fopen(cert_file.c_str(), "w");
  REQUIRE(f);
  const int cert_ok = PEM_write_X509(f, cert.get());
  std::fclose(f);
  REQUIRE(cert_ok == 1);
  f = std::fopen(key_file.c_str(), "w");
  REQUIRE(f);
  const int key_ok = PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  REQUIRE(key_ok == 1);
}

template <typename F>
bool WaitFor(F done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

// What a client heard.
struct Heard {
  std::mutex mu;
  std::vector<std::string> text, binary;
  std::atomic<bool> opened{false}, closed{false};
  Status close_status;
  WsHandlers Handlers() {
    WsHandlers h;
    h.on_open = [this] { opened = true; };
    h.on_text = [this](std::string_view t) {
      std::lock_guard lock(mu);
      text.emplace_back(t);
    };
    h.on_binary = [this](std::string_view b) {
      std::lock_guard lock(mu);
      binary.emplace_back(b);
    };
    h.on_close = [this](const Status& st, int) {
      {
        std::lock_guard lock(mu);
        close_status = st;
      }
      closed = true;
    };
    return h;
  }
  size_t count() {
    std::lock_guard lock(mu);
    return text.size() + binary.size();
  }
};

// A wss:// server on its own loop that greets each client with one text
// and one binary message and answers every message with "echo:" + it.
struct TlsServer {
  std::unique_ptr<EventLoop> loop;
  int port = 0;
  std::atomic<int> accepted{0};
  std::mutex mu;
  std::vector<std::string> received;

  TlsServer(const fs::path& cert, const fs::path& key) {
    auto l = EventLoop::Start();
    REQUIRE(l.ok());
    loop = std::move(*l);
    auto listening = loop->Call([&] {
      WsServerOptions o;
      o.tls_cert_file = cert.string();
      o.tls_key_file = key.string();
      o.on_accept = [this](const std::shared_ptr<WsConnection>& c) -> std::optional<WsHandlers> {
        ++accepted;
        (void)c->SendText("hello over tls");
        (void)c->SendBinary(std::string("\x00\x01\x02\xff", 4));
        std::weak_ptr<WsConnection> weak = c;
        WsHandlers h;
        h.on_text = [this, weak](std::string_view t) {
          {
            std::lock_guard lock(mu);
            received.emplace_back(t);
          }
          if (auto conn = weak.lock()) (void)conn->SendText("echo:" + std::string(t));
        };
        h.on_binary = [this, weak](std::string_view b) {
          {
            std::lock_guard lock(mu);
            received.emplace_back(b);
          }
          if (auto conn = weak.lock()) (void)conn->SendBinary("echo:" + std::string(b));
        };
        return h;
      };
      return loop->ws().Listen(std::move(o));
    });
    REQUIRE_MESSAGE(listening.ok(), listening.status().message());
    port = listening->port;
  }
  std::string url() const { return "wss://127.0.0.1:" + std::to_string(port) + "/tls"; }
};

}  // namespace

TEST_CASE("websockets tls: a wss round trip with text and binary both ways") {
  TempDir dir;
  const fs::path cert = dir.path / "server.pem", key = dir.path / "server.key";
  MakeSelfSigned(cert, key, "voxdesk test server");
  TlsServer server(cert, key);

  Heard heard;  // outlives the client loop that calls its handlers
  auto client_loop = EventLoop::Start();
  REQUIRE(client_loop.ok());
  WsConnectOptions o;
  o.url = server.url();
  o.ca_file = cert.string();  // trust exactly the server's certificate
  auto conn =
      (*client_loop)->Call([&] { return (*client_loop)->ws().Connect(o, heard.Handlers()); });
  REQUIRE(conn.ok());
  REQUIRE_MESSAGE(WaitFor([&] { return heard.opened.load() || heard.closed.load(); }),
                  "no handshake");
  REQUIRE_MESSAGE(heard.opened.load(), "refused: " << heard.close_status.message());
  const std::string binary("\x10\x00\x20\x80", 4);
  (*client_loop)->Call([&] {
    CHECK((*conn)->SendText("ping text").ok());
    CHECK((*conn)->SendBinary(binary).ok());
  });
  REQUIRE(WaitFor([&] { return heard.count() >= 4; }));
  {
    std::lock_guard lock(heard.mu);
    CHECK(heard.text == std::vector<std::string>{"hello over tls", "echo:ping text"});
    CHECK(heard.binary ==
          std::vector<std::string>{std::string("\x00\x01\x02\xff", 4), "echo:" + binary});
  }
  {
    std::lock_guard lock(server.mu);
    CHECK(server.received == std::vector<std::string>{"ping text", binary});
  }
  CHECK_FALSE(heard.closed.load());
  (*client_loop)->Call([&] { (*conn)->Close(); });
  CHECK(WaitFor([&] { return heard.closed.load(); }));
  client_loop->reset();
}

TEST_CASE("websockets tls: a client trusting another CA is refused at the handshake") {
  TempDir dir;
  const fs::path cert = dir.path / "server.pem", key = dir.path / "server.key";
  const fs::path other = dir.path / "other.pem", other_key = dir.path / "other.key";
  MakeSelfSigned(cert, key, "voxdesk test server");
  MakeSelfSigned(other, other_key, "someone else");
  TlsServer server(cert, key);

  Heard heard;  // outlives the client loop that calls its handlers
  auto client_loop = EventLoop::Start();
  REQUIRE(client_loop.ok());
  WsConnectOptions o;
  o.url = server.url();
  o.ca_file = other.string();
  auto conn =
      (*client_loop)->Call([&] { return (*client_loop)->ws().Connect(o, heard.Handlers()); });
  REQUIRE(conn.ok());
  REQUIRE(WaitFor([&] { return heard.closed.load(); }));
  CHECK_FALSE(heard.opened.load());
  CHECK(heard.count() == 0);
  {
    std::lock_guard lock(heard.mu);
    CHECK(heard.close_status.code() == voxdesk::Code::kUnavailable);
  }
  // The server never handed the connection to its handler.
  CHECK(server.accepted.load() == 0);
}

TEST_CASE("websockets tls: a server with a certificate but no key, or an unreadable one, fails") {
  TempDir dir;
  const fs::path cert = dir.path / "server.pem", key = dir.path / "server.key";
  MakeSelfSigned(cert, key, "voxdesk test server");
  auto loop = EventLoop::Start();
  REQUIRE(loop.ok());
  (*loop)->Call([&] {
    WsServerOptions o;
    o.on_accept = [](const std::shared_ptr<WsConnection>&) -> std::optional<WsHandlers> {
      return std::nullopt;
    };
    o.tls_cert_file = cert.string();
    auto half = (*loop)->ws().Listen(o);
    CHECK(half.status().code() == voxdesk::Code::kInvalidArgument);
    o.tls_key_file = (dir.path / "missing.key").string();
    auto missing = (*loop)->ws().Listen(o);
    CHECK_FALSE(missing.ok());
  });
}

TEST_CASE("websockets tls: a trusted certificate for another host name is refused") {
  TempDir dir;
  const fs::path cert = dir.path / "server.pem", key = dir.path / "server.key";
  MakeSelfSigned(cert, key, "voxdesk test server", "voice.example.com", "DNS:voice.example.com");
  TlsServer server(cert, key);
  Heard heard;
  auto client_loop = EventLoop::Start();
  REQUIRE(client_loop.ok());
  WsConnectOptions o;
  o.url = server.url();  // 127.0.0.1, which the certificate does not name
  o.ca_file = cert.string();
  auto conn =
      (*client_loop)->Call([&] { return (*client_loop)->ws().Connect(o, heard.Handlers()); });
  REQUIRE(conn.ok());
  REQUIRE(WaitFor([&] { return heard.closed.load(); }));
  CHECK_FALSE(heard.opened.load());
  CHECK(server.accepted.load() == 0);
}
