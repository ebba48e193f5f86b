// NormalizeText on text as speech recognisers write it: the resolvers only
// ever see its output, so every rule here is one they depend on.
#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "dialog/text.h"

using voxdesk::dialog::Lang;
using voxdesk::dialog::NormalizeText;
using voxdesk::dialog::SplitWords;

namespace {

struct Case {
  const char* said;
  const char* normal;
};

void CheckAll(const std::vector<Case>& cases, Lang lang) {
  for (const Case& c : cases) {
    INFO("said: \"", std::string(c.said), "\"");
    CHECK(NormalizeText(c.said, lang) == std::string(c.normal));
  }
}

}  // namespace

TEST_CASE("normalise: case, punctuation and spaces") {
  CheckAll(
      {{"Um, I'd like to come in TOMORROW at ten-thirty.", "id like to come in tomorrow at 10 30"},
       {"Hello!!!   World...", "hello world"},
       {"  ", ""},
       {"", ""},
       {"Next Tuesday, please?", "next tuesday please"},
       {"at 2:30", "at 2:30"},
       {"at 2:30.", "at 2:30"},
       {"time: 10", "time 10"},
       {"3/3/1985", "3/3/1985"},
       {"dob 1985-03-03", "dob 1985-03-03"},
       {"and/or - maybe", "and or maybe"},
       {"2.30", "2 30"},
       {"the 14th", "the 14th"},
       {"March 3RD", "march 3rd"},
       {"2PM", "2 pm"},
       {"10a.m.", "10 am"},
       {"2 p.m.", "2 pm"},
       {"2 P M", "2 pm"},
       {"3:30pm", "3:30 pm"},
       {"a m i right", "a m i right"},
       {"four o'clock", "4 oclock"},
       {"four o clock", "4 oclock"},
       {"four o\xE2\x80\x99"
        "clock",
        "4 oclock"},
       {"don't", "dont"}},
      Lang::kEn);
}

TEST_CASE("normalise: fillers and words said twice") {
  CheckAll({{"uh i i want um the the earliest", "i want the earliest"},
            {"Hmm, er, erm, tuesday", "tuesday"},
            {"i uh i need", "i need"},
            {"ten ten", "10 10"},
            {"five five five", "5 5 5"},
            {"2 2", "2 2"}},
           Lang::kEn);
  CheckAll({{"eh este quiero mmm una cita", "quiero una cita"},
            {"em el el lunes", "el lunes"},
            {"este viernes", "viernes"}},
           Lang::kEs);
  // "este" is a filler only in Spanish, "er" only in English.
  CHECK(NormalizeText("este", Lang::kEn) == "este");
}

TEST_CASE("normalise: accents and Spanish punctuation fold to ASCII") {
  CheckAll({{"¿Puede ser el MIÉRCOLES a las diez?", "puede ser el miercoles a las 10"},
            {"¡Mañana!", "manana"},
            {"ÁÉÍÓÚÑÜ y áéíóúñü", "aeiounu y aeiounu"},
            {"pingüino SÁBADO", "pinguino sabado"},
            {"1º de mayo", "1 de mayo"},
            {"el 1ro de mayo", "el 1 de mayo"}},
           Lang::kEs);
}

TEST_CASE("normalise: bytes that are not text become spaces") {
  CHECK(NormalizeText("at\xFF\xFE 2", Lang::kEn) == "at 2");
  CHECK(NormalizeText("at\xC3", Lang::kEn) == "at");        // truncated sequence
  CHECK(NormalizeText("a\xC3(b", Lang::kEn) == "a b");      // bad continuation
  CHECK(NormalizeText("5\xE2\x82\xAC", Lang::kEn) == "5");  // euro sign
  CHECK(NormalizeText(std::string_view("a\0b", 3), Lang::kEn) == "a b");
}

TEST_CASE("normalise: English cardinals, years and clock pairs") {
  CheckAll({{"twenty five", "25"},
            {"one hundred", "100"},
            {"one hundred and five", "105"},
            {"three hundred twenty one", "321"},
            {"two thousand one", "2001"},
            {"two thousand and one", "2001"},
            {"two thousand twenty six", "2026"},
            {"nineteen eighty five", "1985"},
            {"twenty twenty six", "2026"},
            {"nineteen oh five", "1905"},
            {"nineteen hundred", "1900"},
            {"ten thirty", "10 30"},
            {"two fifteen", "2 15"},
            {"ten oh five", "10 05"},
            {"eleven forty five", "11 45"},
            {"twelve fifteen", "12 15"},
            {"zero", "0"},
            {"seven", "7"},
            {"Twenty-Five", "25"},
            {"between two and four", "between 2 and 4"},
            {"five five five zero one zero zero", "5 5 5 0 1 0 0"},
            {"the one on tuesday", "the 1 on tuesday"}},
           Lang::kEn);
}

TEST_CASE("normalise: English ordinals") {
  CheckAll({{"fourteenth", "14th"},
            {"the twenty first", "the 21st"},
            {"third", "3rd"},
            {"thirty first", "31st"},
            {"twelfth", "12th"},
            {"twentieth", "20th"},
            {"twenty second", "22nd"},
            {"march first", "march 1st"},
            {"the second of may", "the 2nd of may"},
            {"on the first please", "on the 1st please"},
            {"first thing in the morning", "first thing in the morning"},
            {"just a second", "just a second"},
            {"the first available", "the first available"}},
           Lang::kEn);
}

TEST_CASE("normalise: words that are numbers only in one language or only sometimes") {
  CHECK(NormalizeText("once", Lang::kEn) == "once");
  CHECK(NormalizeText("once", Lang::kEs) == "11");
  CHECK(NormalizeText("a hundred", Lang::kEn) == "a 100");
  CHECK(NormalizeText("a week", Lang::kEn) == "a week");
  CHECK(NormalizeText("a la una", Lang::kEs) == "a la 1");
  CHECK(NormalizeText("a la una y media", Lang::kEs) == "a la 1 y media");
  CHECK(NormalizeText("una menos cuarto", Lang::kEs) == "1 menos cuarto");
  CHECK(NormalizeText("quiero una cita", Lang::kEs) == "quiero una cita");
  CHECK(NormalizeText("un dia", Lang::kEs) == "un dia");
  CHECK(NormalizeText("el uno de marzo", Lang::kEs) == "el 1 de marzo");
  CHECK(NormalizeText("diez", Lang::kEs) == "10");
  CHECK(NormalizeText("diez", Lang::kEn) == "diez");
}

TEST_CASE("normalise: Spanish numbers") {
  CheckAll({{"veinticinco", "25"},
            {"treinta y uno", "31"},
            {"treinta y una", "31"},
            {"veintiún", "21"},
            {"diez", "10"},
            {"mil novecientos ochenta y cinco", "1985"},
            {"dos mil uno", "2001"},
            {"dos mil veintiséis", "2026"},
            {"ciento cinco", "105"},
            {"cien", "100"},
            {"el primero de abril", "el 1 de abril"},
            {"a las ocho y veinte", "a las 8 y 20"},
            {"a las cinco y cuarenta y cinco", "a las 5 y 45"},
            {"cinco cinco cinco cero uno", "5 5 5 0 1"},
            {"a las tres y media", "a las 3 y media"}},
           Lang::kEs);
}

TEST_CASE("SplitWords: words of a normalised text, borrowed") {
  const std::string text = "  next  tuesday at 2:30 ";
  const auto w = SplitWords(text);
  REQUIRE(w.size() == 4);
  CHECK(w[0] == "next");
  CHECK(w[1] == "tuesday");
  CHECK(w[2] == "at");
  CHECK(w[3] == "2:30");
  CHECK(w[3].data() >= text.data());
  CHECK(w[3].data() < text.data() + text.size());
  CHECK(SplitWords("").empty());
  CHECK(SplitWords("   ").empty());
}
