#pragma once

#include "common.h"

namespace vxn {
Napi::Value BenchSlotsC(const Napi::CallbackInfo& info);
}
