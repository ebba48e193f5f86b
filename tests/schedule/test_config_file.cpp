// Loading from a file: I/O and syntax errors name the file, validation
// errors still start with the JSON path.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "schedule/config_loader.h"

using namespace voxdesk;

namespace {

std::string TempFile(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::path(VOXDESK_BINARY_DIR) / "test_config_file";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

}  // namespace

TEST_CASE("config: a missing file is named in the error") {
  const std::string path = std::string(VOXDESK_BINARY_DIR) + "/no/such/business.json";
  auto r = LoadBusinessFile(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kConfig);
  CHECK(r.status().message() == path + ": cannot open: No such file or directory");
}

TEST_CASE("config: a directory is not a configuration file") {
  auto r = LoadBusinessFile(VOXDESK_BINARY_DIR);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message().starts_with(std::string(VOXDESK_BINARY_DIR) + ": cannot read: "));
}

TEST_CASE("config: a syntax error gives the file, line and column") {
  const std::string path = TempFile("syntax.json", "{\n  \"id\": \"x\",\n  \"name\": tru\n}\n");
  auto r = LoadBusinessFile(path);
  REQUIRE_FALSE(r.ok());
  CHECK_MESSAGE(r.status().message().starts_with(path + ": not JSON at line 3 column 14: "),
                r.status().message());
}

TEST_CASE("config: a validation error in a file starts with the JSON path") {
  const std::string path = TempFile("invalid.json", R"({"id": "x", "name": "X", "timezone": "UTC",
    "hours": {}, "services": [{"id": "s", "name": "S", "duration_min": 0}],
    "staff": [{"id": "a", "name": "A"}]})");
  auto r = LoadBusinessFile(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "services[0].duration_min: must be a positive integer, got 0");
}

TEST_CASE("config: a file that starts with a UTF-8 byte order mark loads") {
  const std::string path = TempFile("bom.json",
                                    "\xEF\xBB\xBF"
                                    R"({"id": "x", "name": "X",
    "timezone": "UTC", "hours": {}, "services": [{"id": "s", "name": "S", "duration_min": 30}],
    "staff": [{"id": "a", "name": "A"}]})");
  auto r = LoadBusinessFile(path);
  CHECK_MESSAGE(r.ok(), r.status().message());
}
