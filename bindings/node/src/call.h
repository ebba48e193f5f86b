// Call: one live call in audio (voxdesk_call). Every method is synchronous:
// a frame is 20 ms of audio and processing it costs far less than a
// thread hop. Events are taken with nextEvent() after each process() (see
// lib/call.js for why), so no JS runs while the business is locked.
#pragma once

#include "business.h"
#include "engines.h"

namespace vxn {

class Call : public Napi::ObjectWrap<Call>, public Child {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit Call(const Napi::CallbackInfo& info);
  ~Call() override;

  void MarkClosed() override { closing_ = true; }
  void CloseHandle() override;

 private:
  static Napi::Value Open(const Napi::CallbackInfo& info);
  Napi::Value FrameSamples(const Napi::CallbackInfo& info);
  Napi::Value Process(const Napi::CallbackInfo& info);
  Napi::Value NextEvent(const Napi::CallbackInfo& info);
  Napi::Value Dtmf(const Napi::CallbackInfo& info);
  Napi::Value Hangup(const Napi::CallbackInfo& info);
  Napi::Value Record(const Napi::CallbackInfo& info);
  Napi::Value WriteWav(const Napi::CallbackInfo& info);
  Napi::Value Closed(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);

  voxdesk_call* Handle(Napi::Env env);

  voxdesk_call* c_ = nullptr;
  size_t samples_ = 0;
  bool closing_ = false;
  Business* business_ = nullptr;
  Engines* engines_ = nullptr;
  Napi::ObjectReference business_ref_, engines_ref_;
};

}  // namespace vxn
