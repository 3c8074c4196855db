# Warnings and sanitizers as one INTERFACE target, linked PRIVATE by every target of the project.
add_library(rolecall_standard_settings INTERFACE)
target_compile_options(rolecall_standard_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast
  -Wnon-virtual-dtor -Woverloaded-virtual -Wimplicit-fallthrough)
if(ROLECALL_SANITIZE)
  target_compile_options(rolecall_standard_settings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(rolecall_standard_settings INTERFACE -fsanitize=address,undefined)
endif()
