// What the LLM adapter tests share: an event loop, a question, and a run
// that collects a streamed answer and checks where its events arrived.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "dialog/llm.h"
#include "fakes/fake_llm_servers.h"
#include "providers/net/event_loop.h"

namespace voxdesk::testing {

inline std::unique_ptr<providers::net::EventLoop> NewLoop() {
  auto loop = providers::net::EventLoop::Start();
  REQUIRE(loop.ok());
  return std::move(loop).value();
}

inline dialog::LlmRequest Ask(const std::string& question) {
  dialog::LlmRequest r;
  r.messages.push_back({dialog::LlmMessage::Role::kSystem, "You are a receptionist.", {}, {}});
  r.messages.push_back({dialog::LlmMessage::Role::kUser, question, {}, {}});
  return r;
}

struct Collected {
  Status status;
  std::string text;
  std::vector<dialog::ToolCall> calls;
  std::vector<dialog::LlmEvent::Kind> kinds;
  bool all_on_caller_thread = true;
};

inline Collected Run(dialog::Llm& llm, const dialog::LlmRequest& request) {
  Collected c;
  const auto caller = std::this_thread::get_id();
  c.status = llm.Stream(request, [&](const dialog::LlmEvent& e) {
    if (std::this_thread::get_id() != caller) c.all_on_caller_thread = false;
    c.kinds.push_back(e.kind);
    if (e.kind == dialog::LlmEvent::Kind::kText) c.text += e.text;
    if (e.kind == dialog::LlmEvent::Kind::kToolCall) c.calls.push_back(e.call);
  });
  return c;
}

inline fakes::LlmFault Fault(fakes::LlmFault::Kind kind) {
  fakes::LlmFault f;
  f.kind = kind;
  return f;
}

}  // namespace voxdesk::testing
