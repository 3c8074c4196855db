// What the hardening tests check in a collection after a crash or a race, read with plain SQL so that
// the checks do not trust the code they check.
#pragma once

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

namespace rolecall::test {

class Sql {
public:
    explicit Sql(const std::filesystem::path& path) {
        // Read-write, as rolecall opens it: a log left by a killed process is replayed here.
        REQUIRE(sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
        sqlite3_busy_timeout(m_db, 5000);
    }
    ~Sql() { sqlite3_close(m_db); }
    Sql(const Sql&) = delete;
    Sql& operator=(const Sql&) = delete;

    // The first column of every row, as text ("" for NULL).
    std::vector<std::string> column(const std::string& sql, const std::string& bound = "") {
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(m_db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK);
        if (sqlite3_bind_parameter_count(stmt) > 0) {
            sqlite3_bind_text(stmt, 1, bound.c_str(), static_cast<int>(bound.size()), SQLITE_TRANSIENT);
        }
        std::vector<std::string> rows;
        int rc = 0;
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            const unsigned char* text = sqlite3_column_text(stmt, 0);
            rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
        }
        sqlite3_finalize(stmt);
        REQUIRE(rc == SQLITE_DONE);
        return rows;
    }

    std::string value(const std::string& sql, const std::string& bound = "") {
        auto rows = column(sql, bound);
        REQUIRE(rows.size() == 1);
        return rows.front();
    }

    long number(const std::string& sql, const std::string& bound = "") { return std::stol(value(sql, bound)); }

private:
    sqlite3* m_db = nullptr;
};

// Checks that hold in every consistent collection, whatever was interrupted.
inline void check_collection(const std::filesystem::path& path) {
    Sql sql(path);
    CHECK(sql.value("PRAGMA integrity_check") == "ok");
    CHECK(sql.column("PRAGMA foreign_key_check").empty());
    // Every card is in the state its last (not undone, not drill) answer left, or new when it has none.
    CHECK(sql.number(R"(
        WITH last AS (SELECT card_id, max(id) AS id FROM reviews WHERE drill = 0 AND undone = 0 GROUP BY card_id)
        SELECT count(*) FROM cards c LEFT JOIN last l ON l.card_id = c.id LEFT JOIN reviews r ON r.id = l.id
        WHERE CASE WHEN r.id IS NULL
              THEN NOT (c.due IS NULL AND c.repetitions = 0 AND c.interval_days = 0 AND c.lapses = 0)
              ELSE NOT (c.repetitions = r.reps_after AND c.ease = r.ease_after AND c.interval_days = r.interval_after
                        AND c.due IS r.due_after AND c.lapses = r.lapses_after) END)") == 0);
    // No answer was graded against a state another answer had already replaced (no lost update):
    // each answer starts from where the card's previous answer left it.
    CHECK(sql.number(R"(
        WITH chain AS (SELECT r.*, lag(reps_after) OVER w AS p_reps, lag(ease_after) OVER w AS p_ease,
                              lag(interval_after) OVER w AS p_interval, lag(due_after) OVER w AS p_due,
                              lag(lapses_after) OVER w AS p_lapses, lag(id) OVER w AS p_id
                       FROM reviews r WHERE drill = 0 AND undone = 0
                       WINDOW w AS (PARTITION BY card_id ORDER BY id))
        SELECT count(*) FROM chain WHERE p_id IS NOT NULL AND NOT (reps_before = p_reps AND ease_before = p_ease
              AND interval_before = p_interval AND due_before IS p_due AND lapses_before = p_lapses))") == 0);
}

}  // namespace rolecall::test
