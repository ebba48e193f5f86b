// A thin RAII layer over the SQLite C API, private to the SQLite store:
// owned connection and statement handles, and a Query guard that binds
// parameters, steps and reads columns. The guard always resets its statement
// when it goes out of scope, because a half-read SELECT would otherwise keep
// its read transaction (and an old WAL snapshot) open and block checkpoints.
//
// Thread safety: none. The owning Store is used by one thread at a time.
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "core/status.h"
#include "core/time.h"

namespace voxdesk::sqlite {

struct ConnectionCloser {
  // close_v2 defers the close until every statement is finalized, so the
  // order in which a Store's members are destroyed cannot leak the handle.
  void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using Connection = std::unique_ptr<sqlite3, ConnectionCloser>;

struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

// kStorage with SQLite's own words for the connection's last failure.
inline Status Error(sqlite3* db, std::string_view what) {
  std::string m(what);
  m += ": ";
  m += db ? sqlite3_errmsg(db) : "out of memory";
  return StorageError(std::move(m));
}

inline bool IsBusy(int rc) {
  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

// One execution of a prepared statement. Parameters are bound in order with
// Bind(); Step() advances; the statement is reset on destruction.
class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Query(Query&& other) noexcept
      : db_(other.db_),
        stmt_(std::exchange(other.stmt_, nullptr)),
        next_(other.next_),
        bind_rc_(other.bind_rc_) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query& operator=(Query&&) = delete;
  ~Query() {
    if (stmt_) {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
  }

  Query& Bind(std::string_view v) {
    Keep(sqlite3_bind_text64(stmt_, next_++, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
  }
  Query& Bind(const std::string& v) { return Bind(std::string_view(v)); }
  Query& Bind(const char* v) { return Bind(std::string_view(v)); }
  Query& Bind(int64_t v) {
    Keep(sqlite3_bind_int64(stmt_, next_++, v));
    return *this;
  }
  Query& Bind(int v) { return Bind(static_cast<int64_t>(v)); }
  Query& Bind(Instant t) { return Bind(static_cast<int64_t>(t.time_since_epoch().count())); }

  // true: a row is ready to read; false: the statement has finished.
  Result<bool> Step() {
    if (bind_rc_ != SQLITE_OK) return Failure();
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Failure();
  }

  // Runs a statement that returns no rows.
  Status Run() {
    auto r = Step();
    if (!r) return r.status();
    return Status::Ok();
  }

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  Instant Time(int col) const { return Instant{std::chrono::seconds{Int(col)}}; }
  std::string Text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }

  // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  int64_t Changes() const { return sqlite3_changes64(db_); }

 private:
  void Keep(int rc) {
    if (bind_rc_ == SQLITE_OK && rc != SQLITE_OK) bind_rc_ = rc;
  }
  Status Failure() const {
    std::string_view sql = sqlite3_sql(stmt_);
    // The statement's opening words say which operation failed without
    // flooding the message with the whole column list.
    constexpr size_t kShown = 48;
    std::string what = "SQLite failed on \"" + std::string(sql.substr(0, kShown));
    what += sql.size() > kShown ? "...\"" : "\"";
    return Error(db_, what);
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  int next_ = 1;
  int bind_rc_ = SQLITE_OK;
};

}  // namespace voxdesk::sqlite
