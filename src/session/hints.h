// What the recogniser should listen for next, from where the conversation
// stands: a yes or no after a read-back, a date or one of the offered times
// while choosing, digits for a phone number or ZIP, and the business's
// service names otherwise. Engines that cannot use a hint ignore it.
#pragma once

#include "dialog/conversation.h"
#include "providers/speech.h"

namespace voxdesk::session {

providers::RecognitionHint HintFor(const dialog::Agent& conversation, const Business& business);

}  // namespace voxdesk::session
