// A language model that plays back one scripted response per Stream() call,
// for dialog and session tests of LLM mode. It keeps every request, and the
// thread each ran on; a gate makes Stream() wait until the test opens it, to
// hold a turn "thinking" for as long as a test needs.
//
// Thread safety: Stream() may run on any thread, one call at a time; the
// script and the records are locked, and `seen` is safe to read once the
// turns that used it are over.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "dialog/llm.h"

namespace voxdesk::fakes {

class ScriptedLlm final : public dialog::Llm {
 public:
  struct Response {
    std::string text;
    std::vector<dialog::ToolCall> calls;
    bool fail = false;  // kUnavailable, as a provider that is down
  };
  std::deque<Response> script;
  std::vector<dialog::LlmRequest> seen;
  std::vector<std::thread::id> threads;

  // Stream() blocks until Open() (a gate that starts open).
  void Close() {
    std::lock_guard lock(mu_);
    gate_open_ = false;
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      gate_open_ = true;
    }
    cv_.notify_all();
  }
  // Calls that reached the gate (waiting or through).
  int arrived() const {
    std::lock_guard lock(mu_);
    return arrived_;
  }

  Status Stream(const dialog::LlmRequest& request,
                const std::function<void(const dialog::LlmEvent&)>& on_event) override {
    Response r;
    {
      std::unique_lock lock(mu_);
      ++arrived_;
      cv_.wait(lock, [&] { return gate_open_; });
      seen.push_back(request);
      threads.push_back(std::this_thread::get_id());
      if (script.empty()) return Status(Code::kInternal, "script ran out");
      r = script.front();
      script.pop_front();
    }
    if (r.fail) return Status(Code::kUnavailable, "provider down");
    // Text arrives in pieces, as a stream would deliver it.
    for (std::size_t i = 0; i < r.text.size(); i += 7)
      on_event({dialog::LlmEvent::Kind::kText, r.text.substr(i, 7), {}});
    for (const auto& c : r.calls) on_event({dialog::LlmEvent::Kind::kToolCall, "", c});
    on_event({dialog::LlmEvent::Kind::kDone, "", {}});
    return Status::Ok();
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool gate_open_ = true;
  int arrived_ = 0;
};

}  // namespace voxdesk::fakes
