// voxdesk slots | next | book | cancel | reschedule | ics (CONTRACTS.md section 3).
#include <charconv>
#include <iostream>
#include <nlohmann/json.hpp>

#include "apps/cli/commands.h"
#include "apps/cli/context.h"
#include "schedule/ical.h"

namespace voxdesk::cli {
namespace {

Result<size_t> ParseLimit(const std::string& text) {
  size_t n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p != text.data() + text.size() || n == 0 || n > 100000)
    return InvalidArgument("--limit: \"" + text + "\" is not a whole number from 1 to 100000");
  return n;
}

nlohmann::json SlotJson(const Business& b, const Slot& s) {
  return {{"start", FormatRfc3339(s.start, *b.zone)},
          {"end", FormatRfc3339(s.end, *b.zone)},
          {"staff", b.staff[s.staff_index].id}};
}

// Engine errors about the service or staff become errors about their flags.
Status NameFlag(const Status& st) {
  const std::string& m = st.message();
  if (m.find("service") != std::string::npos && m.rfind("unknown service", 0) == 0)
    return ForFlag("--service", st);
  if (m.rfind("unknown staff", 0) == 0 || m.rfind("staff \"", 0) == 0)
    return ForFlag("--staff", st);
  return st;
}

// Parses the flags and opens the business, clock and store they name.
struct Invocation {
  Args args;
  std::unique_ptr<Context> ctx;
};
Result<Invocation> Setup(const std::vector<std::string>& argv, const FlagSpec& spec) {
  auto args = Args::Parse(argv, spec);
  if (!args) return args.status();
  auto ctx = Context::Open(*args);
  if (!ctx) return ctx.status();
  return Invocation{std::move(*args), std::move(*ctx)};
}

void PrintBooking(const Business& b, const BookingRecord& r) {
  std::cout << "{\"booking\": " << BookingJson(b, r) << "}\n";
}

}  // namespace

int CmdSlots(const std::vector<std::string>& argv) {
  auto inv = Setup(argv, ScheduleFlags({"--service", "--from", "--to"}, {"--staff", "--limit"}));
  if (!inv) return Fail(inv.status());
  const Args& args = inv->args;
  Context& c = *inv->ctx;
  auto from = c.Time(args, "--from");
  if (!from) return Fail(from.status());
  auto to = c.Time(args, "--to");
  if (!to) return Fail(to.status());
  if (*from > *to)
    return Fail(
        InvalidArgument("--from: " + args.Get("--from") + " is after --to " + args.Get("--to")));
  SlotQuery q{args.Get("--service"), args.Find("--staff").value_or(""), *from, *to, 0};
  if (auto lim = args.Find("--limit")) {
    auto n = ParseLimit(*lim);
    if (!n) return Fail(n.status());
    q.limit = *n;
  }
  auto slots = c.scheduler->Slots(q);
  if (!slots) return Fail(NameFlag(slots.status()));
  nlohmann::json out = {{"slots", nlohmann::json::array()}};
  for (const auto& s : *slots) out["slots"].push_back(SlotJson(c.business(), s));
  std::cout << out.dump() << "\n";
  return kExitOk;
}

int CmdNext(const std::vector<std::string>& argv) {
  auto inv = Setup(argv, ScheduleFlags({"--service"}, {"--staff", "--after"}));
  if (!inv) return Fail(inv.status());
  const Args& args = inv->args;
  Context& c = *inv->ctx;
  Instant after = c.scheduler->Now();
  if (args.Has("--after")) {
    auto t = c.Time(args, "--after");
    if (!t) return Fail(t.status());
    after = *t;
  }
  auto next =
      c.scheduler->NextAvailable(args.Get("--service"), args.Find("--staff").value_or(""), after);
  if (!next) return Fail(NameFlag(next.status()));
  nlohmann::json out = {{"slot", nullptr}};
  if (*next) out["slot"] = SlotJson(c.business(), **next);
  std::cout << out.dump() << "\n";
  return kExitOk;
}

int CmdBook(const std::vector<std::string>& argv) {
  auto inv = Setup(argv, ScheduleFlags({"--service", "--start", "--name", "--phone"},
                                       {"--staff", "--idempotency-key", "--email", "--hold"}));
  if (!inv) return Fail(inv.status());
  const Args& args = inv->args;
  Context& c = *inv->ctx;
  auto start = c.Time(args, "--start");
  if (!start) return Fail(start.status());
  BookingInput in;
  in.service = args.Get("--service");
  in.staff = args.Find("--staff").value_or("");
  in.start = *start;
  in.customer.name = args.Get("--name");
  in.customer.phone = args.Get("--phone");
  in.customer.email = args.Find("--email").value_or("");
  in.idempotency_key = args.Find("--idempotency-key").value_or("");
  in.hold_id = args.Find("--hold").value_or("");
  if (Status st = ValidateCustomer(in.customer); !st.ok())
    return Fail(Status(st.code(), "--" + st.message()));
  auto out = c.scheduler->Book(in);
  if (!out) {
    if (out.status().code() == Code::kConflict)
      return Fail(ForFlag("--idempotency-key", out.status()));
    if (out.status().code() == Code::kSlotUnavailable) return Fail(out.status());
    return Fail(NameFlag(out.status()));
  }
  PrintBooking(c.business(), out->booking);
  return kExitOk;
}

int CmdCancel(const std::vector<std::string>& argv) {
  auto inv = Setup(argv, ScheduleFlags({"--booking"}, {}));
  if (!inv) return Fail(inv.status());
  const Args& args = inv->args;
  Context& c = *inv->ctx;
  auto r = c.scheduler->Cancel(args.Get("--booking"));
  if (!r) return Fail(ForFlag("--booking", r.status()));
  PrintBooking(c.business(), *r);
  return kExitOk;
}

int CmdReschedule(const std::vector<std::string>& argv) {
  auto inv = Setup(argv, ScheduleFlags({"--booking", "--start"}, {"--staff", "--idempotency-key"}));
  if (!inv) return Fail(inv.status());
  const Args& args = inv->args;
  Context& c = *inv->ctx;
  auto start = c.Time(args, "--start");
  if (!start) return Fail(start.status());
  RescheduleInput in{args.Get("--booking"), *start, args.Find("--staff").value_or(""),
                     args.Find("--idempotency-key").value_or("")};
  auto r = c.scheduler->Reschedule(in);
  if (!r) {
    const Status& st = r.status();
    if (st.code() == Code::kSlotUnavailable) return Fail(st);
    if (st.message().rfind("unknown staff", 0) == 0 || st.message().rfind("staff \"", 0) == 0)
      return Fail(ForFlag("--staff", st));
    return Fail(ForFlag("--booking", st));
  }
  PrintBooking(c.business(), *r);
  return kExitOk;
}

int CmdIcs(const std::vector<std::string>& argv) {
  auto inv = Setup(argv, ScheduleFlags({"--booking"}, {}));
  if (!inv) return Fail(inv.status());
  const Args& args = inv->args;
  Context& c = *inv->ctx;
  auto r = c.scheduler->Get(args.Get("--booking"));
  if (!r) return Fail(ForFlag("--booking", r.status()));
  const IcsMethod method =
      r->status == BookingStatus::kCancelled ? IcsMethod::kCancel : IcsMethod::kRequest;
  std::cout << BookingToIcs(c.business(), *r, c.scheduler->Now(), method);
  return kExitOk;
}

}  // namespace voxdesk::cli
