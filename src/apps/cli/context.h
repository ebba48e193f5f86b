// What every scheduling subcommand needs: the business loaded from
// --business, "now" from --now (or the real clock), the store from --db (or
// memory), and a Scheduler over them. Also the CLI's error reporting, so
// every subcommand maps failures to the same exit codes and JSON shape.
#pragma once

#include <memory>
#include <string>

#include "apps/cli/args.h"
#include "core/clock.h"
#include "core/ids.h"
#include "schedule/config_loader.h"
#include "schedule/scheduler.h"

namespace voxdesk::cli {

enum Exit { kExitOk = 0, kExitFailure = 1, kExitUsage = 2, kExitUnavailable = 3 };

// Prints {"error": {...}} on stdout and the message on stderr; returns the exit code.
int Fail(const Status& st);
// Prefixes the flag to the message of a failed status ("--service: unknown ...").
Status ForFlag(const std::string& flag, const Status& st);

struct Context {
  LoadedConfig config;
  std::unique_ptr<Clock> clock;
  std::unique_ptr<Store> store;
  IdGenerator ids;
  std::unique_ptr<Scheduler> scheduler;

  const Business& business() const { return config.business; }
  VirtualClock* virtual_clock = nullptr;  // set when the run is in virtual time

  // Reads --business, --now and --db from `args`. With `virtual_time` the
  // clock is a VirtualClock (at --now, else the real time) that the command
  // moves itself.
  static Result<std::unique_ptr<Context>> Open(const Args& args, bool virtual_time = false);
  Result<Instant> Time(const Args& args, const std::string& flag) const;
};

// Flags every scheduling subcommand accepts.
FlagSpec ScheduleFlags(std::set<std::string> required, std::set<std::string> optional);

}  // namespace voxdesk::cli
