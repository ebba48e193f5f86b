// Phrase lists matched against normalised caller text (dialog/text.h): the
// vocabulary of intents, emergencies and requests that packs declare.
// Matching is on whole words, so "no" does not match "know" and "cancel"
// does not match "cancellation" unless a pack lists both.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dialog/lang.h"

namespace voxdesk::dialog {

struct Phrase {
  std::string padded;  // normalised, with a space on each side: " book it "
  double weight = 1.0;
};

// One list per language. A pack writes weak cues with a leading '~'
// ("~available"): they count, but with less confidence than strong ones.
class PhraseSet {
 public:
  static constexpr double kStrong = 0.92;
  static constexpr double kWeak = 0.72;

  void Add(Lang lang, std::string_view text);  // normalises; '~' prefix = weak
  bool Empty(Lang lang) const { return lists_[Index(lang)].empty(); }

  // `padded_text` is normalised text with a space on each side. Returns the
  // best weight of the phrases found (0 when none), and counts them in *hits.
  double Match(std::string_view padded_text, Lang lang, int* hits = nullptr) const;
  // The first phrase found, without padding; empty when none.
  std::string_view Find(std::string_view padded_text, Lang lang) const;

 private:
  static int Index(Lang lang) { return lang == Lang::kEs ? 1 : 0; }
  std::vector<Phrase> lists_[2];
};

// " text " for whole-word search with PhraseSet.
std::string Pad(std::string_view normalized);

}  // namespace voxdesk::dialog
