// Opening a file that is not an SQLite database, or a damaged one, fails
// with a storage error and leaves the file exactly as it was.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "test_sqlite_store_fixture.h"

using namespace voxdesk;
using namespace voxdesk::testing;

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

}  // namespace

TEST_CASE("a text file is refused as not an SQLite database and left unchanged") {
  TempDir dir;
  const std::string path = dir.File("notes.txt");
  const std::string content =
      "These are my notes, not a database.\nLine two.\n" + std::string(600, 'x');
  WriteAll(path, content);

  auto r = OpenSqliteStore(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kStorage);
  CHECK_MESSAGE(r.status().message().find("not an SQLite database") != std::string::npos,
                r.status().message());
  CHECK(r.status().message().find(path) != std::string::npos);
  CHECK(ReadAll(path) == content);
  CHECK_FALSE(std::filesystem::exists(path + "-wal"));
  CHECK_FALSE(std::filesystem::exists(path + "-journal"));
}

TEST_CASE("a tiny non-empty file is refused rather than adopted as a new database") {
  TempDir dir;
  const std::string path = dir.File("tiny");
  WriteAll(path, "x");
  auto r = OpenSqliteStore(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kStorage);
  CHECK(ReadAll(path) == "x");
}

TEST_CASE("an empty file becomes a new database") {
  TempDir dir;
  const std::string path = dir.File("empty.db");
  WriteAll(path, "");
  auto store = OpenStore(path);
  IdGenerator ids(51);
  CHECK(store
            ->Book(Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")),
                   At("2026-03-01T12:00:00Z"), ids)
            .ok());
}

TEST_CASE("a database whose schema pages are damaged yields a storage error, not a crash") {
  TempDir dir;
  const std::string path = dir.File("damaged.db");
  {
    auto store = OpenStore(path);
    IdGenerator ids(52);
    REQUIRE(store
                ->Book(Booking({"lee"}, At("2026-03-09T10:00:00Z"), At("2026-03-09T11:00:00Z")),
                       At("2026-03-01T12:00:00Z"), ids)
                .ok());
  }
  // Closing the last connection checkpoints the WAL into the main file.
  std::string bytes = ReadAll(path);
  REQUIRE(bytes.size() >= 4096);
  // Page 1 holds the schema table after the 100-byte file header.
  for (size_t i = 100; i < 4096; ++i) bytes[i] = static_cast<char>(0xA5);
  WriteAll(path, bytes);

  auto r = OpenSqliteStore(path);
  if (r.ok()) {
    // SQLite may only notice on first use; then that use must fail cleanly.
    auto live = (*r)->LiveBookings(kBiz);
    REQUIRE_FALSE(live.ok());
    CHECK(live.status().code() == Code::kStorage);
  } else {
    CHECK(r.status().code() == Code::kStorage);
    CHECK_MESSAGE(r.status().message().find("malformed") != std::string::npos,
                  r.status().message());
  }
}

TEST_CASE("a database from a newer schema version is refused") {
  TempDir dir;
  const std::string path = dir.File("future.db");
  { auto store = OpenStore(path); }
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  auto r = OpenSqliteStore(path);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == Code::kStorage);
  CHECK_MESSAGE(r.status().message().find("99") != std::string::npos, r.status().message());
}
