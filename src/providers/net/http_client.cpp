#include "providers/net/http_client.h"

#include <curl/curl.h>
#include <strings.h>
#include <uv.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <ctime>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "providers/net/event_loop.h"

namespace voxdesk::providers::net {

std::string_view FindHeader(const Headers& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && strncasecmp(k.data(), name.data(), k.size()) == 0) return v;
  }
  return {};
}

std::optional<std::chrono::milliseconds> ParseRetryAfter(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\r')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  int64_t seconds = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc() && end == value.data() + value.size()) {
    if (seconds < 0) return std::nullopt;
    return std::chrono::milliseconds(std::min<int64_t>(seconds, 86'400) * 1000);
  }
  // An HTTP-date: the wait is the distance from now.
  const std::string text(value);
  const time_t at = curl_getdate(text.c_str(), nullptr);
  if (at < 0) return std::nullopt;
  const int64_t wait = static_cast<int64_t>(at) - static_cast<int64_t>(std::time(nullptr));
  return std::chrono::milliseconds(std::clamp<int64_t>(wait, 0, 86'400) * 1000);
}

namespace {

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// What a request's errors call it: never the query, which may hold a key.
std::string Describe(const HttpRequest& r) {
  std::string url = r.url.substr(0, r.url.find_first_of("?#"));
  const bool smtp = url.starts_with("smtp://") || url.starts_with("smtps://");
  return (smtp ? std::string("SMTP") : r.method) + " " + url;
}

bool Is2xx(int status) {
  return status >= 200 && status < 300;
}

// Failures after which the server cannot have seen the request.
bool NothingSent(CURLcode code) {
  return code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_CONNECT ||
         code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_SSL_CONNECT_ERROR;
}

}  // namespace

struct Transfer {
  HttpClient::Impl* impl = nullptr;
  HttpClient::RequestId id = 0;
  HttpRequest req;
  HttpHandlers handlers;
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  Backoff backoff;
  HttpResult result;
  bool head_seen = false;  // a status line of this attempt arrived
  bool delivered = false;  // body bytes reached on_body: no retry now
  bool cancelled = false;
  bool running = false;  // the easy handle is in the multi handle
  size_t received = 0;   // body bytes of this attempt
  size_t uploaded = 0;   // SMTP: message bytes handed to libcurl
  curl_slist* rcpt_list = nullptr;
  bool smtp = false;
  Status failure;  // set by our own timers and limits
  EventLoop::TimerId first_byte_timer = 0, idle_timer = 0, retry_timer = 0;

  Transfer(HttpRequest r, HttpHandlers h, uint64_t seed)
      : req(std::move(r)), handlers(std::move(h)), backoff(req.retry, seed) {}
  ~Transfer() {
    if (easy) curl_easy_cleanup(easy);
    curl_slist_free_all(header_list);
    curl_slist_free_all(rcpt_list);
  }
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;
};

struct HttpClient::Impl {
  EventLoop& loop;
  CURLM* multi = nullptr;
  uv_timer_t* curl_timer = nullptr;  // heap: its close callback outlives Impl
  RequestId next_id = 1;
  std::unordered_map<RequestId, std::unique_ptr<Transfer>> transfers;
  std::unordered_set<struct SocketContext*> sockets;
  int in_curl = 0;  // > 0 while libcurl is calling us: no handle removal then
  std::vector<RequestId> deferred_removals;

  explicit Impl(EventLoop& l) : loop(l) {}
  ~Impl();

  void Drive(curl_socket_t fd, int flags);
  void CheckDone();
  void BeginAttempt(Transfer& t, bool from_start = false);
  void Setup(Transfer& t);
  void SetupSmtp(Transfer& t);
  void Detach(Transfer& t);
  void FinishAttempt(Transfer& t, CURLcode code);
  void Complete(Transfer& t, Status st);
  void Remove(RequestId id);
  void ArmIdle(Transfer& t);
  void Abort(Transfer& t, Status why);

  static size_t OnHeader(char* data, size_t size, size_t n, void* user);
  static size_t OnWrite(char* data, size_t size, size_t n, void* user);
};

struct SocketContext {
  uv_poll_t poll;
  curl_socket_t fd;
  HttpClient::Impl* impl;
};

namespace {

int OnSocket(CURL*, curl_socket_t fd, int action, void* user, void* socketp) {
  auto* impl = static_cast<HttpClient::Impl*>(user);
  auto* ctx = static_cast<SocketContext*>(socketp);
  if (action == CURL_POLL_REMOVE) {
    if (ctx) {
      uv_poll_stop(&ctx->poll);
      impl->sockets.erase(ctx);
      uv_close(reinterpret_cast<uv_handle_t*>(&ctx->poll),
               [](uv_handle_t* h) { delete static_cast<SocketContext*>(h->data); });
      curl_multi_assign(impl->multi, fd, nullptr);
    }
    return 0;
  }
  if (!ctx) {
    ctx = new SocketContext{};
    ctx->fd = fd;
    ctx->impl = impl;
    uv_poll_init_socket(impl->loop.uv(), &ctx->poll, fd);
    ctx->poll.data = ctx;
    impl->sockets.insert(ctx);
    curl_multi_assign(impl->multi, fd, ctx);
  }
  int events = 0;
  if (action == CURL_POLL_IN || action == CURL_POLL_INOUT) events |= UV_READABLE;
  if (action == CURL_POLL_OUT || action == CURL_POLL_INOUT) events |= UV_WRITABLE;
  uv_poll_start(&ctx->poll, events, [](uv_poll_t* h, int status, int ev) {
    auto* c = static_cast<SocketContext*>(h->data);
    int flags = 0;
    if (status < 0) flags |= CURL_CSELECT_ERR;
    if (ev & UV_READABLE) flags |= CURL_CSELECT_IN;
    if (ev & UV_WRITABLE) flags |= CURL_CSELECT_OUT;
    c->impl->Drive(c->fd, flags);
  });
  return 0;
}

int OnCurlTimer(CURLM*, long timeout_ms, void* user) {
  auto* impl = static_cast<HttpClient::Impl*>(user);
  if (timeout_ms < 0) {
    uv_timer_stop(impl->curl_timer);
  } else {
    uv_timer_start(
        impl->curl_timer,
        [](uv_timer_t* h) {
          static_cast<HttpClient::Impl*>(h->data)->Drive(CURL_SOCKET_TIMEOUT, 0);
        },
        static_cast<uint64_t>(timeout_ms), 0);
  }
  return 0;
}

}  // namespace

void HttpClient::Impl::Drive(curl_socket_t fd, int flags) {
  int running = 0;
  ++in_curl;
  curl_multi_socket_action(multi, fd, flags, &running);
  --in_curl;
  for (RequestId id : std::exchange(deferred_removals, {})) Remove(id);
  CheckDone();
}

void HttpClient::Impl::CheckDone() {
  int left = 0;
  while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
    if (msg->msg != CURLMSG_DONE) continue;
    char* priv = nullptr;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
    auto it = transfers.find(reinterpret_cast<uintptr_t>(priv));
    if (it == transfers.end()) continue;
    FinishAttempt(*it->second, msg->data.result);
  }
}

void HttpClient::Impl::Setup(Transfer& t) {
  CURL* e = t.easy;
  curl_easy_reset(e);
  curl_easy_setopt(e, CURLOPT_URL, t.req.url.c_str());
  curl_easy_setopt(e, CURLOPT_PRIVATE, reinterpret_cast<char*>(static_cast<uintptr_t>(t.id)));
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(t.req.connect_timeout.count()));
  if (t.req.total_timeout.count() > 0) {
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(t.req.total_timeout.count()));
  }
  if (t.smtp) return SetupSmtp(t);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
  if (t.req.method == "HEAD") {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  } else if (t.req.method != "GET" || !t.req.body.empty()) {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, t.req.method.c_str());
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, t.req.body.data());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t.req.body.size()));
  }
  if (!t.header_list) {
    for (const auto& [k, v] : t.req.headers) {
      // "Name;" sends a header with an empty value; "Name:" would drop it.
      const std::string line = v.empty() ? k + ";" : k + ": " + v;
      t.header_list = curl_slist_append(t.header_list, line.c_str());
    }
    t.header_list = curl_slist_append(t.header_list, "Expect:");  // no 100-continue round trip
  }
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t.header_list);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::OnHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::OnWrite);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
}

void HttpClient::Impl::SetupSmtp(Transfer& t) {
  CURL* e = t.easy;
  const auto& m = t.req.smtp;
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(e, CURLOPT_USE_SSL,
                   static_cast<long>(m.require_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  const std::string from = "<" + m.mail_from + ">";
  curl_easy_setopt(e, CURLOPT_MAIL_FROM, from.c_str());  // libcurl copies option strings
  if (!t.rcpt_list) {
    for (const auto& r : m.mail_rcpt)
      t.rcpt_list = curl_slist_append(t.rcpt_list, ("<" + r + ">").c_str());
  }
  curl_easy_setopt(e, CURLOPT_MAIL_RCPT, t.rcpt_list);
  if (!m.username.empty()) {
    curl_easy_setopt(e, CURLOPT_USERNAME, m.username.c_str());
    curl_easy_setopt(e, CURLOPT_PASSWORD, m.password.c_str());
  }
  curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(t.req.body.size()));
  curl_easy_setopt(
      e, CURLOPT_READFUNCTION, +[](char* buf, size_t size, size_t n, void* user) -> size_t {
        auto& tr = *static_cast<Transfer*>(user);
        const size_t chunk = std::min(size * n, tr.req.body.size() - tr.uploaded);
        std::memcpy(buf, tr.req.body.data() + tr.uploaded, chunk);
        tr.uploaded += chunk;
        return chunk;
      });
  curl_easy_setopt(e, CURLOPT_READDATA, &t);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::OnWrite);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t);
}

void HttpClient::Impl::BeginAttempt(Transfer& t, bool from_start) {
  t.retry_timer = 0;
  if (t.req.breaker &&
      !t.req.breaker->Allow(std::chrono::time_point_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now()))) {
    Status st = Unavailable(Describe(t.req) + ": circuit breaker open, provider marked down");
    if (!from_start) {
      Complete(t, std::move(st));
      return;
    }
    // Start() never calls a handler before it returns.
    loop.Post([this, id = t.id, st = std::move(st)] {
      auto it = transfers.find(id);
      if (it != transfers.end()) Complete(*it->second, st);
    });
    return;
  }
  ++t.result.attempts;
  t.result.status = 0;
  t.result.headers.clear();
  t.result.body.clear();
  t.head_seen = false;
  t.received = 0;
  t.uploaded = 0;
  t.failure = Status::Ok();
  Setup(t);
  t.running = true;
  curl_multi_add_handle(multi, t.easy);
  if (t.smtp) return;  // no response head to wait for: the total timeout bounds it
  const RequestId id = t.id;
  t.first_byte_timer = loop.AddTimer(t.req.connect_timeout + t.req.first_byte_timeout, [this, id] {
    auto it = transfers.find(id);
    if (it == transfers.end()) return;
    it->second->first_byte_timer = 0;
    Abort(*it->second,
          Unavailable(
              Describe(it->second->req) + ": no response within " +
              std::to_string(
                  (it->second->req.connect_timeout + it->second->req.first_byte_timeout).count()) +
              " ms"));
  });
}

void HttpClient::Impl::ArmIdle(Transfer& t) {
  if (t.idle_timer) loop.CancelTimer(t.idle_timer);
  const RequestId id = t.id;
  t.idle_timer = loop.AddTimer(t.req.idle_timeout, [this, id] {
    auto it = transfers.find(id);
    if (it == transfers.end()) return;
    it->second->idle_timer = 0;
    Abort(*it->second, Unavailable(Describe(it->second->req) + ": stream stalled for " +
                                   std::to_string(it->second->req.idle_timeout.count()) + " ms"));
  });
}

// Stops the attempt in progress from outside libcurl (a timer, a limit).
void HttpClient::Impl::Abort(Transfer& t, Status why) {
  t.failure = std::move(why);
  if (in_curl > 0) return;  // the write callback returns 0 and curl ends it
  FinishAttempt(t, CURLE_ABORTED_BY_CALLBACK);
}

void HttpClient::Impl::Detach(Transfer& t) {
  for (auto* timer : {&t.first_byte_timer, &t.idle_timer, &t.retry_timer}) {
    if (*timer) loop.CancelTimer(*timer);
    *timer = 0;
  }
  if (t.running) {
    curl_multi_remove_handle(multi, t.easy);
    t.running = false;
  }
}

size_t HttpClient::Impl::OnHeader(char* data, size_t size, size_t n, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (t.cancelled || !t.failure.ok()) return 0;
  if (line.starts_with("HTTP/")) {  // a new response (after a 1xx, a fresh set of headers)
    t.result.headers.clear();
    long code = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &code);
    t.result.status = static_cast<int>(code);
    return size * n;
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  if (line.empty()) {  // end of a header block
    long code = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &code);
    t.result.status = static_cast<int>(code);
    if (code >= 200 && !t.head_seen) {
      t.head_seen = true;
      if (t.first_byte_timer) t.impl->loop.CancelTimer(t.first_byte_timer);
      t.first_byte_timer = 0;
      t.impl->ArmIdle(t);
      long version = 0;
      curl_easy_getinfo(t.easy, CURLINFO_HTTP_VERSION, &version);
      t.result.http2 = version == CURL_HTTP_VERSION_2_0;
      if (Is2xx(t.result.status) && t.handlers.on_head)
        t.handlers.on_head(t.result.status, t.result.headers);
      if (t.cancelled) return 0;
    }
    return size * n;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  t.result.headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  return size * n;
}

size_t HttpClient::Impl::OnWrite(char* data, size_t size, size_t n, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const size_t bytes = size * n;
  if (t.cancelled || !t.failure.ok()) return 0;
  t.impl->ArmIdle(t);
  t.received += bytes;
  if (t.received > t.req.max_response_bytes) {
    t.failure = Unavailable(Describe(t.req) + ": response larger than " +
                            std::to_string(t.req.max_response_bytes) + " bytes");
    return 0;
  }
  if (Is2xx(t.result.status) && t.handlers.on_body) {
    t.delivered = true;
    t.handlers.on_body(std::string_view(data, bytes));
    if (t.cancelled || !t.failure.ok()) return 0;
  } else {
    t.result.body.append(data, bytes);
  }
  return bytes;
}

void HttpClient::Impl::FinishAttempt(Transfer& t, CURLcode code) {
  Detach(t);
  const int status = t.result.status;
  const bool idempotent = t.req.idempotent || RetryableMethod(t.req.method, false);
  Status st = Status::Ok();
  bool retry = false;
  bool provider_fault = false;
  std::optional<std::chrono::milliseconds> retry_after;
  if (t.smtp && t.failure.ok()) {
    // A mail server that took the DATA has the message: resend only when
    // the connection never opened.
    long reply = 0;
    curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &reply);
    t.result.status = static_cast<int>(reply);
    const std::string what = Describe(t.req) + ": SMTP " + std::to_string(reply);
    if (code == CURLE_OK) {
      st = Status::Ok();
    } else if (code == CURLE_LOGIN_DENIED) {
      st = ConfigError(Describe(t.req) + ": the mail server refused the login");
    } else if (reply >= 500 && reply < 600) {
      st = InvalidArgument(what + ": the mail server refused the message");
    } else {
      st = Unavailable(Describe(t.req) + ": " + curl_easy_strerror(code) +
                       (reply ? " (SMTP " + std::to_string(reply) + ")" : ""));
      provider_fault = true;
      retry = NothingSent(code);
    }
  } else if (!t.failure.ok()) {
    st = t.failure;
    provider_fault = true;
    retry = idempotent && !t.smtp;
  } else if (code != CURLE_OK) {
    st = Unavailable(Describe(t.req) + ": " + curl_easy_strerror(code));
    provider_fault = true;
    retry = NothingSent(code) || idempotent;
  } else if (Is2xx(status)) {
    st = Status::Ok();
  } else {
    const std::string what = Describe(t.req) + ": HTTP " + std::to_string(status);
    if (auto ra = FindHeader(t.result.headers, "retry-after"); !ra.empty())
      retry_after = ParseRetryAfter(ra);
    if (RetryableStatus(status)) {
      st = Unavailable(what);
      provider_fault = true;
      // A 429, or a 503 that says when to come back, was refused unread.
      retry = idempotent || status == 429 || (status == 503 && retry_after);
    } else {
      st = InvalidArgument(what);
    }
  }
  if (t.req.breaker) {
    if (provider_fault) {
      t.req.breaker->OnFailure(std::chrono::time_point_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now()));
    } else {
      t.req.breaker->OnSuccess();
    }
  }
  if (!st.ok() && retry && !t.delivered) {
    if (auto delay = t.backoff.Next(retry_after)) {
      const RequestId id = t.id;
      t.retry_timer = loop.AddTimer(*delay, [this, id] {
        auto it = transfers.find(id);
        if (it != transfers.end()) BeginAttempt(*it->second);
      });
      return;
    }
  }
  Complete(t, std::move(st));
}

void HttpClient::Impl::Complete(Transfer& t, Status st) {
  auto owned = std::move(transfers.at(t.id));
  transfers.erase(t.id);
  Detach(*owned);
  if (owned->handlers.on_done) owned->handlers.on_done(st, owned->result);
}

void HttpClient::Impl::Remove(RequestId id) {
  auto it = transfers.find(id);
  if (it == transfers.end()) return;
  Detach(*it->second);
  transfers.erase(it);
}

HttpClient::Impl::~Impl() {
  for (auto& [id, t] : transfers) {
    t->cancelled = true;
    Detach(*t);
  }
  transfers.clear();
  if (multi) curl_multi_cleanup(multi);
  for (SocketContext* ctx : sockets) {
    uv_poll_stop(&ctx->poll);
    uv_close(reinterpret_cast<uv_handle_t*>(&ctx->poll),
             [](uv_handle_t* h) { delete static_cast<SocketContext*>(h->data); });
  }
  if (curl_timer) {
    uv_timer_stop(curl_timer);
    uv_close(reinterpret_cast<uv_handle_t*>(curl_timer),
             [](uv_handle_t* h) { delete reinterpret_cast<uv_timer_t*>(h); });
  }
}

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

Result<std::unique_ptr<HttpClient>> HttpClient::Create(EventLoop& loop) {
  GlobalInit();
  auto impl = std::make_unique<Impl>(loop);
  impl->multi = curl_multi_init();
  if (!impl->multi) return Unavailable("libcurl: cannot create a multi handle");
  impl->curl_timer = new uv_timer_t;
  uv_timer_init(loop.uv(), impl->curl_timer);
  impl->curl_timer->data = impl.get();
  curl_multi_setopt(impl->multi, CURLMOPT_SOCKETFUNCTION, &OnSocket);
  curl_multi_setopt(impl->multi, CURLMOPT_SOCKETDATA, impl.get());
  curl_multi_setopt(impl->multi, CURLMOPT_TIMERFUNCTION, &OnCurlTimer);
  curl_multi_setopt(impl->multi, CURLMOPT_TIMERDATA, impl.get());
  curl_multi_setopt(impl->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

HttpClient::RequestId HttpClient::Start(HttpRequest request, HttpHandlers handlers) {
  const RequestId id = impl_->next_id++;
  const uint64_t seed = request.jitter_seed ? request.jitter_seed : id * 0x9E3779B97F4A7C15ull;
  auto t = std::make_unique<Transfer>(std::move(request), std::move(handlers), seed);
  t->id = id;
  t->impl = impl_.get();
  t->smtp = t->req.url.starts_with("smtp://") || t->req.url.starts_with("smtps://");
  t->easy = curl_easy_init();
  Transfer& ref = *t;
  impl_->transfers.emplace(id, std::move(t));
  if (!ref.easy) {
    // Report on the next turn of the loop, as promised.
    impl_->loop.Post([impl = impl_.get(), id] {
      auto it = impl->transfers.find(id);
      if (it != impl->transfers.end())
        impl->Complete(*it->second, Status(Code::kNoMemory, "libcurl: no easy handle"));
    });
    return id;
  }
  impl_->BeginAttempt(ref, /*from_start=*/true);
  return id;
}

void HttpClient::Cancel(RequestId id) {
  auto it = impl_->transfers.find(id);
  if (it == impl_->transfers.end()) return;
  it->second->cancelled = true;
  if (impl_->in_curl > 0) {
    impl_->deferred_removals.push_back(id);
  } else {
    impl_->Remove(id);
  }
}

size_t HttpClient::active() const {
  return impl_->transfers.size();
}

}  // namespace voxdesk::providers::net
