// The Anthropic Messages codec on arbitrary bytes. The input is split on
// '\n' into SSE events, each "<event name> <data>" (a line without a space
// is data with no event line), fed to one stream, and read whole as a
// request body and as an HTTP error body. Nothing may crash or throw; every
// kToolCall carries a JSON object; kDone comes at most once, last, and only
// when done() says so; a failed stream refuses more events; a request the
// fake server accepts can be rebuilt by the client into valid JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "providers/anthropic_messages.h"

using namespace voxdesk::providers;
using voxdesk::dialog::LlmEvent;
using voxdesk::dialog::LlmMessage;
using voxdesk::dialog::LlmRequest;

namespace {

void CheckStream(std::string_view input) {
  AnthropicStream s;
  bool saw_done = false;
  const auto emit = [&](const LlmEvent& e) {
    if (saw_done) abort();
    if (e.kind == LlmEvent::Kind::kDone) saw_done = true;
    if (e.kind == LlmEvent::Kind::kToolCall) {
      const auto args = nlohmann::json::parse(e.call.arguments, nullptr, false);
      if (!args.is_object() || e.call.id.empty() || e.call.name.empty()) abort();
    }
  };
  bool failed = false;
  while (!input.empty()) {
    const size_t nl = input.find('\n');
    std::string_view line = input.substr(0, nl);
    input.remove_prefix(nl == std::string_view::npos ? input.size() : nl + 1);
    std::string_view type = "message";
    if (const size_t sp = line.find(' '); sp != std::string_view::npos) {
      type = line.substr(0, sp);
      line.remove_prefix(sp + 1);
    }
    const bool ok = s.OnEvent(type, line, emit).ok();
    if (failed && ok) abort();
    failed = failed || !ok;
    if (failed != s.failed()) abort();
  }
  if (saw_done != s.done()) abort();
}

void CheckRequest(std::string_view input) {
  auto parsed = ParseAnthropicRequest(input);
  if (!parsed.ok()) return;
  LlmRequest req;
  if (!parsed->system.empty())
    req.messages.push_back({LlmMessage::Role::kSystem, parsed->system, {}, ""});
  for (const LlmMessage& m : parsed->messages) req.messages.push_back(m);
  req.tools = parsed->tools;
  auto body = AnthropicRequestJson(req, AnthropicOptions{});
  if (!body.ok()) return;
  if (!ParseAnthropicRequest(*body).ok()) abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckStream(input);
  CheckRequest(input);
  const AnthropicError e = ParseAnthropicError(size > 0 ? 400 + data[0] % 200 : 529, input);
  if (AnthropicErrorStatus(e).ok()) abort();
  return 0;
}
