#include "call.h"

#include <cstring>

namespace vxn {

Napi::Function Call::Init(Napi::Env env) {
  Napi::Function f = DefineClass(
      env, "NativeCall",
      {StaticMethod<&Call::Open>("open"), InstanceMethod<&Call::FrameSamples>("frameSamples"),
       InstanceMethod<&Call::Process>("process"), InstanceMethod<&Call::NextEvent>("nextEvent"),
       InstanceMethod<&Call::Dtmf>("dtmf"), InstanceMethod<&Call::Hangup>("hangup"),
       InstanceMethod<&Call::Record>("record"), InstanceMethod<&Call::WriteWav>("writeWav"),
       InstanceMethod<&Call::Closed>("closed"), InstanceMethod<&Call::Close>("close")});
  Data(env).call_ctor = Napi::Persistent(f);
  return f;
}

// open(business, engines, options)
Napi::Value Call::Open(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  InstanceData& d = Data(env);
  if (!info[0].IsObject() || !info[0].As<Napi::Object>().InstanceOf(d.business_ctor.Value())) {
    throw Napi::TypeError::New(env, "business must be a Business");
  }
  if (!info[1].IsObject() || !info[1].As<Napi::Object>().InstanceOf(d.engines_ctor.Value())) {
    throw Napi::TypeError::New(env, "engines must be Engines (from Engines.embedded())");
  }
  Napi::Object o = Options(info[2], "options");
  auto call_id = OptString(o.Get("callId"), "options.callId");
  auto caller_id = OptString(o.Get("callerId"), "options.callerId");
  auto notice = OptString(o.Get("recordingNotice"), "options.recordingNotice");
  auto outbox = OptString(o.Get("outboxDir"), "options.outboxDir");
  voxdesk_call_params p = voxdesk_call_default_params();
  if (auto r = OptInt(o.Get("sampleRate"), "options.sampleRate", 8000, 16000)) {
    if (*r != 8000 && *r != 16000) {
      throw Napi::RangeError::New(env, "options.sampleRate must be 8000 or 16000");
    }
    p.sample_rate = int32_t(*r);
  }
  if (auto v = OptInt(o.Get("endOfTurnMs"), "options.endOfTurnMs", 1, 60000))
    p.end_of_turn_ms = int32_t(*v);
  if (auto v = OptInt(o.Get("bargeInMs"), "options.bargeInMs", 1, 60000))
    p.barge_in_ms = int32_t(*v);
  if (auto v = OptInt(o.Get("noInputMs"), "options.noInputMs", 1, 600000))
    p.no_input_ms = int32_t(*v);
  Napi::Value rec = o.Get("record");
  if (!rec.IsUndefined() && !rec.IsNull()) {
    if (!rec.IsBoolean()) throw Napi::TypeError::New(env, "options.record must be a boolean");
    p.record = rec.As<Napi::Boolean>().Value() ? 1 : 0;
  }
  p.recording_notice = CStr(notice);
  p.outbox_dir = CStr(outbox);

  Business* biz = Business::Unwrap(info[0].As<Napi::Object>());
  Engines* eng = Engines::Unwrap(info[1].As<Napi::Object>());
  voxdesk_call* c = nullptr;
  Check(env, voxdesk_call_open(biz->Handle(env), eng->Handle(env), CStr(call_id), CStr(caller_id),
                               &p, &c));
  try {
    return d.call_ctor.New({Napi::External<voxdesk_call>::New(env, c), info[0], info[1]});
  } catch (...) {
    voxdesk_call_close(c);
    throw;
  }
}

Call::Call(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Call>(info) {
  if (info.Length() != 3 || !info[0].IsExternal() || !info[1].IsObject() || !info[2].IsObject()) {
    throw Napi::TypeError::New(info.Env(), "use business.call()");
  }
  c_ = info[0].As<Napi::External<voxdesk_call>>().Data();
  samples_ = voxdesk_call_frame_samples(c_);
  business_ = Business::Unwrap(info[1].As<Napi::Object>());
  engines_ = Engines::Unwrap(info[2].As<Napi::Object>());
  business_ref_ = Napi::Persistent(info[1].As<Napi::Object>());
  engines_ref_ = Napi::Persistent(info[2].As<Napi::Object>());
  business_->Adopt(this);
  engines_->Adopt(this);
}

Call::~Call() {
  CloseHandle();
}

void Call::CloseHandle() {
  if (c_ == nullptr) return;
  voxdesk_call_close(c_);
  c_ = nullptr;
  closing_ = true;
  if (business_ != nullptr) business_->Disown(this);
  if (engines_ != nullptr) engines_->Disown(this);
  business_ = nullptr;
  engines_ = nullptr;
  business_ref_.Reset();
  engines_ref_.Reset();
}

voxdesk_call* Call::Handle(Napi::Env env) {
  if (closing_ || c_ == nullptr) throw ClosedError(env, "call");
  return c_;
}

Napi::Value Call::FrameSamples(const Napi::CallbackInfo& info) {
  Handle(info.Env());
  return Napi::Number::New(info.Env(), double(samples_));
}

static int16_t* Frame(const Napi::Value& v, size_t samples, const char* what) {
  Napi::Env env = v.Env();
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_int16_array) {
    throw Napi::TypeError::New(env, std::string(what) + " must be an Int16Array");
  }
  Napi::Int16Array a = v.As<Napi::Int16Array>();
  if (a.ElementLength() != samples) {
    throw Napi::RangeError::New(
        env, std::string(what) + " must hold exactly " + std::to_string(samples) +
                 " samples (one 20 ms frame), not " + std::to_string(a.ElementLength()));
  }
  return a.Data();
}

// process(input: Int16Array | null, output: Int16Array) -> live
Napi::Value Call::Process(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  voxdesk_call* c = Handle(env);
  const int16_t* in = nullptr;
  if (!info[0].IsNull() && !info[0].IsUndefined()) in = Frame(info[0], samples_, "frame");
  int16_t* out = Frame(info[1], samples_, "output");
  // A frame aliasing the output would be overwritten while being read.
  if (in != nullptr && in == out) throw Napi::TypeError::New(env, "frame and output must differ");
  int live = 0;
  Check(env, voxdesk_call_process(c, in, out, samples_, &live));
  return Napi::Boolean::New(env, live != 0);
}

Napi::Value Call::NextEvent(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  char* ev = nullptr;
  Check(env, voxdesk_call_next_event(Handle(env), &ev));
  if (ev == nullptr) return env.Null();
  CharPtr owned(ev);
  return Napi::String::New(env, ev);
}

Napi::Value Call::Dtmf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string d = String(info[0], "digit");
  if (d.size() != 1 || std::strchr("0123456789*#ABCD", d[0]) == nullptr) {
    throw Napi::RangeError::New(env, "digit must be one of 0-9 * # A-D");
  }
  Check(env, voxdesk_call_dtmf(Handle(env), d[0]));
  return env.Undefined();
}

Napi::Value Call::Hangup(const Napi::CallbackInfo& info) {
  Check(info.Env(), voxdesk_call_hangup(Handle(info.Env())));
  return info.Env().Undefined();
}

Napi::Value Call::Record(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CharPtr rec(voxdesk_call_record_json(Handle(env)));
  if (!rec) throw StatusError(env, VOXDESK_E_INTERNAL, voxdesk_last_error());
  return Napi::String::New(env, rec.get());
}

Napi::Value Call::WriteWav(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string path = String(info[0], "path");
  Check(env, voxdesk_call_write_wav(Handle(env), path.c_str()));
  return env.Undefined();
}

Napi::Value Call::Closed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), closing_ || c_ == nullptr);
}

Napi::Value Call::Close(const Napi::CallbackInfo& info) {
  CloseHandle();
  return info.Env().Undefined();
}

}  // namespace vxn
