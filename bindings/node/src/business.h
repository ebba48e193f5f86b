// Business: one voxdesk_business handle, its jobs and its children.
//
// Lifetime rules (all bookkeeping on the JS thread):
// - every job counts in pending_; close() marks the business closed at once
//   (later calls throw "business is closed") but frees the handle only when
//   the last job has finished;
// - conversations and calls are children: they hold a strong reference to
//   the business object, and the business closes them before itself, since
//   the C handle must outlive them.
#pragma once

#include <set>

#include "common.h"

namespace vxn {

class Child {
 public:
  virtual ~Child() = default;
  // Stop accepting calls (the business is closing).
  virtual void MarkClosed() = 0;
  // Free the C handle now; no job of this child is running.
  virtual void CloseHandle() = 0;
};

class Business : public Napi::ObjectWrap<Business> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit Business(const Napi::CallbackInfo& info);
  ~Business() override;

  // The open handle, or throws "business is closed".
  voxdesk_business* Handle(Napi::Env env);
  void BeginJob() { ++pending_; }
  void EndJob();
  void Adopt(Child* c) { children_.insert(c); }
  void Disown(Child* c) { children_.erase(c); }

 private:
  static Napi::Value Open(const Napi::CallbackInfo& info);
  static Napi::Value OpenSync(const Napi::CallbackInfo& info);

  Napi::Value Slots(const Napi::CallbackInfo& info);
  Napi::Value SlotsSyncFunction(const Napi::CallbackInfo& info);
  static Napi::Value SlotsSync(const Napi::CallbackInfo& info);
  Napi::Value NextAvailable(const Napi::CallbackInfo& info);
  Napi::Value Book(const Napi::CallbackInfo& info);
  Napi::Value Cancel(const Napi::CallbackInfo& info);
  using BookingByIdFn = voxdesk_status (*)(voxdesk_business*, const char*, voxdesk_booking**);
  Napi::Value BookingById(const Napi::CallbackInfo& info, BookingByIdFn call);
  Napi::Value Reschedule(const Napi::CallbackInfo& info);
  Napi::Value GetBooking(const Napi::CallbackInfo& info);
  Napi::Value Ics(const Napi::CallbackInfo& info);
  Napi::Value Hold(const Napi::CallbackInfo& info);
  Napi::Value ReleaseHold(const Napi::CallbackInfo& info);
  Napi::Value Simulate(const Napi::CallbackInfo& info);
  Napi::Value Describe(const Napi::CallbackInfo& info);
  Napi::Value SetNow(const Napi::CallbackInfo& info);
  Napi::Value Id(const Napi::CallbackInfo& info);
  Napi::Value Timezone(const Napi::CallbackInfo& info);
  Napi::Value Warnings(const Napi::CallbackInfo& info);
  Napi::Value Closed(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);

  // Runs work off the JS thread as one of this business's jobs.
  Napi::Promise Run(Napi::Env env, std::function<voxdesk_status()> work,
                    std::function<Napi::Value(Napi::Env)> done);
  void FinalClose();

  voxdesk_business* b_ = nullptr;
  bool closing_ = false;
  int pending_ = 0;
  std::set<Child*> children_;
};

}  // namespace vxn
