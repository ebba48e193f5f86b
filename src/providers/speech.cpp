// Out-of-line anchors for the speech interfaces' vtables.
#include "providers/speech.h"
