// Engines: the embedded speech engines, shared by any number of calls. A
// call holds a strong reference to its engines; close() while calls are
// open defers freeing the handle until the last of them closes.
#pragma once

#include <set>

#include "business.h"

namespace vxn {

class Engines : public Napi::ObjectWrap<Engines> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit Engines(const Napi::CallbackInfo& info);
  ~Engines() override;

  voxdesk_engines* Handle(Napi::Env env);
  void Adopt(Child* c) { calls_.insert(c); }
  void Disown(Child* c);

 private:
  static Napi::Value Open(const Napi::CallbackInfo& info);
  Napi::Value Closed(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);

  voxdesk_engines* e_ = nullptr;
  bool closing_ = false;
  std::set<Child*> calls_;
};

}  // namespace vxn
