// Turns the HTML of Anki fields into terminal text: <br> and block ends become line breaks,
// entities are decoded, tags are dropped, <img src=x> becomes [image: x] and [sound:x] becomes
// [sound: x]; control characters are removed.
#pragma once

#include <string>
#include <string_view>

namespace rolecall::import {

std::string html_to_text(std::string_view html);

}  // namespace rolecall::import
