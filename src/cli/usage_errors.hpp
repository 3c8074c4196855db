// CLI11's messages for a command line it cannot parse ("Could not convert: id = abc"), said the way
// every other rolecall error is: the thing, what was wrong with it, and where to look.
#pragma once

#include <string>
#include <string_view>

namespace rolecall::cli {

// `what`: CLI11's message; `command`: the subcommand being parsed ("" at the top level). Messages
// it does not know keep their words, with the pointer to the help added.
std::string usage_message(std::string_view what, std::string_view command);

}  // namespace rolecall::cli
