#include "session/worker.h"

#include <barrier>

namespace voxdesk::session {

Worker::~Worker() {
  Stop();
}

void Worker::Add(std::unique_ptr<Session> session, std::unique_ptr<Line> line) {
  std::lock_guard lock(inbox_mu_);
  inbox_.push_back({std::move(session), std::move(line)});
  live_.fetch_add(1);
}

void Worker::TakeInbox() {
  std::lock_guard lock(inbox_mu_);
  for (Call& c : inbox_) calls_.push_back(std::move(c));
  inbox_.clear();
}

size_t Worker::TickAll() {
  const auto start = std::chrono::steady_clock::now();
  TakeInbox();
  for (size_t i = 0; i < calls_.size();) {
    Call& c = calls_[i];
    char digit;
    while (c.line->PopDigit(digit)) c.session->OnDtmf(digit);
    if (c.line->hung_up()) c.session->OnHangup();
    const bool have = c.line->Read(in_);
    const bool live = c.session->Tick(have ? &in_ : nullptr, out_);
    c.line->Write(out_);
    if (live) {
      ++i;
      continue;
    }
    c.line->Close(c.session->end_reason());
    Call done = std::move(c);
    calls_[i] = std::move(calls_.back());
    calls_.pop_back();
    live_.fetch_sub(1);
    if (on_done_) on_done_(std::move(done.session), std::move(done.line));
  }
  if (record_rounds_)
    round_us_.push_back(std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count());
  return calls_.size();
}

void Worker::StartRealTime() {
  stop_ = false;
  thread_ = std::thread([this] {
    auto next = std::chrono::steady_clock::now();
    while (!stop_.load()) {
      TickAll();
      next += std::chrono::milliseconds(media::kFrameMs);
      std::this_thread::sleep_until(next);
    }
  });
}

void Worker::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

std::chrono::microseconds RunVirtualTime(std::vector<Worker*> workers, VirtualClock& clock,
                                         int64_t max_rounds) {
  const TimePoint start = clock.Now();
  if (workers.empty()) return {};
  std::atomic<size_t> live{0};
  std::atomic<bool> done{false};
  int64_t rounds = 0;
  // The completion step runs once per round, after every worker ticked.
  auto advance = [&]() noexcept {
    clock.Advance(std::chrono::milliseconds(media::kFrameMs));
    if (live.exchange(0) == 0 || ++rounds >= max_rounds) done = true;
  };
  std::barrier sync(static_cast<std::ptrdiff_t>(workers.size()), advance);
  auto run = [&](Worker* w) {
    while (!done.load()) {
      w->TickAll();
      live.fetch_add(w->live());
      sync.arrive_and_wait();
    }
  };
  std::vector<std::thread> threads;
  for (size_t i = 1; i < workers.size(); ++i) threads.emplace_back(run, workers[i]);
  run(workers[0]);
  for (auto& t : threads) t.join();
  return std::chrono::duration_cast<std::chrono::microseconds>(clock.Now() - start);
}

}  // namespace voxdesk::session
