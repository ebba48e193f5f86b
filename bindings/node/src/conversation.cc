#include "conversation.h"

#include "job.h"

namespace vxn {

Napi::Function Conversation::Init(Napi::Env env) {
  Napi::Function f = DefineClass(
      env, "NativeConversation",
      {StaticMethod<&Conversation::Open>("open"), InstanceMethod<&Conversation::Start>("start"),
       InstanceMethod<&Conversation::Turn>("turn"), InstanceMethod<&Conversation::Finish>("finish"),
       InstanceMethod<&Conversation::Record>("record"),
       InstanceMethod<&Conversation::Closed>("closed"),
       InstanceMethod<&Conversation::Close>("close")});
  Data(env).conversation_ctor = Napi::Persistent(f);
  return f;
}

// open(business, {callId, callerId})
Napi::Value Conversation::Open(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsObject() ||
      !info[0].As<Napi::Object>().InstanceOf(Data(env).business_ctor.Value())) {
    throw Napi::TypeError::New(env, "business must be a Business");
  }
  Business* biz = Business::Unwrap(info[0].As<Napi::Object>());
  Napi::Object o = Options(info[1], "options");
  auto call_id = OptString(o.Get("callId"), "options.callId");
  auto caller_id = OptString(o.Get("callerId"), "options.callerId");
  voxdesk_conversation* c = nullptr;
  Check(env, voxdesk_conversation_open(biz->Handle(env), CStr(call_id), CStr(caller_id), &c));
  try {
    return Data(env).conversation_ctor.New(
        {Napi::External<voxdesk_conversation>::New(env, c), info[0]});
  } catch (...) {
    voxdesk_conversation_close(c);
    throw;
  }
}

Conversation::Conversation(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Conversation>(info) {
  if (info.Length() != 2 || !info[0].IsExternal() || !info[1].IsObject()) {
    throw Napi::TypeError::New(info.Env(), "use business.conversation()");
  }
  c_ = info[0].As<Napi::External<voxdesk_conversation>>().Data();
  owner_ = Business::Unwrap(info[1].As<Napi::Object>());
  owner_ref_ = Napi::Persistent(info[1].As<Napi::Object>());
  owner_->Adopt(this);
}

Conversation::~Conversation() {
  CloseHandle();
}

void Conversation::CloseHandle() {
  if (c_ == nullptr) return;
  voxdesk_conversation_close(c_);
  c_ = nullptr;
  closing_ = true;
  if (owner_ != nullptr) owner_->Disown(this);
  owner_ = nullptr;
  owner_ref_.Reset();
}

voxdesk_conversation* Conversation::Handle(Napi::Env env) {
  if (closing_ || c_ == nullptr) throw ClosedError(env, "conversation");
  return c_;
}

Napi::Promise Conversation::Run(Napi::Env env, std::function<voxdesk_status()> work,
                                std::function<Napi::Value(Napi::Env)> done) {
  Handle(env);
  ++pending_;
  owner_->BeginJob();
  return Job::Start(Value(), std::move(work), std::move(done), [this] { EndJob(); });
}

void Conversation::EndJob() {
  Business* owner = owner_;
  --pending_;
  // A deferred close of this conversation goes first: the business may be
  // waiting on this very job to close itself.
  if (closing_ && pending_ == 0) CloseHandle();
  owner->EndJob();
}

static Napi::Value ReplyValue(Napi::Env env, const CharPtr& reply) {
  return Napi::String::New(env, reply.get());
}

Napi::Value Conversation::Start(const Napi::CallbackInfo& info) {
  voxdesk_conversation* c = Handle(info.Env());
  auto reply = std::make_shared<CharPtr>();
  return Run(
      info.Env(),
      [c, reply] {
        char* r = nullptr;
        voxdesk_status st = voxdesk_conversation_start(c, &r);
        reply->reset(r);
        return st;
      },
      [reply](Napi::Env env) { return ReplyValue(env, *reply); });
}

Napi::Value Conversation::Turn(const Napi::CallbackInfo& info) {
  auto text = std::make_shared<std::string>(OptString(info[0], "utterance").value_or(""));
  voxdesk_conversation* c = Handle(info.Env());
  auto reply = std::make_shared<CharPtr>();
  return Run(
      info.Env(),
      [c, text, reply] {
        char* r = nullptr;
        voxdesk_status st = voxdesk_conversation_turn(c, text->c_str(), &r);
        reply->reset(r);
        return st;
      },
      [reply](Napi::Env env) { return ReplyValue(env, *reply); });
}

Napi::Value Conversation::Finish(const Napi::CallbackInfo& info) {
  voxdesk_conversation* c = Handle(info.Env());
  return Run(
      info.Env(), [c] { return voxdesk_conversation_finish(c); },
      [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
}

Napi::Value Conversation::Record(const Napi::CallbackInfo& info) {
  voxdesk_conversation* c = Handle(info.Env());
  auto rec = std::make_shared<CharPtr>();
  return Run(
      info.Env(),
      [c, rec] {
        rec->reset(voxdesk_conversation_record_json(c));
        return *rec ? VOXDESK_OK : VOXDESK_E_INTERNAL;
      },
      [rec](Napi::Env env) { return ReplyValue(env, *rec); });
}

Napi::Value Conversation::Closed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), closing_ || c_ == nullptr);
}

Napi::Value Conversation::Close(const Napi::CallbackInfo& info) {
  closing_ = true;
  if (pending_ == 0) CloseHandle();
  return info.Env().Undefined();
}

}  // namespace vxn
