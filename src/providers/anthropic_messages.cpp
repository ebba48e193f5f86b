#include "providers/anthropic_messages.h"

#include <array>
#include <nlohmann/json.hpp>

#include "providers/llm_json.h"

namespace voxdesk::providers {
namespace {

using nlohmann::json;
using namespace llm_json;  // NOLINT: the shared field readers
using OrderedJson = nlohmann::ordered_json;
using dialog::LlmEvent;
using dialog::LlmMessage;
using dialog::ToolCall;

// All tool_use input of one answer, and its content blocks.
constexpr size_t kMaxInputBytes = 1 << 20;
constexpr int64_t kMaxBlocks = 256;

constexpr std::array<std::string_view, 8> kKnownEvents = {"message_start",
                                                          "content_block_start",
                                                          "content_block_delta",
                                                          "content_block_stop",
                                                          "message_delta",
                                                          "message_stop",
                                                          "ping",
                                                          "error"};

bool Known(std::string_view type) {
  for (std::string_view k : kKnownEvents) {
    if (k == type) return true;
  }
  return false;
}

Status GetIndex(const json& obj, const std::string& where, int64_t* out) {
  if (!Get(obj, "index")) return InvalidArgument(where + ": index is missing");
  VOXDESK_RETURN_IF_ERROR(GetCount(obj, "index", where, out));
  if (*out >= kMaxBlocks) {
    return InvalidArgument(where + ": index " + std::to_string(*out) + " is beyond " +
                           std::to_string(kMaxBlocks - 1));
  }
  return Status::Ok();
}

bool Blank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// A call's arguments as sent: "" stands for no arguments.
Result<OrderedJson> ArgumentsObject(std::string_view arguments, const std::string& where) {
  if (Blank(arguments)) return OrderedJson::object();
  auto j = ParseJson<OrderedJson>(arguments, where);
  if (!j.ok()) return j.status();
  if (!j->is_object()) return InvalidArgument(where + ": expected a JSON object");
  return j;
}

size_t CutAt(std::string_view s, size_t want) {
  if (want >= s.size()) return s.size();
  size_t i = want == 0 ? 1 : want;
  while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
  return i;
}

std::vector<std::string_view> Pieces(std::string_view s, size_t piece) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    const size_t n = CutAt(s, piece);
    out.push_back(s.substr(0, n));
    s.remove_prefix(n);
  }
  return out;
}

// A string, or an array of blocks whose text blocks are joined.
Result<std::string> BlockText(const json& v, const std::string& where, const char* key) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_array()) return WrongType(where, key, "a string or an array of blocks", v);
  std::string out;
  for (const json& b : v) {
    if (!b.is_object()) return InvalidArgument(where + ": " + key + ": a block is not an object");
    std::string type, text;
    VOXDESK_RETURN_IF_ERROR(GetString(b, "type", where + "." + key + "[]", &type));
    if (type != "text") continue;
    VOXDESK_RETURN_IF_ERROR(GetString(b, "text", where + "." + key + "[]", &text));
    out += text;
  }
  return out;
}

}  // namespace

// ------------------------------------------------------------ the request

Result<std::string> AnthropicRequestJson(const dialog::LlmRequest& request,
                                         const AnthropicOptions& options) {
  const std::string where = "anthropic request";
  if (options.model.empty()) return InvalidArgument(where + ": the model is empty");
  if (options.max_tokens < 1) return InvalidArgument(where + ": max_tokens must be at least 1");
  if (options.send_temperature && !(request.temperature >= 0 && request.temperature <= 1)) {
    return InvalidArgument(where + ": temperature must be within 0..1 for Anthropic");
  }
  std::string system;
  OrderedJson messages = OrderedJson::array();
  // The user message that holds tool results and may take more of them:
  // tool_result blocks must come first in it, so text closes it.
  bool results_open = false;
  for (size_t i = 0; i < request.messages.size(); ++i) {
    const LlmMessage& m = request.messages[i];
    const std::string mw = where + ": messages[" + std::to_string(i) + "]";
    switch (m.role) {
      case LlmMessage::Role::kSystem:
        if (!system.empty() && !m.content.empty()) system += "\n\n";
        system += m.content;
        break;
      case LlmMessage::Role::kUser:
        if (results_open) {
          if (!m.content.empty()) {
            messages.back()["content"].push_back({{"type", "text"}, {"text", m.content}});
          }
        } else {
          messages.push_back({{"role", "user"}, {"content", m.content}});
        }
        results_open = false;
        break;
      case LlmMessage::Role::kAssistant: {
        results_open = false;
        if (m.tool_calls.empty()) {
          if (!m.content.empty())
            messages.push_back({{"role", "assistant"}, {"content", m.content}});
          break;
        }
        OrderedJson blocks = OrderedJson::array();
        if (!m.content.empty()) blocks.push_back({{"type", "text"}, {"text", m.content}});
        for (const ToolCall& c : m.tool_calls) {
          if (c.id.empty()) return InvalidArgument(mw + ": a tool call has no id");
          if (!ValidToolName(c.name)) {
            return InvalidArgument(mw + ": tool call name '" + Printable(c.name, 80) +
                                   "' is not 1-64 letters, digits, '_' or '-'");
          }
          auto input = ArgumentsObject(c.arguments, mw + ": tool call " + c.name + " arguments");
          if (!input.ok()) return input.status();
          OrderedJson block = OrderedJson::object();
          block["type"] = "tool_use";
          block["id"] = c.id;
          block["name"] = c.name;
          block["input"] = std::move(*input);
          blocks.push_back(std::move(block));
        }
        messages.push_back({{"role", "assistant"}, {"content", std::move(blocks)}});
        break;
      }
      case LlmMessage::Role::kTool: {
        if (m.tool_call_id.empty()) {
          return InvalidArgument(mw + ": a tool result has no tool_call_id");
        }
        OrderedJson block = OrderedJson::object();
        block["type"] = "tool_result";
        block["tool_use_id"] = m.tool_call_id;
        block["content"] = m.content;
        if (results_open) {
          messages.back()["content"].push_back(std::move(block));
        } else {
          messages.push_back(
              {{"role", "user"}, {"content", OrderedJson::array({std::move(block)})}});
          results_open = true;
        }
        break;
      }
    }
  }
  if (messages.empty()) return InvalidArgument(where + ": there is no user message");

  OrderedJson body = OrderedJson::object();
  body["model"] = options.model;
  body["max_tokens"] = options.max_tokens;
  if (!system.empty()) body["system"] = system;
  body["messages"] = std::move(messages);
  if (!request.tools.empty()) {
    OrderedJson tools = OrderedJson::array();
    for (const dialog::ToolSpec& t : request.tools) {
      if (!ValidToolName(t.name)) {
        return InvalidArgument(where + ": tool name '" + Printable(t.name, 80) +
                               "' is not 1-64 letters, digits, '_' or '-'");
      }
      auto schema =
          ParseJson<OrderedJson>(t.parameters, where + ": tool " + t.name + ": parameters");
      if (!schema.ok()) return schema.status();
      if (!schema->is_object()) {
        return InvalidArgument(where + ": tool " + t.name +
                               ": parameters must be a JSON Schema object, as text");
      }
      OrderedJson tool = OrderedJson::object();
      tool["name"] = t.name;
      if (!t.description.empty()) tool["description"] = t.description;
      tool["input_schema"] = std::move(*schema);
      tools.push_back(std::move(tool));
    }
    body["tools"] = std::move(tools);
  }
  if (options.send_temperature) body["temperature"] = request.temperature;
  body["stream"] = options.stream;
  return Dump(body);
}

// ------------------------------------------------------------ errors

bool AnthropicRetryableStatus(int http_status, std::string_view x_should_retry) {
  if (x_should_retry == "true") return true;
  if (x_should_retry == "false") return false;
  return http_status == 408 || http_status == 409 || http_status == 429 ||
         (http_status >= 500 && http_status <= 599);
}

bool AnthropicRetryableType(std::string_view type) {
  return type == "rate_limit_error" || type == "overloaded_error" || type == "api_error" ||
         type == "timeout_error";
}

AnthropicError ParseAnthropicError(int http_status, std::string_view body) {
  AnthropicError e;
  e.http_status = http_status;
  if (!NestedTooDeep(body)) {
    const json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) {
      const json* err = Get(j, "error");
      if (err && err->is_object()) {
        (void)GetString(*err, "type", "", &e.type);
        (void)GetString(*err, "message", "", &e.message);
      }
      (void)GetString(j, "request_id", "", &e.request_id);
    }
  }
  if (e.message.empty()) e.message = body.empty() ? "an empty body" : Printable(body);
  e.retryable =
      AnthropicRetryableStatus(http_status) || (http_status == 0 && AnthropicRetryableType(e.type));
  return e;
}

Status AnthropicErrorStatus(const AnthropicError& e) {
  std::string m = "anthropic: ";
  m += e.http_status ? "HTTP " + std::to_string(e.http_status) : std::string("error event");
  if (!e.type.empty()) m += " " + e.type;
  m += ": " + e.message;
  if (!e.request_id.empty()) m += " (request " + e.request_id + ")";
  if (e.http_status == 0 || e.retryable) return Unavailable(std::move(m));
  if (e.http_status == 401 || e.http_status == 403) {
    return ConfigError(std::move(m) + " (check the API key and its workspace)");
  }
  return InvalidArgument(std::move(m));
}

Status AnthropicErrorFromHttp(int http_status, std::string_view body) {
  return AnthropicErrorStatus(ParseAnthropicError(http_status, body));
}

// ------------------------------------------------------------ the streamed answer

Status AnthropicStream::Fail(Status s) {
  failed_ = true;
  return s;
}

Status AnthropicStream::OnEvent(std::string_view type, std::string_view data, const Emit& emit) {
  if (failed_) return InvalidArgument("anthropic stream: already failed; start a new request");
  // A new event type is skipped unread: the docs ask clients to tolerate them.
  if (type != "message" && !Known(type)) {
    ++unknown_;
    return Status::Ok();
  }
  Status s = Event(type, data, emit);
  if (!s.ok()) return Fail(std::move(s));
  return Status::Ok();
}

Status AnthropicStream::Event(std::string_view sse_type, std::string_view data, const Emit& emit) {
  std::string where = "anthropic stream: " + Printable(sse_type, 40) + " event";
  auto parsed = ParseJson<json>(data, where);
  if (!parsed.ok()) return parsed.status();
  const json& ev = *parsed;
  if (!ev.is_object()) return InvalidArgument(where + ": expected a JSON object");
  std::string type;
  VOXDESK_RETURN_IF_ERROR(GetString(ev, "type", where, &type));
  if (type.empty()) return InvalidArgument(where + ": type is missing");
  if (sse_type != "message" && type != sse_type) {
    return InvalidArgument(where + ": its data says type '" + Printable(type, 40) +
                           "': the event line and the data disagree");
  }
  if (!Known(type)) {
    ++unknown_;
    return Status::Ok();
  }
  where = "anthropic stream: " + type;

  if (type == "ping") return Status::Ok();
  if (type == "error") {
    AnthropicError e;
    if (const json* err = Get(ev, "error"); err && err->is_object()) {
      (void)GetString(*err, "type", where, &e.type);
      (void)GetString(*err, "message", where, &e.message);
    }
    (void)GetString(ev, "request_id", where, &e.request_id);
    if (e.message.empty()) e.message = "an error event without a message";
    e.retryable = AnthropicRetryableType(e.type);
    error_ = e;
    return AnthropicErrorStatus(e);
  }
  if (done_) return InvalidArgument(where + ": an event after message_stop");
  if (type == "message_start") {
    if (started_) return InvalidArgument(where + ": a second message_start");
    started_ = true;
    const json* msg = Get(ev, "message");
    if (!msg) return InvalidArgument(where + ": message is missing");
    if (!msg->is_object()) return WrongType(where, "message", "an object", *msg);
    VOXDESK_RETURN_IF_ERROR(GetString(*msg, "id", where + ".message", &message_id_));
    VOXDESK_RETURN_IF_ERROR(GetString(*msg, "model", where + ".message", &model_));
    if (const json* usage = Get(*msg, "usage")) {
      if (!usage->is_object()) return WrongType(where + ".message", "usage", "an object", *usage);
      VOXDESK_RETURN_IF_ERROR(
          GetCount(*usage, "input_tokens", where + ".message.usage", &input_tokens_));
      VOXDESK_RETURN_IF_ERROR(
          GetCount(*usage, "output_tokens", where + ".message.usage", &output_tokens_));
    }
    return Status::Ok();
  }
  if (!started_) return InvalidArgument(where + ": arrived before message_start");

  if (type == "content_block_start") {
    int64_t index = 0;
    VOXDESK_RETURN_IF_ERROR(GetIndex(ev, where, &index));
    if (blocks_.count(index)) {
      return InvalidArgument(where + ": block " + std::to_string(index) + " started twice");
    }
    const json* cb = Get(ev, "content_block");
    if (!cb) return InvalidArgument(where + ": content_block is missing");
    if (!cb->is_object()) return WrongType(where, "content_block", "an object", *cb);
    const std::string bw = where + ".content_block";
    std::string block_type;
    VOXDESK_RETURN_IF_ERROR(GetString(*cb, "type", bw, &block_type));
    Block b;
    if (block_type == "text") {
      b.kind = Block::Kind::kText;
      std::string text;
      VOXDESK_RETURN_IF_ERROR(GetString(*cb, "text", bw, &text));
      if (!text.empty()) emit(LlmEvent{LlmEvent::Kind::kText, std::move(text), {}});
    } else if (block_type == "tool_use") {
      b.kind = Block::Kind::kToolUse;
      VOXDESK_RETURN_IF_ERROR(GetString(*cb, "id", bw, &b.id));
      VOXDESK_RETURN_IF_ERROR(GetString(*cb, "name", bw, &b.name));
      if (b.id.empty() || b.name.empty()) {
        return InvalidArgument(bw + ": a tool_use block needs an id and a name");
      }
      if (const json* input = Get(*cb, "input")) {
        if (!input->is_object()) return WrongType(bw, "input", "an object", *input);
        if (!input->empty()) b.initial_input = Dump(*input);
      }
    } else {
      ++unknown_;  // thinking, server tools, results of server tools
    }
    blocks_.emplace(index, std::move(b));
    return Status::Ok();
  }

  if (type == "content_block_delta" || type == "content_block_stop") {
    int64_t index = 0;
    VOXDESK_RETURN_IF_ERROR(GetIndex(ev, where, &index));
    auto it = blocks_.find(index);
    if (it == blocks_.end() || !it->second.open) {
      return InvalidArgument(where + ": block " + std::to_string(index) + " is not open");
    }
    Block& b = it->second;
    if (type == "content_block_stop") {
      b.open = false;
      if (b.kind != Block::Kind::kToolUse) return Status::Ok();
      const std::string& text = Blank(b.input) ? b.initial_input : b.input;
      auto input = ArgumentsObject(text, where + ": tool_use " + Printable(b.name, 64) + " input");
      if (!input.ok()) return input.status();
      ToolCall call{b.id, b.name, Blank(text) ? std::string("{}") : text};
      b.input.clear();
      b.input.shrink_to_fit();
      emit(LlmEvent{LlmEvent::Kind::kToolCall, {}, std::move(call)});
      return Status::Ok();
    }
    const json* delta = Get(ev, "delta");
    if (!delta) return InvalidArgument(where + ": delta is missing");
    if (!delta->is_object()) return WrongType(where, "delta", "an object", *delta);
    const std::string dw = where + ".delta";
    std::string delta_type;
    VOXDESK_RETURN_IF_ERROR(GetString(*delta, "type", dw, &delta_type));
    if (delta_type == "text_delta") {
      if (b.kind == Block::Kind::kOther) return Status::Ok();
      if (b.kind != Block::Kind::kText) {
        return InvalidArgument(where + ": a text_delta for tool_use block " +
                               std::to_string(index));
      }
      std::string text;
      VOXDESK_RETURN_IF_ERROR(GetString(*delta, "text", dw, &text));
      if (!text.empty()) emit(LlmEvent{LlmEvent::Kind::kText, std::move(text), {}});
    } else if (delta_type == "input_json_delta") {
      if (b.kind == Block::Kind::kOther) return Status::Ok();  // server tools stream input too
      if (b.kind != Block::Kind::kToolUse) {
        return InvalidArgument(where + ": an input_json_delta for text block " +
                               std::to_string(index));
      }
      std::string partial;
      VOXDESK_RETURN_IF_ERROR(GetString(*delta, "partial_json", dw, &partial));
      input_bytes_ += partial.size();
      if (input_bytes_ > kMaxInputBytes) {
        return InvalidArgument(where + ": tool input exceeds " + std::to_string(kMaxInputBytes) +
                               " bytes in all");
      }
      b.input += partial;
    } else {
      ++unknown_;  // thinking_delta, signature_delta, citations_delta...
    }
    return Status::Ok();
  }

  if (type == "message_delta") {
    if (const json* delta = Get(ev, "delta")) {
      if (!delta->is_object()) return WrongType(where, "delta", "an object", *delta);
      VOXDESK_RETURN_IF_ERROR(GetString(*delta, "stop_reason", where + ".delta", &stop_reason_));
    }
    if (const json* usage = Get(ev, "usage")) {
      if (!usage->is_object()) return WrongType(where, "usage", "an object", *usage);
      VOXDESK_RETURN_IF_ERROR(GetCount(*usage, "output_tokens", where + ".usage", &output_tokens_));
    }
    return Status::Ok();
  }

  // message_stop
  for (const auto& [index, b] : blocks_) {
    if (b.open) {
      return InvalidArgument(where + ": block " + std::to_string(index) + " was never stopped");
    }
  }
  done_ = true;
  emit(LlmEvent{LlmEvent::Kind::kDone, {}, {}});
  return Status::Ok();
}

// ------------------------------------------------------------ the server's side

std::vector<AnthropicSseEvent> AnthropicStreamEvents(std::string_view text,
                                                     const std::vector<ToolCall>& calls,
                                                     const AnthropicEncodeOptions& o) {
  std::vector<AnthropicSseEvent> out;
  const auto add = [&](const char* type, OrderedJson data) { out.emplace_back(type, Dump(data)); };
  OrderedJson msg = OrderedJson::object();
  msg["id"] = o.message_id;
  msg["type"] = "message";
  msg["role"] = "assistant";
  msg["content"] = OrderedJson::array();
  msg["model"] = o.model;
  msg["stop_reason"] = nullptr;
  msg["stop_sequence"] = nullptr;
  msg["usage"] = {{"input_tokens", o.input_tokens}, {"output_tokens", 1}};
  add("message_start", {{"type", "message_start"}, {"message", std::move(msg)}});
  if (o.ping) add("ping", {{"type", "ping"}});
  size_t index = 0;
  if (!text.empty()) {
    add("content_block_start", {{"type", "content_block_start"},
                                {"index", index},
                                {"content_block", {{"type", "text"}, {"text", ""}}}});
    for (std::string_view piece : Pieces(text, o.text_piece_bytes)) {
      add("content_block_delta", {{"type", "content_block_delta"},
                                  {"index", index},
                                  {"delta", {{"type", "text_delta"}, {"text", piece}}}});
    }
    add("content_block_stop", {{"type", "content_block_stop"}, {"index", index}});
    ++index;
  }
  for (const ToolCall& c : calls) {
    OrderedJson block = OrderedJson::object();
    block["type"] = "tool_use";
    block["id"] = c.id;
    block["name"] = c.name;
    block["input"] = OrderedJson::object();
    add("content_block_start",
        {{"type", "content_block_start"}, {"index", index}, {"content_block", std::move(block)}});
    // The real server opens with an empty fragment.
    std::vector<std::string_view> pieces{std::string_view()};
    const size_t n = o.input_pieces == 0 ? 1 : o.input_pieces;
    for (std::string_view p : Pieces(c.arguments, (c.arguments.size() + n - 1) / n)) {
      pieces.push_back(p);
    }
    for (std::string_view piece : pieces) {
      add("content_block_delta",
          {{"type", "content_block_delta"},
           {"index", index},
           {"delta", {{"type", "input_json_delta"}, {"partial_json", piece}}}});
    }
    add("content_block_stop", {{"type", "content_block_stop"}, {"index", index}});
    ++index;
  }
  add("message_delta",
      {{"type", "message_delta"},
       {"delta",
        {{"stop_reason", calls.empty() ? "end_turn" : "tool_use"}, {"stop_sequence", nullptr}}},
       {"usage", {{"output_tokens", o.output_tokens}}}});
  add("message_stop", {{"type", "message_stop"}});
  return out;
}

AnthropicSseEvent AnthropicErrorEvent(std::string_view type, std::string_view message) {
  OrderedJson e = {{"type", "error"}, {"error", {{"type", type}, {"message", message}}}};
  return {"error", Dump(e)};
}

std::string AnthropicErrorBody(std::string_view type, std::string_view message,
                               std::string_view request_id) {
  OrderedJson e = {{"type", "error"},
                   {"error", {{"type", type}, {"message", message}}},
                   {"request_id", request_id}};
  return Dump(e);
}

Result<ParsedAnthropicRequest> ParseAnthropicRequest(std::string_view text) {
  const std::string where = "anthropic request";
  auto parsed = ParseJson<json>(text, where);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  if (!j.is_object()) return InvalidArgument(where + ": expected a JSON object");
  ParsedAnthropicRequest r;
  VOXDESK_RETURN_IF_ERROR(GetString(j, "model", where, &r.model));
  if (r.model.empty()) return InvalidArgument(where + ": model is missing");
  if (!Get(j, "max_tokens")) return InvalidArgument(where + ": max_tokens is missing");
  VOXDESK_RETURN_IF_ERROR(GetCount(j, "max_tokens", where, &r.max_tokens));
  if (const json* v = Get(j, "stream")) {
    if (!v->is_boolean()) return WrongType(where, "stream", "true or false", *v);
    r.stream = v->get<bool>();
  }
  if (const json* v = Get(j, "temperature")) {
    if (!v->is_number()) return WrongType(where, "temperature", "a number", *v);
    r.temperature = v->get<double>();
  }
  if (const json* v = Get(j, "system")) {
    auto system = BlockText(*v, where, "system");
    if (!system.ok()) return system.status();
    r.system = std::move(*system);
  }

  const json* messages = Get(j, "messages");
  if (!messages) return InvalidArgument(where + ": messages is missing");
  if (!messages->is_array()) return WrongType(where, "messages", "an array", *messages);
  for (size_t i = 0; i < messages->size(); ++i) {
    const json& m = (*messages)[i];
    const std::string mw = where + ": messages[" + std::to_string(i) + "]";
    if (!m.is_object()) return InvalidArgument(mw + ": expected an object");
    std::string role;
    VOXDESK_RETURN_IF_ERROR(GetString(m, "role", mw, &role));
    if (role != "user" && role != "assistant") {
      return InvalidArgument(mw + ": role '" + Printable(role, 40) + "' is not user or assistant");
    }
    const bool user = role == "user";
    LlmMessage out;
    out.role = user ? LlmMessage::Role::kUser : LlmMessage::Role::kAssistant;
    const json* content = Get(m, "content");
    if (!content) return InvalidArgument(mw + ": content is missing");
    if (content->is_string()) {
      out.content = content->get<std::string>();
      r.messages.push_back(std::move(out));
      continue;
    }
    if (!content->is_array()) {
      return WrongType(mw, "content", "a string or an array of blocks", *content);
    }
    for (const json& b : *content) {
      const std::string bw = mw + ".content[]";
      if (!b.is_object()) return InvalidArgument(bw + ": expected an object");
      std::string type;
      VOXDESK_RETURN_IF_ERROR(GetString(b, "type", bw, &type));
      if (type == "text") {
        std::string t;
        VOXDESK_RETURN_IF_ERROR(GetString(b, "text", bw, &t));
        out.content += t;
      } else if (type == "tool_use") {
        if (user) return InvalidArgument(bw + ": a tool_use block in a user message");
        ToolCall call;
        VOXDESK_RETURN_IF_ERROR(GetString(b, "id", bw, &call.id));
        VOXDESK_RETURN_IF_ERROR(GetString(b, "name", bw, &call.name));
        const json* input = Get(b, "input");
        if (!input || !input->is_object()) {
          return InvalidArgument(bw + ": tool_use input must be an object");
        }
        call.arguments = Dump(*input);
        out.tool_calls.push_back(std::move(call));
      } else if (type == "tool_result") {
        if (!user) return InvalidArgument(bw + ": a tool_result block in an assistant message");
        LlmMessage result;
        result.role = LlmMessage::Role::kTool;
        VOXDESK_RETURN_IF_ERROR(GetString(b, "tool_use_id", bw, &result.tool_call_id));
        if (result.tool_call_id.empty()) return InvalidArgument(bw + ": tool_use_id is missing");
        if (const json* c = Get(b, "content")) {
          auto t = BlockText(*c, bw, "content");
          if (!t.ok()) return t.status();
          result.content = std::move(*t);
        }
        r.messages.push_back(std::move(result));
      }
      // Images, documents, thinking: not part of a phone conversation.
    }
    if (!user || !out.content.empty()) r.messages.push_back(std::move(out));
  }

  if (const json* tools = Get(j, "tools")) {
    if (!tools->is_array()) return WrongType(where, "tools", "an array", *tools);
    for (const json& t : *tools) {
      const std::string tw = where + ": tools[]";
      if (!t.is_object()) return InvalidArgument(tw + ": expected an object");
      dialog::ToolSpec spec;
      VOXDESK_RETURN_IF_ERROR(GetString(t, "name", tw, &spec.name));
      if (spec.name.empty()) return InvalidArgument(tw + ": name is missing");
      VOXDESK_RETURN_IF_ERROR(GetString(t, "description", tw, &spec.description));
      const json* schema = Get(t, "input_schema");
      if (!schema) return InvalidArgument(tw + ": input_schema is missing");
      if (!schema->is_object()) return WrongType(tw, "input_schema", "an object", *schema);
      spec.parameters = Dump(*schema);
      r.tools.push_back(std::move(spec));
    }
  }
  return r;
}

}  // namespace voxdesk::providers
