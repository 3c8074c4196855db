#include "rolecall/review/checkup_session.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/review/answer.hpp"
#include "rolecall/review/session_view.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolecall {

std::vector<CheckupQuestion> draw_checkup(std::vector<CheckupQuestion> pool,
                                          const std::map<std::string, int>& times_asked, Day today, int count) {
    auto asked = [&](const CheckupQuestion& q) {
        auto found = times_asked.find(q.key);
        return found == times_asked.end() ? 0 : found->second;
    };
    const std::string day = format_day(today);
    auto mix = [&](const CheckupQuestion& q) { return stable_hash(day + '\n' + q.key); };
    std::sort(pool.begin(), pool.end(), [&](const CheckupQuestion& a, const CheckupQuestion& b) {
        const int left = asked(a);
        const int right = asked(b);
        if (left != right) return left < right;
        return mix(a) < mix(b);
    });
    if (count >= 0 && static_cast<std::size_t>(count) < pool.size()) pool.resize(static_cast<std::size_t>(count));
    return pool;
}

namespace {

class Checkup {
public:
    Checkup(Storage& storage, const Clock& clock, const CheckupOptions& options, const LineReader& read_line,
            std::ostream& out)
        : m_storage(storage),
          m_clock(clock),
          m_options(options),
          m_read_line(read_line),
          m_out(out),
          m_view(make_session_view(options.interactive, options.style, options.width, out, options.prompt_sink)) {}

    CheckupOutcome run() {
        const auto questions =
            draw_checkup(m_storage.checkup_questions(m_options.deck), m_storage.checkup_times_asked(m_options.deck),
                         m_options.today, m_options.count);
        m_outcome.asked = static_cast<int>(questions.size());
        for (const auto& category : m_storage.categories_of_deck(m_options.deck))
            m_aliases[category.name] = category.aliases;
        try {
            for (std::size_t i = 0; i < questions.size(); ++i) {
                if (!ask(questions[i], static_cast<int>(i) + 1)) break;
            }
        } catch (const Error&) {
            score();
            throw;
        }
        score();
        return m_outcome;
    }

private:
    const Style& style() const { return m_options.style; }

    // One question: false when the learner quits (q or end of input).
    bool ask(const CheckupQuestion& question, int number) {
        std::vector<ChoiceOption> options;
        for (const auto& choice : question.choices) options.push_back(ChoiceOption{choice, m_aliases[choice]});
        show(question, number);
        const auto shown = m_clock.now();
        ChoiceAnswer answer;
        while (true) {
            m_view->prompt(fmt::format("Your answer (1-{} or a name; q quit):", options.size()));
            auto line = m_read_line();
            if (!line) return false;
            ++m_line_number;
            m_view->echo(*line);
            if (parse_command(*line) == Command::quit) return false;
            try {
                answer = parse_choice_answer(*line, options, ChoiceInput{true, false});
                break;
            } catch (const Error& error) {
                if (!m_options.interactive)
                    throw usage_error(fmt::format("standard input line {}: {}", m_line_number, error.what()));
                m_view->hint(error.what());
            }
        }
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - shown).count();
        const std::string& chosen = question.choices[answer.option];
        if (m_checkup == 0) {
            m_checkup = m_storage.start_checkup(m_options.deck, m_options.today, format_timestamp(m_clock.now()),
                                                m_outcome.asked);
        }
        m_storage.record_checkup_answer(m_checkup, question.key, question.answer, chosen,
                                        static_cast<int>(std::clamp<std::int64_t>(ms, 0, 24LL * 3600 * 1000)));
        ++m_outcome.answered;
        const bool right = chosen == question.answer;
        if (right) ++m_outcome.right;
        // Right or wrong, why not the option picked, and the fact: as after a review's choice card.
        CardRecord card;
        card.kind = CardKind::choice;
        card.front = question.front;
        card.choices = question.choices;
        card.answer = question.answer;
        card.explanation = question.explanation;
        card.why_not = question.why_not;
        m_view->choice_feedback(card, answer.option, right);
        return true;
    }

    void show(const CheckupQuestion& question, int number) {
        if (!m_options.interactive) {
            m_out << fmt::format("--- question {} of {}\n", number, m_outcome.asked);
            m_out << printable_only(question.front) << '\n';
            for (std::size_t i = 0; i < question.choices.size(); ++i)
                m_out << fmt::format("  {}) {}\n", i + 1, printable_only(question.choices[i]));
            return;
        }
        std::string rule(style().symbol("─", "-"));
        m_out << '\n'
              << style().dim(fmt::format("{}{} Checkup question {} of {} {} {} right so far", rule, rule, number,
                                         m_outcome.asked, style().symbol("·", "-"), m_outcome.right))
              << "\n\n";
        m_out << style().bold(wrap_text(printable_only(question.front), m_options.width ? m_options.width() : 0, "  "))
              << "\n\n";
        for (std::size_t i = 0; i < question.choices.size(); ++i)
            m_out << fmt::format("  {}  {}\n", style().accent(std::to_string(i + 1)),
                                 printable_only(question.choices[i]));
    }

    void score() {
        std::string line = fmt::format("score: {}/{}", m_outcome.right, m_outcome.answered);
        if (m_outcome.answered < m_outcome.asked)
            line += fmt::format(" (stopped after {} of {} questions)", m_outcome.answered, m_outcome.asked);
        if (m_options.interactive) {
            m_out << '\n' << style().bold(line) << '\n';
            if (m_outcome.answered > 0) m_out << style().dim("  'rolecall stats' shows every checkup so far") << '\n';
        } else {
            m_out << "=== checkup over\n" << line << '\n';
        }
        m_out << std::flush;
    }

    Storage& m_storage;
    const Clock& m_clock;
    const CheckupOptions& m_options;
    const LineReader& m_read_line;
    std::ostream& m_out;
    std::unique_ptr<SessionView> m_view;
    std::map<std::string, std::vector<std::string>> m_aliases;
    CheckupOutcome m_outcome;
    Id m_checkup = 0;
    int m_line_number = 0;
};

}  // namespace

CheckupOutcome run_checkup(Storage& storage, const Clock& clock, const CheckupOptions& options,
                           const LineReader& read_line, std::ostream& out) {
    return Checkup(storage, clock, options, read_line, out).run();
}

}  // namespace rolecall
