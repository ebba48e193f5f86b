#include "providers/openai_chat.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "providers/llm_json.h"

namespace voxdesk::providers {
namespace {

using nlohmann::json;
using namespace llm_json;  // NOLINT: the shared field readers
using OrderedJson = nlohmann::ordered_json;
using dialog::LlmEvent;
using dialog::LlmMessage;
using dialog::ToolCall;

// All streamed calls' arguments together, and the number of calls in one
// answer: the API allows 128 tools, and an answer never calls more.
constexpr size_t kMaxArgumentBytes = 1 << 20;
constexpr int64_t kMaxToolCalls = 128;

// A call's arguments as sent: "" stands for no arguments.
Result<OrderedJson> ArgumentsObject(std::string_view arguments, const std::string& where) {
  if (arguments.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return OrderedJson::object();
  auto j = ParseJson<OrderedJson>(arguments, where);
  if (!j.ok()) return j.status();
  if (!j->is_object()) return InvalidArgument(where + ": expected a JSON object");
  return j;
}

// Python truthiness, as the SDKs test `error`: false, 0, "", [] and {} are
// no error.
bool Truthy(const json& v) {
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0;
  if (v.is_string()) return !v.get_ref<const std::string&>().empty();
  return !v.empty();
}

// Errors the server sends mid-stream that a new request may not meet again.
bool StreamErrorRetryable(const OpenAiError& e) {
  return e.type == "server_error" || e.type == "rate_limit_error" ||
         e.code == "rate_limit_exceeded" || e.code == "server_error" ||
         e.type == "service_unavailable" || e.code == "overloaded";
}

// {"message","type","param","code"}: code and param may be a string, a
// number or null; anything else is ignored rather than trusted.
void ReadErrorObject(const json& err, OpenAiError* e) {
  const auto text = [](const json& obj, const char* key) -> std::string {
    const json* v = Get(obj, key);
    if (!v) return {};
    if (v->is_string()) return v->get<std::string>();
    if (v->is_number()) return Dump(*v);
    return {};
  };
  if (err.is_string()) {
    e->message = err.get<std::string>();
    return;
  }
  if (!err.is_object()) return;
  e->message = text(err, "message");
  e->type = text(err, "type");
  e->code = text(err, "code");
  e->param = text(err, "param");
}

// UTF-8 safe cut: never split a character between two deltas.
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

Result<std::string> ContentText(const json& content, const std::string& where) {
  if (content.is_null()) return std::string();
  if (content.is_string()) return content.get<std::string>();
  if (!content.is_array())
    return WrongType(where, "content", "a string or an array of parts", content);
  std::string out;
  for (const json& part : content) {
    if (!part.is_object()) return InvalidArgument(where + ": content: a part is not an object");
    std::string type, text;
    VOXDESK_RETURN_IF_ERROR(GetString(part, "type", where + ".content[]", &type));
    if (type != "text") continue;  // images, audio: not in a phone conversation
    VOXDESK_RETURN_IF_ERROR(GetString(part, "text", where + ".content[]", &text));
    out += text;
  }
  return out;
}

}  // namespace

// ------------------------------------------------------------ the request

Result<std::string> OpenAiChatRequestJson(const dialog::LlmRequest& request,
                                          const OpenAiChatOptions& options) {
  if (options.model.empty()) return InvalidArgument("openai chat request: the model is empty");
  if (request.messages.empty()) {
    return InvalidArgument("openai chat request: there are no messages");
  }
  if (options.max_completion_tokens && *options.max_completion_tokens <= 0) {
    return InvalidArgument("openai chat request: max_completion_tokens must be positive");
  }
  OrderedJson body = OrderedJson::object();
  body["model"] = options.model;
  OrderedJson messages = OrderedJson::array();
  for (size_t i = 0; i < request.messages.size(); ++i) {
    const LlmMessage& m = request.messages[i];
    const std::string where = "openai chat request: messages[" + std::to_string(i) + "]";
    OrderedJson msg = OrderedJson::object();
    switch (m.role) {
      case LlmMessage::Role::kSystem:
        msg["role"] = "system";
        msg["content"] = m.content;
        break;
      case LlmMessage::Role::kUser:
        msg["role"] = "user";
        msg["content"] = m.content;
        break;
      case LlmMessage::Role::kAssistant: {
        msg["role"] = "assistant";
        // An assistant turn that only calls tools has null content.
        if (m.content.empty() && !m.tool_calls.empty()) {
          msg["content"] = nullptr;
        } else {
          msg["content"] = m.content;
        }
        if (m.tool_calls.empty()) break;
        OrderedJson calls = OrderedJson::array();
        for (const ToolCall& c : m.tool_calls) {
          if (c.id.empty()) return InvalidArgument(where + ": a tool call has no id");
          if (!ValidToolName(c.name)) {
            return InvalidArgument(where + ": tool call name '" + Printable(c.name, 80) +
                                   "' is not 1-64 letters, digits, '_' or '-'");
          }
          auto args = ArgumentsObject(c.arguments, where + ": tool call " + c.name + " arguments");
          if (!args.ok()) return args.status();
          calls.push_back({{"id", c.id},
                           {"type", "function"},
                           {"function", {{"name", c.name}, {"arguments", Dump(*args)}}}});
        }
        msg["tool_calls"] = std::move(calls);
        break;
      }
      case LlmMessage::Role::kTool:
        if (m.tool_call_id.empty()) {
          return InvalidArgument(where + ": a tool result has no tool_call_id");
        }
        msg["role"] = "tool";
        msg["tool_call_id"] = m.tool_call_id;
        msg["content"] = m.content;
        break;
    }
    messages.push_back(std::move(msg));
  }
  body["messages"] = std::move(messages);
  if (!request.tools.empty()) {
    OrderedJson tools = OrderedJson::array();
    for (const dialog::ToolSpec& t : request.tools) {
      if (!ValidToolName(t.name)) {
        return InvalidArgument("openai chat request: tool name '" + Printable(t.name, 80) +
                               "' is not 1-64 letters, digits, '_' or '-'");
      }
      auto params = ParseJson<OrderedJson>(t.parameters,
                                           "openai chat request: tool " + t.name + ": parameters");
      if (!params.ok()) return params.status();
      if (!params->is_object()) {
        return InvalidArgument("openai chat request: tool " + t.name +
                               ": parameters must be a JSON Schema object, as text");
      }
      OrderedJson fn = OrderedJson::object();
      fn["name"] = t.name;
      if (!t.description.empty()) fn["description"] = t.description;
      fn["parameters"] = std::move(*params);
      tools.push_back({{"type", "function"}, {"function", std::move(fn)}});
    }
    body["tools"] = std::move(tools);
    if (options.parallel_tool_calls) body["parallel_tool_calls"] = *options.parallel_tool_calls;
  }
  if (options.send_temperature) body["temperature"] = request.temperature;
  if (options.max_completion_tokens) {
    body["max_completion_tokens"] = *options.max_completion_tokens;
  }
  if (options.user) body["user"] = *options.user;
  if (options.safety_identifier) body["safety_identifier"] = *options.safety_identifier;
  body["stream"] = options.stream;
  if (options.stream) body["stream_options"] = {{"include_usage", true}};
  return Dump(body);
}

// ------------------------------------------------------------ the streamed answer

Status OpenAiChatStream::Fail(Status s) {
  failed_ = true;
  return s;
}

Status OpenAiChatStream::OnData(std::string_view data, const Emit& emit) {
  if (failed_) return InvalidArgument("openai stream: already failed; start a new request");
  if (done_) return Fail(InvalidArgument("openai stream: data after [DONE]"));
  std::string_view trimmed = data;
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\n')) {
    trimmed.remove_suffix(1);
  }
  if (trimmed == "[DONE]") {
    // A server that ends without finish_reason still delivered its calls.
    if (!calls_flushed_) {
      Status s = FlushCalls(emit);
      if (!s.ok()) return Fail(std::move(s));
    }
    done_ = true;
    emit(LlmEvent{LlmEvent::Kind::kDone, {}, {}});
    return Status::Ok();
  }
  Status s = Chunk(data, emit);
  if (!s.ok()) return Fail(std::move(s));
  return Status::Ok();
}

Status OpenAiChatStream::Chunk(std::string_view data, const Emit& emit) {
  const std::string where = "openai stream chunk " + std::to_string(chunks_ + 1);
  auto parsed = ParseJson<json>(data, where);
  if (!parsed.ok()) return parsed.status();
  const json& chunk = *parsed;
  if (!chunk.is_object()) return InvalidArgument(where + ": expected a JSON object");
  ++chunks_;

  // The SDKs raise on any truthy `error`, whatever else the chunk holds.
  if (const json* err = Get(chunk, "error"); err && Truthy(*err)) {
    OpenAiError e;
    ReadErrorObject(*err, &e);
    if (e.message.empty()) e.message = "an error occurred during streaming";
    e.retryable = StreamErrorRetryable(e);
    error_ = e;
    return OpenAiErrorStatus(e);
  }

  if (id_.empty()) VOXDESK_RETURN_IF_ERROR(GetString(chunk, "id", where, &id_));
  if (model_.empty()) VOXDESK_RETURN_IF_ERROR(GetString(chunk, "model", where, &model_));
  if (const json* usage = Get(chunk, "usage")) {
    if (!usage->is_object()) return WrongType(where, "usage", "an object", *usage);
    VOXDESK_RETURN_IF_ERROR(GetCount(*usage, "prompt_tokens", where + ".usage", &prompt_tokens_));
    VOXDESK_RETURN_IF_ERROR(
        GetCount(*usage, "completion_tokens", where + ".usage", &completion_tokens_));
  }

  const json* choices = Get(chunk, "choices");
  if (!choices) return Status::Ok();
  if (!choices->is_array()) return WrongType(where, "choices", "an array", *choices);
  for (const json& choice : *choices) {
    if (!choice.is_object()) return InvalidArgument(where + ": choices: an entry is not an object");
    int64_t index = 0;
    VOXDESK_RETURN_IF_ERROR(GetCount(choice, "index", where + ".choices[]", &index));
    if (index != 0) continue;
    const std::string cw = where + ".choices[0]";
    if (const json* delta = Get(choice, "delta")) {
      if (!delta->is_object()) return WrongType(cw, "delta", "an object", *delta);
      const std::string dw = cw + ".delta";
      std::string content, refusal;
      VOXDESK_RETURN_IF_ERROR(GetString(*delta, "content", dw, &content));
      VOXDESK_RETURN_IF_ERROR(GetString(*delta, "refusal", dw, &refusal));
      if (!content.empty()) emit(LlmEvent{LlmEvent::Kind::kText, std::move(content), {}});
      if (!refusal.empty()) {
        // Spoken like text so the caller is not left in silence.
        refusal_ += refusal;
        emit(LlmEvent{LlmEvent::Kind::kText, std::move(refusal), {}});
      }
      if (const json* calls = Get(*delta, "tool_calls")) {
        if (!calls->is_array()) return WrongType(dw, "tool_calls", "an array", *calls);
        for (const json& frag : *calls) {
          const std::string fw = dw + ".tool_calls[]";
          if (!frag.is_object()) return InvalidArgument(fw + ": expected an object");
          if (calls_flushed_) {
            return InvalidArgument(fw + ": a tool call fragment after finish_reason");
          }
          const json* idx = Get(frag, "index");
          if (!idx) return InvalidArgument(fw + ": index is missing");
          int64_t i = -1;
          VOXDESK_RETURN_IF_ERROR(GetCount(frag, "index", fw, &i));
          if (i >= kMaxToolCalls) {
            return InvalidArgument(fw + ": index " + std::to_string(i) + " is beyond " +
                                   std::to_string(kMaxToolCalls - 1));
          }
          std::string type, id, name, arguments;
          VOXDESK_RETURN_IF_ERROR(GetString(frag, "type", fw, &type));
          if (!type.empty() && type != "function") {
            return InvalidArgument(fw + ": tool call type '" + Printable(type, 40) +
                                   "' is not supported (only function tools are sent)");
          }
          VOXDESK_RETURN_IF_ERROR(GetString(frag, "id", fw, &id));
          if (const json* fn = Get(frag, "function")) {
            if (!fn->is_object()) return WrongType(fw, "function", "an object", *fn);
            VOXDESK_RETURN_IF_ERROR(GetString(*fn, "name", fw + ".function", &name));
            VOXDESK_RETURN_IF_ERROR(GetString(*fn, "arguments", fw + ".function", &arguments));
          }
          PendingCall& call = calls_[static_cast<int>(i)];
          const std::string cn = "tool call " + std::to_string(i);
          // The id and name come in the first fragment; some compatible
          // servers repeat them, which is harmless when they agree.
          if (!id.empty()) {
            if (!call.id.empty() && call.id != id) {
              return InvalidArgument(fw + ": " + cn + " changed its id");
            }
            call.id = std::move(id);
          }
          if (!name.empty()) {
            if (!call.name.empty() && call.name != name) {
              return InvalidArgument(fw + ": " + cn + " changed its name");
            }
            call.name = std::move(name);
          }
          argument_bytes_ += arguments.size();
          if (argument_bytes_ > kMaxArgumentBytes) {
            return InvalidArgument(fw + ": tool call arguments exceed " +
                                   std::to_string(kMaxArgumentBytes) + " bytes in all");
          }
          call.arguments += arguments;
        }
      }
    }
    std::string finish;
    VOXDESK_RETURN_IF_ERROR(GetString(choice, "finish_reason", cw, &finish));
    if (!finish.empty()) {
      finish_reason_ = finish;
      if (!calls_flushed_) VOXDESK_RETURN_IF_ERROR(FlushCalls(emit));
    }
  }
  return Status::Ok();
}

Status OpenAiChatStream::FlushCalls(const Emit& emit) {
  calls_flushed_ = true;
  // Every call is checked before any is emitted: the agent never acts on
  // half of a parallel set.
  std::vector<ToolCall> out;
  for (auto& [index, call] : calls_) {
    const std::string cn = "openai stream: tool call " + std::to_string(index);
    if (call.id.empty()) return InvalidArgument(cn + " has no id");
    if (call.name.empty()) return InvalidArgument(cn + " has no function name");
    auto args =
        ArgumentsObject(call.arguments, cn + " (" + Printable(call.name, 64) + ") arguments");
    if (!args.ok()) {
      std::string m = args.status().message();
      if (finish_reason_ == "length") {
        m += " (the answer was cut at the token limit: raise max_completion_tokens)";
      }
      return InvalidArgument(std::move(m));
    }
    if (call.arguments.find_first_not_of(" \t\r\n") == std::string::npos) call.arguments = "{}";
    out.push_back(ToolCall{std::move(call.id), std::move(call.name), std::move(call.arguments)});
  }
  calls_.clear();
  for (ToolCall& c : out) emit(LlmEvent{LlmEvent::Kind::kToolCall, {}, std::move(c)});
  return Status::Ok();
}

// ------------------------------------------------------------ errors

bool OpenAiRetryableStatus(int http_status, std::string_view x_should_retry) {
  if (x_should_retry == "true") return true;
  if (x_should_retry == "false") return false;
  return http_status == 408 || http_status == 409 || http_status == 429 ||
         (http_status >= 500 && http_status <= 599);
}

OpenAiError ParseOpenAiError(int http_status, std::string_view body) {
  OpenAiError e;
  e.http_status = http_status;
  if (!NestedTooDeep(body)) {
    const json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_object()) {
      if (const json* err = Get(j, "error")) ReadErrorObject(*err, &e);
    }
  }
  if (e.message.empty()) {
    e.message = body.empty() ? "an empty body" : Printable(body);
  }
  e.retryable = OpenAiRetryableStatus(http_status) && e.type != "insufficient_quota" &&
                e.code != "insufficient_quota";
  return e;
}

Status OpenAiErrorStatus(const OpenAiError& e) {
  std::string m = "openai: ";
  m += e.http_status ? "HTTP " + std::to_string(e.http_status) : std::string("error in the stream");
  if (!e.type.empty()) m += " " + e.type;
  if (!e.code.empty() && e.code != e.type) m += " (" + e.code + ")";
  m += ": " + e.message;
  if (!e.param.empty()) m += " [param " + e.param + "]";
  if (e.http_status == 0 || e.retryable) return Unavailable(std::move(m));
  if (e.http_status == 401 || e.http_status == 403) {
    return ConfigError(std::move(m) + " (check the API key, organization and project)");
  }
  return InvalidArgument(std::move(m));
}

Status OpenAiErrorFromHttp(int http_status, std::string_view body) {
  return OpenAiErrorStatus(ParseOpenAiError(http_status, body));
}

// ------------------------------------------------------------ the server's side

std::vector<std::string> OpenAiChatStreamChunks(std::string_view text,
                                                const std::vector<ToolCall>& calls,
                                                const OpenAiChunkOptions& o) {
  std::vector<std::string> out;
  const auto chunk = [&](OrderedJson delta, OrderedJson finish) {
    OrderedJson c = OrderedJson::object();
    c["id"] = o.id;
    c["object"] = "chat.completion.chunk";
    c["created"] = o.created;
    c["model"] = o.model;
    c["system_fingerprint"] = "fp_fake";
    c["choices"] = OrderedJson::array({OrderedJson{{"index", 0},
                                                   {"delta", std::move(delta)},
                                                   {"logprobs", nullptr},
                                                   {"finish_reason", std::move(finish)}}});
    if (o.include_usage) c["usage"] = nullptr;
    out.push_back(Dump(c));
  };
  chunk({{"role", "assistant"}, {"content", ""}, {"refusal", nullptr}}, nullptr);
  for (std::string_view piece : Pieces(text, o.text_piece_bytes)) {
    chunk({{"content", piece}}, nullptr);
  }
  for (size_t i = 0; i < calls.size(); ++i) {
    const ToolCall& c = calls[i];
    chunk({{"tool_calls", OrderedJson::array(
                              {OrderedJson{{"index", i},
                                           {"id", c.id},
                                           {"type", "function"},
                                           {"function", {{"name", c.name}, {"arguments", ""}}}}})}},
          nullptr);
    const size_t pieces = o.argument_pieces == 0 ? 1 : o.argument_pieces;
    const size_t size = (c.arguments.size() + pieces - 1) / pieces;
    for (std::string_view piece : Pieces(c.arguments, size)) {
      chunk(
          {{"tool_calls",
            OrderedJson::array({OrderedJson{{"index", i}, {"function", {{"arguments", piece}}}}})}},
          nullptr);
    }
  }
  chunk(OrderedJson::object(), calls.empty() ? "stop" : "tool_calls");
  if (o.include_usage) {
    OrderedJson u = OrderedJson::object();
    u["id"] = o.id;
    u["object"] = "chat.completion.chunk";
    u["created"] = o.created;
    u["model"] = o.model;
    u["choices"] = OrderedJson::array();
    u["usage"] = {{"prompt_tokens", o.prompt_tokens},
                  {"completion_tokens", o.completion_tokens},
                  {"total_tokens", o.prompt_tokens + o.completion_tokens}};
    out.push_back(Dump(u));
  }
  out.push_back("[DONE]");
  return out;
}

std::string OpenAiStreamErrorChunk(std::string_view type, std::string_view message) {
  OrderedJson e = {{"message", message}, {"type", type}, {"param", nullptr}, {"code", nullptr}};
  return Dump(OrderedJson{{"error", std::move(e)}});
}

std::string OpenAiErrorBody(std::string_view type, std::string_view code,
                            std::string_view message) {
  OrderedJson e = {{"message", message}, {"type", type}, {"param", nullptr}};
  e["code"] = code.empty() ? OrderedJson(nullptr) : OrderedJson(code);
  return Dump(OrderedJson{{"error", std::move(e)}});
}

Result<ParsedChatRequest> ParseOpenAiChatRequest(std::string_view text) {
  const std::string where = "openai chat request";
  auto parsed = ParseJson<json>(text, where);
  if (!parsed.ok()) return parsed.status();
  const json& j = *parsed;
  if (!j.is_object()) return InvalidArgument(where + ": expected a JSON object");
  ParsedChatRequest r;
  VOXDESK_RETURN_IF_ERROR(GetString(j, "model", where, &r.model));
  if (r.model.empty()) return InvalidArgument(where + ": model is missing");
  if (const json* v = Get(j, "stream")) {
    if (!v->is_boolean()) return WrongType(where, "stream", "true or false", *v);
    r.stream = v->get<bool>();
  }
  if (const json* so = Get(j, "stream_options")) {
    if (!so->is_object()) return WrongType(where, "stream_options", "an object", *so);
    if (const json* v = Get(*so, "include_usage")) {
      if (!v->is_boolean()) return WrongType(where, "stream_options.include_usage", "a bool", *v);
      r.include_usage = v->get<bool>();
    }
  }
  for (const char* key : {"max_completion_tokens", "max_tokens"}) {
    if (r.max_completion_tokens || !Get(j, key)) continue;
    int64_t n = 0;
    VOXDESK_RETURN_IF_ERROR(GetCount(j, key, where, &n));
    r.max_completion_tokens = n;
  }
  if (const json* v = Get(j, "temperature")) {
    if (!v->is_number()) return WrongType(where, "temperature", "a number", *v);
    r.temperature = v->get<double>();
  }
  if (const json* v = Get(j, "parallel_tool_calls")) {
    if (!v->is_boolean()) return WrongType(where, "parallel_tool_calls", "true or false", *v);
    r.parallel_tool_calls = v->get<bool>();
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
    LlmMessage out;
    if (role == "system" || role == "developer") {
      out.role = LlmMessage::Role::kSystem;
    } else if (role == "user") {
      out.role = LlmMessage::Role::kUser;
    } else if (role == "assistant") {
      out.role = LlmMessage::Role::kAssistant;
    } else if (role == "tool") {
      out.role = LlmMessage::Role::kTool;
    } else {
      return InvalidArgument(mw + ": role '" + Printable(role, 40) + "' is not known");
    }
    if (auto it = m.find("content"); it != m.end()) {
      auto content = ContentText(*it, mw);
      if (!content.ok()) return content.status();
      out.content = std::move(*content);
    }
    if (out.role == LlmMessage::Role::kTool) {
      VOXDESK_RETURN_IF_ERROR(GetString(m, "tool_call_id", mw, &out.tool_call_id));
      if (out.tool_call_id.empty()) return InvalidArgument(mw + ": tool_call_id is missing");
    }
    if (const json* calls = Get(m, "tool_calls")) {
      if (out.role != LlmMessage::Role::kAssistant) {
        return InvalidArgument(mw + ": tool_calls on a " + role + " message");
      }
      if (!calls->is_array()) return WrongType(mw, "tool_calls", "an array", *calls);
      for (const json& c : *calls) {
        const std::string cw = mw + ".tool_calls[]";
        if (!c.is_object()) return InvalidArgument(cw + ": expected an object");
        ToolCall call;
        VOXDESK_RETURN_IF_ERROR(GetString(c, "id", cw, &call.id));
        const json* fn = Get(c, "function");
        if (!fn || !fn->is_object()) return InvalidArgument(cw + ": function object is missing");
        VOXDESK_RETURN_IF_ERROR(GetString(*fn, "name", cw + ".function", &call.name));
        VOXDESK_RETURN_IF_ERROR(GetString(*fn, "arguments", cw + ".function", &call.arguments));
        if (call.id.empty() || call.name.empty()) {
          return InvalidArgument(cw + ": id and function.name are required");
        }
        out.tool_calls.push_back(std::move(call));
      }
    }
    r.messages.push_back(std::move(out));
  }

  if (const json* tools = Get(j, "tools")) {
    if (!tools->is_array()) return WrongType(where, "tools", "an array", *tools);
    for (const json& t : *tools) {
      const std::string tw = where + ": tools[]";
      if (!t.is_object()) return InvalidArgument(tw + ": expected an object");
      std::string type;
      VOXDESK_RETURN_IF_ERROR(GetString(t, "type", tw, &type));
      if (type != "function") {
        return InvalidArgument(tw + ": type '" + Printable(type, 40) + "' is not function");
      }
      const json* fn = Get(t, "function");
      if (!fn || !fn->is_object()) return InvalidArgument(tw + ": function object is missing");
      dialog::ToolSpec spec;
      VOXDESK_RETURN_IF_ERROR(GetString(*fn, "name", tw + ".function", &spec.name));
      if (spec.name.empty()) return InvalidArgument(tw + ": function.name is missing");
      VOXDESK_RETURN_IF_ERROR(GetString(*fn, "description", tw + ".function", &spec.description));
      if (const json* p = Get(*fn, "parameters")) {
        if (!p->is_object()) return WrongType(tw + ".function", "parameters", "an object", *p);
        spec.parameters = Dump(*p);
      }
      r.tools.push_back(std::move(spec));
    }
  }
  return r;
}

}  // namespace voxdesk::providers
