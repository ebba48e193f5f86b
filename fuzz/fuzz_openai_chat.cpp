// The OpenAI Chat Completions codec on arbitrary bytes. The input is split
// on '\n' into SSE data payloads fed to one stream, and read whole as a
// request body and as an HTTP error body. Nothing may crash or throw; every
// kToolCall carries a JSON object; kDone comes at most once, last, and only
// when done() says so; a failed stream refuses more data; a request the fake
// server accepts, rebuilt by the client, reads back the same.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "providers/openai_chat.h"

using namespace voxdesk::providers;
using voxdesk::dialog::LlmEvent;
using voxdesk::dialog::LlmRequest;

namespace {

void CheckStream(std::string_view input) {
  OpenAiChatStream s;
  bool saw_done = false;
  const auto emit = [&](const LlmEvent& e) {
    if (saw_done) abort();  // nothing after kDone
    if (e.kind == LlmEvent::Kind::kDone) saw_done = true;
    if (e.kind == LlmEvent::Kind::kToolCall) {
      const auto args = nlohmann::json::parse(e.call.arguments, nullptr, false);
      if (!args.is_object() || e.call.id.empty() || e.call.name.empty()) abort();
    }
  };
  bool failed = false;
  while (!input.empty()) {
    const size_t nl = input.find('\n');
    const std::string_view payload = input.substr(0, nl);
    input.remove_prefix(nl == std::string_view::npos ? input.size() : nl + 1);
    const bool ok = s.OnData(payload, emit).ok();
    if (failed && ok) abort();  // a failed stream stays failed
    failed = failed || !ok;
    if (failed != s.failed()) abort();
  }
  if (saw_done != s.done()) abort();
}

void CheckRequest(std::string_view input) {
  auto parsed = ParseOpenAiChatRequest(input);
  if (!parsed.ok()) return;
  LlmRequest req;
  req.messages = parsed->messages;
  req.tools = parsed->tools;
  auto body = OpenAiChatRequestJson(req, OpenAiChatOptions{});
  if (!body.ok()) return;  // e.g. a tool name or schema the client refuses
  auto again = ParseOpenAiChatRequest(*body);
  if (!again.ok() || again->messages.size() != req.messages.size() ||
      again->tools.size() != req.tools.size()) {
    abort();
  }
  for (size_t i = 0; i < req.messages.size(); ++i) {
    const auto &a = req.messages[i], &b = again->messages[i];
    if (a.role != b.role || a.content != b.content || a.tool_call_id != b.tool_call_id ||
        a.tool_calls.size() != b.tool_calls.size()) {
      abort();
    }
    for (size_t k = 0; k < a.tool_calls.size(); ++k) {
      if (a.tool_calls[k].id != b.tool_calls[k].id ||
          a.tool_calls[k].name != b.tool_calls[k].name) {
        abort();
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckStream(input);
  CheckRequest(input);
  const OpenAiError e = ParseOpenAiError(size > 0 ? 400 + data[0] % 200 : 500, input);
  if (OpenAiErrorStatus(e).ok()) abort();
  return 0;
}
