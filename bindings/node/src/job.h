// A promise-returning unit of work on the libuv thread pool.
//
// The work touches only C handles and plain C++ data (never JS values); the
// JS objects it uses are kept alive by a reference the job holds, and
// `finish` (on the JS thread, always) lets the owner run a deferred close
// once its last job is done, so close() never frees a handle under a job.
#pragma once

#include <functional>
#include <string>

#include "common.h"

namespace vxn {

class Job : public Napi::AsyncWorker {
 public:
  using Work = std::function<voxdesk_status()>;
  using Done = std::function<Napi::Value(Napi::Env)>;
  using Finish = std::function<void()>;

  static Napi::Promise Start(Napi::Object keep_alive, Work work, Done done, Finish finish) {
    auto* job = new Job(keep_alive, std::move(work), std::move(done), std::move(finish));
    Napi::Promise p = job->deferred_.Promise();
    job->Queue();
    return p;
  }

 private:
  Job(Napi::Object keep_alive, Work work, Done done, Finish finish)
      : Napi::AsyncWorker(keep_alive.Env(), "voxdesk"),
        keep_alive_(Napi::Persistent(keep_alive)),
        deferred_(Napi::Promise::Deferred::New(keep_alive.Env())),
        work_(std::move(work)),
        done_(std::move(done)),
        finish_(std::move(finish)) {}

  void Execute() override {
    status_ = work_();
    // voxdesk_last_error() is per thread: read it on the thread that failed.
    if (status_ != VOXDESK_OK) message_ = voxdesk_last_error();
  }

  void OnOK() override {
    Napi::Env env = Env();
    Napi::HandleScope scope(env);
    Napi::Value result;
    Napi::Value error;
    try {
      if (status_ == VOXDESK_OK) {
        result = done_(env);
      } else {
        error = StatusError(env, status_, message_).Value();
      }
    } catch (const Napi::Error& e) {
      error = e.Value();
    }
    finish_();
    if (error.IsEmpty()) {
      deferred_.Resolve(result);
    } else {
      deferred_.Reject(error);
    }
  }

  void OnError(const Napi::Error& e) override {
    finish_();
    deferred_.Reject(e.Value());
  }

  Napi::ObjectReference keep_alive_;
  Napi::Promise::Deferred deferred_;
  Work work_;
  Done done_;
  Finish finish_;
  voxdesk_status status_ = VOXDESK_OK;
  std::string message_;
};

}  // namespace vxn
