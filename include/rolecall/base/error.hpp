// The one error type of rolecall. Everything that goes wrong for a reason the user can act on
// is thrown as an Error; main() catches it once and prints "rolecall: error: <what>".
#pragma once

#include <stdexcept>
#include <string>

namespace rolecall {

enum class ExitCode : int { ok = 0, failure = 1, usage = 2 };

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, ExitCode code = ExitCode::failure)
        : std::runtime_error(message), m_code(code) {}

    ExitCode code() const noexcept { return m_code; }

private:
    ExitCode m_code;
};

// A mistake in how rolecall was called (bad flag value, unknown deck, bad date): exit 2.
inline Error usage_error(const std::string& message) { return Error(message, ExitCode::usage); }

}  // namespace rolecall
