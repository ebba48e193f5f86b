#include "apps/cli/context.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace voxdesk::cli {

int Fail(const Status& st) {
  nlohmann::json j = {{"error", {{"code", CodeName(st.code())}, {"message", st.message()}}}};
  std::cout << j.dump() << "\n";
  std::cerr << "voxdesk: " << st.message() << "\n";
  switch (st.code()) {
    case Code::kInvalidArgument:
    case Code::kConfig:
    case Code::kNotFound:
    case Code::kConflict:
      return kExitUsage;
    case Code::kSlotUnavailable:
      return kExitUnavailable;
    default:
      return kExitFailure;
  }
}

Status ForFlag(const std::string& flag, const Status& st) {
  if (st.ok() || st.message().rfind(flag, 0) == 0) return st;
  return Status(st.code(), flag + ": " + st.message());
}

FlagSpec ScheduleFlags(std::set<std::string> required, std::set<std::string> optional) {
  required.insert("--business");
  optional.insert({"--now", "--db"});
  return FlagSpec{std::move(required), std::move(optional), {}};
}

Result<std::unique_ptr<Context>> Context::Open(const Args& args, bool virtual_time) {
  auto ctx = std::make_unique<Context>();
  auto cfg = LoadBusinessFile(args.Get("--business"));
  if (!cfg) return ForFlag("--business", cfg.status());
  ctx->config = std::move(*cfg);
  for (const auto& w : ctx->config.warnings) std::cerr << "voxdesk: warning: " << w << "\n";

  if (auto now = args.Find("--now")) {
    auto t = ParseRfc3339(*now, "--now");
    if (!t) return t.status();
    auto clock = std::make_unique<VirtualClock>(TimePoint{*t});
    ctx->virtual_clock = clock.get();
    ctx->clock = std::move(clock);
  } else if (virtual_time) {
    auto clock = std::make_unique<VirtualClock>(RealClock().Now());
    ctx->virtual_clock = clock.get();
    ctx->clock = std::move(clock);
  } else {
    ctx->clock = std::make_unique<RealClock>();
  }

  const std::string db = args.Find("--db").value_or(":memory:");
  auto store = OpenSqliteStore(db);
  if (!store) return ForFlag("--db", store.status());
  ctx->store = std::move(*store);
  ctx->scheduler = std::make_unique<Scheduler>(ctx->business(), *ctx->store, *ctx->clock, ctx->ids);
  VOXDESK_RETURN_IF_ERROR(ctx->scheduler->Open());
  return ctx;
}

Result<Instant> Context::Time(const Args& args, const std::string& flag) const {
  return ParseRfc3339(args.Get(flag), flag);
}

}  // namespace voxdesk::cli
