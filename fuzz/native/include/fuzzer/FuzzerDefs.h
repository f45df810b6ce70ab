// The two libFuzzer declarations jazzer.js's addon sources include from
// compiler-rt's (unshipped) FuzzerDefs.h; Debian ships only the compiled library.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fuzzer {
typedef int (*UserCallback)(const uint8_t *Data, size_t Size);
int FuzzerDriver(int *argc, char ***argv, UserCallback Callback);
} // namespace fuzzer
