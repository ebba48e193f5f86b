// Workers run calls: one worker thread owns many sessions and ticks each of
// them every 20 ms (read the caller's frame, Session::Tick, write the
// agent's frame); there is no thread per call. With a real clock a worker
// paces itself by the wall clock; in virtual time a VirtualTimeRun ticks its
// workers in lockstep and advances the shared VirtualClock by 20 ms after
// every round, as fast as the CPU allows. Both run the same TickAll().
//
// Thread safety: Add() may be called from any thread; everything else about
// a call happens on its worker's thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "session/line.h"
#include "session/session.h"

namespace voxdesk::session {

class Worker {
 public:
  // Called on the worker thread when a call is over (after its last frame).
  using OnDone = std::function<void(std::unique_ptr<Session>, std::unique_ptr<Line>)>;
  explicit Worker(OnDone on_done = {}) : on_done_(std::move(on_done)) {}
  ~Worker();

  // Hands a started session and its line to this worker.
  void Add(std::unique_ptr<Session> session, std::unique_ptr<Line> line);
  // One round: every call gets its tick. Returns the number of live calls.
  size_t TickAll();
  size_t live() const { return live_.load(); }

  // Real time: a thread that ticks every 20 ms of the wall clock until Stop().
  void StartRealTime();
  void Stop();

  // Wall time each round took, in microseconds, when recording is on (for
  // benchmarks: the longest a frame waits on this worker).
  void RecordRoundTimes(bool on) { record_rounds_ = on; }
  const std::vector<int64_t>& round_us() const { return round_us_; }

 private:
  struct Call {
    std::unique_ptr<Session> session;
    std::unique_ptr<Line> line;
  };
  void TakeInbox();

  OnDone on_done_;
  std::mutex inbox_mu_;
  std::vector<Call> inbox_;
  std::vector<Call> calls_;
  std::atomic<size_t> live_{0};
  media::AudioFrame in_, out_;
  bool record_rounds_ = false;
  std::vector<int64_t> round_us_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Runs workers in virtual time until every call is over: each worker on its
// own thread, rounds in lockstep, the clock advanced by 20 ms between rounds.
// Returns the virtual time that passed. `max_rounds` bounds a run that would
// never end (a call stuck open).
std::chrono::microseconds RunVirtualTime(std::vector<Worker*> workers, VirtualClock& clock,
                                         int64_t max_rounds = 24 * 3600 * 50);

}  // namespace voxdesk::session
