// voxdesk_business_*: loading a business and its store behind one handle.
#include <nlohmann/json.hpp>

#include "capi/capi_internal.h"

using namespace voxdesk;
using namespace voxdesk::capi;

extern "C" {

VOXDESK_API void voxdesk_business_params_init(voxdesk_business_params* p, size_t struct_size) {
  InitParams(p, struct_size);
}

VOXDESK_API voxdesk_status voxdesk_business_open(const voxdesk_business_params* params,
                                                 voxdesk_business** out){VOXDESK_CAPI_GUARD({
  if (!out) return Report(InvalidArgument("out: must not be NULL"));
  *out = nullptr;
  voxdesk_business_params p;
  if (!ReadParams(params, &p))
    return Report(InvalidArgument(
        "params: NULL or struct_size not set (use voxdesk_business_default_params())"));
  if (!p.config_json == !p.config_path)
    return Report(InvalidArgument("params: set exactly one of config_json and config_path"));
  auto b = std::make_unique<voxdesk_business>();
  auto cfg = p.config_json ? LoadBusinessJson(p.config_json) : LoadBusinessFile(p.config_path);
  if (!cfg) return Report(cfg.status());
  b->config = std::move(*cfg);
  if (p.now) {
    auto t = ParseRfc3339(p.now, "params.now");
    if (!t) return Report(t.status());
    b->clock = std::make_unique<VirtualClock>(TimePoint{*t});
  } else {
    b->clock = std::make_unique<RealClock>();
  }
  auto store = OpenSqliteStore(p.db_path ? p.db_path : ":memory:");
  if (!store) return Report(store.status());
  b->store = std::move(*store);
  b->ids = std::make_unique<IdGenerator>(p.seed);
  b->log = std::make_unique<Logger>(*b->clock, ForwardLog, LogLevel::kTrace);
  b->scheduler = std::make_unique<Scheduler>(b->config.business, *b->store, *b->clock, *b->ids);
  b->scheduler->SetLogger(b->log.get());
  if (Status st = b->scheduler->Open(); !st.ok()) return Report(st);
  *out = b.release();
  return VOXDESK_OK;
})}

VOXDESK_API void voxdesk_business_close(voxdesk_business* b) {
  delete b;
}

VOXDESK_API voxdesk_status voxdesk_business_set_now(voxdesk_business* b,
                                                    const char* now){VOXDESK_CAPI_GUARD({
  if (!b || !now) return Report(InvalidArgument("business and now must not be NULL"));
  std::lock_guard lock(b->mu);
  auto t = ParseRfc3339(now, "now");
  if (!t) return Report(t.status());
  if (auto* vc = dynamic_cast<VirtualClock*>(b->clock.get())) {
    vc->Set(TimePoint{*t});
  } else if (b->open_conversations > 0) {
    // Open conversations hold the scheduler and clock that a rebuild would free.
    return Report(InvalidArgument("set_now: close the business's conversations first (it is on the real clock)"));
  } else {
    // The scheduler and logger keep a reference to the clock: rebuild them
    // on the new one.
    b->scheduler.reset();
    b->log.reset();
    b->clock = std::make_unique<VirtualClock>(TimePoint{*t});
    b->log = std::make_unique<Logger>(*b->clock, ForwardLog, LogLevel::kTrace);
    b->scheduler = std::make_unique<Scheduler>(b->config.business, *b->store, *b->clock, *b->ids);
    b->scheduler->SetLogger(b->log.get());
    if (Status st = b->scheduler->Open(); !st.ok()) return Report(st);
  }
  return Report(b->scheduler->Refresh());
})}

VOXDESK_API const char* voxdesk_business_id(const voxdesk_business* b) {
  return b ? b->config.business.id.c_str() : nullptr;
}

VOXDESK_API const char* voxdesk_business_timezone(const voxdesk_business* b) {
  return b ? b->config.business.timezone.c_str() : nullptr;
}

VOXDESK_API size_t voxdesk_business_warning_count(const voxdesk_business* b) {
  return b ? b->config.warnings.size() : 0;
}

VOXDESK_API const char* voxdesk_business_warning(const voxdesk_business* b, size_t index) {
  if (!b || index >= b->config.warnings.size()) return nullptr;
  return b->config.warnings[index].c_str();
}

VOXDESK_API char* voxdesk_business_describe_json(voxdesk_business* b) {
  try {
    if (!b) return nullptr;
    const Business& biz = b->config.business;
    nlohmann::json j = {{"id", biz.id},
                        {"name", biz.name},
                        {"timezone", biz.timezone},
                        {"industry", biz.industry},
                        {"locale", biz.locale}};
    j["services"] = nlohmann::json::array();
    for (const auto& s : biz.services)
      j["services"].push_back({{"id", s.id},
                               {"name", s.name},
                               {"duration_min", s.duration_min},
                               {"staff", s.staff},
                               {"synonyms", s.synonyms}});
    j["staff"] = nlohmann::json::array();
    for (const auto& p : biz.staff)
      j["staff"].push_back({{"id", p.id}, {"name", p.name}, {"timezone", p.timezone}});
    return DupString(j.dump());
  } catch (...) {
    SetLastError("out of memory");
    return nullptr;
  }
}

}  // extern "C"
