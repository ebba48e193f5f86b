// Network layer figures on loopback, through the production event loop:
// net.msg_latency (one message's trip through the layer) and
// net.ws_streams_per_core (how many provider-like WebSocket streams one core
// of network thread carries).
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <future>
#include <thread>

#include "bench.h"
#include "fakes/fake_elevenlabs_server.h"
#include "fakes/fake_speech.h"
#include "providers/elevenlabs_tts.h"
#include "providers/failover_tts.h"
#include "providers/net/event_loop.h"
#include "providers/net/websockets.h"

namespace voxdesk::bench {
namespace {

using providers::net::EventLoop;
using providers::net::WsConnection;
using providers::net::WsConnectOptions;
using providers::net::WsHandlers;
using providers::net::WsServerOptions;

std::unique_ptr<EventLoop> NewLoop(const char* name) {
  providers::net::EventLoopOptions o;
  o.name = name;
  auto loop = EventLoop::Start(o);
  if (!loop.ok()) {
    std::fprintf(stderr, "event loop: %s\n", loop.status().message().c_str());
    std::exit(1);
  }
  return std::move(loop).value();
}

// A server loop answering each binary message with `reply_every`-th text.
int StartServer(EventLoop& loop, int reply_every) {
  return loop.Call([&] {
    WsServerOptions o;
    o.on_accept =
        [reply_every](const std::shared_ptr<WsConnection>& c) -> std::optional<WsHandlers> {
      std::weak_ptr<WsConnection> weak = c;
      auto count = std::make_shared<int>(0);
      WsHandlers h;
      h.on_binary = [weak, count, reply_every](std::string_view bytes) {
        if (++*count % reply_every != 0) return;
        if (auto conn = weak.lock()) (void)conn->SendBinary(bytes);
      };
      return h;
    };
    auto s = loop.ws().Listen(std::move(o));
    return s.ok() ? s->port : -1;
  });
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// One 20 ms mu-law frame: what a media stream carries 50 times a second.
const std::string kFrame(160, '\x7f');

// Ping-pong on the client's loop thread: each echo's arrival sends the
// next frame, so a sample is one round trip through the layer on both ends
// (client and server loops) plus the kernel's loopback. Half of it is the
// one-way figure; the same exchange over bare blocking TCP sockets is the
// baseline the layer adds to.
void RunMsgLatency() {
  auto server = NewLoop("bench-ws-srv");
  auto client = NewLoop("bench-ws-cli");
  const int port = StartServer(*server, 1);
  constexpr int kWarm = 2000, kN = 20000;
  std::vector<double> rtt_us;
  rtt_us.reserve(kN);
  std::promise<void> done;
  std::shared_ptr<WsConnection> conn;
  auto t0 = std::make_shared<std::chrono::steady_clock::time_point>();
  auto sent = std::make_shared<int>(0);
  client->Call([&] {
    WsConnectOptions o;
    o.url = "ws://127.0.0.1:" + std::to_string(port) + "/bench";
    WsHandlers h;
    h.on_open = [&, t0, sent] {
      *t0 = std::chrono::steady_clock::now();
      (void)conn->SendBinary(kFrame);
    };
    h.on_binary = [&, t0, sent](std::string_view) {
      const auto now = std::chrono::steady_clock::now();
      if (++*sent > kWarm)
        rtt_us.push_back(std::chrono::duration<double, std::micro>(now - *t0).count());
      if (*sent == kWarm + kN) {
        done.set_value();
        return;
      }
      *t0 = std::chrono::steady_clock::now();
      (void)conn->SendBinary(kFrame);
    };
    conn = *client->ws().Connect(o, std::move(h));
  });
  done.get_future().get();
  client->Call([&] { conn->Close(); });

  // The baseline: the same frames echoed over a blocking TCP socket pair.
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  listen(listener, 1);
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  std::thread echo([listener] {
    int s = accept(listener, nullptr, nullptr);
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char buf[160];
    for (;;) {
      size_t got = 0;
      while (got < sizeof buf) {
        ssize_t n = read(s, buf + got, sizeof buf - got);
        if (n <= 0) return close(s), void();
        got += static_cast<size_t>(n);
      }
      if (write(s, buf, sizeof buf) != static_cast<ssize_t>(sizeof buf)) return close(s), void();
    }
  });
  int c = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  connect(c, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  auto raw = MeasureLatency("net.msg_latency.tcp_baseline", kN, [&](int) {
    if (write(c, kFrame.data(), kFrame.size()) != static_cast<ssize_t>(kFrame.size())) return;
    char buf[160];
    size_t got = 0;
    while (got < sizeof buf) {
      ssize_t n = read(c, buf + got, sizeof buf - got);
      if (n <= 0) return;
      got += static_cast<size_t>(n);
    }
  });
  close(c);
  echo.join();
  close(listener);

  std::sort(rtt_us.begin(), rtt_us.end());
  auto pct = [&](double p) {
    return rtt_us[std::min<size_t>(rtt_us.size() - 1, static_cast<size_t>(p * rtt_us.size()))];
  };
  auto r2 = [](double v) { return std::round(v * 100) / 100; };
  const double raw_p50 = raw["p50"].get<double>() / 2, raw_p99 = raw["p99"].get<double>() / 2;
  Emit({{"name", "net.msg_latency"},
        {"unit", "us"},
        {"p50", r2(pct(0.50) / 2)},
        {"p99", r2(pct(0.99) / 2)},
        {"n", kN},
        {"what", "one way, WebSocket frame of 160 bytes, layer on both ends, loopback"},
        {"added_p50", r2(pct(0.50) / 2 - raw_p50)},
        {"added_p99", r2(pct(0.99) / 2 - raw_p99)}});
  raw["p50"] = r2(raw_p50);
  raw["p99"] = r2(raw_p99);
  raw["what"] = "one way, the same frame over a bare blocking TCP socket";
  Emit(raw);
}

// N client streams on one loop, each sending a 160-byte frame every 20 ms
// for a few seconds while the server answers every 25th (an interim
// transcript every half second). The client loop's thread CPU time over the
// wall time is the share of a core those streams take.
void RunStreamsPerCore() {
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  lim.rlim_cur = lim.rlim_max;
  setrlimit(RLIMIT_NOFILE, &lim);
  const int n_streams = lim.rlim_cur >= 4096 ? 1000 : static_cast<int>(lim.rlim_cur / 2 - 64);
  auto server = NewLoop("bench-ws-srv");
  auto client = NewLoop("bench-ws-cli");
  const int port = StartServer(*server, 25);
  std::vector<std::shared_ptr<WsConnection>> conns;
  std::atomic<int> opened{0}, replies{0}, failed{0};
  client->Call([&] {
    for (int i = 0; i < n_streams; ++i) {
      WsConnectOptions o;
      o.url = "ws://127.0.0.1:" + std::to_string(port) + "/stream";
      o.connect_timeout = std::chrono::seconds(20);
      WsHandlers h;
      h.on_open = [&] { ++opened; };
      h.on_binary = [&](std::string_view) { ++replies; };
      h.on_close = [&](const Status& st, int) {
        if (!st.ok()) ++failed;
      };
      auto c = client->ws().Connect(o, std::move(h));
      if (c.ok()) conns.push_back(*c);
    }
  });
  for (int i = 0; i < 3000 && opened + failed < n_streams; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  constexpr int kTicks = 150;  // 3 s of 20 ms frames
  std::promise<void> done;
  auto tick = std::make_shared<int>(0);
  auto cpu0 = client->Call([] { return ThreadCpuSeconds(); });
  const auto wall0 = std::chrono::steady_clock::now();
  std::function<void()> send_all;
  send_all = [&, tick] {
    for (auto& c : conns) {
      if (c->open()) (void)c->SendBinary(kFrame);
    }
    if (++*tick == kTicks) {
      done.set_value();
      return;
    }
    // Paced against the start, so a slow tick does not stretch the run.
    const auto due = wall0 + std::chrono::milliseconds(20 * *tick);
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
        due - std::chrono::steady_clock::now());
    client->AddTimer(std::max(wait, std::chrono::milliseconds(0)), send_all);
  };
  client->Post(send_all);
  done.get_future().get();
  const double cpu = client->Call([] { return ThreadCpuSeconds(); }) - cpu0;
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  const double core_share = cpu / wall;
  Emit({{"name", "net.ws_streams_per_core"},
        {"unit", "streams"},
        {"value", std::round(opened.load() / std::max(core_share, 1e-6))},
        {"streams", opened.load()},
        {"failed", failed.load()},
        {"client_loop_core_share", std::round(core_share * 1000) / 1000},
        {"frames_per_stream_per_s", 50},
        {"replies", replies.load()},
        {"wall_s", std::round(wall * 100) / 100}});
  client->Call([&] {
    for (auto& c : conns) c->Close();
  });
}

// The time from a provider's fault to the caller hearing the fallback: a
// FailoverTts (ElevenLabs over a loopback WebSocket, then a local engine)
// speaks a sentence while the fake service fails right after its first
// audio message, by closing the socket (net.failover_ms) or by going
// silent (net.failover_ms.stall, bounded by the 250 ms generation
// timeout). The clock runs from the fault, stamped in the fake, to the
// first fallback audio reaching the sink on the polling (worker) thread,
// which polls every 1 ms as a session ticks every 20 ms or faster.
void RunFailover(const std::string& name, fakes::FakeElevenLabsServer::Fault fault) {
  struct Sink : providers::TtsSink {
    size_t samples = 0;
    std::chrono::steady_clock::time_point first_fallback{};
    const providers::FailoverTts* tts = nullptr;
    void OnAudio(const providers::AudioChunk& c) override {
      samples += c.pcm.size();
      if (tts->switches() > 0 && first_fallback == std::chrono::steady_clock::time_point{} &&
          !c.pcm.empty()) {
        first_fallback = std::chrono::steady_clock::now();
      }
    }
    void OnError(const Status&) override {}
  };
  auto loop = NewLoop("bench-failover");
  fakes::FakeElevenLabsServer server("xi-bench");
  if (!server.Start()) std::exit(1);
  server.InjectFault(fault);
  providers::ElevenLabsConfig c;
  c.base_url = server.url();
  c.api_key = "xi-bench";
  c.voice_id = "bench";
  c.generation_timeout = std::chrono::milliseconds(250);
  auto cloud = providers::ElevenLabsTts::Create(*loop, c);
  if (!cloud.ok()) std::exit(1);
  fakes::FakeTts local(20);
  constexpr int kRuns = 40;
  std::vector<double> ms;
  for (int i = 0; i < kRuns; ++i) {
    providers::FailoverTts tts({{"elevenlabs", cloud->get()}, {"local", &local}});
    Sink sink;
    sink.tts = &tts;
    auto stream = tts.Open(8000, "en", sink);
    if (!stream.ok()) std::exit(1);
    (void)(*stream)->PushText("Your cleaning is booked for Tuesday at ten.");
    (void)(*stream)->Flush();
    for (int k = 0; k < 3000 && sink.first_fallback == std::chrono::steady_clock::time_point{};
         ++k) {
      (*stream)->Poll();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (sink.first_fallback == std::chrono::steady_clock::time_point{}) continue;
    ms.push_back(
        std::chrono::duration<double, std::milli>(sink.first_fallback - server.last_fault_at())
            .count());
  }
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    return ms.empty() ? -1.0
                      : ms[std::min<size_t>(ms.size() - 1, static_cast<size_t>(p * ms.size()))];
  };
  auto r2 = [](double v) { return std::round(v * 100) / 100; };
  Emit({{"name", name},
        {"unit", "ms"},
        {"p50", r2(pct(0.5))},
        {"p99", r2(pct(0.99))},
        {"n", ms.size()},
        {"runs", kRuns},
        {"what", fault == fakes::FakeElevenLabsServer::Fault::kStall
                     ? "TTS stalls mid-sentence; 250 ms generation timeout"
                     : "TTS socket dropped mid-sentence"}});
}

Register msg_latency("net.msg_latency", [] { RunMsgLatency(); });
Register streams("net.ws_streams_per_core", [] { RunStreamsPerCore(); });
Register failover("net.failover_ms", [] {
  RunFailover("net.failover_ms", fakes::FakeElevenLabsServer::Fault::kCloseMidStream);
  RunFailover("net.failover_ms.stall", fakes::FakeElevenLabsServer::Fault::kStall);
});

}  // namespace
}  // namespace voxdesk::bench
