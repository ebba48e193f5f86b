#include "schedule/scheduler.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace voxdesk {
namespace {

using std::chrono::minutes;

std::string Fingerprint(const std::string& service, const std::string& staff, Instant start,
                        const Customer& c) {
  nlohmann::json j = {
      {"service", service}, {"staff", staff},   {"start", start.time_since_epoch().count()},
      {"name", c.name},     {"phone", c.phone}, {"email", c.email}};
  return j.dump();
}

}  // namespace

Scheduler::Scheduler(const Business& business, Store& store, const Clock& clock, IdGenerator& ids)
    : business_(business),
      store_(store),
      clock_(clock),
      ids_(ids),
      availability_(business),
      static_busy_(business),
      busy_(business) {}

Status Scheduler::Open() {
  std::vector<BookingRecord> seed;
  for (const auto& cb : business_.bookings) {
    const Service* s = business_.FindService(cb.service);
    if (!s) continue;  // the config loader rejects this; stay safe anyway
    BookingRecord r;
    r.business_id = business_.id;
    r.id = cb.id;
    r.service = cb.service;
    r.staff = cb.staff;
    r.staff_requested = true;
    r.start = cb.start;
    r.end = cb.start + minutes{s->duration_min};
    r.buffer_before_min = s->buffer_before_min;
    r.buffer_after_min = s->buffer_after_min;
    r.customer = cb.customer;
    r.source = "config";
    r.created_at = r.updated_at = Now();
    seed.push_back(std::move(r));
  }
  VOXDESK_RETURN_IF_ERROR(store_.ImportConfigBookings(seed));
  return Refresh();
}

Status Scheduler::Refresh() {
  const Instant now = Now();
  auto changes = store_.ExternalChanges();
  if (!changes) return changes.status();
  seen_changes_ = *changes;
  auto bookings = store_.LiveBookings(business_.id);
  if (!bookings) return bookings.status();
  auto holds = store_.LiveHolds(business_.id, now);
  if (!holds) return holds.status();
  busy_.Reset(*bookings, *holds);
  holds_.clear();
  for (const auto& h : *holds) holds_.emplace(h.id, h);
  next_hold_expiry_.reset();
  for (const auto& h : *holds)
    if (!next_hold_expiry_ || h.expires_at < *next_hold_expiry_) next_hold_expiry_ = h.expires_at;
  loaded_ = true;
  return Status::Ok();
}

Status Scheduler::RefreshIfStale() {
  auto changes = store_.ExternalChanges();
  if (!changes) return changes.status();
  if (!loaded_ || *changes != seen_changes_ || (next_hold_expiry_ && Now() >= *next_hold_expiry_))
    return Refresh();
  return Status::Ok();
}

Result<std::vector<Slot>> Scheduler::Slots(const SlotQuery& q) {
  VOXDESK_RETURN_IF_ERROR(RefreshIfStale());
  return availability_.Query(q, Now(), busy_);
}

Result<std::optional<Slot>> Scheduler::NextAvailable(const std::string& service,
                                                     const std::string& staff, Instant after) {
  VOXDESK_RETURN_IF_ERROR(RefreshIfStale());
  return availability_.NextAvailable(service, staff, after, Now(), busy_);
}

// Staff who could take `start` by the static rules, in order of preference;
// kSlotUnavailable, with the first reason, when nobody could.
Result<std::vector<std::string>> Scheduler::Candidates(const Service& service,
                                                       const std::string& staff, Instant start) {
  std::vector<size_t> pool;
  const auto& qualified = availability_.QualifiedStaff(service);
  if (!staff.empty()) {
    const Staff* p = business_.FindStaff(staff);
    if (!p) return NotFound("unknown staff \"" + staff + "\"");
    const size_t idx = static_cast<size_t>(p - business_.staff.data());
    if (std::find(qualified.begin(), qualified.end(), idx) == qualified.end())
      return InvalidArgument("staff \"" + staff + "\" does not perform service \"" + service.id +
                             "\"");
    pool = {idx};
  } else {
    pool = qualified;
  }
  std::vector<std::string> out;
  std::string why_not;
  const Instant now = Now();
  for (size_t idx : pool) {
    Status st = availability_.Check(service, idx, start, now, static_busy_);
    if (st.ok())
      out.push_back(business_.staff[idx].id);
    else if (why_not.empty())
      why_not = st.message();
  }
  if (out.empty()) return SlotUnavailable(FormatRfc3339(start, *business_.zone) + " " + why_not);
  return out;
}

Result<BookOutcome> Scheduler::Book(const BookingInput& in) {
  const Service* service = business_.FindService(in.service);
  if (!service) return NotFound("unknown service \"" + in.service + "\"");
  VOXDESK_RETURN_IF_ERROR(ValidateCustomer(in.customer));
  const std::string fp = Fingerprint(in.service, in.staff, in.start, in.customer);
  if (!in.idempotency_key.empty()) {
    // A replay must succeed even once the slot has passed or filled up.
    auto prior = store_.FindByIdempotencyKey(business_.id, in.idempotency_key);
    if (!prior) return prior.status();
    if (*prior) {
      if (prior->value().fingerprint != fp)
        return Conflict("idempotency key \"" + in.idempotency_key +
                        "\" was already used for a different booking request");
      return BookOutcome{std::move(prior->value().booking), true};
    }
  }
  auto candidates = Candidates(*service, in.staff, in.start);
  if (!candidates) return candidates.status();

  BookRequest req;
  req.business_id = business_.id;
  req.service = service->id;
  req.staff_candidates = std::move(*candidates);
  req.staff_requested = !in.staff.empty();
  req.start = in.start;
  req.end = in.start + minutes{service->duration_min};
  req.buffer_before_min = service->buffer_before_min;
  req.buffer_after_min = service->buffer_after_min;
  req.customer = in.customer;
  req.idempotency_key = in.idempotency_key;
  req.fingerprint = fp;
  req.hold_id = in.hold_id;
  auto out = store_.Book(req, Now(), ids_);
  if (!out) return out.status();
  if (log_ && !out->replayed)
    log_->Info("booking.created", {{"business", business_.id},
                                   {"booking_id", out->booking.id},
                                   {"staff", out->booking.staff},
                                   {"start", FormatRfc3339Utc(out->booking.start)},
                                   {"customer_name", out->booking.customer.name},
                                   {"phone", out->booking.customer.phone}});
  if (!out->replayed) {
    if (in.hold_id.empty()) {
      busy_.Add(out->booking.staff, out->booking.Busy());
    } else if (auto it = holds_.find(in.hold_id);
               it != holds_.end() && busy_.Remove(it->second.staff, it->second.Busy())) {
      // The hold became this booking.
      ForgetHold(it);
      busy_.Add(out->booking.staff, out->booking.Busy());
    } else {
      VOXDESK_RETURN_IF_ERROR(Refresh());
    }
  }
  return out;
}

Result<BookingRecord> Scheduler::Cancel(const std::string& booking_id) {
  auto r = store_.Cancel(business_.id, booking_id, Now());
  if (!r) return r;
  if (log_) log_->Info("booking.cancelled", {{"business", business_.id}, {"booking_id", r->id}});
  VOXDESK_RETURN_IF_ERROR(Refresh());
  return r;
}

Result<BookingRecord> Scheduler::Reschedule(const RescheduleInput& in) {
  auto current = store_.GetBooking(business_.id, in.booking_id);
  if (!current) return current.status();
  if (current->status != BookingStatus::kConfirmed)
    return Conflict("booking \"" + in.booking_id + "\" is cancelled and cannot be rescheduled");
  const Service* service = business_.FindService(current->service);
  if (!service)
    return NotFound("booking \"" + in.booking_id + "\" is for service \"" + current->service +
                    "\", which the configuration no longer has");
  std::string staff = in.staff;
  if (staff.empty() && current->staff_requested) staff = current->staff;
  auto candidates = Candidates(*service, staff, in.start);
  if (!candidates) {
    // A repeated request whose move already happened answers with the
    // booking as it stands, even once the time no longer passes the rules.
    if (!in.idempotency_key.empty() && current->start == in.start &&
        candidates.status().code() == Code::kSlotUnavailable)
      return current;
    return candidates.status();
  }
  // Prefer the person already booked.
  auto it = std::find(candidates->begin(), candidates->end(), current->staff);
  if (it != candidates->end()) std::rotate(candidates->begin(), it, it + 1);

  RescheduleRequest req;
  req.business_id = business_.id;
  req.booking_id = in.booking_id;
  req.staff_candidates = std::move(*candidates);
  req.start = in.start;
  req.end = in.start + (current->end - current->start);
  req.idempotency_key = in.idempotency_key;
  req.fingerprint = Fingerprint(current->service, in.staff, in.start, current->customer);
  auto r = store_.Reschedule(req, Now());
  if (!r) return r;
  if (log_)
    log_->Info("booking.rescheduled", {{"business", business_.id},
                                       {"booking_id", r->id},
                                       {"staff", r->staff},
                                       {"start", FormatRfc3339Utc(r->start)}});
  VOXDESK_RETURN_IF_ERROR(Refresh());
  return r;
}

Result<HoldRecord> Scheduler::Hold(const HoldInput& in) {
  const Service* service = business_.FindService(in.service);
  if (!service) return NotFound("unknown service \"" + in.service + "\"");
  auto candidates = Candidates(*service, in.staff, in.start);
  if (!candidates) return candidates.status();
  HoldRequest req;
  req.business_id = business_.id;
  req.service = service->id;
  req.staff_candidates = std::move(*candidates);
  req.start = in.start;
  req.end = in.start + minutes{service->duration_min};
  req.buffer_before_min = service->buffer_before_min;
  req.buffer_after_min = service->buffer_after_min;
  req.ttl = in.ttl;
  auto h = store_.PlaceHold(req, Now(), ids_);
  if (!h) return h;
  busy_.Add(h->staff, h->Busy());
  holds_.emplace(h->id, *h);
  if (!next_hold_expiry_ || h->expires_at < *next_hold_expiry_) next_hold_expiry_ = h->expires_at;
  return h;
}

Status Scheduler::ReleaseHold(const std::string& hold_id) {
  VOXDESK_RETURN_IF_ERROR(store_.ReleaseHold(business_.id, hold_id));
  if (auto it = holds_.find(hold_id); it != holds_.end() && busy_.Remove(it->second.staff, it->second.Busy())) {
    ForgetHold(it);
    return Status::Ok();
  }
  return Refresh();
}

void Scheduler::ForgetHold(std::map<std::string, HoldRecord>::iterator it) {
  holds_.erase(it);
  next_hold_expiry_.reset();
  for (const auto& [id, h] : holds_)
    if (!next_hold_expiry_ || h.expires_at < *next_hold_expiry_) next_hold_expiry_ = h.expires_at;
}

Result<BookingRecord> Scheduler::Get(const std::string& booking_id) {
  return store_.GetBooking(business_.id, booking_id);
}

Result<std::vector<BookingRecord>> Scheduler::Upcoming() {
  auto all = store_.LiveBookings(business_.id);
  if (!all.ok()) return all.status();
  std::vector<BookingRecord> out;
  const Instant now = Now();
  for (auto& b : *all)
    if (b.start >= now) out.push_back(std::move(b));
  return out;
}

std::string BookingJson(const Business& business, const BookingRecord& b) {
  nlohmann::json j = {{"id", b.id},
                      {"service", b.service},
                      {"staff", b.staff},
                      {"start", FormatRfc3339(b.start, *business.zone)},
                      {"end", FormatRfc3339(b.end, *business.zone)},
                      {"status", BookingStatusName(b.status)},
                      {"confirmation_code", b.confirmation_code},
                      {"sequence", b.sequence}};
  if (!b.customer.name.empty() || !b.customer.phone.empty()) {
    j["customer"] = {{"name", b.customer.name}, {"phone", b.customer.phone}};
    if (!b.customer.email.empty()) j["customer"]["email"] = b.customer.email;
  }
  return j.dump();
}

}  // namespace voxdesk
