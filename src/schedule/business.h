// The business model the scheduling engine works on: one business, its staff,
// services, weekly hours, overrides, closures and fixed bookings, as loaded
// from the JSON configuration (CONTRACTS.md section 1, docs/config.md).
//
// A Business is immutable after loading and may be shared between threads.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace voxdesk {

// Local wall-clock interval on one date, in minutes after local midnight:
// [open, close) with 0 <= open < close <= 1440.
struct LocalInterval {
  int open_min = 0;
  int close_min = 0;
  bool operator==(const LocalInterval&) const = default;
};

using DayHours = std::vector<LocalInterval>;  // sorted, non-overlapping
// Indexed by ISO weekday - 1: [0] = Monday ... [6] = Sunday.
using WeeklyHours = std::array<DayHours, 7>;

struct TimeRange {
  Instant start;
  Instant end;  // exclusive
};

struct Staff {
  std::string id;
  std::string name;
  std::string timezone;  // resolved: the business zone when not given
  const Zone* zone = nullptr;
  WeeklyHours hours;                        // resolved: the business hours when not given
  std::map<LocalDate, DayHours> overrides;  // local date (staff zone) -> replacement hours
  std::vector<TimeRange> busy;              // fixed busy blocks
};

struct Service {
  std::string id;
  std::string name;
  int duration_min = 0;
  int buffer_before_min = 0;
  int buffer_after_min = 0;
  std::optional<int> slot_step_min;  // overrides booking.slot_step_min
  std::vector<std::string> staff;    // resolved: every staff id when omitted
  std::vector<std::string> synonyms;
  std::optional<double> price;  // optional, for the conversation engine
  std::string description;
};

struct Customer {
  std::string name;
  std::string phone;  // E.164
  std::string email;
  std::string date_of_birth = {};  // "YYYY-MM-DD" or empty
};

// Checks what a booking needs from a customer: a name, an E.164 phone
// number, and an email address when one is given. Messages start with the
// field name ("phone: ...") so each front end can name its own flag.
Status ValidateCustomer(const Customer& c);

// "+" then 8 to 15 digits, the first not 0: the form business numbers in the
// config and message senders and recipients must take.
bool IsE164(std::string_view number);

// A booking written in the configuration (e.g. imported from another system).
struct ConfigBooking {
  std::string id;
  std::string service;
  std::string staff;
  Instant start;
  Customer customer;
};

struct BookingRules {
  int min_notice_min = 0;
  int horizon_days = 60;
  int slot_step_min = 15;
};

struct FaqEntry {
  std::string q;
  std::string a;
};

struct KnowledgeEntry {
  std::string title;
  std::string text;
};

struct Business {
  std::string id;
  std::string name;
  std::string timezone;
  const Zone* zone = nullptr;
  std::string industry = "generic";
  std::string locale = "en-US";
  std::string transfer_number;
  std::string on_call_number;
  std::string address;
  std::string phone;
  std::string email;
  WeeklyHours hours;
  std::vector<LocalDate> closures;  // local dates in the business zone
  BookingRules booking;
  std::vector<Service> services;
  std::vector<Staff> staff;
  std::vector<ConfigBooking> bookings;
  std::vector<FaqEntry> faq;
  std::vector<KnowledgeEntry> knowledge;
  std::vector<std::string> conflicts;
  std::vector<std::string> service_area;
  std::string dialog_json;  // the "dialog" section, as JSON text ("" when absent)

  const Service* FindService(std::string_view id) const;
  const Staff* FindStaff(std::string_view id) const;
  int StepFor(const Service& s) const { return s.slot_step_min.value_or(booking.slot_step_min); }
  bool IsClosed(LocalDate d) const;
};

}  // namespace voxdesk
