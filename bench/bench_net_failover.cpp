// net.failover_ms.stt: the time from a speech-recognition provider's fault
// to the caller's first transcript from the fallback. A FailoverStt
// (Deepgram over a loopback WebSocket, then a local engine) hears a caller
// who speaks in 20 ms frames pushed in real time, as a session pushes them;
// the fake Deepgram answers every 50 ms of audio until, 200 ms in, it drops
// the socket (net.failover_ms.stt) or goes silent (net.failover_ms.stt_stall,
// found by the 250 ms no-result timeout). The clock runs from the fault,
// stamped in the fake, to the fallback's first transcript reaching the sink
// on the pushing thread. The fallback reports a partial on the first speech
// it hears, as a streaming engine does, so the figure is the failover's own
// cost (noticing, switching, replaying) and not a recogniser's.
#include <algorithm>
#include <thread>

#include "bench.h"
#include "fakes/fake_deepgram_server.h"
#include "providers/deepgram_stt.h"
#include "providers/failover_stt.h"
#include "providers/net/event_loop.h"

namespace voxdesk::bench {
namespace {

using Clock = std::chrono::steady_clock;
using fakes::FakeDeepgramServer;

// A streaming engine that has recognised something as soon as it hears speech.
class QuickStt final : public providers::Stt {
 public:
  Result<std::unique_ptr<providers::SttStream>> Open(int, std::string_view,
                                                     providers::SttSink& sink) override {
    struct Stream final : providers::SttStream {
      explicit Stream(providers::SttSink& sink) : sink(sink) {}
      Status Push(std::span<const int16_t> pcm) override {
        if (said || pcm.empty() || pcm[0] == 0) return Status::Ok();
        said = true;
        providers::Transcript t;
        t.text = "i need";
        sink.OnTranscript(t);
        return Status::Ok();
      }
      void SetHint(const providers::RecognitionHint&) override {}
      void SetLanguage(std::string_view) override {}
      Status Finish() override { return Status::Ok(); }
      providers::SttSink& sink;
      bool said = false;
    };
    return std::unique_ptr<providers::SttStream>(new Stream(sink));
  }
};

struct Sink : providers::SttSink {
  const providers::FailoverStt* stt = nullptr;
  Clock::time_point first_fallback{};
  int errors = 0;
  void OnTranscript(const providers::Transcript& t) override {
    if (stt->switches() > 0 && !t.text.empty() && first_fallback == Clock::time_point{})
      first_fallback = Clock::now();
  }
  void OnEndOfUtterance(int64_t) override {}
  void OnError(const Status&) override { ++errors; }
};

void Run(const std::string& name, FakeDeepgramServer::Fault fault) {
  providers::net::EventLoopOptions lo;
  lo.name = "bench-stt-fail";
  auto loop = providers::net::EventLoop::Start(lo);
  FakeDeepgramServer server("dg-bench");
  if (!loop.ok() || !server.Start()) std::exit(1);
  // Empty lines: the service answers (silence-like results) every 50 ms.
  server.SetScript({.lines = {}, .ms_per_result = 100});
  server.InjectFault(fault, 200, 1011);
  providers::DeepgramConfig c;
  c.base_url = server.url();
  c.api_key = "dg-bench";
  auto cloud = providers::DeepgramStt::Create(**loop, c);
  if (!cloud.ok()) std::exit(1);
  QuickStt local;
  providers::FailoverSttConfig fc;
  fc.no_result_timeout = std::chrono::milliseconds(250);

  std::vector<int16_t> speech(160);
  for (size_t i = 0; i < speech.size(); ++i) speech[i] = (i / 10) % 2 ? 3000 : -3000;
  constexpr int kRuns = 50;
  std::vector<double> ms, switch_ms;
  int errors = 0;
  for (int run = 0; run < kRuns; ++run) {
    providers::FailoverStt stt({{"deepgram", cloud->get()}, {"local", &local}}, fc);
    Sink sink;
    sink.stt = &stt;
    auto stream = stt.Open(8000, "en", sink);
    if (!stream.ok()) std::exit(1);
    auto next = Clock::now();
    for (int k = 0; k < 150 && sink.first_fallback == Clock::time_point{}; ++k) {
      (void)(*stream)->Push(speech);
      next += std::chrono::milliseconds(20);
      std::this_thread::sleep_until(next);
    }
    errors += sink.errors;
    if (sink.first_fallback == Clock::time_point{}) continue;
    ms.push_back(
        std::chrono::duration<double, std::milli>(sink.first_fallback - server.last_fault_at())
            .count());
    if (auto sw = stt.last_switch()) {
      switch_ms.push_back(
          std::chrono::duration<double, std::milli>(sw->switched_at - sw->fault_at).count());
    }
  }
  auto pct = [](std::vector<double> v, double p) {
    if (v.empty()) return -1.0;
    std::sort(v.begin(), v.end());
    return v[std::min<size_t>(v.size() - 1, static_cast<size_t>(p * v.size()))];
  };
  auto r2 = [](double v) { return std::round(v * 100) / 100; };
  Emit({{"name", name},
        {"unit", "ms"},
        {"p50", r2(pct(ms, 0.5))},
        {"p99", r2(pct(ms, 0.99))},
        {"recorded_switch_p50", r2(pct(switch_ms, 0.5))},
        {"n", ms.size()},
        {"runs", kRuns},
        {"caller_errors", errors},
        {"what", fault == FakeDeepgramServer::Fault::kStall
                     ? "STT goes silent mid-utterance; 250 ms no-result timeout"
                     : "STT socket dropped mid-utterance"}});
}

Register failover_stt("net.failover_ms.stt", [] {
  Run("net.failover_ms.stt", FakeDeepgramServer::Fault::kCloseMidStream);
  Run("net.failover_ms.stt_stall", FakeDeepgramServer::Fault::kStall);
});

}  // namespace
}  // namespace voxdesk::bench
