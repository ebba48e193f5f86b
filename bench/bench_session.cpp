// Session runtime figures (issue: call session runtime):
//  session.sdk_latency      what the SDK adds to a turn, engines excluded,
//                           with 500 concurrent calls on two workers;
//  session.round            how long one worker round over its calls takes
//                           (the longest a frame waits on a loaded worker);
//  session.cpu_per_call     CPU per concurrent call, with instant fake
//                           engines and with the embedded espeak-ng and
//                           pocketsphinx engines;
//  session.memory_per_session  resident memory per live session (no recording);
//  net.failover_ms.realtime  from a realtime model's dropped connection to
//                           the session carrying the call on without it.
// Calls run in virtual time: workers never sleep, so the CPU is saturated and
// every figure is taken under more load than a paced real-time run would see.
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "bench.h"
#include "core/clock.h"
#include "dialog/phrasing.h"
#include "fakes/fake_openai_realtime_server.h"
#include "fakes/fake_speech.h"
#include "providers/espeak_tts.h"
#include "providers/net/event_loop.h"
#include "providers/openai_realtime.h"
#include "providers/pocketsphinx_stt.h"
#include "schedule/config_loader.h"
#include "session/session.h"
#include "session/simulated_caller.h"
#include "session/worker.h"

namespace voxdesk::bench {
namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double RssKb() {
  std::ifstream f("/proc/self/statm");
  long pages = 0, resident = 0;
  f >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / 1024.0;
}

// Heap bytes in use: exact, unlike RSS (which counts pages, and misses
// zeroed pages the kernel has not yet handed out).
double HeapKb() {
  return static_cast<double>(mallinfo2().uordblks + mallinfo2().hblkhd) / 1024.0;
}

double Pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return std::round(v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))] * 100) / 100;
}

struct World {
  LoadedConfig config;
  VirtualClock vclock{
      TimePoint{std::chrono::seconds{1791205200}}};  // Mon 2026-10-05 09:00 New York
  RealClock rclock;
  const Clock* clock = &vclock;
  dialog::Receptionist receptionist;
  std::string db;
  std::vector<std::unique_ptr<Store>> stores;
  std::vector<std::unique_ptr<IdGenerator>> ids;
  std::vector<std::unique_ptr<Scheduler>> schedulers;  // one per worker, or one shared
  std::mutex scheduler_mu;                             // when shared

  explicit World(int workers, bool in_memory = false, bool real_time = false) {
    if (real_time) clock = &rclock;
    auto loaded = LoadBusinessFile(VOXDESK_SOURCE_DIR "/examples/business/medical-practice.json");
    config = std::move(*loaded);
    auto r = dialog::Receptionist::Create(config.business);
    receptionist = std::move(*r);
    db = (std::filesystem::temp_directory_path() /
          ("voxdesk-bench-" + std::to_string(getpid()) + ".db"))
             .string();
    std::filesystem::remove(db);
    // On a file the workers share one scheduler under a lock (one store
    // connection, one availability cache); in memory each has its own
    // database, so each needs its own.
    if (!in_memory) workers = 1;
    for (int i = 0; i < workers; ++i) {
      auto opened = OpenSqliteStore(in_memory ? std::string(":memory:") : db);
      stores.push_back(std::move(*opened));
      ids.push_back(std::make_unique<IdGenerator>(10 + i));
      schedulers.push_back(
          std::make_unique<Scheduler>(config.business, *stores.back(), *clock, *ids.back()));
      (void)schedulers.back()->Open();
    }
  }
  ~World() {
    schedulers.clear();
    stores.clear();
    std::filesystem::remove(db);
  }
  session::SessionDeps Deps(int worker, providers::Stt& stt, providers::Tts& tts) {
    session::SessionDeps d;
    d.receptionist = &receptionist;
    const bool shared = schedulers.size() == 1;
    d.scheduler = schedulers[shared ? 0 : static_cast<size_t>(worker)].get();
    d.scheduler_lock = shared ? &scheduler_mu : nullptr;
    d.clock = clock;
    d.stt = &stt;
    d.tts = &tts;
    return d;
  }
};

// Distinct free times, so that calls book rather than compete: each staff
// member's times do not overlap (with an hour to spare for buffers).
std::vector<std::string> WantedTimes(World& w, int n) {
  SlotQuery q;
  q.service = "cleaning";
  q.from = w.clock->NowSeconds() + std::chrono::hours(24);
  q.to = q.from + std::chrono::days(180);
  auto slots = w.schedulers[0]->Slots(q);
  std::vector<std::string> out;
  std::map<size_t, Instant> free_from;
  for (const Slot& s : *slots) {
    if (static_cast<int>(out.size()) >= n) break;
    if (s.start < free_from[s.staff_index]) continue;
    free_from[s.staff_index] = s.end + std::chrono::minutes(60);
    std::string when;  // as a recogniser writes it: lower case, no commas
    for (char c :
         dialog::SpeakDateTime(InstantToLocal(*w.config.business.zone, s.start), dialog::Lang::kEn))
      if (c != ',') when += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.push_back(when);
  }
  while (static_cast<int>(out.size()) < n)
    out.push_back("next monday at 10");  // more calls than times
  return out;
}

std::vector<session::CallerLine> Script(const std::string& when) {
  return {{"hi this is ana ruiz born march 3rd 1985 i need a cleaning on " + when, "", -1},
          {"yes please", "", -1},
          {"no that's all thank you bye", "", -1}};
}

struct LoadResult {
  std::vector<double> sdk_us;
  std::vector<double> dialog_us;  // the part of sdk_us spent deciding (NLU, search, store)
  std::vector<double> round_us;
  double cpu_s = 0;
  double call_s = 0;  // call time summed over calls
  int booked = 0;
  int calls = 0;
};

// `calls` simulated callers on two workers in virtual time. Callers pause a
// different time before answering, so turns do not all land on one tick.
LoadResult RunLoad(int calls, providers::Stt& stt_engine, providers::Tts& tts,
                   fakes::ScriptedStt* scripted, providers::Tts& caller_voice,
                   bool in_memory = false, bool real_time = false) {
  // In memory, each worker's connection is its own database (times are
  // distinct, so calls still book); on a file, both share one.
  World w(2, in_memory, real_time);
  std::mutex mu;
  LoadResult r;
  r.calls = calls;
  auto done = [&](std::unique_ptr<session::Session> s, std::unique_ptr<session::Line>) {
    std::lock_guard lock(mu);
    for (const auto& t : s->turns()) {
      r.sdk_us.push_back(static_cast<double>(t.sdk_us));
      r.dialog_us.push_back(static_cast<double>(t.dialog_us));
    }
    r.call_s += static_cast<double>(s->now_ms()) / 1000;
    r.booked += s->record().outcome == dialog::Outcome::kBooked;
  };
  session::Worker w0(done), w1(done);
  const std::vector<std::string> times = WantedTimes(w, calls);
  w0.RecordRoundTimes(true);
  w1.RecordRoundTimes(true);
  for (int i = 0; i < calls; ++i) {
    session::SimulatedCallerOptions o;
    o.agent_done_ms = 700 + (i * 37) % 1300;
    o.seed = static_cast<uint32_t>(i + 1);
    auto caller =
        session::SimulatedCaller::Create(Script(times[static_cast<size_t>(i)]), caller_voice, o);
    if (!caller.ok()) std::abort();
    if (scripted) {
      auto channel = std::make_shared<fakes::TranscriptChannel>();
      (*caller)->on_say = [channel](const std::string& t) { channel->lines.push_back(t); };
      scripted->Expect(channel);
    }
    auto s =
        session::Session::Create(w.Deps(i % 2, stt_engine, tts), {}, "bench-" + std::to_string(i),
                                 "+1555010" + std::to_string(1000 + i));
    if (!s.ok() || !(*s)->Start().ok()) std::abort();
    (i % 2 ? w1 : w0).Add(std::move(*s), std::move(*caller));
  }
  const double cpu0 = CpuSeconds();
  if (real_time) {
    // Paced by the wall clock, as in production: the workers sleep between
    // rounds, so the figures are what a call sees on a machine that is not
    // saturated by the benchmark itself.
    w0.StartRealTime();
    w1.StartRealTime();
    while (w0.live() + w1.live() > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    w0.Stop();
    w1.Stop();
  } else {
    session::RunVirtualTime({&w0, &w1}, w.vclock);
  }
  r.cpu_s = CpuSeconds() - cpu0;
  for (auto* wk : {&w0, &w1})
    for (int64_t us : wk->round_us()) r.round_us.push_back(static_cast<double>(us));
  return r;
}

// 500 calls on instant fakes; `in_memory` keeps the store off the disk.
LoadResult RunFakeLoad(const std::string& name, int calls, bool in_memory, bool real_time = false) {
  fakes::FakeTts tts, voice;
  fakes::ScriptedStt stt;
  LoadResult r = RunLoad(calls, stt, tts, &stt, voice, in_memory, real_time);
  Emit({{"name", name},
        {"unit", "us"},
        {"p50", Pct(r.sdk_us, 0.50)},
        {"p99", Pct(r.sdk_us, 0.99)},
        {"n", r.sdk_us.size()},
        {"params",
         {{"sessions", calls},
          {"workers", 2},
          {"engines", "instant fakes"},
          {"store", in_memory ? "sqlite in memory" : "sqlite file (WAL)"},
          {"time", real_time ? "real (paced)" : "virtual (saturated)"},
          {"booked", r.booked},
          {"dialog_p50_us", Pct(r.dialog_us, 0.50)},
          {"dialog_p99_us", Pct(r.dialog_us, 0.99)}}}});
  return r;
}

// The headline: 500 concurrent calls paced in real time (about a minute).
Register load_rt("session.sdk_latency",
                 [] { RunFakeLoad("session.sdk_latency", 500, false, true); });

// The same calls in virtual time: the CPU saturated by the two workers, so
// every figure carries the most contention; also CPU per call and the rounds.
Register load("session.sdk_latency.saturated", [] {
  constexpr int kCalls = 500;
  const LoadResult r = RunFakeLoad("session.sdk_latency.saturated", kCalls, false);
  Emit({{"name", "session.round"},
        {"unit", "us"},
        {"p50", Pct(r.round_us, 0.50)},
        {"p99", Pct(r.round_us, 0.99)},
        {"n", r.round_us.size()},
        {"params", {{"sessions", kCalls}, {"sessions_per_worker", kCalls / 2}}}});
  // Core-seconds per call-second: the share of one core a live call needs.
  const double share = r.cpu_s / r.call_s;
  Emit({{"name", "session.cpu_per_call"},
        {"unit", "percent_of_core"},
        {"value", std::round(share * 100 * 1000) / 1000},
        {"params",
         {{"engines", "instant fakes"},
          {"calls", kCalls},
          {"calls_per_core", std::round(1 / share)}}}});
});

// The same load with the store in memory: what the SDK costs without the
// database's disk writes (WAL commits and checkpoints) on the turn's path.
Register load_mem("session.sdk_latency.memory_store",
                  [] { RunFakeLoad("session.sdk_latency.memory_store", 500, true); });

Register embedded("session.cpu_per_call.embedded", [] {
  auto tts = providers::EspeakTts::Create();
  providers::EspeakOptions cv;
  cv.voice_en = "en-us+m3";
  cv.rate_wpm = 150;
  auto voice = providers::EspeakTts::Create(cv);
  providers::PocketsphinxOptions po;
  po.preload_decoders = 2;
  auto stt = providers::PocketsphinxStt::Create(po);
  if (!tts.ok() || !voice.ok() || !stt.ok()) std::abort();
  constexpr int kCalls = 4;
  const LoadResult r = RunLoad(kCalls, **stt, **tts, nullptr, **voice);
  const double share = r.cpu_s / r.call_s;
  Emit({{"name", "session.cpu_per_call"},
        {"unit", "percent_of_core"},
        {"value", std::round(share * 100 * 10) / 10},
        {"params",
         {{"engines", "espeak-ng + pocketsphinx"},
          {"calls", kCalls},
          {"calls_per_core", std::round(1 / share * 10) / 10},
          {"booked", r.booked}}}});
});

Register memory("session.memory_per_session", [] {
  fakes::FakeTts tts;
  fakes::ScriptedStt stt;
  World w(1);
  constexpr int kSessions = 500;
  std::vector<std::unique_ptr<session::Session>> sessions;
  sessions.reserve(kSessions);
  const double before = HeapKb(), rss_before = RssKb();
  media::AudioFrame out;
  for (int i = 0; i < kSessions; ++i) {
    auto s =
        session::Session::Create(w.Deps(0, stt, tts), {}, "m" + std::to_string(i), "+15550100000");
    if (!s.ok() || !(*s)->Start().ok()) std::abort();
    sessions.push_back(std::move(*s));
  }
  // Two seconds into the greeting: audio queued, recogniser streams open.
  for (int t = 0; t < 100; ++t) {
    for (auto& s : sessions) s->Tick(nullptr, out);
    w.vclock.Advance(std::chrono::milliseconds(20));
  }
  const double after = HeapKb(), rss_after = RssKb();
  Emit({{"name", "session.memory_per_session"},
        {"unit", "KB"},
        {"value", std::round((after - before) / kSessions * 10) / 10},
        {"params",
         {{"sessions", kSessions},
          {"measure", "heap in use"},
          {"rss_kb_per_session", std::round((rss_after - rss_before) / kSessions * 10) / 10},
          {"recording", false},
          {"engines", "instant fakes"}}}});
});

// The call's clock is the wall clock and the session ticks every 20 ms, as
// a worker does: the model's socket is dropped (stamped in the fake) half a
// second into the caller's first turn, and the figure is the time until the
// session has reported it and opened the recogniser that takes over.
Register realtime_failover("net.failover_ms.realtime", [] {
  struct Stamp final : session::EventSink {
    std::chrono::steady_clock::time_point at{};
    void OnEvent(const session::Event& e) override {
      if (e.type == session::EventType::kError && e.text.rfind("realtime:", 0) == 0 &&
          at == std::chrono::steady_clock::time_point{})
        at = std::chrono::steady_clock::now();
    }
  };
  auto loop = providers::net::EventLoop::Start();
  fakes::FakeOpenAiRealtimeServer server("sk-bench");
  if (!loop.ok() || !server.Start()) std::abort();
  server.InjectFault(fakes::FakeOpenAiRealtimeServer::Fault::kCloseAfterSpeech);
  server.ScriptCall("Hello.", {{"i need a cleaning", "never said"}});
  providers::OpenAiRealtimeConfig rc;
  rc.base_url = server.url();
  rc.api_key = "sk-bench";
  auto realtime = providers::OpenAiRealtime::Create(**loop, rc);
  if (!realtime.ok()) std::abort();
  fakes::FakeTts tts;
  fakes::ScriptedStt stt;
  World w(1, /*in_memory=*/true, /*real_time=*/true);
  constexpr int kRuns = 20;
  std::vector<double> ms;
  for (int run = 0; run < kRuns; ++run) {
    Stamp stamp;
    auto deps = w.Deps(0, stt, tts);
    deps.events = &stamp;
    deps.realtime = realtime->get();
    deps.realtime_config.model = "gpt-realtime";
    auto s = session::Session::Create(deps, {}, "rt" + std::to_string(run), "+15550100000");
    if (!s.ok() || !(*s)->Start().ok()) std::abort();
    media::AudioFrame in, out;
    in.sample_rate = 8000;
    in.count = 160;
    std::fill_n(in.samples.begin(), in.count, int16_t{3});
    auto next = std::chrono::steady_clock::now();
    for (int t = 0; t < 150 && stamp.at == std::chrono::steady_clock::time_point{}; ++t) {
      (*s)->Tick(&in, out);
      std::this_thread::sleep_until(next += std::chrono::milliseconds(20));
    }
    if (stamp.at == std::chrono::steady_clock::time_point{}) continue;
    ms.push_back(
        std::chrono::duration<double, std::milli>(stamp.at - server.last_fault_at()).count());
  }
  Emit({{"name", "net.failover_ms.realtime"},
        {"unit", "ms"},
        {"p50", Pct(ms, 0.5)},
        {"p99", Pct(ms, 0.99)},
        {"n", ms.size()},
        {"runs", kRuns},
        {"what", "realtime model's socket dropped mid-turn; recogniser and agent take over"}});
});

}  // namespace
}  // namespace voxdesk::bench
