#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "core/redact.h"

using namespace voxdesk;

namespace {

std::string Kind(std::string_view key) {
  const auto k = ClassifyKey(key);
  return k ? std::string(PiiKindName(*k)) : std::string("-");
}

}  // namespace

TEST_CASE("Field names known to hold PII are classified by kind") {
  struct Row {
    const char* key;
    const char* kind;
  };
  const Row rows[] = {
      {"name", "name"},
      {"customer_name", "name"},
      {"caller_name", "name"},
      {"first_name", "name"},
      {"patient.last_name", "name"},
      {"customer", "name"},
      {"phone", "phone"},
      {"from", "phone"},
      {"to", "phone"},
      {"caller", "phone"},
      {"phone_number", "phone"},
      {"From", "phone"},
      {"caller_id", "phone"},
      {"email", "email"},
      {"email_address", "email"},
      {"dob", "dob"},
      {"date_of_birth", "dob"},
      {"birthday", "dob"},
      {"address", "address"},
      {"zip_code", "address"},
      {"ssn", "ssn"},
      {"insurance_id", "insurance"},
      {"member_id", "insurance"},
      {"passport_number", "gov_id"},
      {"mrn", "medical_record"},
      {"card_number", "card"},
      {"transcript", "transcript"},
      {"utterance", "transcript"},
      {"notes", "notes"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.key);
    CHECK(Kind(r.key) == r.kind);
  }
}

TEST_CASE("Field names holding secrets are classified as secret") {
  for (const char* key : {"authorization", "Authorization", "api_key",     "apiKey",
                          "x_api_key",     "X-Api-Key",     "XApiKey",     "token",
                          "access_token",  "refreshToken",  "password",    "db.password",
                          "secret",        "client_secret", "signature",   "X-Twilio-Signature",
                          "sig",           "auth_token",    "cookie",      "Set-Cookie",
                          "key",           "private_key",   "credentials", "pin"}) {
    CAPTURE(key);
    CHECK(Kind(key) == "secret");
  }
}

TEST_CASE("Matching is case-insensitive and covers dotted, suffixed and indexed names") {
  CHECK(Kind("customer.phone") == "phone");
  CHECK(Kind("CUSTOMER.PHONE") == "phone");
  CHECK(Kind("customerPhone") == "phone");
  CHECK(Kind("customer-phone") == "phone");
  CHECK(Kind("caller_phone") == "phone");
  CHECK(Kind("bookings[0].customer.phone") == "phone");
  CHECK(Kind("phones[2]") == "phone");
  CHECK(Kind("customer:email") == "email");
  CHECK(Kind("billing_address") == "address");
  CHECK(Kind("contact.email_address") == "email");
  CHECK(Kind("patient_dob") == "dob");
  CHECK(Kind(std::string(500, 'x') + "_phone") == "phone");
}

TEST_CASE("Ordinary field names are not classified") {
  for (const char* key : {"booking_id",
                          "staff",
                          "service",
                          "service_name",
                          "business_name",
                          "file_name",
                          "status",
                          "start",
                          "end",
                          "valid_from",
                          "valid_to",
                          "idempotency_key",
                          "sort_key",
                          "tenant_id",
                          "event",
                          "level",
                          "duration_ms",
                          "confirmation_code",
                          "max_tokens",
                          "phone_count",
                          "email_verified",
                          "timezone",
                          "slot_step_min",
                          "zone",
                          "count",
                          "",
                          "keyboard",
                          "tokenizer",
                          "design",
                          "pinned"}) {
    CAPTURE(key);
    CHECK(Kind(key) == "-");
  }
}

TEST_CASE("Markers are [redacted:<kind>]") {
  CHECK(RedactionMarker(PiiKind::kPhone) == "[redacted:phone]");
  CHECK(RedactionMarker(PiiKind::kSecret) == "[redacted:secret]");
  CHECK(RedactionMarker(PiiKind::kMedicalRecord) == "[redacted:medical_record]");
  CHECK(PiiKindName(PiiKind::kEmail) == "email");
}

TEST_CASE("RedactField hides classified fields whole and scrubs the rest") {
  CHECK(RedactField("customer_name", "Ana Ruiz") == "[redacted:name]");
  CHECK(RedactField("x_api_key", "abc") == "[redacted:secret]");
  CHECK(RedactField("to", "") == "[redacted:phone]");
  CHECK(RedactField("summary", "Ana (555) 010-0199 booked") == "Ana [redacted:phone] booked");
  CHECK(RedactField("staff", "lee") == "lee");
}
