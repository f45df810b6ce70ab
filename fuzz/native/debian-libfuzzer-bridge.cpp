// Bridges jazzer.js's native addon (built from the npm package's sources) to
// Debian's stock libFuzzer. jazzer.js normally links a patched libFuzzer fork
// that adds a few entry points; this file supplies them on top of the stock
// API, so the addon builds offline from Debian packages.
#include <cstdint>
#include <cstdlib>
#include <cstring>

extern "C" {
// Stock libFuzzer entry points (libclang_rt.fuzzer_no_main).
void __sanitizer_cov_trace_const_cmp8(uint64_t arg1, uint64_t arg2);
void __sanitizer_cov_trace_pc_indir(uintptr_t callee);
// Defined by the addon's shared/sanitizer_symbols.cpp.
void __jazzer_set_death_callback(void (*callback)());

// The fork reports JS integer comparisons with the JS call site as "pc". Stock
// libFuzzer takes the pc from the stack; it matters only for the value profile
// (off by default), while the table of recent comparisons, which lets the
// mutator write the wanted number into the input, works the same.
void __sanitizer_cov_trace_const_cmp8_with_pc(uintptr_t /*called_pc*/,
                                              uint64_t arg1, uint64_t arg2) {
  __sanitizer_cov_trace_const_cmp8(arg1, arg2);
}

// Indirect-call tracing only feeds the value profile; stock libFuzzer takes the
// caller pc from the stack, so fold the JS call site into the callee value.
void __sanitizer_cov_trace_pc_indir_with_pc(void *caller_pc, uintptr_t callee) {
  __sanitizer_cov_trace_pc_indir(callee ^
                                 (reinterpret_cast<uintptr_t>(caller_pc) << 12));
}

// Stock libFuzzer hands its crash-dump callback to a sanitizer runtime through
// this hook; the addon expects it through the fork's __jazzer_set_death_callback.
void __sanitizer_set_death_callback(void (*callback)()) {
  __jazzer_set_death_callback(callback);
}
}

namespace fuzzer {
typedef int (*UserCallback)(const uint8_t *Data, size_t Size);
}

// The addon's callback returns -2 after a finding (JS has already printed it
// and written the crash- file); the fork stops its loop on that, stock libFuzzer
// would go on fuzzing and later exit 0, hiding the finding. The build links with
// --wrap for FuzzerDriver, so the addon's call lands here.
namespace {
constexpr int kStopAfterFinding = -2;
constexpr int kFindingExitCode = 77; // jazzer.js's exit code for a finding
fuzzer::UserCallback gAddonCallback = nullptr;

int StopOnFinding(const uint8_t *data, size_t size) {
  int result = gAddonCallback(data, size);
  if (result == kStopAfterFinding)
    std::_Exit(kFindingExitCode);
  return result;
}
} // namespace

extern "C" int
__real__ZN6fuzzer12FuzzerDriverEPiPPPcPFiPKhmE(int *argc, char ***argv,
                                               fuzzer::UserCallback callback);

extern "C" int
__wrap__ZN6fuzzer12FuzzerDriverEPiPPPcPFiPKhmE(int *argc, char ***argv,
                                               fuzzer::UserCallback callback) {
  gAddonCallback = callback;
  return __real__ZN6fuzzer12FuzzerDriverEPiPPPcPFiPKhmE(argc, argv,
                                                        StopOnFinding);
}
