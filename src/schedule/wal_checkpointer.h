// Moves SQLite's WAL checkpoints off the write path. By default the
// connection that commits past 1000 WAL pages runs the checkpoint itself,
// inside that commit: an fsync of the database file, several milliseconds
// that land on whichever caller was booking at the time (a live call's turn).
// Here every connection of the process to one file only signals a
// background thread, which checkpoints (PASSIVE: never blocks writers) on
// its own connection. Other processes on the file have their own.
//
// Thread safety: For() and Attach() may be called from any thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace voxdesk {

class WalCheckpointer {
 public:
  // The process's checkpointer for the database at `path`, shared by all of
  // its connections there; it stops when the last holder lets go.
  static std::shared_ptr<WalCheckpointer> For(const std::string& path);
  ~WalCheckpointer();

  // From now on `db` (a connection to this checkpointer's file) leaves its
  // checkpoints to this thread. The checkpointer must outlive `db`.
  void Attach(sqlite3* db);

  // WAL pages that trigger a checkpoint (SQLite's own default).
  static constexpr int kPages = 1000;

 private:
  explicit WalCheckpointer(std::string path);
  static int OnCommit(void* self, sqlite3* db, const char* name, int pages);
  void Run();

  std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool wanted_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace voxdesk
