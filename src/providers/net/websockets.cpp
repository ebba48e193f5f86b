#include "providers/net/websockets.h"

#include <libwebsockets.h>
#include <strings.h>

#include <deque>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/utf8.h"
#include "providers/net/event_loop.h"

namespace voxdesk::providers::net {

namespace {

constexpr const char* kProtocolName = "voxdesk-ws";

int Callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, size_t len);

const lws_protocols kProtocols[] = {
    {kProtocolName, &Callback, 0, 64 * 1024, 0, nullptr, 0},
    {nullptr, nullptr, 0, 0, 0, nullptr, 0},
};

std::string HeaderCopy(lws* wsi, lws_token_indexes token) {
  const int n = lws_hdr_total_length(wsi, token);
  if (n <= 0) return {};
  std::string out(static_cast<size_t>(n) + 1, '\0');
  const int got = lws_hdr_copy(wsi, out.data(), n + 1, token);
  out.resize(got > 0 ? static_cast<size_t>(got) : 0);
  return out;
}

}  // namespace

struct WsConnection::Impl {
  enum class State { kConnecting, kOpen, kClosing, kClosed };
  WebSockets::Impl* owner = nullptr;
  std::weak_ptr<WsConnection> weak_self;
  lws* wsi = nullptr;
  State state = State::kConnecting;
  bool client = false;
  bool in_connect = false;  // inside lws_client_connect_via_info
  WsHandlers handlers;
  WsLimits limits;

  struct Outgoing {
    bool binary;
    std::string frame;  // LWS_PRE bytes of headroom, then the payload
  };
  std::deque<Outgoing> queue;
  size_t queued = 0;

  std::string rx;
  bool rx_binary = false;
  bool discarding = false;  // the message in progress went over the limit

  int close_code = kWsCloseNormal;  // what we send when we close
  bool close_requested = false;     // Close() was called
  std::string close_reason;
  int peer_close_code = 0;  // 0 until the peer's close frame arrives
  Status failure;

  std::string path;
  std::vector<std::pair<std::string, std::string>> query;
  Headers headers;
  // Client handshake strings; libwebsockets keeps pointers to them.
  std::string address, host, origin;
  EventLoop::TimerId connect_timer = 0;
  uint64_t server_id = 0;

  Status Queue(bool binary, std::string_view payload);
};

struct WebSockets::Impl {
  EventLoop& loop;
  lws_context* context = nullptr;
  lws_vhost* client_vhost = nullptr;
  // wss:// clients get their own vhost, made on first use: it loads the
  // system's CA store (and libwebsockets 4.1 does not give all of that
  // memory back when a foreign-loop context is destroyed).
  lws_vhost* tls_client_vhost = nullptr;

  lws_vhost* ClientVhost(bool tls) {
    if (!tls) return client_vhost;
    if (!tls_client_vhost) {
      lws_context_creation_info vinfo{};
      vinfo.port = CONTEXT_PORT_NO_LISTEN;
      vinfo.protocols = kProtocols;
      vinfo.vhost_name = "tls-client";
      vinfo.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
      tls_client_vhost = lws_create_vhost(context, &vinfo);
    }
    return tls_client_vhost;
  }
  // wss:// clients that trust their own CA file: one vhost per file (the
  // CA store belongs to the vhost's TLS context). Names stay allocated for
  // the context's lifetime, like the servers' (see `retired`).
  std::map<std::string, lws_vhost*> ca_client_vhosts;
  std::deque<std::string> ca_client_names;

  lws_vhost* ClientVhost(bool tls, const std::string& ca_file) {
    if (!tls || ca_file.empty()) return ClientVhost(tls);
    auto it = ca_client_vhosts.find(ca_file);
    if (it != ca_client_vhosts.end()) return it->second;
    ca_client_names.push_back("tls-client-" + std::to_string(ca_client_names.size() + 1));
    lws_context_creation_info vinfo{};
    vinfo.port = CONTEXT_PORT_NO_LISTEN;
    vinfo.protocols = kProtocols;
    vinfo.vhost_name = ca_client_names.back().c_str();
    vinfo.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
    vinfo.client_ssl_ca_filepath = ca_file.c_str();
    lws_vhost* vh = lws_create_vhost(context, &vinfo);
    // A file that did not load is tried again by the next connect.
    if (vh) ca_client_vhosts.emplace(ca_file, vh);
    return vh;
  }
  bool destroying = false;
  // Every live connection, owned here until it has closed.
  std::unordered_map<WsConnection::Impl*, std::shared_ptr<WsConnection>> live;

  struct Server {
    uint64_t id;
    lws_vhost* vhost;
    WsServerOptions options;
    std::string name;
  };
  uint64_t next_server = 1;
  std::unordered_map<lws_vhost*, std::unique_ptr<Server>> servers;
  // libwebsockets finishes destroying a vhost later and reads its name and
  // interface until then: stopped servers are freed with the context.
  std::vector<std::unique_ptr<Server>> retired;

  explicit Impl(EventLoop& l) : loop(l) {}

  void Finish(WsConnection::Impl& c);
};

Status WsConnection::Impl::Queue(bool binary, std::string_view payload) {
  if (state == State::kClosing || state == State::kClosed) {
    return Conflict("WebSocket is " + std::string(state == State::kClosed ? "closed" : "closing"));
  }
  if (queued + payload.size() > limits.max_queued_bytes) {
    return Unavailable("WebSocket send queue full (" + std::to_string(queued) +
                       " bytes waiting): the peer is not reading");
  }
  Outgoing out{binary, std::string(LWS_PRE, '\0')};
  out.frame.append(payload);
  queued += payload.size();
  queue.push_back(std::move(out));
  if (wsi && state == State::kOpen) lws_callback_on_writable(wsi);
  return Status::Ok();
}

void WebSockets::Impl::Finish(WsConnection::Impl& c) {
  if (c.state == WsConnection::Impl::State::kClosed) return;
  c.state = WsConnection::Impl::State::kClosed;
  c.wsi = nullptr;
  if (c.connect_timer) loop.CancelTimer(c.connect_timer);
  c.connect_timer = 0;
  c.queue.clear();
  c.queued = 0;
  Status st = Status::Ok();
  int code = c.close_code;
  if (!c.failure.ok()) {
    st = c.failure;
    if (c.close_code == kWsCloseNormal)
      code = c.peer_close_code ? c.peer_close_code : kWsCloseAbnormal;
  } else if (c.peer_close_code != 0) {
    code = c.peer_close_code;
  } else if (!c.close_requested) {
    st = Unavailable("WebSocket connection lost without a close frame");
    code = kWsCloseAbnormal;
  }
  std::shared_ptr<WsConnection> keep;  // the last owner may be this map
  if (auto it = live.find(&c); it != live.end()) {
    keep = std::move(it->second);
    live.erase(it);
  }
  auto on_close = std::move(c.handlers.on_close);
  c.handlers = {};
  if (!destroying && on_close) on_close(st, code);
}

namespace {

WebSockets::Impl* OwnerOf(lws* wsi) {
  return static_cast<WebSockets::Impl*>(lws_context_user(lws_get_context(wsi)));
}

// The upgrade request on the server side: path, query and headers, then the
// application decides whether to take it.
int Accept(lws* wsi) {
  WebSockets::Impl* owner = OwnerOf(wsi);
  if (!owner || owner->destroying) return -1;
  auto server = owner->servers.find(lws_get_vhost(wsi));
  if (server == owner->servers.end()) return -1;
  const WebSockets::Impl::Server& srv = *server->second;
  auto impl = std::make_unique<WsConnection::Impl>();
  WsConnection::Impl& c = *impl;
  c.owner = owner;
  c.wsi = wsi;
  c.limits = srv.options.limits;
  c.server_id = srv.id;
  c.path = HeaderCopy(wsi, WSI_TOKEN_GET_URI);
  char frag[4096];
  for (int i = 0;; ++i) {
    const int n = lws_hdr_copy_fragment(wsi, frag, sizeof frag, WSI_TOKEN_HTTP_URI_ARGS, i);
    if (n <= 0) break;
    std::string_view arg(frag, static_cast<size_t>(n));
    const size_t eq = arg.find('=');
    c.query.emplace_back(std::string(arg.substr(0, eq)), eq == std::string_view::npos
                                                             ? std::string()
                                                             : std::string(arg.substr(eq + 1)));
  }
  const std::pair<const char*, lws_token_indexes> standard[] = {
      {"Authorization", WSI_TOKEN_HTTP_AUTHORIZATION},
      {"Host", WSI_TOKEN_HOST},
      {"Origin", WSI_TOKEN_ORIGIN},
      {"User-Agent", WSI_TOKEN_HTTP_USER_AGENT},
      {"Sec-WebSocket-Protocol", WSI_TOKEN_PROTOCOL},
  };
  for (const auto& [name, token] : standard) {
    std::string v = HeaderCopy(wsi, token);
    if (!v.empty()) c.headers.emplace_back(name, std::move(v));
  }
  for (const std::string& name : srv.options.capture_headers) {
    std::string key;
    for (char ch : name) key += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    key += ':';
    const int n = lws_hdr_custom_length(wsi, key.c_str(), static_cast<int>(key.size()));
    if (n <= 0) continue;
    std::string v(static_cast<size_t>(n) + 1, '\0');
    const int got =
        lws_hdr_custom_copy(wsi, v.data(), n + 1, key.c_str(), static_cast<int>(key.size()));
    if (got < 0) continue;
    v.resize(static_cast<size_t>(got));
    c.headers.emplace_back(name, std::move(v));
  }
  auto conn = std::make_shared<WsConnection>(std::move(impl));
  c.weak_self = conn;
  auto handlers = srv.options.on_accept(conn);
  if (!handlers) return -1;
  c.handlers = std::move(*handlers);
  owner->live.emplace(&c, conn);
  lws_set_opaque_user_data(wsi, &c);
  return 0;
}

int Callback(lws* wsi, lws_callback_reasons reason, void* user, void* in, size_t len) {
  auto* c = wsi ? static_cast<WsConnection::Impl*>(lws_get_opaque_user_data(wsi)) : nullptr;
  switch (reason) {
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
      return Accept(wsi);

    case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER: {
      if (!c) return 0;
      auto** p = static_cast<unsigned char**>(in);
      unsigned char* end = *p + len;
      for (const auto& [k, v] : c->headers) {
        std::string name = k + ":";
        if (lws_add_http_header_by_name(wsi, reinterpret_cast<const unsigned char*>(name.c_str()),
                                        reinterpret_cast<const unsigned char*>(v.data()),
                                        static_cast<int>(v.size()), p, end)) {
          return -1;
        }
      }
      return 0;
    }

    case LWS_CALLBACK_ESTABLISHED:
    case LWS_CALLBACK_CLIENT_ESTABLISHED: {
      if (!c) return -1;
      c->state = WsConnection::Impl::State::kOpen;
      if (c->connect_timer) c->owner->loop.CancelTimer(c->connect_timer);
      c->connect_timer = 0;
      if (c->handlers.on_open) c->handlers.on_open();
      if (c->wsi && !c->queue.empty()) lws_callback_on_writable(wsi);
      if (c->wsi && c->state == WsConnection::Impl::State::kClosing) lws_callback_on_writable(wsi);
      return 0;
    }

    case LWS_CALLBACK_RECEIVE:
    case LWS_CALLBACK_CLIENT_RECEIVE: {
      if (!c || c->state == WsConnection::Impl::State::kClosed) return -1;
      if (lws_is_first_fragment(wsi)) {
        c->rx.clear();
        c->rx_binary = lws_frame_is_binary(wsi);
      }
      if (c->discarding || c->rx.size() + len > c->limits.max_message_bytes) {
        // Closing in the middle of a frame makes libwebsockets 4.1 free its
        // receive buffer twice, so the rest of the message is read and
        // dropped, and the connection closes at the frame's end.
        if (!c->discarding) {
          c->discarding = true;
          c->rx.clear();
          c->rx.shrink_to_fit();
          c->failure = Unavailable("WebSocket message larger than " +
                                   std::to_string(c->limits.max_message_bytes) + " bytes");
          c->close_code = kWsCloseTooBig;
          c->state = WsConnection::Impl::State::kClosing;
        }
        if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi) != 0) return 0;
        static const char kWhy[] = "message too big";
        lws_close_reason(wsi, LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE,
                         reinterpret_cast<unsigned char*>(const_cast<char*>(kWhy)),
                         sizeof kWhy - 1);
        return -1;
      }
      c->rx.append(static_cast<const char*>(in), len);
      if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi) != 0) return 0;
      std::string message = std::move(c->rx);
      c->rx.clear();
      if (c->state != WsConnection::Impl::State::kOpen) return 0;  // closing: drop late input
      if (c->rx_binary) {
        if (c->handlers.on_binary) c->handlers.on_binary(message);
      } else if (c->handlers.on_text) {
        c->handlers.on_text(message);
      }
      return 0;
    }

    case LWS_CALLBACK_SERVER_WRITEABLE:
    case LWS_CALLBACK_CLIENT_WRITEABLE: {
      if (!c) return 0;
      if (!c->queue.empty()) {
        auto& out = c->queue.front();
        const size_t n = out.frame.size() - LWS_PRE;
        const int wrote =
            lws_write(wsi, reinterpret_cast<unsigned char*>(out.frame.data()) + LWS_PRE, n,
                      out.binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT);
        c->queued -= n;
        c->queue.pop_front();
        if (wrote < static_cast<int>(n)) {
          c->failure = Unavailable("WebSocket write failed");
          return -1;
        }
        if (!c->queue.empty() || c->state == WsConnection::Impl::State::kClosing) {
          lws_callback_on_writable(wsi);
        }
        return 0;
      }
      if (c->state == WsConnection::Impl::State::kClosing) {
        lws_close_reason(wsi, static_cast<lws_close_status>(c->close_code),
                         reinterpret_cast<unsigned char*>(c->close_reason.data()),
                         c->close_reason.size());
        return -1;
      }
      return 0;
    }

    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE: {
      if (!c) return 0;
      const auto* b = static_cast<const unsigned char*>(in);
      c->peer_close_code = len >= 2 ? (b[0] << 8 | b[1]) : 1005;  // 1005: no code in the frame
      c->state = WsConnection::Impl::State::kClosing;
      return 0;
    }

    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR: {
      if (!c) return 0;
      if (c->failure.ok()) {
        c->failure =
            Unavailable("WebSocket connect to " + c->address + " failed: " +
                        (in ? std::string(static_cast<const char*>(in),
                                          strnlen(static_cast<const char*>(in), len ? len : 256))
                            : "error"));
      }
      lws_set_opaque_user_data(wsi, nullptr);
      if (c->in_connect) {  // never call a handler before Connect returns
        auto* owner = c->owner;
        auto weak = c->weak_self;
        c->wsi = nullptr;
        owner->loop.Post([owner, weak] {
          if (auto conn = weak.lock()) owner->Finish(conn->impl());
        });
        return 0;
      }
      c->owner->Finish(*c);
      return 0;
    }

    case LWS_CALLBACK_CLOSED:
    case LWS_CALLBACK_CLIENT_CLOSED:
    case LWS_CALLBACK_WSI_DESTROY: {
      if (!c) return 0;
      lws_set_opaque_user_data(wsi, nullptr);
      c->owner->Finish(*c);
      return 0;
    }

    default:
      break;
  }
  return lws_callback_http_dummy(wsi, reason, user, in, len);
}

}  // namespace

// ---------------------------------------------------------------- WsConnection

WsConnection::WsConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WsConnection::~WsConnection() = default;

Status WsConnection::SendText(std::string_view text) {
  if (!IsValidUtf8(text)) return InvalidArgument("WebSocket text message is not valid UTF-8");
  return impl_->Queue(false, text);
}

Status WsConnection::SendBinary(std::string_view bytes) {
  return impl_->Queue(true, bytes);
}

void WsConnection::Close(int code, std::string_view reason) {
  Impl& c = *impl_;
  if (c.state == Impl::State::kClosing || c.state == Impl::State::kClosed) return;
  c.close_code = code;
  c.close_requested = true;
  c.close_reason = std::string(reason.substr(0, 123));  // a close frame carries 125 bytes
  const bool connecting = c.state == Impl::State::kConnecting;
  c.state = Impl::State::kClosing;
  if (!c.wsi) return;
  if (connecting) {
    lws_set_timeout(c.wsi, PENDING_TIMEOUT_AWAITING_SERVER_RESPONSE, LWS_TO_KILL_ASYNC);
  } else {
    lws_callback_on_writable(c.wsi);
  }
}

bool WsConnection::open() const {
  return impl_->state == Impl::State::kOpen;
}
size_t WsConnection::queued_bytes() const {
  return impl_->queued;
}
const std::string& WsConnection::path() const {
  return impl_->path;
}
const std::vector<std::pair<std::string, std::string>>& WsConnection::query() const {
  return impl_->query;
}
std::string_view WsConnection::query_value(std::string_view name) const {
  for (const auto& [k, v] : impl_->query) {
    if (k == name) return v;
  }
  return {};
}
const Headers& WsConnection::request_headers() const {
  return impl_->headers;
}

// ---------------------------------------------------------------- WebSockets

WebSockets::WebSockets(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

WebSockets::~WebSockets() {
  Shutdown();
}

void WebSockets::Shutdown() {
  if (impl_->destroying) {
    // With a foreign loop the first call only starts the teardown; once
    // the loop has run, a second call frees the rest (and nulls context
    // through pcontext).
    if (impl_->context) lws_context_destroy(impl_->context);
    return;
  }
  impl_->destroying = true;
  for (auto& [c, conn] : impl_->live) {
    if (c->connect_timer) impl_->loop.CancelTimer(c->connect_timer);
    c->connect_timer = 0;
  }
  // Connections stay in `live` until libwebsockets reports them closed.
  if (impl_->context) lws_context_destroy(impl_->context);
}

Result<std::unique_ptr<WebSockets>> WebSockets::Create(EventLoop& loop) {
  lws_set_log_level(LLL_ERR, nullptr);
  auto impl = std::make_unique<Impl>(loop);
  void* foreign_loops[] = {loop.uv()};
  lws_context_creation_info info{};
  info.options = LWS_SERVER_OPTION_LIBUV | LWS_SERVER_OPTION_EXPLICIT_VHOSTS |
                 LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;  // for wss:// (see ClientVhost)
  info.foreign_loops = foreign_loops;
  info.port = CONTEXT_PORT_NO_LISTEN;
  info.protocols = kProtocols;
  info.user = impl.get();
  info.pcontext = &impl->context;
  impl->context = lws_create_context(&info);
  if (!impl->context) {
    return Unavailable(
        "libwebsockets: cannot create a context on the libuv loop "
        "(is the libwebsockets-evlib-uv plugin installed?)");
  }
  lws_context_creation_info vinfo{};
  vinfo.port = CONTEXT_PORT_NO_LISTEN;
  vinfo.protocols = kProtocols;
  vinfo.vhost_name = "client";
  impl->client_vhost = lws_create_vhost(impl->context, &vinfo);
  if (!impl->client_vhost) return Unavailable("libwebsockets: cannot create the client vhost");
  return std::unique_ptr<WebSockets>(new WebSockets(std::move(impl)));
}

Result<std::shared_ptr<WsConnection>> WebSockets::Connect(const WsConnectOptions& options,
                                                          WsHandlers handlers) {
  std::string url = options.url;
  const char *prot = nullptr, *ads = nullptr, *path = nullptr;
  int port = 0;
  if (url.size() > 4096 || lws_parse_uri(url.data(), &prot, &ads, &port, &path) != 0 || !ads ||
      !*ads) {
    return InvalidArgument("malformed WebSocket URL (want ws://host[:port]/path or wss://...)");
  }
  const std::string scheme = prot;
  if (scheme != "ws" && scheme != "wss") {
    return InvalidArgument("WebSocket URL scheme must be ws or wss, not '" + scheme + "'");
  }
  auto impl = std::make_unique<WsConnection::Impl>();
  WsConnection::Impl& c = *impl;
  c.owner = impl_.get();
  c.client = true;
  c.handlers = std::move(handlers);
  c.limits = options.limits;
  c.headers = options.headers;
  c.address = ads;
  c.path = std::string("/") + path;
  const size_t q = c.path.find('?');
  if (q != std::string::npos) {
    std::string_view rest = std::string_view(c.path).substr(q + 1);
    while (!rest.empty()) {
      std::string_view arg = rest.substr(0, rest.find('&'));
      rest.remove_prefix(std::min(rest.size(), arg.size() + 1));
      const size_t eq = arg.find('=');
      c.query.emplace_back(std::string(arg.substr(0, eq)),
                           eq == std::string_view::npos ? "" : std::string(arg.substr(eq + 1)));
    }
  }
  const bool tls = scheme == "wss";
  const bool default_port = (tls && port == 443) || (!tls && port == 80);
  c.host = default_port ? c.address : c.address + ":" + std::to_string(port);
  c.origin = c.host;
  auto conn = std::make_shared<WsConnection>(std::move(impl));
  c.weak_self = conn;
  impl_->live.emplace(&c, conn);

  lws_client_connect_info ci{};
  ci.context = impl_->context;
  ci.vhost = impl_->ClientVhost(tls, options.ca_file);
  if (!ci.vhost) {
    impl_->live.erase(&c);
    return Unavailable(options.ca_file.empty()
                           ? "libwebsockets: cannot set up TLS for WebSocket clients"
                           : "libwebsockets: cannot load the CA file " + options.ca_file);
  }
  ci.address = c.address.c_str();
  ci.port = port;
  ci.path = c.path.c_str();
  ci.host = c.host.c_str();
  ci.origin = c.origin.c_str();
  ci.ssl_connection = tls ? LCCSCF_USE_SSL : 0;
  if (tls && options.allow_self_signed) {
    ci.ssl_connection |= LCCSCF_ALLOW_SELFSIGNED | LCCSCF_SKIP_SERVER_CERT_HOSTNAME_CHECK;
  }
  ci.local_protocol_name = kProtocolName;
  ci.opaque_user_data = &c;
  ci.pwsi = &c.wsi;
  c.in_connect = true;
  lws* wsi = lws_client_connect_via_info(&ci);
  c.in_connect = false;
  if (!wsi && c.state != WsConnection::Impl::State::kClosed) {
    c.wsi = nullptr;
    if (c.failure.ok()) c.failure = Unavailable("WebSocket connect to " + c.address + " failed");
    Impl* owner = impl_.get();
    std::weak_ptr<WsConnection> weak = conn;
    owner->loop.Post([owner, weak] {
      if (auto alive = weak.lock()) owner->Finish(alive->impl());
    });
    return conn;
  }
  Impl* owner = impl_.get();
  std::weak_ptr<WsConnection> weak = conn;
  const auto timeout = options.connect_timeout;
  c.connect_timer = owner->loop.AddTimer(timeout, [owner, weak, timeout] {
    auto alive = weak.lock();
    if (!alive) return;
    auto& ci2 = alive->impl();
    ci2.connect_timer = 0;
    if (ci2.state != WsConnection::Impl::State::kConnecting) return;
    ci2.failure = Unavailable("WebSocket connect to " + ci2.address + " timed out after " +
                              std::to_string(timeout.count()) + " ms");
    if (ci2.wsi) {
      lws_set_timeout(ci2.wsi, PENDING_TIMEOUT_AWAITING_SERVER_RESPONSE, LWS_TO_KILL_ASYNC);
    } else {
      owner->Finish(ci2);
    }
  });
  return conn;
}

Result<WsServer> WebSockets::Listen(WsServerOptions options) {
  if (!options.on_accept) return InvalidArgument("WebSocket server needs an on_accept handler");
  // The vhost keeps pointers to the interface and name strings.
  auto server = std::make_unique<Impl::Server>();
  server->id = impl_->next_server++;
  server->name = "server-" + std::to_string(server->id);
  server->options = std::move(options);
  lws_context_creation_info vinfo{};
  vinfo.port = server->options.port;
  vinfo.iface = server->options.bind.c_str();
  vinfo.protocols = kProtocols;
  vinfo.vhost_name = server->name.c_str();
  const WsServerOptions& o = server->options;
  if (o.tls_cert_file.empty() != o.tls_key_file.empty()) {
    return InvalidArgument("a wss:// server needs both tls_cert_file and tls_key_file");
  }
  const bool tls = !o.tls_cert_file.empty();
  if (tls) {
    vinfo.options = LWS_SERVER_OPTION_DO_SSL_GLOBAL_INIT;
    vinfo.ssl_cert_filepath = o.tls_cert_file.c_str();
    vinfo.ssl_private_key_filepath = o.tls_key_file.c_str();
  }
  server->vhost = lws_create_vhost(impl_->context, &vinfo);
  if (!server->vhost) {
    return Unavailable("cannot listen for WebSockets on " + server->options.bind + ":" +
                       std::to_string(server->options.port) +
                       (tls ? " (or the TLS certificate and key did not load)" : ""));
  }
  const WsServer out{server->id, lws_get_vhost_listen_port(server->vhost)};
  impl_->servers.emplace(server->vhost, std::move(server));
  return out;
}

void WebSockets::StopListening(uint64_t server_id) {
  for (auto it = impl_->servers.begin(); it != impl_->servers.end(); ++it) {
    if (it->second->id != server_id) continue;
    lws_vhost* vh = it->first;
    // Its connections close as the vhost goes; their handlers still run.
    lws_vhost_destroy(vh);
    impl_->retired.push_back(std::move(it->second));
    impl_->servers.erase(vh);
    return;
  }
}

size_t WebSockets::connections() const {
  return impl_->live.size();
}

}  // namespace voxdesk::providers::net
