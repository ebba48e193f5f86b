#include "business.h"

#include <memory>
#include <vector>

#include "job.h"

namespace vxn {
namespace {

struct OpenArgs {
  std::optional<std::string> config_json, config_path, db, now;
  uint64_t seed = 0;
  voxdesk_business* out = nullptr;

  voxdesk_status Open() {
    voxdesk_business_params p = voxdesk_business_default_params();
    p.config_json = CStr(config_json);
    p.config_path = CStr(config_path);
    p.db_path = CStr(db);
    p.now = CStr(now);
    p.seed = seed;
    return voxdesk_business_open(&p, &out);
  }
};

std::shared_ptr<OpenArgs> ReadOpenArgs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = Options(info[0], "options");
  auto a = std::make_shared<OpenArgs>();
  a->config_json = OptString(o.Get("configJson"), "config");
  a->config_path = OptString(o.Get("configPath"), "path");
  if (a->config_json.has_value() == a->config_path.has_value()) {
    throw Napi::TypeError::New(env, "give exactly one of a configuration path or JSON");
  }
  a->db = OptString(o.Get("db"), "options.db");
  a->now = OptTime(o.Get("now"), "options.now");
  Napi::Value seed = o.Get("seed");
  if (seed.IsBigInt()) {
    bool lossless = false;
    a->seed = seed.As<Napi::BigInt>().Uint64Value(&lossless);
    if (!lossless) throw Napi::RangeError::New(env, "options.seed must fit in 64 unsigned bits");
  } else if (auto s = OptInt(seed, "options.seed", 0, (int64_t{1} << 53) - 1)) {
    a->seed = static_cast<uint64_t>(*s);
  }
  return a;
}

Napi::Object Wrap(Napi::Env env, voxdesk_business* b) {
  try {
    return Data(env).business_ctor.New({Napi::External<voxdesk_business>::New(env, b)});
  } catch (...) {
    voxdesk_business_close(b);
    throw;
  }
}

// (service, staff, start, end, limit): index.js spreads the query object
// into arguments, as reading properties is far cheaper in JS than here, and
// passes Dates as their epoch milliseconds.
struct SlotText {
  ArgText service, staff, from, to;
  uint32_t limit = 0;

  explicit SlotText(const Napi::CallbackInfo& info) {
    service.ReadString(info[0], "query.service");
    if (!service.get()) throw Napi::TypeError::New(info.Env(), "query.service is required");
    staff.ReadString(info[1], "query.staff");
    from.ReadTime(info[2], "query.start");
    to.ReadTime(info[3], "query.end");
    if (auto l = OptIntFast(info[4], "query.limit", 0, UINT32_MAX)) {
      limit = static_cast<uint32_t>(*l);
    }
  }
};

voxdesk_slot_query MakeQuery(const char* service, const char* staff, const char* from,
                             const char* to, uint32_t limit) {
  // Initialised once: struct_size and any later fields keep their defaults.
  static const voxdesk_slot_query kDefault = voxdesk_slot_query_default();
  voxdesk_slot_query q = kDefault;
  q.service = service;
  q.staff = staff;
  q.from = from;
  q.to = to;
  q.limit = limit;
  return q;
}

// The Promise path's copy of the query, owned by the job.
struct SlotArgs {
  std::optional<std::string> service, staff, from, to;
  uint32_t limit = 0;
  SlotListPtr out;

  explicit SlotArgs(const SlotText& t)
      : service(t.service.Owned()),
        staff(t.staff.Owned()),
        from(t.from.Owned()),
        to(t.to.Owned()),
        limit(t.limit) {}

  voxdesk_status Query(voxdesk_business* b) {
    voxdesk_slot_query q = MakeQuery(CStr(service), CStr(staff), CStr(from), CStr(to), limit);
    voxdesk_slot_list* l = nullptr;
    voxdesk_status st = voxdesk_slots_query(b, &q, &l);
    out.reset(l);
    return st;
  }
};

// A booking-returning job's result holder.
struct BookingOut {
  BookingPtr out;
  voxdesk_booking* raw = nullptr;
  voxdesk_booking** Slot() { return &raw; }
  void Take() {
    out.reset(raw);
    raw = nullptr;
  }
};

}  // namespace

Napi::Function Business::Init(Napi::Env env) {
  Napi::Function f = DefineClass(env, "NativeBusiness",
                                 {StaticMethod<&Business::Open>("open"),
                                  StaticMethod<&Business::OpenSync>("openSync"),
                                  InstanceMethod<&Business::Slots>("slots"),
                                  InstanceMethod<&Business::SlotsSyncFunction>("slotsSyncFunction"),
                                  InstanceMethod<&Business::NextAvailable>("nextAvailable"),
                                  InstanceMethod<&Business::Book>("book"),
                                  InstanceMethod<&Business::Cancel>("cancel"),
                                  InstanceMethod<&Business::Reschedule>("reschedule"),
                                  InstanceMethod<&Business::GetBooking>("booking"),
                                  InstanceMethod<&Business::Ics>("ics"),
                                  InstanceMethod<&Business::Hold>("hold"),
                                  InstanceMethod<&Business::ReleaseHold>("releaseHold"),
                                  InstanceMethod<&Business::Simulate>("simulate"),
                                  InstanceMethod<&Business::Describe>("describe"),
                                  InstanceMethod<&Business::SetNow>("setNow"),
                                  InstanceMethod<&Business::Id>("id"),
                                  InstanceMethod<&Business::Timezone>("timezone"),
                                  InstanceMethod<&Business::Warnings>("warnings"),
                                  InstanceMethod<&Business::Closed>("closed"),
                                  InstanceMethod<&Business::Close>("close")});
  Data(env).business_ctor = Napi::Persistent(f);
  return f;
}

Business::Business(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Business>(info) {
  if (info.Length() != 1 || !info[0].IsExternal()) {
    throw Napi::TypeError::New(info.Env(), "use Business.fromFile() or Business.fromJson()");
  }
  b_ = info[0].As<Napi::External<voxdesk_business>>().Data();
}

Business::~Business() {
  // Reached by garbage collection or environment teardown: children may
  // still be open at teardown, and must close before the business.
  std::vector<Child*> kids(children_.begin(), children_.end());
  for (Child* c : kids) c->CloseHandle();
  voxdesk_business_close(b_);
}

voxdesk_business* Business::Handle(Napi::Env env) {
  if (closing_ || b_ == nullptr) throw ClosedError(env, "business");
  return b_;
}

void Business::EndJob() {
  --pending_;
  if (closing_ && pending_ == 0) FinalClose();
}

void Business::FinalClose() {
  std::vector<Child*> kids(children_.begin(), children_.end());
  for (Child* c : kids) c->CloseHandle();
  children_.clear();
  voxdesk_business_close(b_);
  b_ = nullptr;
}

Napi::Promise Business::Run(Napi::Env env, std::function<voxdesk_status()> work,
                            std::function<Napi::Value(Napi::Env)> done) {
  Handle(env);
  BeginJob();
  try {
    return Job::Start(Value(), std::move(work), std::move(done), [this] { EndJob(); });
  } catch (...) {
    EndJob();
    throw;
  }
}

Napi::Value Business::Open(const Napi::CallbackInfo& info) {
  auto a = ReadOpenArgs(info);
  Napi::Object keep = Napi::Object::New(info.Env());
  return Job::Start(
      keep, [a] { return a->Open(); },
      [a](Napi::Env env) -> Napi::Value {
        voxdesk_business* b = a->out;
        a->out = nullptr;
        return Wrap(env, b);
      },
      [] {});
}

Napi::Value Business::OpenSync(const Napi::CallbackInfo& info) {
  auto a = ReadOpenArgs(info);
  Check(info.Env(), a->Open());
  return Wrap(info.Env(), a->out);
}

Napi::Value Business::Slots(const Napi::CallbackInfo& info) {
  auto a = std::make_shared<SlotArgs>(SlotText(info));
  voxdesk_business* b = Handle(info.Env());
  return Run(
      info.Env(), [a, b] { return a->Query(b); },
      [a](Napi::Env env) -> Napi::Value { return PackSlots(env, a->out.get(), false); });
}

// slotsSync() as a function bound to this business, which index.js keeps:
// the business then comes from the function's data, where a method would
// pay napi_unwrap (a private-symbol lookup) on every call. The function
// holds the business object, so it can never outlive it.
Napi::Value Business::SlotsSyncFunction(const Napi::CallbackInfo& info) {
  Napi::Function f = Napi::Function::New<&Business::SlotsSync>(info.Env(), "slotsSync", this);
  f.DefineProperty(Napi::PropertyDescriptor::Value("business", Value()));
  return f;
}

// (service, staff, start, end, limit), as Slots().
Napi::Value Business::SlotsSync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Business* self = static_cast<Business*>(info.Data());
  SlotText t(info);
  voxdesk_slot_query q =
      MakeQuery(t.service.get(), t.staff.get(), t.from.get(), t.to.get(), t.limit);
  voxdesk_slot_list* l = nullptr;
  voxdesk_status st = voxdesk_slots_query(self->Handle(env), &q, &l);
  SlotListPtr list(l);
  Check(env, st);
  return PackSlots(env, list.get(), true);
}

Napi::Value Business::NextAvailable(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  struct Args {
    std::optional<std::string> service, staff, after;
    SlotListPtr out;
  };
  auto a = std::make_shared<Args>();
  Napi::Object o = Options(info[0], "query");
  a->service = OptString(o.Get("service"), "query.service");
  if (!a->service) throw Napi::TypeError::New(env, "query.service is required");
  a->staff = OptString(o.Get("staff"), "query.staff");
  a->after = OptTime(o.Get("after"), "query.after");
  voxdesk_business* b = Handle(env);
  return Run(
      env,
      [a, b] {
        voxdesk_slot_list* l = nullptr;
        voxdesk_status st =
            voxdesk_next_available(b, CStr(a->service), CStr(a->staff), CStr(a->after), &l);
        a->out.reset(l);
        return st;
      },
      [a](Napi::Env env) -> Napi::Value { return PackSlots(env, a->out.get(), false); });
}

Napi::Value Business::Book(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  struct Args {
    std::optional<std::string> service, staff, start, name, phone, email, key, hold;
    BookingOut res;
  };
  auto a = std::make_shared<Args>();
  if (!info[0].IsObject()) throw Napi::TypeError::New(env, "request must be an object");
  Napi::Object o = info[0].As<Napi::Object>();
  a->service = OptString(o.Get("service"), "request.service");
  a->staff = OptString(o.Get("staff"), "request.staff");
  a->start = OptTime(o.Get("start"), "request.start");
  a->name = OptString(o.Get("customerName"), "request.customerName");
  a->phone = OptString(o.Get("customerPhone"), "request.customerPhone");
  a->email = OptString(o.Get("customerEmail"), "request.customerEmail");
  a->key = OptString(o.Get("idempotencyKey"), "request.idempotencyKey");
  a->hold = OptString(o.Get("holdId"), "request.holdId");
  voxdesk_business* b = Handle(env);
  return Run(
      env,
      [a, b] {
        voxdesk_book_request r = voxdesk_book_request_default();
        r.service = CStr(a->service);
        r.staff = CStr(a->staff);
        r.start = CStr(a->start);
        r.customer_name = CStr(a->name);
        r.customer_phone = CStr(a->phone);
        r.customer_email = CStr(a->email);
        r.idempotency_key = CStr(a->key);
        r.hold_id = CStr(a->hold);
        voxdesk_status st = voxdesk_book(b, &r, a->res.Slot());
        a->res.Take();
        return st;
      },
      [a](Napi::Env env) -> Napi::Value { return BookingToJs(env, a->res.out.get()); });
}

// Cancel and GetBooking: a booking id in, the booking out.
Napi::Value Business::BookingById(const Napi::CallbackInfo& info, BookingByIdFn call) {
  Napi::Env env = info.Env();
  struct Args {
    std::string id;
    BookingOut res;
  };
  auto a = std::make_shared<Args>();
  a->id = String(info[0], "bookingId");
  voxdesk_business* b = Handle(env);
  return Run(
      env,
      [a, b, call] {
        voxdesk_status st = call(b, a->id.c_str(), a->res.Slot());
        a->res.Take();
        return st;
      },
      [a](Napi::Env env) -> Napi::Value { return BookingToJs(env, a->res.out.get()); });
}

Napi::Value Business::Cancel(const Napi::CallbackInfo& info) {
  return BookingById(info, voxdesk_cancel);
}

Napi::Value Business::Reschedule(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  struct Args {
    std::string id;
    std::optional<std::string> start, staff, key;
    BookingOut res;
  };
  auto a = std::make_shared<Args>();
  a->id = String(info[0], "bookingId");
  Napi::Object o = Options(info[1], "change");
  a->start = OptTime(o.Get("start"), "change.start");
  if (!a->start) throw Napi::TypeError::New(env, "change.start is required");
  a->staff = OptString(o.Get("staff"), "change.staff");
  a->key = OptString(o.Get("idempotencyKey"), "change.idempotencyKey");
  voxdesk_business* b = Handle(env);
  return Run(
      env,
      [a, b] {
        voxdesk_reschedule_request r = voxdesk_reschedule_request_default();
        r.booking_id = a->id.c_str();
        r.start = CStr(a->start);
        r.staff = CStr(a->staff);
        r.idempotency_key = CStr(a->key);
        voxdesk_status st = voxdesk_reschedule(b, &r, a->res.Slot());
        a->res.Take();
        return st;
      },
      [a](Napi::Env env) -> Napi::Value { return BookingToJs(env, a->res.out.get()); });
}

Napi::Value Business::GetBooking(const Napi::CallbackInfo& info) {
  return BookingById(info, voxdesk_booking_get);
}

Napi::Value Business::Ics(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  struct Args {
    std::string id;
    CharPtr ics;
  };
  auto a = std::make_shared<Args>();
  a->id = String(info[0], "bookingId");
  voxdesk_business* b = Handle(env);
  return Run(
      env,
      [a, b] {
        voxdesk_booking* bk = nullptr;
        voxdesk_status st = voxdesk_booking_get(b, a->id.c_str(), &bk);
        if (st != VOXDESK_OK) return st;
        a->ics.reset(voxdesk_booking_ics(b, bk));
        voxdesk_booking_free(bk);
        return a->ics ? VOXDESK_OK : VOXDESK_E_INTERNAL;
      },
      [a](Napi::Env env) -> Napi::Value { return Napi::String::New(env, a->ics.get()); });
}

Napi::Value Business::Hold(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  struct Args {
    std::optional<std::string> service, staff, start;
    int32_t ttl = 300;
    CharPtr id;
  };
  auto a = std::make_shared<Args>();
  if (!info[0].IsObject()) throw Napi::TypeError::New(env, "request must be an object");
  Napi::Object o = info[0].As<Napi::Object>();
  a->service = OptString(o.Get("service"), "request.service");
  a->staff = OptString(o.Get("staff"), "request.staff");
  a->start = OptTime(o.Get("start"), "request.start");
  if (auto t = OptInt(o.Get("ttlSeconds"), "request.ttlSeconds", 1, INT32_MAX)) {
    a->ttl = static_cast<int32_t>(*t);
  }
  voxdesk_business* b = Handle(env);
  return Run(
      env,
      [a, b] {
        char* id = nullptr;
        voxdesk_status st =
            voxdesk_hold_place(b, CStr(a->service), CStr(a->staff), CStr(a->start), a->ttl, &id);
        a->id.reset(id);
        return st;
      },
      [a](Napi::Env env) -> Napi::Value { return Napi::String::New(env, a->id.get()); });
}

Napi::Value Business::ReleaseHold(const Napi::CallbackInfo& info) {
  auto id = std::make_shared<std::string>(String(info[0], "holdId"));
  voxdesk_business* b = Handle(info.Env());
  return Run(
      info.Env(), [id, b] { return voxdesk_hold_release(b, id->c_str()); },
      [](Napi::Env env) -> Napi::Value { return env.Undefined(); });
}

Napi::Value Business::Simulate(const Napi::CallbackInfo& info) {
  struct Args {
    std::string script;
    CharPtr out;
  };
  auto a = std::make_shared<Args>();
  a->script = String(info[0], "script");
  voxdesk_business* b = Handle(info.Env());
  return Run(
      info.Env(),
      [a, b] {
        char* out = nullptr;
        voxdesk_status st = voxdesk_simulate(b, a->script.c_str(), &out);
        a->out.reset(out);
        return st;
      },
      [a](Napi::Env env) -> Napi::Value { return Napi::String::New(env, a->out.get()); });
}

Napi::Value Business::Describe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  CharPtr json(voxdesk_business_describe_json(Handle(env)));
  if (!json) throw StatusError(env, VOXDESK_E_INTERNAL, voxdesk_last_error());
  return Napi::String::New(env, json.get());
}

Napi::Value Business::SetNow(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto now = OptTime(info[0], "now");
  if (!now) throw Napi::TypeError::New(env, "now must be a Date or an RFC 3339 string");
  Check(env, voxdesk_business_set_now(Handle(env), now->c_str()));
  return env.Undefined();
}

Napi::Value Business::Id(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), voxdesk_business_id(Handle(info.Env())));
}

Napi::Value Business::Timezone(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), voxdesk_business_timezone(Handle(info.Env())));
}

Napi::Value Business::Warnings(const Napi::CallbackInfo& info) {
  voxdesk_business* b = Handle(info.Env());
  size_t n = voxdesk_business_warning_count(b);
  Napi::Array out = Napi::Array::New(info.Env(), n);
  for (size_t i = 0; i < n; ++i) {
    const char* w = voxdesk_business_warning(b, i);
    out.Set(static_cast<uint32_t>(i), Napi::String::New(info.Env(), w ? w : ""));
  }
  return out;
}

Napi::Value Business::Closed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), closing_ || b_ == nullptr);
}

Napi::Value Business::Close(const Napi::CallbackInfo& info) {
  if (!closing_ && b_ != nullptr) {
    closing_ = true;
    for (Child* c : children_) c->MarkClosed();
    if (pending_ == 0) FinalClose();
  }
  return info.Env().Undefined();
}

}  // namespace vxn
