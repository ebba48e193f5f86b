#include "providers/grammars.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace voxdesk::providers {

std::string YesNoGrammar() {
  // Two answer words in a row cover "yes that's right" and "no that's
  // wrong"; the politeness tail covers "no thank you" and "yes please".
  return "#JSGF V1.0;\n"
         "grammar yesno;\n"
         "public <answer> = <word> [<word>] [<tail>];\n"
         "<word> = yes | yeah | yep | yup | sure | correct | right | exactly | absolutely | okay"
         " | that's right | that is right | that's correct | that is correct | it is | of course"
         " | no | nope | nah | not really | wrong | incorrect | that's wrong | that is wrong"
         " | not that | no way;\n"
         "<tail> = please | thanks | thank you | it is | it's not;\n";
}

std::string DigitsGrammar() {
  return "#JSGF V1.0;\n"
         "grammar digits;\n"
         "public <digits> = <digit>+;\n"
         "<digit> = zero | oh | one | two | three | four | five | six | seven | eight | nine | "
         "double;\n";
}

namespace {

// The date/time rules shared by the date, request and choice grammars;
// <when> is the entry. Structured rather than a free word loop: a loop of
// small words lets the decoder explain every noise burst as "a", "the" or
// "of".
constexpr const char* kWhenRules =
    "<when> = <day> [<part>] [<at>] | <date> [<part>] [<at>] | <at> [<part>] | <part> [<at>];\n"
    "<day> = [this | next | on | this coming] <weekday> [<date>] | ( today | tomorrow ) [<date>];\n"
    "<weekday> = monday | tuesday | wednesday | thursday | friday | saturday | sunday;\n"
    "<date> = [on] [the] <ordinal> [of <month>] | [on] <month> [the] <ordinal>;\n"
    "<month> = january | february | march | april | may | june | july | august | september"
    " | october | november | december;\n"
    "<ordinal> = first | second | third | fourth | fifth | sixth | seventh | eighth | ninth | "
    "tenth"
    " | eleventh | twelfth | thirteenth | fourteenth | fifteenth | sixteenth | seventeenth"
    " | eighteenth | nineteenth | twentieth | twenty first | twenty second | twenty third"
    " | twenty fourth | twenty fifth | twenty sixth | twenty seventh | twenty eighth"
    " | twenty ninth | thirtieth | thirty first;\n"
    "<part> = [in the] ( morning | afternoon | evening ) | at noon | tonight | early | late;\n"
    "<at> = [at | around | about | after | before] <clock>;\n"
    "<clock> = <hour> [<minutes>] [o'clock] [a m | p m | am | pm] | noon | midnight"
    " | half past <hour> | quarter ( past | to ) <hour>;\n"
    "<hour> = one | two | three | four | five | six | seven | eight | nine | ten | eleven | "
    "twelve;\n"
    "<minutes> = fifteen | thirty | forty five | oh five | ten | twenty | twenty five | forty"
    " | fifty | o five;\n";

// `phrases` in spoken form, without those holding a word the dictionary
// lacks, without repeats, as JSGF alternatives; empty when none survives.
std::string Alternatives(const std::vector<std::string>& phrases,
                         const std::function<bool(std::string_view)>& known) {
  std::vector<std::string> kept;
  for (const std::string& p : phrases) {
    std::string norm = SpokenWords(p);
    if (norm.empty()) continue;
    bool all_known = true;
    std::istringstream words(norm);
    for (std::string w; words >> w;) {
      if (!known(w)) {
        all_known = false;
        break;
      }
    }
    if (all_known && std::find(kept.begin(), kept.end(), norm) == kept.end())
      kept.push_back(std::move(norm));
  }
  std::string out;
  for (const std::string& k : kept) {
    if (!out.empty()) out += " | ";
    out += "(" + k + ")";
  }
  return out;
}

const char* const kSmallNumbers[] = {"zero",    "one",     "two",       "three",    "four",
                                     "five",    "six",     "seven",     "eight",    "nine",
                                     "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                     "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
const char* const kTens[] = {"",      "",      "twenty",  "thirty", "forty",
                             "fifty", "sixty", "seventy", "eighty", "ninety"};
const char* const kSmallOrdinals[] = {
    "zeroth",     "first",     "second",    "third",       "fourth",     "fifth",     "sixth",
    "seventh",    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",   "thirteenth",
    "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"};
const char* const kTensOrdinals[] = {"",          "",         "twentieth", "thirtieth",
                                     "fortieth",  "fiftieth", "sixtieth",  "seventieth",
                                     "eightieth", "ninetieth"};

// 0..99 as words, cardinal or ordinal.
std::string NumberWords(int n, bool ordinal) {
  if (n < 20) return ordinal ? kSmallOrdinals[n] : kSmallNumbers[n];
  if (n % 10 == 0) return ordinal ? kTensOrdinals[n / 10] : kTens[n / 10];
  return std::string(kTens[n / 10]) + " " +
         (ordinal ? kSmallOrdinals[n % 10] : kSmallNumbers[n % 10]);
}

}  // namespace

constexpr const char* kYearRules =
    "<year> = nineteen <decade> | two thousand [and] [<unit> | ten | eleven | twelve"
    " | thirteen | fourteen | fifteen | sixteen | seventeen | eighteen | nineteen]"
    " | twenty <decade>;\n"
    "<decade> = ( twenty | thirty | forty | fifty | sixty | seventy | eighty | ninety )"
    " [<unit>] | oh <unit> | ten | eleven | twelve | thirteen | fourteen | fifteen"
    " | sixteen | seventeen | eighteen | nineteen | hundred;\n"
    "<unit> = one | two | three | four | five | six | seven | eight | nine;\n";

std::string DateTimeGrammar() {
  return std::string(
             "#JSGF V1.0;\n"
             "grammar datetime;\n"
             "public <answer> = [<lead>] <when> [<year>] [please];\n"
             "<lead> = how about | what about | maybe | i'd like | it's | it is;\n") +
         kYearRules + kWhenRules;
}

std::string BirthDateGrammar() {
  return std::string(
             "#JSGF V1.0;\n"
             "grammar birthdate;\n"
             "public <answer> = [<lead>] <birth>;\n"
             "<lead> = it's | it is | my date of birth is | my birthday is | i was born on"
             " | i was born | born on | that's;\n"
             "<birth> = [the] <ordinal> of <month> <year> | <month> [the] <ordinal> <year>;\n") +
         kYearRules + kWhenRules;
}

std::string SpokenWords(std::string_view text) {
  std::string norm = NormalizeWords(text);
  std::istringstream in(norm);
  std::string out;
  auto add = [&out](const std::string& w) {
    if (!out.empty()) out += ' ';
    out += w;
  };
  for (std::string w; in >> w;) {
    size_t digits = 0;
    while (digits < w.size() && std::isdigit(static_cast<unsigned char>(w[digits]))) ++digits;
    std::string rest = w.substr(digits);
    if (digits > 0 && digits <= 2 &&
        (rest.empty() || rest == "st" || rest == "nd" || rest == "rd" || rest == "th")) {
      int n = std::stoi(w.substr(0, digits));
      // "05" in a clock time ("9 05" from "9:05") is said "oh five".
      if (digits == 2 && w[0] == '0' && rest.empty()) add("oh");
      if (!(digits == 2 && n == 0 && rest.empty())) add(NumberWords(n, !rest.empty()));
    } else if (w == "am" || w == "pm") {
      add(std::string(1, w[0]) + " m");
    } else if (w == "dr") {
      add("doctor");
    } else if (w == "mr") {
      add("mister");
    } else if (w == "mrs") {
      add("missus");
    } else if (w == "ms") {
      add("miss");
    } else {
      add(w);
    }
  }
  return out;
}

std::string RequestGrammar(const std::vector<std::string>& phrases,
                           const std::function<bool(std::string_view)>& known) {
  std::string alts = Alternatives(phrases, known);
  if (alts.empty()) return {};
  // What a caller says to open: a greeting, a wish, a booking verb, the
  // thing (one of the business's phrases or just "an appointment") and
  // when. Everything but the thing is optional, so "a cleaning please" and
  // "hi i'd like to book a cleaning next tuesday at ten" both fit.
  return std::string(
             "#JSGF V1.0;\n"
             "grammar request;\n"
             "public <request> = [<greet>] [<wish>] [<verb>] [<det>] <thing> [with <phrase>]"
             " [[for] <when>] [<tail>] | <closing>;\n"
             "<closing> = [no | nope] [<tail>] ( that's all | that's it | that is all | nothing"
             " else | i'm good | i'm all set ) [<tail>] [bye | goodbye] | no <tail> [bye | goodbye]"
             " | [<tail>] ( bye | goodbye );\n"
             "<greet> = hi | hello | hey | good morning | good afternoon | yes | yeah | okay;\n"
             "<wish> = ( i'd like | i would like | i want | i need | i'd love | i was hoping"
             " | i'm looking | i'm calling ) [to] | can i | could i | may i | can you | could you"
             " | please | do you have;\n"
             "<verb> = book | make | schedule | get | set up | have | come in for | see"
             " | reschedule | change | move | cancel;\n"
             "<det> = a | an | the | my | some | another;\n"
             "<thing> = <phrase> [appointment | visit] | appointment;\n"
             "<tail> = please | thanks | thank you | if possible;\n"
             "<phrase> = ") +
         alts + ";\n" + kWhenRules;
}

std::string ChoiceGrammar(const std::vector<std::string>& offered,
                          const std::function<bool(std::string_view)>& known) {
  std::string alts = Alternatives(offered, known);
  // A pick among times just read out: by position ("the second one"), by
  // what was offered ("tuesday march tenth at two p m", or any part of a
  // date and time: "two p m"), or a plain acceptance.
  std::string g =
      "#JSGF V1.0;\n"
      "grammar choice;\n"
      "public <pick> = [<lead>] <choice> [<ok>] [<tail>];\n"
      "<lead> = yes | yeah | okay | um | i'll take | i'll go with | i'd like | let's do"
      " | let's go with | how about | maybe;\n"
      "<choice> = [the] <position> [one | option | time | slot] | option <number>"
      " | number <number> | <when> | that one | that | yes | sure" +
      std::string(alts.empty() ? "" : " | <offered>") +
      ";\n"
      "<position> = first | second | third | fourth | last | earlier | later | earliest"
      " | latest | middle | other;\n"
      "<number> = one | two | three | four;\n"
      "<ok> = works | is fine | is good | sounds good | would be great | would work"
      " | works for me | is perfect | is better | please;\n"
      "<tail> = please | thanks | thank you;\n";
  if (!alts.empty()) g += "<offered> = " + alts + ";\n";
  return g + kWhenRules;
}

std::string NormalizeWords(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '\'') {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(std::tolower(u)));
    } else {
      space = true;
    }
  }
  return out;
}

extern const char* const kCommonGivenNames;
extern const char* const kCommonSurnames;

namespace {

// The words of a space-separated list that `known` accepts, as JSGF
// alternatives.
std::string NameAlternatives(std::string_view list,
                             const std::function<bool(std::string_view)>& known) {
  std::string out;
  std::istringstream words{std::string(list)};
  for (std::string w; words >> w;) {
    if (!known(w)) continue;
    if (!out.empty()) out += " | ";
    out += w;
  }
  return out;
}

}  // namespace

std::string NameGrammar(const std::vector<std::string>& extra,
                        const std::function<bool(std::string_view)>& known) {
  const std::string given = NameAlternatives(kCommonGivenNames, known);
  const std::string surnames = NameAlternatives(kCommonSurnames, known);
  const std::string extras = Alternatives(extra, known);
  if (given.empty() && extras.empty()) return {};
  std::string g =
      "#JSGF V1.0;\n"
      "grammar name;\n"
      "public <answer> = [<greet>] [<carrier>] <name> [<tail>];\n"
      "<greet> = yes | yeah | sure | okay | hi;\n"
      "<carrier> = my name is | my name's | the name is | the name's | name is | this is"
      " | it's | it is | i'm | i am | yes it's | it's under | under;\n"
      "<tail> = please | thanks | thank you;\n"
      "<name> = ";
  std::vector<std::string> alts;
  if (!given.empty()) alts.push_back("<given> [<surname>]");
  if (!extras.empty()) alts.push_back(extras);
  for (size_t i = 0; i < alts.size(); ++i) g += (i ? " | " : "") + alts[i];
  g += ";\n";
  if (!given.empty()) g += "<given> = " + given + ";\n";
  if (!given.empty()) g += "<surname> = " + (surnames.empty() ? given : surnames) + ";\n";
  return g;
}

std::string PhraseGrammar(const std::vector<std::string>& phrases,
                          const std::function<bool(std::string_view)>& known) {
  const std::string alternatives = Alternatives(phrases, known);
  if (alternatives.empty()) return {};
  std::string g =
      "#JSGF V1.0;\n"
      "grammar phrases;\n"
      "public <answer> = <carrier>* <phrase> <carrier>*;\n"
      "<carrier> = my | name | is | it's | it | this | i'm | i | am | a | an | the | for | to | "
      "book"
      " | would | like | want | need | get | appointment | please | yes | with | me;\n"
      "<phrase> = " +
      alternatives;
  g += ";\n";
  return g;
}

}  // namespace voxdesk::providers
