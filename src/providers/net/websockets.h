// WebSocket clients and servers on the event loop, through libwebsockets:
// the transport of Deepgram, ElevenLabs and OpenAI Realtime (client side)
// and of Twilio media streams (server side). Messages are whole: fragments
// are joined before a handler sees them, up to a size limit (a bigger
// message closes the connection with 1009). Sends are queued and written
// when the socket can take them; the queue is bounded so a slow reader
// gets an error instead of unbounded memory.
//
// Threading: loop thread only (see event_loop.h), including WsConnection's
// methods; handlers run there. A handler may send, close, or open other
// connections.
//
// Ownership: the layer keeps every connection alive until it has closed
// and `on_close` has run; a WsConnection held after that only answers
// "closed". Destroying the event loop closes all connections without
// calling their handlers.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "providers/net/http_client.h"

namespace voxdesk::providers::net {

class EventLoop;

struct WsLimits {
  size_t max_message_bytes = 1u << 20;  // one received message
  size_t max_queued_bytes = 4u << 20;   // sends not yet written
};

// Close codes of RFC 6455 section 7.4.1 that this layer reports itself.
inline constexpr int kWsCloseNormal = 1000;
inline constexpr int kWsCloseAbnormal = 1006;  // no close frame: reset, timeout
inline constexpr int kWsCloseTooBig = 1009;

struct WsHandlers {
  std::function<void()> on_open;
  std::function<void(std::string_view text)> on_text;
  std::function<void(std::string_view bytes)> on_binary;
  // Called once when the connection ends, including a connect that failed:
  // Ok after a clean close by either side; kUnavailable with the reason
  // otherwise. `code` is the close code received or sent (1006 if none).
  std::function<void(const Status& status, int code)> on_close;
};

class WsConnection {
 public:
  // Queue a message. kConflict once the connection is closing or closed;
  // kUnavailable when the send queue would exceed its limit; text must be
  // valid UTF-8 (kInvalidArgument).
  Status SendText(std::string_view text);
  Status SendBinary(std::string_view bytes);
  // Starts a clean close after the queued messages are written.
  void Close(int code = kWsCloseNormal, std::string_view reason = {});
  bool open() const;
  size_t queued_bytes() const;

  // The handshake, as the server saw it (server side) or asked (client side).
  const std::string& path() const;                                        // "/media"
  const std::vector<std::pair<std::string, std::string>>& query() const;  // decoded
  std::string_view query_value(std::string_view name) const;              // "" if absent
  const Headers& request_headers() const;

  struct Impl;
  explicit WsConnection(std::unique_ptr<Impl> impl);
  ~WsConnection();
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct WsConnectOptions {
  std::string url;                                  // ws://host:port/path?query or wss://...
  Headers headers;                                  // e.g. Authorization; sent with the handshake
  std::chrono::milliseconds connect_timeout{5000};  // until the upgrade completes
  WsLimits limits;
  // For wss:// to a test server with a self-signed certificate only.
  bool allow_self_signed = false;
  // For wss://: a PEM file of the CAs to trust instead of the system's
  // (a private CA, or a test's own). The host name is still checked.
  std::string ca_file;
};

struct WsServerOptions {
  std::string bind = "127.0.0.1";
  int port = 0;  // 0: the kernel picks one; see WsServer::port
  WsLimits limits;
  // Headers worth keeping from the handshake, besides the standard ones
  // (Authorization, Host, Origin, User-Agent): e.g. "xi-api-key",
  // "X-Twilio-Signature". Case-insensitive.
  std::vector<std::string> capture_headers;
  // wss://: PEM files of the server's certificate (chain) and private key.
  // Both or neither; a file that does not load fails Listen.
  std::string tls_cert_file;
  std::string tls_key_file;
  // Called with each upgraded connection before any message: return its
  // handlers, or nullopt to refuse it (closed with 1008, policy violation).
  std::function<std::optional<WsHandlers>(const std::shared_ptr<WsConnection>& conn)> on_accept;
};

struct WsServer {
  uint64_t id = 0;
  int port = 0;
};

class WebSockets {
 public:
  static Result<std::unique_ptr<WebSockets>> Create(EventLoop& loop);
  ~WebSockets();

  // Starts connecting; the outcome arrives as on_open or on_close. Fails at
  // once only on a malformed URL.
  Result<std::shared_ptr<WsConnection>> Connect(const WsConnectOptions& options,
                                                WsHandlers handlers);

  Result<WsServer> Listen(WsServerOptions options);
  // Stops accepting and closes the server's connections.
  void StopListening(uint64_t server_id);

  size_t connections() const;

  // Closes every connection and server without calling handlers. The event
  // loop calls it, runs libuv so libwebsockets can close its handles, calls
  // it again to finish, runs libuv again, and only then destroys this.
  void Shutdown();

  struct Impl;

 private:
  explicit WebSockets(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace voxdesk::providers::net
