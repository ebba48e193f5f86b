// The request and choice grammars: built from the business's phrases in
// spoken form, leaving out what the dictionary lacks, and parseable by
// sphinxbase's JSGF compiler.
#include <doctest/doctest.h>

#include <sphinxbase/jsgf.h>

#include <string>
#include <vector>

#include "providers/grammars.h"

namespace voxdesk::providers {
namespace {

bool Parses(const std::string& g) {
  jsgf_t* j = jsgf_parse_string(g.c_str(), nullptr);
  bool ok = j && jsgf_get_public_rule(j);
  if (j) jsgf_grammar_free(j);
  return ok;
}

auto AllKnown = [](std::string_view) { return true; };

TEST_CASE("spoken words spell out dates, times and titles the dialog writes") {
  CHECK(SpokenWords("Tuesday, March 10th at 2 PM") == "tuesday march tenth at two p m");
  CHECK(SpokenWords("Friday, May 22nd at 9:05 AM") == "friday may twenty second at nine oh five a m");
  CHECK(SpokenWords("3:30 pm") == "three thirty p m");
  CHECK(SpokenWords("Dr. Hannah Lee") == "doctor hannah lee");
}

TEST_CASE("the request grammar holds the business's phrases and parses") {
  std::string g = RequestGrammar({"Teeth cleaning", "check-up", "Dr. Hannah Lee"}, AllKnown);
  CHECK(g.find("(teeth cleaning)") != std::string::npos);
  CHECK(g.find("(check up)") != std::string::npos);
  CHECK(g.find("(doctor hannah lee)") != std::string::npos);
  CHECK(Parses(g));
}

TEST_CASE("the request grammar drops phrases with unknown words and is empty without any") {
  auto known = [](std::string_view w) { return w != "zzyzx"; };
  std::string g = RequestGrammar({"zzyzx polish", "filling"}, known);
  CHECK(g.find("zzyzx") == std::string::npos);
  CHECK(g.find("(filling)") != std::string::npos);
  CHECK(RequestGrammar({"zzyzx"}, known).empty());
}

TEST_CASE("the choice grammar holds the offered times in spoken form and parses") {
  std::string g = ChoiceGrammar({"Tuesday, March 10th at 9 AM", "Tuesday, March 10th at 2 PM"},
                                AllKnown);
  CHECK(g.find("(tuesday march tenth at two p m)") != std::string::npos);
  CHECK(Parses(g));
  CHECK(Parses(ChoiceGrammar({}, AllKnown)));
  CHECK(Parses(DateTimeGrammar()));
}

}  // namespace
}  // namespace voxdesk::providers
