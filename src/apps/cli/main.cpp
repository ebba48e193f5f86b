// voxdesk: the command-line face of the SDK (CONTRACTS.md section 3).
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "apps/cli/commands.h"
#include "apps/cli/context.h"

namespace {

constexpr const char* kUsage = R"(usage: voxdesk <command> [flags]

commands:
  slots       --business FILE --service ID --from ISO --to ISO
              [--staff ID] [--limit N] [--now ISO] [--db PATH]
  next        --business FILE --service ID [--staff ID] [--after ISO] [--now ISO] [--db PATH]
  book        --business FILE --service ID --start ISO --name NAME --phone E164
              [--email ADDR] [--staff ID] [--idempotency-key KEY] [--hold ID] [--now ISO] [--db PATH]
  cancel      --business FILE --booking ID [--now ISO] [--db PATH]
  reschedule  --business FILE --booking ID --start ISO [--staff ID]
              [--idempotency-key KEY] [--now ISO] [--db PATH]
  ics         --business FILE --booking ID [--now ISO] [--db PATH]
  simulate    --business FILE --script CALLS.jsonl [--now ISO] [--db PATH]
              (scripted calls through the conversation engine; JSONL out)
  demo        [--business FILE] [--now ISO] [--out DIR] [--noise-db DB]
              [--caller flite|espeak] [--caller-voice VOICE] [--seed N] [--realtime]
              [--providers FILE]
              (a whole phone call in audio on the embedded engines, or on
              the cloud engines FILE names with embedded fallbacks)
  version

Output is JSON on stdout, diagnostics on stderr. Exit codes: 0 success,
2 usage or configuration error, 3 slot not available, 1 other failure.
)";

}  // namespace

int main(int argc, char** argv) {
  using namespace voxdesk::cli;
  if (argc < 2 || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "--help") ||
      !std::strcmp(argv[1], "-h")) {
    (argc < 2 ? std::cerr : std::cout) << kUsage;
    return argc < 2 ? kExitUsage : kExitOk;
  }
  const std::string cmd = argv[1];
  const std::vector<std::string> rest(argv + 2, argv + argc);
  try {
    if (cmd == "slots") return CmdSlots(rest);
    if (cmd == "next") return CmdNext(rest);
    if (cmd == "book") return CmdBook(rest);
    if (cmd == "cancel") return CmdCancel(rest);
    if (cmd == "reschedule") return CmdReschedule(rest);
    if (cmd == "ics") return CmdIcs(rest);
    if (cmd == "simulate") return CmdSimulate(rest);
    if (cmd == "demo") return CmdDemo(rest);
    if (cmd == "version" || cmd == "--version") {
      std::cout << "{\"version\": \"" << VOXDESK_VERSION_STRING << "\"}\n";
      return kExitOk;
    }
  } catch (const std::exception& e) {
    return Fail(
        voxdesk::Status(voxdesk::Code::kInternal, std::string("internal error: ") + e.what()));
  }
  std::cerr << "voxdesk: unknown command \"" << cmd << "\"\n\n" << kUsage;
  return kExitUsage;
}
