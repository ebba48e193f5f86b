// Whole conversations from arbitrary caller turns (one per line) against a
// small dental practice: the engine must never crash, must release every
// hold when the call ends, and must never book unless the agent's previous
// line was the read-back and the caller's answer came right after it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "dialog/conversation.h"
#include "schedule/config_loader.h"

namespace {

constexpr const char* kBusiness = R"({
  "id": "fuzz-dental", "name": "Fuzz Dental", "timezone": "America/New_York", "industry": "medical",
  "transfer_number": "+15550100199", "on_call_number": "+15550100911",
  "hours": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]], "wed": [["09:00","17:00"]],
            "thu": [["09:00","17:00"]], "fri": [["09:00","13:00"]]},
  "booking": {"min_notice_min": 60, "horizon_days": 30, "slot_step_min": 30},
  "services": [{"id": "cleaning", "name": "Teeth cleaning", "duration_min": 60, "buffer_after_min": 15,
                "synonyms": ["cleaning"]},
               {"id": "exam", "name": "Check-up exam", "duration_min": 30, "synonyms": ["checkup", "exam"]}],
  "staff": [{"id": "lee", "name": "Dr. Lee"}, {"id": "kim", "name": "Dr. Kim"}],
  "faq": [{"q": "Which insurance do you accept?", "a": "Aetna and Cigna."}]
})";

struct World {
  voxdesk::LoadedConfig config;
  voxdesk::VirtualClock clock;
  std::unique_ptr<voxdesk::Store> store;
  voxdesk::IdGenerator ids{1};
  std::unique_ptr<voxdesk::Scheduler> scheduler;
  voxdesk::dialog::Receptionist receptionist;
  int runs = 0;

  World() {
    auto cfg = voxdesk::LoadBusinessJson(kBusiness);
    if (!cfg.ok()) std::abort();
    config = std::move(*cfg);
    Reset();
    auto r = voxdesk::dialog::Receptionist::Create(config.business);
    if (!r.ok()) std::abort();
    receptionist = std::move(*r);
  }
  // A fresh store now and then, so bookings from earlier inputs do not pile up.
  void Reset() {
    scheduler.reset();
    auto opened = voxdesk::OpenSqliteStore(":memory:");
    if (!opened.ok()) std::abort();
    store = std::move(*opened);
    clock.Set(voxdesk::TimePoint{std::chrono::seconds{1791205200}});  // Monday 2026-10-05 09:00 -04:00
    scheduler = std::make_unique<voxdesk::Scheduler>(config.business, *store, clock, ids);
    if (!scheduler->Open().ok()) std::abort();
  }
};

bool IsReadBack(const std::string& s) {
  return s.find("Shall I book it?") != std::string::npos || s.find("Lo reservo?") != std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World w;
  if (++w.runs % 500 == 0) w.Reset();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  {
    voxdesk::dialog::Conversation c(w.receptionist, *w.scheduler, w.clock, "f" + std::to_string(w.runs), "+15550001234");
    c.Start();
    std::size_t start = 0;
    for (int turn = 0; turn < 30 && start <= text.size(); ++turn) {
      const std::size_t nl = text.find('\n', start);
      const std::string_view line = text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
      w.clock.Advance(std::chrono::seconds{5});
      if (c.OnCallerTurn(line).end_call) break;
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
    c.Finish();
    const auto& t = c.record().transcript;
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (t[i].speaker != "agent" || t[i].text.find("confirmation code") == std::string::npos) continue;
      if (t[i].text.find("stays") != std::string::npos) continue;  // the reschedule message
      if (i < 2 || t[i - 1].speaker != "caller" || !IsReadBack(t[i - 2].text)) {
        std::fprintf(stderr, "fuzz_conversation: booked without a read-back right before the yes\n");
        std::abort();
      }
    }
  }
  auto holds = w.store->LiveHolds(w.config.business.id, w.clock.NowSeconds());
  if (!holds.ok() || !holds->empty()) {
    std::fprintf(stderr, "fuzz_conversation: holds left after the call ended\n");
    std::abort();
  }
  return 0;
}
