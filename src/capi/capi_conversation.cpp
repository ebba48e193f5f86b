// voxdesk_conversation_* and voxdesk_simulate: the conversation engine
// through the C ABI.
#include <nlohmann/json.hpp>

#include "capi_internal.h"
#include "dialog/simulate.h"

using namespace voxdesk;
using namespace voxdesk::capi;

namespace {

std::string ReplyJson(const dialog::AgentReply& r) {
  nlohmann::json j = {{"text", r.text}, {"end_call", r.end_call}};
  if (!r.transfer_to.empty()) j["transfer_to"] = r.transfer_to;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

voxdesk_status Reply(const dialog::AgentReply& r, char** reply_json) {
  *reply_json = DupString(ReplyJson(r));
  if (!*reply_json) return Report(Status(Code::kNoMemory, "out of memory"));
  return VOXDESK_OK;
}

}  // namespace

namespace voxdesk::capi {

Status EnsureReceptionist(voxdesk_business* b) {
  if (b->receptionist) return Status::Ok();
  auto r = dialog::Receptionist::Create(b->config.business);
  if (!r) return r.status();
  b->receptionist = std::make_unique<dialog::Receptionist>(std::move(*r));
  return Status::Ok();
}

Result<std::string> CallerId(const char* caller_id) {
  std::string from = Str(caller_id);
  if (!from.empty() && !ValidateCustomer(Customer{"x", from, ""}).ok())
    return InvalidArgument("caller_id: \"" + from +
                           "\" is not an E.164 number (e.g. +15550001111)");
  return from;
}

std::string CallId(voxdesk_business* b, const char* call_id) {
  std::string id = Str(call_id);
  return id.empty() ? "call-" + b->ids->HoldId() : id;
}

}  // namespace voxdesk::capi

extern "C" {

VOXDESK_API voxdesk_status voxdesk_conversation_open(voxdesk_business* b, const char* call_id,
                                                     const char* caller_id,
                                                     voxdesk_conversation** out){
    VOXDESK_CAPI_GUARD({
      if (!out) return Report(InvalidArgument("out: must not be NULL"));
      *out = nullptr;
      if (!b) return Report(InvalidArgument("business: must not be NULL"));
      std::lock_guard lock(b->mu);
      auto from = CallerId(caller_id);
      if (!from) return Report(from.status());
      if (Status st = EnsureReceptionist(b); !st.ok()) return Report(st);
      auto c = std::make_unique<voxdesk_conversation>();
      c->business = b;
      c->conv = std::make_unique<dialog::Conversation>(*b->receptionist, *b->scheduler, *b->clock,
                                                       CallId(b, call_id), *from);
      ++b->open_conversations;
      *out = c.release();
      return VOXDESK_OK;
    })}

VOXDESK_API voxdesk_status
    voxdesk_conversation_start(voxdesk_conversation* c, char** reply_json){VOXDESK_CAPI_GUARD({
      if (!c || !reply_json)
        return Report(InvalidArgument("conversation and reply_json must not be NULL"));
      *reply_json = nullptr;
      std::lock_guard lock(c->business->mu);
      return Reply(c->conv->Start(), reply_json);
    })}

VOXDESK_API voxdesk_status voxdesk_conversation_turn(voxdesk_conversation* c, const char* utterance,
                                                     char** reply_json){VOXDESK_CAPI_GUARD({
  if (!c || !reply_json)
    return Report(InvalidArgument("conversation and reply_json must not be NULL"));
  *reply_json = nullptr;
  std::lock_guard lock(c->business->mu);
  return Reply(c->conv->OnCallerTurn(utterance ? utterance : ""), reply_json);
})}

VOXDESK_API voxdesk_status voxdesk_conversation_finish(voxdesk_conversation* c){VOXDESK_CAPI_GUARD({
  if (!c) return Report(InvalidArgument("conversation: must not be NULL"));
  std::lock_guard lock(c->business->mu);
  c->conv->Finish();
  return VOXDESK_OK;
})}

VOXDESK_API char* voxdesk_conversation_record_json(voxdesk_conversation* c) {
  try {
    ClearLastError();
    if (!c) {
      SetLastError("conversation: must not be NULL");
      return nullptr;
    }
    std::lock_guard lock(c->business->mu);
    return DupString(dialog::CallRecordJson(c->business->config.business, "", c->conv->record()));
  } catch (const std::exception& e) {
    SetLastError(std::string("internal error: ") + e.what());
    return nullptr;
  }
}

VOXDESK_API void voxdesk_conversation_close(voxdesk_conversation* c) {
  if (!c) return;
  try {
    std::lock_guard lock(c->business->mu);
    c->conv.reset();  // finishes the call: releases holds
    --c->business->open_conversations;
  } catch (...) {
    // Nothing can be reported from a void close; the handle is freed anyway.
  }
  delete c;
}

VOXDESK_API voxdesk_status voxdesk_simulate(voxdesk_business* b, const char* script_jsonl,
                                            char** out_jsonl) {
  VOXDESK_CAPI_GUARD({
    if (!b || !script_jsonl || !out_jsonl)
      return Report(InvalidArgument("business, script_jsonl and out_jsonl must not be NULL"));
    *out_jsonl = nullptr;
    std::lock_guard lock(b->mu);
    // Check every line first, so a bad line leaves the store untouched.
    std::vector<dialog::ScriptedCall> calls;
    std::string_view text(script_jsonl);
    int n = 0;
    while (!text.empty()) {
      const size_t nl = text.find('\n');
      const std::string_view line = text.substr(0, nl);
      text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      auto call = dialog::ParseScriptedCall(line);
      if (!call)
        return Report(
            InvalidArgument("script line " + std::to_string(n) + ": " + call.status().message()));
      calls.push_back(std::move(*call));
    }
    if (Status st = EnsureReceptionist(b); !st.ok()) return Report(st);
    // Its own virtual clock and scheduler on b's store; b's scheduler reloads after.
    VirtualClock clock(b->clock->Now());
    Scheduler scheduler(b->config.business, *b->store, clock, *b->ids);
    if (Status st = scheduler.Open(); !st.ok()) return Report(st);
    const auto start = std::chrono::time_point_cast<std::chrono::seconds>(b->clock->Now());
    std::string out;
    for (auto& call : calls) {
      if (!call.now) call.now = Instant{start.time_since_epoch()};
      const auto record = dialog::SimulateCall(*b->receptionist, scheduler, clock, call);
      out += dialog::CallRecordJson(b->config.business, call.id, record);
      out += '\n';
    }
    if (Status st = b->scheduler->Refresh(); !st.ok()) return Report(st);
    *out_jsonl = DupString(out);
    if (!*out_jsonl) return Report(Status(Code::kNoMemory, "out of memory"));
    return VOXDESK_OK;
  })
}

}  // extern "C"
