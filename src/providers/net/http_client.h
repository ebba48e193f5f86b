// HTTP requests on the event loop, through libcurl's multi interface:
// HTTP/1.1 and HTTP/2 (negotiated over TLS), streamed response bodies for
// SSE, and the failure handling every provider call needs in one place:
// connect, first-byte, idle and total timeouts; retries with backoff and
// jitter for idempotent requests (and for any request refused before the
// server read it: 429, 503 with Retry-After); a per-provider circuit
// breaker; a bound on what a response may buffer.
//
// A response body reaches `on_body` only for a 2xx status, so a streaming
// consumer never sees half of an error page; other bodies are kept (up to
// the limit) in the result for the provider's error message. `on_done` is
// called exactly once per request unless it is cancelled first.
//
// Threading: loop thread only (see event_loop.h); callbacks run there.
// Secrets travel in headers and are never logged: the request's description
// in error messages is its method and its URL with the query removed.
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
#include "providers/net/backoff.h"
#include "providers/net/circuit_breaker.h"

namespace voxdesk::providers::net {

class EventLoop;

using Headers = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive header lookup; "" when absent.
std::string_view FindHeader(const Headers& headers, std::string_view name);

// A Retry-After value: delta-seconds or an HTTP-date (RFC 9110 10.2.3),
// capped at a day; nullopt when it is neither.
std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value);

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  Headers headers;
  std::string body;

  std::chrono::milliseconds connect_timeout{5000};
  // From the start of an attempt to the response's status line.
  std::chrono::milliseconds first_byte_timeout{15000};
  // Longest gap between two pieces of the body (a stalled stream).
  std::chrono::milliseconds idle_timeout{15000};
  // The whole attempt; 0 for none (long streams rely on the idle timeout).
  std::chrono::milliseconds total_timeout{0};
  size_t max_response_bytes = 8u << 20;  // buffered or streamed

  // Retries: how many, how far apart. A request is retried when it failed
  // before any body reached on_body, and either nothing was sent (connect
  // failure), or the status says the server did not act on it (429, 503),
  // or the method is idempotent and the failure is transient (5xx,
  // timeout, reset). `idempotent` marks a POST the provider treats as
  // idempotent (an idempotency key).
  BackoffPolicy retry;
  bool idempotent = false;
  uint64_t jitter_seed = 0;  // 0: seeded from the request's address

  // Shared by every request to one provider; may be null. An open breaker
  // fails the request at once with kUnavailable.
  std::shared_ptr<CircuitBreaker> breaker;

  // SMTP submission instead of HTTP, when `url` is smtp:// (upgraded with
  // STARTTLS) or smtps://: `body` is the whole RFC 5322 message, `method`
  // and `headers` are unused. A message is resent only when the connection
  // never opened. Errors: a refused login is kConfig, a 5xx reply
  // kInvalidArgument (the server will not take this message), the rest
  // kUnavailable.
  struct Smtp {
    std::string mail_from;               // envelope sender
    std::vector<std::string> mail_rcpt;  // envelope recipients
    std::string username, password;      // AUTH; empty: none
    bool require_tls = true;             // false only for a loopback test sink
  } smtp;
};

struct HttpResult {
  int status = 0;  // HTTP status of the last attempt; 0 when none arrived
  Headers headers;
  std::string body;  // the buffered body (all of it when on_body is unset)
  int attempts = 0;
  bool http2 = false;
};

struct HttpHandlers {
  // The final attempt's status line and headers (2xx only).
  std::function<void(int status, const Headers& headers)> on_head;
  // Pieces of a 2xx body as they arrive; when unset the body is buffered.
  std::function<void(std::string_view piece)> on_body;
  // Ok for a 2xx response. Otherwise kUnavailable (network, timeout, 429,
  // 5xx, open breaker) or kInvalidArgument (another 4xx: the request is
  // wrong and retrying will not help), with `result` as far as it got.
  std::function<void(const Status& status, HttpResult& result)> on_done;
};

class HttpClient {
 public:
  using RequestId = uint64_t;
  static Result<std::unique_ptr<HttpClient>> Create(EventLoop& loop);
  ~HttpClient();

  // Starts a request. Never calls a handler before returning.
  RequestId Start(HttpRequest request, HttpHandlers handlers);
  // Stops a request; its handlers are not called again. Unknown ids are ignored.
  void Cancel(RequestId id);
  size_t active() const;

  struct Impl;

 private:
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace voxdesk::providers::net
