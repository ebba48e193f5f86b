// JSGF grammars that bias the embedded recogniser toward what the dialog
// expects next (RecognitionHint): yes/no answers, digit strings, spoken
// dates and times, and a caller-supplied list of phrases (services, names).
// Every word is in CMU's en-us dictionary, so pocketsphinx accepts them as
// they are; the phrase grammar drops words the dictionary lacks.
//
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace voxdesk::providers {

std::string YesNoGrammar();
std::string DigitsGrammar();
// Weekdays, months, ordinals, numbers, am/pm, relative days and the small
// words that join them, in the orders callers say them ("the second of
// april", "april second", "next tuesday at ten"), with an optional year
// for dates of birth ("march third nineteen eighty five").
std::string DateTimeGrammar();
// A date of birth: month, day and year in the orders callers say them
// ("march third nineteen eighty five", "the twelfth of october nineteen
// ninety"), without the weekdays, relative days and clock times a date
// grammar also holds, which a noisy line otherwise turns a birth date into.
std::string BirthDateGrammar();
// What a caller says to open a call about an appointment: greeting, wish,
// booking verb, one of `phrases` (the business's service names and
// synonyms, staff names) or "appointment", and optionally when. Phrases
// are put in spoken form (SpokenWords); those with a word `known` rejects
// are left out. Empty when no phrase survives.
std::string RequestGrammar(const std::vector<std::string>& phrases,
                           const std::function<bool(std::string_view)>& known);
// A pick among offered times: by position ("the second one", "the last
// one"), one of `offered` (the times as the dialog wrote them, e.g.
// "Tuesday, March 10th at 2 PM"), any date or time, or an acceptance
// ("that works"). Without offers, positions, dates and times only.
std::string ChoiceGrammar(const std::vector<std::string>& offered,
                          const std::function<bool(std::string_view)>& known);
// A caller giving their name: an optional carrier ("my name is", "this is",
// "it's", "i'm"), a given name and optionally a surname from the compiled-in
// lists of common names (name_lists.cpp) plus `extra` (e.g. the name on
// file), and an optional "please" / "thanks". Names with a word `known`
// rejects are left out.
std::string NameGrammar(const std::vector<std::string>& extra,
                        const std::function<bool(std::string_view)>& known);
// The phrases as alternatives, optionally wrapped in a few carrier words
// ("my name is ...", "... please"). `known` says whether the recogniser's
// dictionary has a word; phrases with an unknown word are left out.
// Empty when no phrase survives.
std::string PhraseGrammar(const std::vector<std::string>& phrases,
                          const std::function<bool(std::string_view)>& known);

// Lower case, letters, digits and apostrophes only, single spaces: the form
// the dictionary and the grammars use.
std::string NormalizeWords(std::string_view text);
// NormalizeWords plus the words a reader says for numbers and abbreviations
// in text written for the caller: "Tuesday, March 10th at 2:05 PM" ->
// "tuesday march tenth at two oh five p m", "Dr. Lee" -> "doctor lee".
std::string SpokenWords(std::string_view text);

}  // namespace voxdesk::providers
