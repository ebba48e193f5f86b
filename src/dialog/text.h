// Normalisation of what a speech recogniser heard, so the rule-based NLU can
// match plain tokens instead of every way a recogniser spells the same words.
// Recognisers differ in case, punctuation, accents and whether they write
// numbers as words or digits; after NormalizeText "Um, at TEN-thirty?" and
// "at 10:30" both read as digit tokens the resolvers understand.
//
// Output: lower-case ASCII words separated by single spaces.
//   - UTF-8 Latin-1 letters are folded (Á á -> a, Ñ ñ -> n, Ü ü -> u); ¿ ¡ and
//     any other symbol become spaces; apostrophes join ("o'clock" -> "oclock").
//   - Punctuation becomes a space, except ':' '/' '-' between two digits
//     ("2:30", "3/3/1985", "1985-03-03"; '-' is kept for ISO dates) and the
//     English ordinal suffixes glued to digits ("14th", "3rd"). Other letters
//     glued to digits are split off ("2pm" -> "2 pm"); Spanish ordinal
//     endings are dropped ("1ro", "1º" -> "1"). "a m"/"p m" after a number
//     become "am"/"pm", "o clock" becomes "oclock".
//   - Fillers are dropped (en: uh um er erm hmm mm eh ah ...; es: eh em este
//     mm ...). "este" is also "this" in Spanish; dropping it loses nothing for
//     dates ("este viernes" resolves like "viernes").
//   - A word repeated right after itself is said once ("i i want"), except
//     numbers: "ten ten" is a time and "five five five" a phone number.
//   - Number words become digits: cardinals ("twenty five" -> "25",
//     "one hundred and five" -> "105", "mil novecientos ochenta y cinco" ->
//     "1985"); clock pairs stay two numbers ("ten thirty" -> "10 30", "ten oh
//     five" -> "10 05"); English years said in pairs merge when the first half
//     is 19 or 20 ("nineteen eighty five" -> "1985", "twenty twenty six" ->
//     "2026"); ordinals keep an English suffix ("twenty first" -> "21st"),
//     Spanish "primero" -> "1". English "first"/"second" only become "1st"/"2nd"
//     after "the" or a month, before "of", or in a compound, because "first
//     thing" and "just a second" are not dates. Digits said one by one stay
//     separate ("five five five" -> "5 5 5").
//   - Ambiguous words: English "once" and "a" are never numbers. Spanish
//     "uno" is always 1, "un" never (it is the article), and "una" is 1 only
//     where it names an hour: after "la" ("a la una" -> "a la 1") or before
//     "y"/"menos" ("una y media" -> "1 y media"); "una cita" keeps "una".
//
// Thread safety: pure functions, safe to call concurrently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialog/lang.h"

namespace voxdesk::dialog {

// The utterance in the normal form described above. Never throws except
// std::bad_alloc.
std::string NormalizeText(std::string_view utterance, Lang lang);

// The words of a normalised text (split on spaces, no empty words). The views
// borrow from `normalized`.
std::vector<std::string_view> SplitWords(std::string_view normalized);

}  // namespace voxdesk::dialog
