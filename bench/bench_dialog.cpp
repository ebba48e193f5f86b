// dialog.turn: one caller turn through the embedded NLU and the dialog
// (availability search, holds and the booking write included; no speech
// engines). dialog.calls_per_s: whole scripted calls per second on one core.
#include <memory>

#include "bench.h"
#include "core/clock.h"
#include "dialog/conversation.h"
#include "dialog/simulate.h"
#include "schedule/config_loader.h"

namespace voxdesk::bench {
namespace {

struct World {
  LoadedConfig config;
  VirtualClock clock;
  std::unique_ptr<Store> store;
  IdGenerator ids{7};
  std::unique_ptr<Scheduler> scheduler;
  dialog::Receptionist receptionist;

  World() {
    auto loaded = LoadBusinessFile(VOXDESK_SOURCE_DIR "/examples/business/medical-practice.json");
    config = std::move(*loaded);
    auto r = dialog::Receptionist::Create(config.business);
    receptionist = std::move(*r);
    Reset();
  }
  // Monday 2026-10-05 09:00 New York, and an empty calendar.
  void Reset() {
    scheduler.reset();
    auto opened = OpenSqliteStore(":memory:");
    store = std::move(*opened);
    clock.Set(TimePoint{std::chrono::seconds{1791205200}});
    scheduler = std::make_unique<Scheduler>(config.business, *store, clock, ids);
    (void)scheduler->Open();
  }
};

// A realistic mix: a request with every fact at once, a question, the yes,
// and the goodbye; times vary so the calendar fills as it would.
const char* const kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday"};
const char* const kTimes[] = {"9", "10", "11", "2", "3", "4"};

std::vector<std::string> Script(int i) {
  return {std::string("hi this is ana ruiz born march 3rd 1985 i need a cleaning next ") + kDays[i % 5] + " at " +
              kTimes[(i / 5) % 6],
          "do you take aetna insurance", "yes please", "no that's all thank you bye"};
}

Register turn("dialog.turn", [] {
  World w;
  constexpr int kCalls = 5000;
  std::vector<double> us;
  us.reserve(kCalls * 4);
  for (int c = 0; c < kCalls; ++c) {
    if (c % 200 == 0) w.Reset();
    dialog::Conversation conv(w.receptionist, *w.scheduler, w.clock, "b" + std::to_string(c), "+15550001111");
    conv.Start();
    for (const auto& t : Script(c)) {
      w.clock.Advance(std::chrono::seconds{4});
      const auto t0 = std::chrono::steady_clock::now();
      conv.OnCallerTurn(t);
      const auto t1 = std::chrono::steady_clock::now();
      if (c >= 100) us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());  // after warm-up
    }
  }
  std::sort(us.begin(), us.end());
  const auto pct = [&](double p) { return std::round(us[static_cast<size_t>(p * (us.size() - 1))] * 100) / 100; };
  Emit({{"name", "dialog.turn"},
        {"unit", "us"},
        {"p50", pct(0.50)},
        {"p99", pct(0.99)},
        {"n", us.size()},
        {"params", {{"business", "medical-practice"}, {"turns_per_call", 4}, {"mode", "embedded"}}}});
});

// The NLU alone on the same utterances: what understanding costs within a turn.
Register nlu("dialog.nlu", [] {
  World w;
  std::vector<std::string> utterances;
  for (int c = 0; c < 30; ++c)
    for (auto& t : Script(c)) utterances.push_back(t);
  dialog::NluContext ctx;
  ctx.today = LocalDate{date::year{2026}, date::month{10}, date::day{5}};
  ctx.now_min = 540;
  auto j = MeasureLatency("dialog.nlu", 40000, [&](int i) {
    const auto u = w.receptionist.nlu->Understand(utterances[static_cast<size_t>(i) % utterances.size()], ctx);
    if (u.normalized.empty()) std::abort();
  });
  j["params"] = {{"business", "medical-practice"}};
  Emit(j);
});

Register calls("dialog.calls_per_s", [] {
  World w;
  constexpr int kCalls = 3000;
  int booked = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int c = 0; c < kCalls; ++c) {
    if (c % 200 == 0) w.Reset();
    dialog::ScriptedCall call;
    call.id = "s" + std::to_string(c);
    call.from = "+15550001111";
    call.turns = Script(c);
    const auto record = dialog::SimulateCall(w.receptionist, *w.scheduler, w.clock, call);
    booked += record.outcome == dialog::Outcome::kBooked;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  Emit({{"name", "dialog.calls_per_s"},
        {"unit", "1/s"},
        {"value", std::round(kCalls / s)},
        {"params", {{"calls", kCalls}, {"booked", booked}, {"turns_per_call", 4}, {"threads", 1}}}});
});

}  // namespace
}  // namespace voxdesk::bench
