// Contact details a caller speaks: phone number, email address, US ZIP code,
// street address and name, found in the raw transcript a speech recogniser
// wrote (mixed case or none, punctuation or none, digits or number words),
// in English or Spanish.
//
// Each finder returns the first value it is confident about, or nullopt;
// none of them guesses. They scan by hand (no regular expressions) in time
// linear in the utterance, a few microseconds for a spoken turn, never throw,
// and accept any bytes: invalid UTF-8 is never copied into a name or an
// address.
//
// Thread safety: pure functions of their arguments; call them from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "dialog/lang.h"

namespace voxdesk::dialog {

// E.164 ("+15551422277"). Digits may be written ("555 142 2277",
// "(555) 142-2277", "555.142.2277", "+1 555 142 2277") or spoken in the
// call's language ("five five five one four two ...", "double five", "oh"
// for zero, "fifty five"; "cinco cinco cinco ...", "cincuenta y cinco").
// Ten digits get the North American +1 (the area code must start with 2-9);
// eleven starting with 1 are +1...; an explicit "+" or "plus"/"más" keeps the
// country code (8 to 15 digits). Fewer than ten digits is not a phone number.
std::optional<std::string> FindPhoneNumber(std::string_view utterance, Lang lang);

// "ana.ruiz@example.com" as written, or spelled out: "ana dot ruiz at gmail
// dot com", "ana underscore ruiz at example dot org", "ana punto ruiz arroba
// gmail punto com", "my email is ana ruiz at gmail dot com" (after a cue the
// words before "at" are joined: "anaruiz@gmail.com"). Lower-cased; the domain
// needs a dot and an alphabetic top-level label.
std::optional<std::string> FindEmail(std::string_view utterance);

// A US ZIP code, "80202" or "80202-1234": after a cue ("zip", "zip code",
// "postal code", "código postal"), in digits or digit words, or as a
// standalone five-digit group closing an address (after a state code or
// name, or after a street address). Digits that belong to a longer run (a
// phone number) are never taken.
std::optional<std::string> FindZip(std::string_view utterance);

// "42 Elm Street", "1200 North Broadway Avenue apartment 4", "calle Mayor 12":
// a house number, one to five street-name words and a street suffix (English),
// or a street type, its name and a number (Spanish), with an optional unit
// ("apt 4B", "suite 300", "piso 3"). Returns that part of the utterance with
// its original capitalisation and single spaces.
std::optional<std::string> FindStreetAddress(std::string_view utterance);

// The caller introducing themselves: "this is Ana Ruiz", "my name is ana
// ruiz", "it's Bob Smith calling", "name's John", "I'm Maria Lopez and I'd
// like ..."; "me llamo Ana Ruiz", "soy Ana Ruiz", "mi nombre es ...".
// Returns one to four words, Title-Cased ("Ana Ruiz"; particles such as "de"
// stay lower case; "McDonald" keeps its inner capital). Phrases that only
// look like introductions ("I'm calling", "I'm not sure", "it's for my son",
// "this is about", "soy yo", "I'm a new patient") give nullopt. When the
// transcript is cased, "this is", "it's", "I'm" and "soy" need a capitalised
// name after them ("I'm Sick" is still rejected by the word list).
std::optional<std::string> FindPersonName(std::string_view utterance, Lang lang);

// The answer to "what is your name?": anything FindPersonName accepts, plus a
// bare name after fillers ("Ana Ruiz", "uh ana ruiz", "yeah it's ana ruiz")
// and "Ruiz, Ana" (returned as "Ana Ruiz").
std::optional<std::string> NameFromAnswer(std::string_view utterance, Lang lang);

}  // namespace voxdesk::dialog
