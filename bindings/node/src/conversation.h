// Conversation: one text conversation (voxdesk_conversation) on a business.
// Its jobs count as the business's jobs too, so neither handle is freed
// under a running turn.
#pragma once

#include "business.h"

namespace vxn {

class Conversation : public Napi::ObjectWrap<Conversation>, public Child {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit Conversation(const Napi::CallbackInfo& info);
  ~Conversation() override;

  void MarkClosed() override { closing_ = true; }
  void CloseHandle() override;

 private:
  static Napi::Value Open(const Napi::CallbackInfo& info);
  Napi::Value Start(const Napi::CallbackInfo& info);
  Napi::Value Turn(const Napi::CallbackInfo& info);
  Napi::Value Finish(const Napi::CallbackInfo& info);
  Napi::Value Record(const Napi::CallbackInfo& info);
  Napi::Value Closed(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);

  voxdesk_conversation* Handle(Napi::Env env);
  Napi::Promise Run(Napi::Env env, std::function<voxdesk_status()> work,
                    std::function<Napi::Value(Napi::Env)> done);
  void EndJob();

  voxdesk_conversation* c_ = nullptr;
  Business* owner_ = nullptr;
  Napi::ObjectReference owner_ref_;
  bool closing_ = false;
  int pending_ = 0;
};

}  // namespace vxn
