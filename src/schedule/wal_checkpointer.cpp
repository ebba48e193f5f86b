#include "schedule/wal_checkpointer.h"

#include <sqlite3.h>

#include <map>

namespace voxdesk {

std::shared_ptr<WalCheckpointer> WalCheckpointer::For(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<WalCheckpointer>> live;
  std::lock_guard lock(mu);
  // Files no store uses any more are forgotten, so a process that opens many
  // databases over its life (one per tenant) keeps no entry for each.
  std::erase_if(live, [](const auto& entry) { return entry.second.expired(); });
  std::weak_ptr<WalCheckpointer>& slot = live[path];
  if (auto existing = slot.lock()) return existing;
  std::shared_ptr<WalCheckpointer> made(new WalCheckpointer(path));
  slot = made;
  return made;
}

WalCheckpointer::WalCheckpointer(std::string path) : path_(std::move(path)) {
  thread_ = std::thread([this] { Run(); });
}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_one();
  thread_.join();
}

void WalCheckpointer::Attach(sqlite3* db) {
  sqlite3_wal_hook(db, &WalCheckpointer::OnCommit, this);
}

int WalCheckpointer::OnCommit(void* self, sqlite3*, const char*, int pages) {
  if (pages >= kPages) {
    auto* c = static_cast<WalCheckpointer*>(self);
    {
      std::lock_guard lock(c->mu_);
      c->wanted_ = true;
    }
    c->cv_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::Run() {
  sqlite3* db = nullptr;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return wanted_ || stop_; });
      if (stop_) break;
      wanted_ = false;
    }
    if (!db && sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                               nullptr) != SQLITE_OK) {
      sqlite3_close(db);  // SQLite allocates a handle even when opening fails
      db = nullptr;
      continue;  // the writers' next commit asks again
    }
    // PASSIVE copies what it can without waiting for readers or writers; a
    // busy or failed checkpoint is simply retried at the next request.
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
  sqlite3_close(db);
}

}  // namespace voxdesk
