// A business's "dialog" config section on arbitrary bytes: the settings
// parser and the pack customisation never crash, and every error names a
// path under "dialog".
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dialog/conversation.h"
#include "dialog/pack.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto base = voxdesk::dialog::LoadPack("legal");
  if (!base.ok()) std::abort();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto settings = voxdesk::dialog::ParseDialogSettings(text);
  if (!settings.ok() && !text.empty() && settings.status().message().rfind("dialog", 0) != 0) std::abort();
  if (settings.ok() && (settings->low_confidence < 0 || settings->low_confidence > 1)) std::abort();
  auto pack = voxdesk::dialog::CustomizePack(**base, text);
  if (!pack.ok() && pack.status().message().rfind("dialog", 0) != 0) std::abort();
  if (pack.ok() && (*pack)->Prompt("greeting", voxdesk::dialog::Lang::kEn).empty()) std::abort();
  return 0;
}
