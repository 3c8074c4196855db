# Warnings and sanitizers as one INTERFACE target, linked PRIVATE by every target of the project.
add_library(rolecall_standard_settings INTERFACE)
target_compile_options(rolecall_standard_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
  -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough)
if(ROLECALL_WERROR)
  target_compile_options(rolecall_standard_settings INTERFACE -Werror)
endif()
if(ROLECALL_SANITIZE)
  target_compile_options(rolecall_standard_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(rolecall_standard_settings INTERFACE -fsanitize=address,undefined)
endif()
# Fuzzing (clang only): every target gets libFuzzer's coverage hooks and the sanitizers; the fuzz
# targets in tests/fuzz link libFuzzer's main.
if(ROLECALL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "ROLECALL_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  target_compile_options(rolecall_standard_settings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(rolecall_standard_settings INTERFACE -fsanitize=address,undefined)
endif()
