// voxdesk simulate (CONTRACTS.md section 3): scripted calls through the real
// conversation engine in virtual time, one after another, sharing the store.
#include <fstream>
#include <iostream>

#include "apps/cli/commands.h"
#include "apps/cli/context.h"
#include "dialog/simulate.h"

namespace voxdesk::cli {

int CmdSimulate(const std::vector<std::string>& argv) {
  auto args = Args::Parse(argv, ScheduleFlags({"--script"}, {}));
  if (!args) return Fail(args.status());
  // Read and check the whole script before running anything, so a bad line
  // does not leave half the calls made.
  const std::string path = args->Get("--script");
  std::ifstream in(path);
  if (!in) return Fail(Status(Code::kInvalidArgument, "--script: cannot open \"" + path + "\""));
  std::vector<dialog::ScriptedCall> calls;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto call = dialog::ParseScriptedCall(line);
    if (!call) return Fail(Status(Code::kInvalidArgument, "--script: line " + std::to_string(n) + ": " +
                                                              call.status().message()));
    calls.push_back(std::move(*call));
  }
  auto ctx = Context::Open(*args, /*virtual_time=*/true);
  if (!ctx) return Fail(ctx.status());
  Context& c = **ctx;
  auto receptionist = dialog::Receptionist::Create(c.business());
  if (!receptionist) return Fail(ForFlag("--business", receptionist.status()));
  const TimePoint start = c.virtual_clock->Now();
  for (const auto& call : calls) {
    dialog::ScriptedCall run = call;
    // Without a "now" of its own, every call starts at --now (or the start).
    if (!run.now) run.now = std::chrono::time_point_cast<std::chrono::seconds>(start);
    const dialog::CallRecord record = dialog::SimulateCall(*receptionist, *c.scheduler, *c.virtual_clock, run);
    std::cout << dialog::CallRecordJson(c.business(), call.id, record) << "\n" << std::flush;
  }
  return kExitOk;
}

}  // namespace voxdesk::cli
