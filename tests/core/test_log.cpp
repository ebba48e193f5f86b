#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/log.h"

using namespace voxdesk;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

TimePoint March5() {
  return TimePoint{date::sys_days{date::year{2026} / 3 / 5}} + 14h + 123456us;
}

struct Captured {
  std::vector<std::pair<LogLevel, std::string>> lines;
  LogSink Sink() {
    return [this](LogLevel l, std::string_view line) { lines.emplace_back(l, std::string(line)); };
  }
  json Json(size_t i) const { return json::parse(lines.at(i).second); }
};

}  // namespace

TEST_CASE("An info event renders as one JSON line with ts, level, event, fields") {
  VirtualClock clock(March5());
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kInfo);
  log.Info("booking.created",
           {{"booking_id", "bk_0123456789abcdef"}, {"phone", "+15550100199"}, {"staff", "lee"}});
  REQUIRE(cap.lines.size() == 1);
  CHECK(cap.lines[0].first == LogLevel::kInfo);
  CHECK(cap.lines[0].second ==
        R"({"ts":"2026-03-05T14:00:00.123Z","level":"info","event":"booking.created",)"
        R"("booking_id":"bk_0123456789abcdef","phone":"[redacted:phone]","staff":"lee"})");
}

TEST_CASE("Timestamps come from the injected clock with millisecond precision") {
  VirtualClock clock(March5());
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kTrace);
  log.Info("a");
  clock.Advance(877ms);
  log.Info("b");
  clock.Set(TimePoint{date::sys_days{date::year{1999} / 12 / 31}} + 23h + 59min + 59s + 999999us);
  log.Info("c");
  clock.Set(TimePoint{});
  log.Info("d");
  REQUIRE(cap.lines.size() == 4);
  CHECK(cap.Json(0)["ts"] == "2026-03-05T14:00:00.123Z");
  CHECK(cap.Json(1)["ts"] == "2026-03-05T14:00:01.000Z");
  CHECK(cap.Json(2)["ts"] == "1999-12-31T23:59:59.999Z");
  CHECK(cap.Json(3)["ts"] == "1970-01-01T00:00:00.000Z");
}

TEST_CASE("Levels below the minimum are dropped and the default minimum is warn") {
  VirtualClock clock;
  Captured cap;
  Logger log(clock, cap.Sink());
  CHECK(log.min_level() == LogLevel::kWarn);
  CHECK_FALSE(log.Enabled(LogLevel::kTrace));
  CHECK_FALSE(log.Enabled(LogLevel::kDebug));
  CHECK_FALSE(log.Enabled(LogLevel::kInfo));
  CHECK(log.Enabled(LogLevel::kWarn));
  CHECK(log.Enabled(LogLevel::kError));
  log.Trace("t");
  log.Debug("d");
  log.Info("i");
  log.Warn("w");
  log.Error("e");
  REQUIRE(cap.lines.size() == 2);
  CHECK(cap.Json(0)["level"] == "warn");
  CHECK(cap.Json(0)["event"] == "w");
  CHECK(cap.lines[1].first == LogLevel::kError);
  CHECK(cap.Json(1)["level"] == "error");
}

TEST_CASE("SetMinLevel changes filtering at run time and off silences everything") {
  VirtualClock clock;
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kError);
  log.Warn("dropped");
  log.SetMinLevel(LogLevel::kTrace);
  CHECK(log.Enabled(LogLevel::kTrace));
  log.Trace("kept");
  log.Log(LogLevel::kDebug, "kept too", {{"n", 1}});
  log.SetMinLevel(LogLevel::kOff);
  CHECK_FALSE(log.Enabled(LogLevel::kError));
  CHECK_FALSE(log.Enabled(LogLevel::kOff));
  log.Error("dropped");
  log.Log(LogLevel::kOff, "never");
  REQUIRE(cap.lines.size() == 2);
  CHECK(cap.Json(0)["level"] == "trace");
  CHECK(cap.Json(1)["level"] == "debug");
  CHECK(cap.Json(1)["n"] == 1);
}

TEST_CASE("Level names parse and print") {
  for (LogLevel l : {LogLevel::kTrace, LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn,
                     LogLevel::kError, LogLevel::kOff}) {
    auto back = ParseLogLevel(LogLevelName(l));
    REQUIRE(back.has_value());
    CHECK(*back == l);
  }
  CHECK(LogLevelName(LogLevel::kWarn) == "warn");
  CHECK(ParseLogLevel("WARNING") == LogLevel::kWarn);
  CHECK(ParseLogLevel("Debug") == LogLevel::kDebug);
  CHECK_FALSE(ParseLogLevel("verbose").has_value());
  CHECK_FALSE(ParseLogLevel("").has_value());
}

TEST_CASE("Every value type renders as valid JSON with its type") {
  VirtualClock clock(March5());
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kInfo);
  const std::string owned = "owned string";
  const std::string_view view = "a view";
  const char* null_str = nullptr;
  log.Info("types", {{"int", -42},
                     {"i64min", std::numeric_limits<int64_t>::min()},
                     {"u64max", std::numeric_limits<uint64_t>::max()},
                     {"size", size_t{3}},
                     {"dbl", 0.1},
                     {"nan", std::numeric_limits<double>::quiet_NaN()},
                     {"inf", std::numeric_limits<double>::infinity()},
                     {"yes", true},
                     {"no", false},
                     {"nothing", nullptr},
                     {"null_cstr", null_str},
                     {"owned", owned},
                     {"view", view},
                     {"temp", std::string("temporary")}});
  REQUIRE(cap.lines.size() == 1);
  const json j = cap.Json(0);
  CHECK(j["int"] == -42);
  CHECK(j["i64min"] == std::numeric_limits<int64_t>::min());
  CHECK(j["u64max"] == std::numeric_limits<uint64_t>::max());
  CHECK(j["size"] == 3);
  CHECK(j["dbl"].get<double>() == 0.1);
  CHECK(j["nan"].is_null());
  CHECK(j["inf"].is_null());
  CHECK(j["yes"] == true);
  CHECK(j["no"] == false);
  CHECK(j["nothing"].is_null());
  CHECK(j["null_cstr"].is_null());
  CHECK(j["owned"] == "owned string");
  CHECK(j["view"] == "a view");
  CHECK(j["temp"] == "temporary");
}

TEST_CASE("Strings with quotes, control characters and bad UTF-8 stay valid JSON") {
  VirtualClock clock;
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kInfo);
  const std::string tricky = std::string("say \"hi\"\\ \n\r\t\b\f") + '\x01' + '\x7f' + "\0end";
  const std::string nul_inside("a\0b", 3);
  log.Info("escape", {{"tricky", tricky},
                      {"nul", nul_inside},
                      {"utf8", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e"},
                      {"bad_utf8", "x\xff\xfe y \xc3 \xe0\x80\x80 \xed\xa0\x80 \xf4\x90\x80\x80"},
                      {"quote\"key", 1}});
  REQUIRE(cap.lines.size() == 1);
  const std::string& line = cap.lines[0].second;
  CHECK(line.find('\n') == std::string::npos);
  const json j = json::parse(line);
  CHECK(j["tricky"] == tricky);
  CHECK(j["nul"] == nul_inside);
  CHECK(j["utf8"] == "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x9e");
  const std::string fixed = j["bad_utf8"];
  CHECK(fixed.rfind("x\xef\xbf\xbd\xef\xbf\xbd y ", 0) == 0);
  CHECK(j["quote\"key"] == 1);
}

TEST_CASE("Field names that clash with ts, level or event are prefixed") {
  VirtualClock clock(March5());
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kInfo);
  log.Info("real.event", {{"event", "fake"}, {"level", "error"}, {"ts", "then"}});
  REQUIRE(cap.lines.size() == 1);
  const json j = cap.Json(0);
  CHECK(j["event"] == "real.event");
  CHECK(j["level"] == "info");
  CHECK(j["ts"] == "2026-03-05T14:00:00.123Z");
  CHECK(j["field_event"] == "fake");
  CHECK(j["field_level"] == "error");
  CHECK(j["field_ts"] == "then");
}

TEST_CASE("PII is redacted by default: by field name and inside free text") {
  VirtualClock clock;
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kInfo);
  log.Info("call.started", {{"from", "+15550100199"},
                            {"customer.name", "Ana Ruiz"},
                            {"email", "ana@example.com"},
                            {"dob", "1990-04-12"},
                            {"caller_phone", 15550100199LL},
                            {"api_key", "sk_live_abcdefghijklmnopqrstuv"},
                            {"note_count", 2},
                            {"message", "call me back at 555-010-0199 or ana@example.com"},
                            {"start", "2026-03-09T10:00:00-04:00"},
                            {"code", "AC3DE7"},
                            {"phone", nullptr}});
  REQUIRE(cap.lines.size() == 1);
  const std::string& line = cap.lines[0].second;
  for (const char* secret : {"5550100199", "Ana", "Ruiz", "ana@", "1990", "sk_live", "010-0199"}) {
    CAPTURE(secret);
    CHECK(line.find(secret) == std::string::npos);
  }
  const json j = json::parse(line);
  CHECK(j["from"] == "[redacted:phone]");
  CHECK(j["customer.name"] == "[redacted:name]");
  CHECK(j["email"] == "[redacted:email]");
  CHECK(j["dob"] == "[redacted:dob]");
  CHECK(j["caller_phone"] == "[redacted:phone]");
  CHECK(j["api_key"] == "[redacted:secret]");
  CHECK(j["note_count"] == 2);
  CHECK(j["message"] == "call me back at [redacted:phone] or [redacted:email]");
  CHECK(j["start"] == "2026-03-09T10:00:00-04:00");
  CHECK(j["code"] == "AC3DE7");
  CHECK(j["phone"].is_null());
}

TEST_CASE("reveal_pii shows the raw values") {
  VirtualClock clock;
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kInfo, /*reveal_pii=*/true);
  CHECK(log.reveal_pii());
  log.Info("call.started", {{"from", "+15550100199"},
                            {"customer_name", "Ana Ruiz"},
                            {"caller_phone", 15550100199LL},
                            {"message", "call me back at 555-010-0199"}});
  REQUIRE(cap.lines.size() == 1);
  const json j = cap.Json(0);
  CHECK(j["from"] == "+15550100199");
  CHECK(j["customer_name"] == "Ana Ruiz");
  CHECK(j["caller_phone"] == 15550100199LL);
  CHECK(j["message"] == "call me back at 555-010-0199");
}

TEST_CASE("An event name built from caller data is scrubbed too") {
  VirtualClock clock;
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kInfo);
  log.Info("call from +15550100199");
  REQUIRE(cap.lines.size() == 1);
  CHECK(cap.Json(0)["event"] == "call from [redacted:phone]");
}

TEST_CASE("Log accepts a span of fields built at run time") {
  VirtualClock clock;
  Captured cap;
  Logger log(clock, cap.Sink(), LogLevel::kInfo);
  std::vector<std::string> values = {"lee", "kim"};
  std::vector<LogField> fields;
  fields.push_back({"staff_a", values[0]});
  fields.push_back({"staff_b", values[1]});
  log.Log(LogLevel::kInfo, "staff.loaded", fields);
  REQUIRE(cap.lines.size() == 1);
  CHECK(cap.Json(0)["staff_a"] == "lee");
  CHECK(cap.Json(0)["staff_b"] == "kim");
  CHECK(
      log.Render(LogLevel::kDebug, "x", fields) ==
      R"({"ts":"1970-01-01T00:00:00.000Z","level":"debug","event":"x","staff_a":"lee","staff_b":"kim"})");
}

TEST_CASE("The default sink writes each line plus a newline to stderr") {
  char path[] = "/tmp/voxdesk_log_stderr_XXXXXX";
  const int fd = mkstemp(path);
  REQUIRE(fd >= 0);
  std::fflush(stderr);
  const int saved = dup(2);
  REQUIRE(saved >= 0);
  REQUIRE(dup2(fd, 2) == 2);
  {
    VirtualClock clock(March5());
    Logger log(clock);
    log.Info("hidden");
    log.Error("shown", {{"n", 1}});
    Logger null_sink(clock, nullptr);
    null_sink.Warn("also.shown");
  }
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::string content;
  if (FILE* f = std::fopen(path, "rb")) {
    char buf[512];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) content.append(buf, n);
    std::fclose(f);
  }
  close(fd);
  std::remove(path);
  CHECK(content ==
        "{\"ts\":\"2026-03-05T14:00:00.123Z\",\"level\":\"error\",\"event\":\"shown\",\"n\":1}\n"
        "{\"ts\":\"2026-03-05T14:00:00.123Z\",\"level\":\"warn\",\"event\":\"also.shown\"}\n");
}
