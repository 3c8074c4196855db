#include "rolecall/settings/settings.hpp"

#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/scheduling/fsrs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>

namespace rolecall {

namespace {

struct Range {
    int low, high;
};

std::optional<Range> range_of(std::string_view name) {
    if (name == "new-per-day") return Range{0, 9999};
    if (name == "reviews-per-day") return Range{0, 99999};
    if (name == "rollover-hour") return Range{0, 23};
    if (name == "grade-right") return Range{0, 5};
    if (name == "grade-wrong") return Range{0, passing_grade - 1};  // a wrong pick never passes
    if (name == "max-interval") return Range{1, default_max_interval};
    if (name == "quick-seconds" || name == "slow-seconds") return Range{0, 3600};
    if (name == "follow-ups") return Range{0, 9};
    if (name == "leech-lapses") return Range{0, 999};
    return std::nullopt;
}

std::string key_for(std::string_view name, DeckFilter deck) {
    return deck ? fmt::format("deck/{}/{}", *deck, name) : std::string(name);
}

int as_int(const std::string& value) { return std::stoi(value); }

// The defaults of fsrs-params as `config` shows them, made once.
std::string_view default_parameters_text() {
    static const std::string text = fsrs::format_parameters(fsrs::default_parameters);
    return text;
}

std::optional<double> parse_number(std::string_view text) {
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

double parse_retention(std::string_view text) { return parse_number(text).value_or(fsrs::default_desired_retention); }

std::string validated_retention(std::string_view text) {
    const std::optional<double> value = parse_number(text);
    if (!value || !(*value >= fsrs::min_desired_retention - 1e-9 && *value <= fsrs::max_desired_retention + 1e-9)) {
        throw usage_error(fmt::format("desired-retention must be a number from {:.2f} to {:.2f}, not '{}'",
                                      fsrs::min_desired_retention, fsrs::max_desired_retention, text));
    }
    return fmt::format("{:.2f}", *value);
}

// The settings whose change can change cards' memory or schedule.
constexpr std::array<std::string_view, 4> scheduler_setting_names = {"scheduler", "desired-retention", "fuzz",
                                                                     "fsrs-params"};

}  // namespace

const std::vector<SettingSpec>& setting_specs() {
    static const std::vector<SettingSpec> specs = {
        {"new-per-day", "new cards introduced per study day (0..9999)", true, "20"},
        {"reviews-per-day", "answers per study day, new cards included (0..99999)", true, "200"},
        {"rollover-hour", "local hour (0..23) at which a study day starts", false, "4"},
        {"grade-right", "grade suggested after a right choice, neither quick nor slow (0..5)", true, "4"},
        {"grade-wrong", "grade suggested after a wrong choice (0..2: a wrong pick never passes)", true, "1"},
        {"quick-seconds", "a right choice this fast (seconds) is suggested grade 5 (0..3600; 0: never)", true, "8"},
        {"slow-seconds", "a right choice this slow (seconds) is suggested grade 3 (0..3600; 0: never)", true, "25"},
        {"follow-ups", "cards that separate two roles, asked after a wrong pick between them (0..9)", true, "2"},
        {"max-interval", "longest interval in days a card can get (1..36500)", false, "36500"},
        {"leech-lapses", "lapses that make a card a leech, and every half as many after (0..999; 0: never)", true, "8"},
        {"leech-action", "what a leech gets: suspend (tagged leech and out of reviews) or tag (the tag only)", true,
         "suspend"},
        {"colour", "colour on a terminal: auto, always or never", false, "auto"},
        {"scheduler", "what schedules reviews: sm2 (SuperMemo 2) or fsrs (FSRS-6)", true, "sm2"},
        {"desired-retention", "FSRS: the share of reviews to be recalled; higher means more reviews (0.70..0.97)", true,
         "0.90"},
        {"fuzz", "FSRS: spread intervals a little so cards learnt together part (on or off)", true, "on"},
        {"fsrs-params", "FSRS: the 21 parameters (`rolecall optimize` fits them; Anki's can be pasted)", true,
         default_parameters_text()},
        {"sync-dir", "the folder `rolecall sync` uses when given none (this device's own; not synced)", false, ""},
    };
    return specs;
}

const SettingSpec& find_setting(std::string_view name) {
    for (const auto& spec : setting_specs()) {
        if (spec.name == name) return spec;
    }
    std::string names;
    std::vector<std::string> candidates;
    for (const auto& spec : setting_specs()) {
        names += (names.empty() ? "" : ", ") + std::string(spec.name);
        candidates.emplace_back(spec.name);
    }
    if (auto near = closest_match(std::string(name), candidates)) {
        throw usage_error(fmt::format("unknown setting '{}': did you mean '{}'?", name, *near));
    }
    throw usage_error(fmt::format("unknown setting '{}': settings are {}", name, names));
}

std::string stored_parameters(const fsrs::Parameters& w) {
    std::string text;
    for (double value : w) text += fmt::format("{}{}", text.empty() ? "" : ", ", value);
    return text;
}

bool is_scheduler_setting(std::string_view name) {
    return std::find(scheduler_setting_names.begin(), scheduler_setting_names.end(), name) !=
           scheduler_setting_names.end();
}

bool has_scheduler_settings(Storage& storage, Id deck) {
    for (std::string_view name : scheduler_setting_names) {
        if (storage.setting(key_for(name, deck))) return true;
    }
    return false;
}

DeckSchedulers own_scheduler_configs(Storage& storage) {
    DeckSchedulers configs;
    for (const auto& deck : storage.decks()) {
        if (has_scheduler_settings(storage, deck.id)) configs[deck.id] = load_settings(storage, deck.id).scheduler;
    }
    return configs;
}

ColourMode colour_mode_from_string(std::string_view text) {
    if (text == "auto") return ColourMode::automatic;
    if (text == "always") return ColourMode::always;
    if (text == "never") return ColourMode::never;
    throw usage_error(fmt::format("colour must be auto, always or never, not '{}'", text));
}

std::string validated_setting(std::string_view name, std::string_view value) {
    const SettingSpec& spec = find_setting(name);
    std::string text(trim(value));
    if (spec.name == "colour") {
        colour_mode_from_string(text);
        return text;
    }
    if (spec.name == "leech-action") {
        leech_action_from_string(text);
        return text;
    }
    if (spec.name == "scheduler") {
        scheduler_kind_from_string(text);
        return text;
    }
    if (spec.name == "fuzz") {
        if (text != "on" && text != "off") throw usage_error(fmt::format("fuzz must be on or off, not '{}'", text));
        return text;
    }
    if (spec.name == "sync-dir") {
        if (text.empty()) throw usage_error("sync-dir must be a folder, not empty; `config unset sync-dir` removes it");
        return text;
    }
    if (spec.name == "desired-retention") return validated_retention(text);
    if (spec.name == "fsrs-params") {
        try {
            return stored_parameters(fsrs::parse_parameters(text));
        } catch (const Error& error) {
            throw usage_error(error.what());  // a value the user typed: a usage error, exit 2
        }
    }
    Range range = *range_of(spec.name);
    int number = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || number < range.low ||
        number > range.high) {
        throw usage_error(fmt::format("{} must be {}..{}, not '{}'", spec.name, range.low, range.high, text));
    }
    return std::to_string(number);
}

std::optional<std::string> stored_setting(Storage& storage, std::string_view name, DeckFilter deck) {
    return storage.setting(key_for(find_setting(name).name, deck));
}

void store_setting(Storage& storage, std::string_view name, std::string_view value, DeckFilter deck) {
    const SettingSpec& spec = find_setting(name);
    if (deck && !spec.per_deck) {
        throw usage_error(fmt::format("{} applies to every deck; set it without --deck", spec.name));
    }
    storage.set_setting(key_for(spec.name, deck), validated_setting(spec.name, value));
}

void remove_setting(Storage& storage, std::string_view name, DeckFilter deck) {
    storage.remove_setting(key_for(find_setting(name).name, deck));
}

Settings load_settings(Storage& storage, DeckFilter deck) {
    Settings settings;
    auto value = [&](std::string_view name) -> std::optional<std::string> {
        if (deck && find_setting(name).per_deck) {
            if (auto own = storage.setting(key_for(name, deck))) return own;
        }
        return storage.setting(std::string(name));
    };
    // Stored values were validated when set; a value edited by hand into nonsense reads as unset, so
    // the default stands.
    auto checked = [&](std::string_view name) -> std::optional<std::string> {
        auto stored = value(name);
        if (!stored) return std::nullopt;
        try {
            return validated_setting(name, *stored);
        } catch (const Error&) {
            return std::nullopt;
        }
    };
    auto number = [&](std::string_view name, int fallback) {
        const auto valid = checked(name);
        return valid ? as_int(*valid) : fallback;
    };
    settings.new_per_day = number("new-per-day", settings.new_per_day);
    settings.reviews_per_day = number("reviews-per-day", settings.reviews_per_day);
    settings.rollover_hour = number("rollover-hour", settings.rollover_hour);
    settings.grade_right = number("grade-right", settings.grade_right);
    settings.grade_wrong = number("grade-wrong", settings.grade_wrong);
    settings.scheduler.max_interval = number("max-interval", settings.scheduler.max_interval);
    settings.quick_seconds = number("quick-seconds", settings.quick_seconds);
    settings.follow_ups = number("follow-ups", settings.follow_ups);
    settings.slow_seconds = number("slow-seconds", settings.slow_seconds);
    settings.leech.lapses = number("leech-lapses", settings.leech.lapses);
    if (auto action = checked("leech-action")) settings.leech.action = leech_action_from_string(*action);
    if (auto kind = checked("scheduler")) settings.scheduler.kind = scheduler_kind_from_string(*kind);
    if (auto retention = checked("desired-retention"))
        settings.scheduler.desired_retention = parse_retention(*retention);
    if (auto fuzz = checked("fuzz")) settings.scheduler.fuzz = *fuzz == "on";
    if (auto w = checked("fsrs-params")) settings.scheduler.parameters = fsrs::parse_parameters(*w);
    if (auto colour = checked("colour")) settings.colour = colour_mode_from_string(*colour);
    return settings;
}

}  // namespace rolecall
