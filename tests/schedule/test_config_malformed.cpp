// Hostile and broken documents: every one is a ConfigError with a printable
// one-line message, never a crash, a hang or an exception.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "schedule/config_loader.h"

using namespace voxdesk;

namespace {

// Fields that make an otherwise valid document, to wrap single bad values in.
const std::string kHead = R"({"id": "s", "name": "S", "timezone": "UTC", "hours": {},)";
const std::string kTail = R"("staff": [{"id": "a", "name": "A"}]})";
const std::string kServices = R"("services": [{"id": "x", "name": "X", "duration_min": 30}],)";

bool ValidUtf8OneLine(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7F) return false;
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    i += n;
  }
  return true;
}

std::vector<std::string> Inputs() {
  std::vector<std::string> v = {
      "",
      "   \n\t ",
      "null",
      "true",
      "42",
      "\"just a string\"",
      "[]",
      "{",
      "}",
      "{\"id\":}",
      "{\"id\" \"x\"}",
      "{'id': 'x'}",
      "{\"id\": \"x\",}",
      "[1, 2",
      "{} {}",
      "{\"id\": \"x\" /* comment */}",
      "\xFF\xFE{\x00}",
      std::string("{\"id\": \"a\0b\"}", 13),
      "{\"id\": \"\xC3\x28\"}",
      "{\"id\": \"\xED\xA0\x80\"}",
      "{\"id\": \"\\ud800\"}",
      "{\"id\": \"line\nbreak\"}",
      "{\"id\": 1e999}",
      "{\"id\": -1e999}",
      "{\"id\": NaN}",
      "{\"id\": Infinity}",
      "{\"id\": 0x10}",
      "{\"id\": 012}",
      "{\"id\": \"unterminated",
      "\xEF\xBB\xBF",
      // Valid JSON, wrong shapes everywhere.
      R"({"id": [], "name": {}, "timezone": 1, "hours": "always", "services": 0, "staff": null})",
      R"({"id": "s", "name": "S", "timezone": "UTC", "hours": {}, "services": [{}], "staff": [{}]})",
      R"({"id": "s", "name": "S", "timezone": "", "hours": {}, "services": [], "staff": []})",
      R"({"id": "s", "name": "S", "timezone": "../../../etc/passwd", "hours": {}})",
      R"({"id": "s", "name": "S", "timezone": "America/New_York\u0000x", "hours": {}})",
      kHead + kServices + R"("staff": [[[[]]]]})",
      kHead + kServices + R"("staff": [{"id": "a", "name": "A", "overrides": {}}]})",
      kHead + kServices + R"("staff": [{"id": "a", "name": "A", "busy": [[]]}]})",
      kHead + kServices + R"("bookings": {"b": 1},)" + kTail,
      kHead +
          R"("services": [{"id": "x", "name": "X", "duration_min": 99999999999999999999999}],)" +
          kTail,
      kHead + R"("services": [{"id": "x", "name": "X", "duration_min": -9223372036854775808}],)" +
          kTail,
      kHead + R"("services": [{"id": "x", "name": "X", "duration_min": 1e-320}],)" + kTail,
      kHead + R"("services": [{"id": "x", "name": "X", "duration_min": 30, "price": 1e308,
                  "staff": [1, 2, 3]}],)" +
          kTail,
      kHead + kServices + R"("bookings": [{"id": "b", "service": "x", "staff": "a",
                  "start": "9999-12-31T23:59:59-23:59"}, {"id": "b"}],)" +
          kTail,
      // Year 0000 shifted by its offset lands before what RFC 3339 can write.
      kHead + kServices + R"("bookings": [{"id": "b", "service": "x", "staff": "a",
                  "start": "0000-01-01T00:00:00+00:30"}],)" +
          kTail,
      R"({"id": "s", "name": "S", "timezone": "UTC", "hours": {"mon": [["00:00", "24:00"],
          ["00:00", "24:00"]]}})",
  };
  // Nesting far beyond anything a configuration needs.
  v.push_back(std::string(100000, '[') + std::string(100000, ']'));
  std::string objects;
  for (int i = 0; i < 5000; ++i) objects += "{\"a\":";
  v.push_back(objects + "1" + std::string(5000, '}'));
  v.push_back(kHead + kServices + R"("staff": [{"id": "a", "name": "A", "hours": )" +
              std::string(200, '[') + std::string(200, ']') + "}]}");
  return v;
}

}  // namespace

TEST_CASE("config: malformed documents are rejected with a printable config error") {
  const auto inputs = Inputs();
  CHECK(inputs.size() >= 40);
  for (size_t i = 0; i < inputs.size(); ++i) {
    INFO("input #", i, ": ", inputs[i].substr(0, 120));
    auto r = LoadBusinessJson(inputs[i]);
    CHECK_FALSE(r.ok());
    if (r.ok()) continue;
    CHECK(r.status().code() == Code::kConfig);
    CHECK_FALSE(r.status().message().empty());
    CHECK_MESSAGE(ValidUtf8OneLine(r.status().message()), r.status().message());
  }
}

// The column is where the parser noticed the problem: the end of the bad token.
TEST_CASE("config: syntax errors give the line and column") {
  auto r = LoadBusinessJson("{\n  \"id\": \"x\",\n  \"name\" \"X\"\n}");
  REQUIRE_FALSE(r.ok());
  CHECK_MESSAGE(r.status().message().starts_with("not JSON at line 3 column 12: "),
                r.status().message());
}

TEST_CASE("config: invalid UTF-8 inside a string is a syntax error") {
  auto r = LoadBusinessJson("{\"id\": \"caf\xE9\"}");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().starts_with("not JSON at line 1 column 13: "));
  CHECK(ValidUtf8OneLine(r.status().message()));
}

TEST_CASE("config: a number too large for a double is reported where it stands") {
  auto r = LoadBusinessJson("{\n\"id\": 1e999}");
  REQUIRE_FALSE(r.ok());
  CHECK_MESSAGE(r.status().message().starts_with("not JSON at line 2 column "),
                r.status().message());
  CHECK(r.status().message().find("number overflow") != std::string::npos);
}

TEST_CASE("config: excessive nesting is refused with the path where it happened") {
  auto r = LoadBusinessJson(std::string(100, '[') + std::string(100, ']'));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().starts_with("nested more than 64 arrays/objects deep at [0][0]"));
}

TEST_CASE("config: long multi-byte strings in messages are cut between characters") {
  std::string zone;
  for (int i = 0; i < 40; ++i) zone += "\xC3\xA9";  // é, two bytes each
  auto r = LoadBusinessJson(kHead.substr(0, kHead.find("\"timezone\"")) + "\"timezone\": \"" +
                            zone + "\", \"hours\": {}," + kServices + kTail);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().starts_with("timezone: unknown time zone"));
  CHECK_MESSAGE(ValidUtf8OneLine(r.status().message()), r.status().message());
}
