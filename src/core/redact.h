// PII and secret redaction for anything that leaves the process as text
// (logs first of all). ARCHITECTURE rule 9: phone numbers, emails, names and
// dates of birth never reach a log unless a debug flag says so.
//
// Two mechanisms, used together by the Logger and usable alone:
//
// 1. By field name (ClassifyKey). A key is normalised (last segment after
//    '.', ':' or '/', array index dropped, camelCase and kebab-case turned
//    into snake_case, lower case) and looked up in a fixed table. Most
//    entries also match as a '_'-separated suffix, so `customer.phone`,
//    `caller_phone`, `x-api-key`, `refreshToken` and `client_secret` are
//    caught. Generic words match only exactly, because as suffixes they would
//    hit harmless keys: `name` (not `service_name`), `from`/`to` (not
//    `valid_from`), `key` (not `idempotency_key`), `sig`, `pin`, `auth`.
//    The whole value is then replaced by `[redacted:<kind>]`. Transcript and
//    notes fields (`transcript`, `utterance`, `prompt`, `notes`) are hidden
//    whole as well: callers say names and health details in them, and
//    names cannot be found in free text.
//
// 2. Free text (ScrubText), a hand-written linear scanner (no std::regex:
//    it is slow and recursive). What it catches:
//    - Phone numbers [phone]: `+` followed by 7-15 digits with optional
//      single separators (`+15550100199`, `+1 (555) 010-0199`,
//      `+44 20 7946 0958`); North-American forms with or without a leading 1
//      (`(555) 010-0199`, `555-010-0199`, `555.010.0199`, `555 010 0199`,
//      `1-555-010-0199`) and 7-digit local `555-0199`; a bare run of 7-12
//      digits; spoken runs of 7 or more digits made of single digits, 3-4
//      digit groups, digit words (zero, oh, one..nine) and double/triple
//      (`five five five oh one nine nine`, `5 5 5 0 1 0 0`, `555 0100 199`).
//    - Email addresses [email]: local@domain.tld, including `+tag` and digits.
//    - US Social Security numbers [ssn]: `123-45-6789`, `123 45 6789`.
//    - Card-like numbers [card]: 13-19 contiguous digits, or groups of 3-6
//      digits separated consistently by spaces or dashes starting with a
//      4-digit group (`4111 1111 1111 1111`, `3782-822463-10005`); spoken
//      runs of 16-19 digits.
//    - Dates of birth [dob]: within 48 characters after born, dob, d.o.b,
//      birth, birthday or birthdate: numeric dates (`1990-04-12`,
//      `04/12/1990`, `12.4.90`, `19900412`), month-name dates (`April 12th,
//      1990`, `12 Apr 1990`, `12th of April`, `April 1990`) and a bare year
//      1900-2099.
//    - Secrets [secret]: `Bearer <token>` (keeps the word Bearer); JWTs
//      (`eyJ...` with two dots); well-known key prefixes (`sk-`, `sk_live_`,
//      `rk_live_`, `xoxb-`, `ghp_`, `github_pat_`, `AKIA`, `AIza`); in URLs
//      the userinfo (`https://[redacted:secret]@host`) and every query or
//      fragment parameter whose name ClassifyKey flags (`token=`, `key=`,
//      `api_key=`, `sig=`, `password=`, `access_token=`, and PII names such
//      as `phone=` with their own kind); the other parameter values and the
//      path are scrubbed as text (percent-decoded first).
//    - `key=value`, `key: value` and `"key": "value"` outside URLs, when
//      ClassifyKey flags the key as a secret (`password: hunter2`,
//      `Authorization: Basic dXNlcjpw` keeps the scheme word). For PII keys
//      only the `=` and quoted forms are used (`name=Ana`, `"name":"Ana
//      Ruiz"`), because `to: the front desk` is ordinary prose.
//
//    What it deliberately leaves alone: ISO dates and timestamps
//    (`2026-03-09T10:00:00-04:00`, `2026-03-09 10:00`), times and ranges
//    (`09:00-17:00`), digit runs glued to letters, `_`, or to other digits by
//    `-`/`.`/`,` (booking ids `bk_...`, UUIDs, confirmation codes, version
//    numbers, `1,234,567`), numbers with fewer than 7 digits, and dates that
//    are not next to a birth word.
//
//    What it cannot catch (keep such data out of free text, or log it under
//    a key that ClassifyKey knows): personal names and street addresses in
//    prose; numbers spelled as tens or teens (`fifty-five`); spoken emails
//    (`ana at example dot com`); spoken dates of birth (`April twelfth
//    nineteen ninety`); phone numbers with letters (`1-800-FLOWERS`);
//    percent-encoded text outside URLs; secrets without a recognisable key, scheme or
//    prefix (a bare 32-character hex token); `password is hunter2`.
//    It over-redacts bare 7-19 digit numbers (order numbers, epoch seconds)
//    and space-separated lists of 3-4 digit numbers adding up to 7 digits
//    ("rooms 101 102 103") in free text; numeric log fields are not scrubbed.
//    In `key=value` the key is the whole run of [A-Za-z0-9_.-] before the
//    separator, so `x-from=...` is not treated as `from=...`.
//
// Thread safety: pure functions, safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace voxdesk {

enum class PiiKind : uint8_t {
  kName,
  kPhone,
  kEmail,
  kDob,
  kAddress,
  kSsn,
  kGovId,
  kInsurance,
  kMedicalRecord,
  kCard,
  kTranscript,
  kNotes,
  kSecret,
};

// Lower-case label used in markers: "phone", "secret", ...
std::string_view PiiKindName(PiiKind kind);

// "[redacted:phone]".
std::string RedactionMarker(PiiKind kind);

// The kind of data a field with this name holds, or nullopt when the name is
// not known to hold PII or a secret. Does not allocate.
std::optional<PiiKind> ClassifyKey(std::string_view key);

// Appends `text` to `out` with every PII or secret span described above
// replaced by its marker. Returns the number of spans replaced.
size_t ScrubTextTo(std::string_view text, std::string& out);
std::string ScrubText(std::string_view text);

// The logger's rule for one string field: a classified key hides the whole
// value, any other value is scrubbed as free text.
std::string RedactField(std::string_view key, std::string_view value);

// `text` with every occurrence of one known secret (an API key the caller
// holds) replaced by "[redacted:secret]": for provider error text that may
// echo the key back in a form ScrubText cannot recognise. An empty secret
// leaves `text` as it is.
std::string RedactSecret(std::string text, std::string_view secret);

}  // namespace voxdesk
