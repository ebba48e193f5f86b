// The language-model interface of LLM mode: chat messages with tool
// calling, streamed as events. Provider adapters (OpenAI, Anthropic) and the
// scripted fake used in tests implement it; the agent never trusts it with a
// write: every tool call goes through the same policy as the embedded engine.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace voxdesk::dialog {

struct ToolCall {
  std::string id;
  std::string name;
  std::string arguments;  // a JSON object, as text
};

struct LlmMessage {
  enum class Role { kSystem, kUser, kAssistant, kTool } role = Role::kUser;
  std::string content;
  std::vector<ToolCall> tool_calls;  // assistant messages that call tools
  std::string tool_call_id;          // tool messages: which call this answers
};

struct ToolSpec {
  std::string name;
  std::string description;
  std::string parameters;  // JSON Schema of the arguments object, as text
};

struct LlmRequest {
  std::vector<LlmMessage> messages;
  std::vector<ToolSpec> tools;
  double temperature = 0.2;
};

// One streamed piece of the answer: text as it is generated, a complete
// tool call, or the end of the response.
struct LlmEvent {
  enum class Kind { kText, kToolCall, kDone } kind = Kind::kText;
  std::string text;
  ToolCall call;
};

class Llm {
 public:
  virtual ~Llm() = default;
  // Streams the response to `on_event` (on the calling thread, in order,
  // ending with kDone). An error means no usable response.
  virtual Status Stream(const LlmRequest& request,
                        const std::function<void(const LlmEvent&)>& on_event) = 0;
};

}  // namespace voxdesk::dialog
