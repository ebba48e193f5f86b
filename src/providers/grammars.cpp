#include "providers/grammars.h"

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

std::string DateTimeGrammar() {
  // Structured rather than a free word loop: a loop of small words lets the
  // decoder explain every noise burst as "a", "the" or "of".
  return "#JSGF V1.0;\n"
         "grammar datetime;\n"
         "public <when> = [<lead>] ( <day> [<part>] [<at>] | <date> [<part>] [<at>] | <at> [<part>]"
         " | <part> [<at>] ) [please];\n"
         "<lead> = how about | what about | maybe | i'd like;\n"
         "<day> = [this | next | on | this coming] ( <weekday> | today | tomorrow ) [<date>];\n"
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

std::string PhraseGrammar(const std::vector<std::string>& phrases,
                          const std::function<bool(std::string_view)>& known) {
  std::vector<std::string> kept;
  for (const std::string& p : phrases) {
    std::string norm = NormalizeWords(p);
    if (norm.empty()) continue;
    bool all_known = true;
    std::istringstream words(norm);
    for (std::string w; words >> w;) {
      if (!known(w)) {
        all_known = false;
        break;
      }
    }
    if (all_known) kept.push_back(std::move(norm));
  }
  if (kept.empty()) return {};
  std::string g =
      "#JSGF V1.0;\n"
      "grammar phrases;\n"
      "public <answer> = <carrier>* <phrase> <carrier>*;\n"
      "<carrier> = my | name | is | it's | it | this | i'm | i | am | a | an | the | for | to | "
      "book"
      " | would | like | want | need | get | appointment | please | yes | with | me;\n"
      "<phrase> = ";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i) g += " | ";
    g += "(" + kept[i] + ")";
  }
  g += ";\n";
  return g;
}

}  // namespace voxdesk::providers
