// A few threads that run the dialog turns that wait on the network (a
// language model's answer, its tool calls), so that a worker's other calls
// keep their 20 ms audio ticks meanwhile. Shared by every session of a
// process; a session has at most one turn in it at a time, so the queue is
// bounded by the number of live calls.
//
// Thread safety: Submit() from any thread. The destructor runs what is
// queued, then joins the threads.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace voxdesk::session {

class DialogPool {
 public:
  explicit DialogPool(int threads = 4);
  ~DialogPool();
  DialogPool(const DialogPool&) = delete;
  DialogPool& operator=(const DialogPool&) = delete;

  void Submit(std::function<void()> job);

 private:
  void Run();

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;  // guarded by mu_
  bool stop_ = false;                       // guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace voxdesk::session
