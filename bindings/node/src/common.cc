#include "common.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace vxn {

InstanceData& Data(Napi::Env env) {
  return *env.GetInstanceData<InstanceData>();
}

Napi::Error StatusError(Napi::Env env, voxdesk_status status, const std::string& message) {
  InstanceData& d = Data(env);
  std::string text = message.empty() ? voxdesk_status_str(status) : message;
  if (d.make_error.IsEmpty()) return Napi::Error::New(env, text);
  Napi::Value e = d.make_error.Call(
      {env.Null(), Napi::Number::New(env, static_cast<int>(status)), Napi::String::New(env, text)});
  return Napi::Error(env, e);
}

Napi::Error ClosedError(Napi::Env env, const char* what) {
  InstanceData& d = Data(env);
  std::string text = std::string(what) + " is closed";
  if (d.make_error.IsEmpty()) return Napi::Error::New(env, text);
  Napi::Value e =
      d.make_error.Call({Napi::String::New(env, "CLOSED"), Napi::Number::New(env, VOXDESK_E_MISUSE),
                         Napi::String::New(env, text)});
  return Napi::Error(env, e);
}

void Check(Napi::Env env, voxdesk_status status) {
  if (status != VOXDESK_OK) throw StatusError(env, status, voxdesk_last_error());
}

// Each Is*() check is an N-API call; one typeof answers most of them.
static napi_valuetype TypeOf(const Napi::Value& v) {
  napi_valuetype t = napi_undefined;
  napi_status st = napi_typeof(v.Env(), v, &t);
  NAPI_THROW_IF_FAILED(v.Env(), st, napi_undefined);
  return t;
}

static bool Absent(napi_valuetype t) {
  return t == napi_undefined || t == napi_null;
}

// One N-API call for the short strings that make up nearly every argument
// (Napi::String::Utf8Value() always makes two).
static std::string Utf8(const Napi::Value& v) {
  char buf[128];
  size_t len = 0;
  napi_status st = napi_get_value_string_utf8(v.Env(), v, buf, sizeof buf, &len);
  NAPI_THROW_IF_FAILED(v.Env(), st, std::string());
  if (len + 1 < sizeof buf) return std::string(buf, len);
  return v.As<Napi::String>().Utf8Value();
}

// A value known to be a string; C would silently cut it at a NUL.
static std::string ReadString(const Napi::Value& v, const char* what) {
  std::string s = Utf8(v);
  if (s.find('\0') != std::string::npos) {
    throw Napi::TypeError::New(v.Env(), std::string(what) + " must not contain NUL characters");
  }
  return s;
}

std::string String(const Napi::Value& v, const char* what) {
  if (TypeOf(v) != napi_string) {
    throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a string");
  }
  return ReadString(v, what);
}

std::optional<std::string> OptString(const Napi::Value& v, const char* what) {
  napi_valuetype t = TypeOf(v);
  if (Absent(t)) return std::nullopt;
  if (t != napi_string)
    throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a string");
  return ReadString(v, what);
}

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
// civil_from_days): gmtime_r and strftime cost a large share of a query.
static void CivilFromDays(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

static void Digits(char* p, unsigned v, int n) {
  for (int i = n - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
}

// A Date's time value as UTC RFC 3339 into buf (at least 32 bytes).
static void FormatDate(const Napi::Value& v, double ms, const char* what, char* buf) {
  if (!std::isfinite(ms)) {
    throw Napi::TypeError::New(v.Env(), std::string(what) + " is an invalid Date");
  }
  // Whole seconds: voxdesk times are minute-grained, and sub-second
  // digits would only be one more thing for the parser to reject.
  int64_t secs = static_cast<int64_t>(std::floor(ms / 1000));
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t sod = secs - days * 86400;
  int64_t y = 0;
  unsigned mo = 0, d = 0;
  CivilFromDays(days, y, mo, d);
  if (y < 0 || y > 9999) {
    // Outside four digits, as strftime writes it; voxdesk refuses it anyway.
    std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return;
  }
  std::memcpy(buf, "0000-00-00T00:00:00Z", 21);
  Digits(buf, static_cast<unsigned>(y), 4);
  Digits(buf + 5, mo, 2);
  Digits(buf + 8, d, 2);
  Digits(buf + 11, static_cast<unsigned>(sod / 3600), 2);
  Digits(buf + 14, static_cast<unsigned>(sod / 60 % 60), 2);
  Digits(buf + 17, static_cast<unsigned>(sod % 60), 2);
}

std::optional<std::string> OptTime(const Napi::Value& v, const char* what) {
  napi_valuetype t = TypeOf(v);
  if (Absent(t)) return std::nullopt;
  if (t == napi_string) return ReadString(v, what);
  if (t == napi_object && v.IsDate()) {
    char buf[32];
    FormatDate(v, v.As<Napi::Date>().ValueOf(), what, buf);
    return std::string(buf);
  }
  if (!v.IsString()) {
    throw Napi::TypeError::New(v.Env(),
                               std::string(what) + " must be a Date or an RFC 3339 string");
  }
  return ReadString(v, what);
}

// UTF-16 then narrowed here: for the ASCII strings of nearly every call,
// V8 copies UTF-16 far faster than it encodes UTF-8.
bool ArgText::TryString(const Napi::Value& v, const char* what) {
  char16_t wide[sizeof buf_];
  size_t len = 0;
  if (napi_get_value_string_utf16(v.Env(), v, wide, sizeof buf_, &len) != napi_ok) return false;
  unsigned bits = 0;
  for (size_t i = 0; i < len; ++i) {
    bits |= wide[i];
    buf_[i] = static_cast<char>(wide[i]);
  }
  if (bits >= 0x80 || len + 1 >= sizeof buf_) {
    // Not ASCII, or maybe cut short.
    big_ = vxn::ReadString(v, what);
    p_ = big_.c_str();
    return true;
  }
  if (std::memchr(buf_, 0, len) != nullptr) {
    throw Napi::TypeError::New(v.Env(), std::string(what) + " must not contain NUL characters");
  }
  buf_[len] = 0;
  p_ = buf_;
  return true;
}

void ArgText::ReadString(const Napi::Value& v, const char* what) {
  p_ = nullptr;
  if (TryString(v, what)) return;
  if (Absent(TypeOf(v))) return;
  throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a string");
}

void ArgText::SetTime(const Napi::Value& v, double ms, const char* what) {
  FormatDate(v, ms, what, buf_);
  p_ = buf_;
}

void ArgText::ReadTime(const Napi::Value& v, const char* what) {
  p_ = nullptr;
  if (TryString(v, what)) return;
  double ms = 0;
  if (napi_get_value_double(v.Env(), v, &ms) == napi_ok) return SetTime(v, ms, what);
  napi_valuetype t = TypeOf(v);
  if (Absent(t)) return;
  if (t == napi_object && v.IsDate()) return SetTime(v, v.As<Napi::Date>().ValueOf(), what);
  throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a Date or an RFC 3339 string");
}

std::optional<int64_t> OptIntFast(const Napi::Value& v, const char* what, int64_t lo, int64_t hi) {
  double d = 0;
  if (napi_get_value_double(v.Env(), v, &d) == napi_ok && std::isfinite(d) && std::floor(d) == d &&
      d >= static_cast<double>(lo) && d <= static_cast<double>(hi)) {
    return static_cast<int64_t>(d);
  }
  return OptInt(v, what, lo, hi);
}

Napi::Object Options(const Napi::Value& v, const char* what) {
  if (v.IsUndefined() || v.IsNull()) return Napi::Object::New(v.Env());
  if (!v.IsObject() || v.IsArray() || v.IsFunction()) {
    throw Napi::TypeError::New(v.Env(), std::string(what) + " must be an object");
  }
  return v.As<Napi::Object>();
}

Napi::Value Prop(const Napi::Object& o, const char* key) {
  return o.Get(key);
}

std::optional<int64_t> OptInt(const Napi::Value& v, const char* what, int64_t lo, int64_t hi) {
  napi_valuetype t = TypeOf(v);
  if (Absent(t)) return std::nullopt;
  if (t != napi_number)
    throw Napi::TypeError::New(v.Env(), std::string(what) + " must be a number");
  double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || std::floor(d) != d || d < static_cast<double>(lo) ||
      d > static_cast<double>(hi)) {
    throw Napi::RangeError::New(v.Env(), std::string(what) + " must be an integer from " +
                                             std::to_string(lo) + " to " + std::to_string(hi));
  }
  return static_cast<int64_t>(d);
}

Napi::Float64Array SlotTimesView(Napi::Env env) {
  InstanceData& d = Data(env);
  // Room for long days of short slots; longer lists get their own array.
  constexpr size_t kSlots = 512;
  d.slot_times_mem.reset(new double[2 * kSlots]());
  napi_value ab = nullptr;
  napi_status st = napi_create_external_arraybuffer(
      env, d.slot_times_mem.get(), 2 * kSlots * sizeof(double), nullptr, nullptr, &ab);
  Napi::Float64Array view;
  if (st == napi_ok) {
    view = Napi::Float64Array::New(env, 2 * kSlots, Napi::ArrayBuffer(env, ab), 0);
  } else {
    // Runtimes that refuse external buffers: the view owns the memory, and
    // the reference below keeps it alive for the environment's life.
    d.slot_times_mem.reset();
    view = Napi::Float64Array::New(env, 2 * kSlots);
  }
  d.slot_times = view.Data();
  d.slot_times_cap = kSlots;
  d.slot_times_view = Napi::Persistent(view);
  return view;
}

Napi::Value PackSlots(Napi::Env env, const voxdesk_slot_list* list, bool shared) {
  // Reused: the synchronous path then makes no allocation of its own here.
  thread_local std::string out;
  out.clear();
  size_t n = voxdesk_slot_list_count(list);
  InstanceData& d = Data(env);
  Napi::Float64Array own;
  double* times = nullptr;
  if (shared && n <= d.slot_times_cap) {
    times = d.slot_times;
  } else {
    own = Napi::Float64Array::New(env, 2 * n);
    times = own.Data();
  }
  bool ascii = true;
  for (size_t i = 0; i < n; ++i) {
    voxdesk_slot s;
    if (voxdesk_slot_list_get(list, i, &s) != VOXDESK_OK) break;
    if (i) out += kSep;
    out.append(s.start).append(1, kSep).append(s.end).append(1, kSep);
    // RFC 3339 times are ASCII; staff ids need not be.
    for (const char* c = s.staff; *c; ++c) {
      ascii &= static_cast<unsigned char>(*c) < 0x80;
      out += *c;
    }
    times[2 * i] = static_cast<double>(s.start_unix);
    times[2 * i + 1] = static_cast<double>(s.end_unix);
  }
  napi_value str = nullptr;
  // Latin-1 is a plain copy; UTF-8 would be validated byte by byte.
  napi_status st = ascii ? napi_create_string_latin1(env, out.data(), out.size(), &str)
                         : napi_create_string_utf8(env, out.data(), out.size(), &str);
  NAPI_THROW_IF_FAILED(env, st, Napi::Value());
  if (own.IsEmpty()) return Napi::Value(env, str);
  Napi::Array pair = Napi::Array::New(env, 2);
  pair.Set(uint32_t{0}, Napi::Value(env, str));
  pair.Set(uint32_t{1}, own);
  return pair;
}

static Napi::Value StrOrNull(Napi::Env env, const char* s) {
  return s ? Napi::String::New(env, s) : env.Null();
}

Napi::Object BookingToJs(Napi::Env env, const voxdesk_booking* bk) {
  voxdesk_booking_info i = voxdesk_booking_info_of(bk);
  Napi::Object o = Napi::Object::New(env);
  o.Set("id", StrOrNull(env, i.id));
  o.Set("service", StrOrNull(env, i.service));
  o.Set("staff", StrOrNull(env, i.staff));
  o.Set("start", Napi::Date::New(env, static_cast<double>(i.start_unix) * 1000));
  o.Set("end", Napi::Date::New(env, static_cast<double>(i.end_unix) * 1000));
  o.Set("startIso", StrOrNull(env, i.start));
  o.Set("endIso", StrOrNull(env, i.end));
  o.Set("status", StrOrNull(env, i.status));
  o.Set("confirmationCode", StrOrNull(env, i.confirmation_code));
  o.Set("customerName", StrOrNull(env, i.customer_name));
  o.Set("customerPhone", StrOrNull(env, i.customer_phone));
  o.Set("customerEmail", i.customer_email && *i.customer_email
                             ? Napi::String::New(env, i.customer_email)
                             : env.Null());
  o.Set("sequence", Napi::Number::New(env, i.sequence));
  o.Set("replayed", Napi::Boolean::New(env, i.replayed != 0));
  return o;
}

}  // namespace vxn
