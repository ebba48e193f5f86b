// A business from examples/, a fresh in-memory store, a scheduler in
// virtual time and the receptionist built from them, for dialog tests.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "dialog/conversation.h"
#include "schedule/config_loader.h"
#include "schedule/scheduler.h"

namespace voxdesk::testing {

struct DialogWorld {
  LoadedConfig config;
  VirtualClock clock;
  std::unique_ptr<Store> store;
  IdGenerator ids{42};
  std::unique_ptr<Scheduler> scheduler;
  dialog::Receptionist receptionist;

  DialogWorld(const std::string& example, const std::string& now,
              const std::string& db = ":memory:") {
    auto cfg = LoadBusinessFile(std::string(VOXDESK_SOURCE_DIR) + "/examples/business/" + example);
    REQUIRE_MESSAGE(cfg.ok(), cfg.status().message());
    config = std::move(*cfg);
    SetNow(now);
    auto st = OpenSqliteStore(db);
    REQUIRE(st.ok());
    store = std::move(*st);
    scheduler = std::make_unique<Scheduler>(config.business, *store, clock, ids);
    REQUIRE(scheduler->Open().ok());
    auto r = dialog::Receptionist::Create(config.business);
    REQUIRE_MESSAGE(r.ok(), r.status().message());
    receptionist = std::move(*r);
  }
  void SetNow(const std::string& now) {
    auto t = ParseRfc3339(now);
    REQUIRE(t.ok());
    clock.Set(
        TimePoint{std::chrono::duration_cast<std::chrono::microseconds>(t->time_since_epoch())});
  }
  std::unique_ptr<dialog::Conversation> Call(const std::string& id, const std::string& from) {
    return std::make_unique<dialog::Conversation>(receptionist, *scheduler, clock, id, from);
  }
  Instant At(const std::string& t) const {
    auto i = ParseRfc3339(t);
    REQUIRE(i.ok());
    return *i;
  }
};

}  // namespace voxdesk::testing
